"""An option that takes one value, given twice with two different values, is refused.

Click keeps the last value of an option given twice (`--from 2017-10 --from 2017-11`): a
shell alias or a script's fixed options and the user's own would meet, and one would be
dropped without a word. Here every option of every command, and the global `--data`, is
checked once, while Click parses the words: the second, different value is one line and
exit 2, naming the option and both values. The options declared repeatable (`--place`,
`--actor`, `--side`, `--type`, `--campaign`, `--party`: Click's `multiple`) gather every
value as before; flags (`--all`, `--total`) given twice are still the same flag, and an
option given twice with the same value is that value.

While a shell completes a word (Click's resilient parsing) nothing is refused: completion
reads the words as Click always did.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    from typer._click.core import Context
    from typer._click.parser import _Option, _OptionParser, _ParsingState


def _shown(value: Any) -> str:
    """A value as typed: 'a' for one word, '2017-10 2017-11' for an option of two."""
    return repr(" ".join(value) if isinstance(value, tuple | list) else value)


def _refusing(option: _Option, parser: _OptionParser) -> None:
    """Make `option` refuse a second, different value (see the module's doc)."""
    kept = option.process

    def process(value: Any, state: _ParsingState) -> None:
        before = state.opts.get(option.dest, _UNSET) if option.dest else _UNSET
        resilient = parser.ctx is not None and parser.ctx.resilient_parsing
        if before is not _UNSET and before != value and not resilient:
            from typer._click.exceptions import UsageError

            flags = "/".join(option._long_opts + option._short_opts)
            raise UsageError(
                f"{flags} was given twice ({_shown(before)} and {_shown(value)}); give it once",
                parser.ctx,
            )
        kept(value, state)

    option.process = process  # type: ignore[method-assign]


_UNSET = object()


def one_value_parser(parser: _OptionParser) -> _OptionParser:
    """`parser` with every option that stores one value refusing a second (`_refusing`)."""
    seen: set[int] = set()
    for option in (*parser._long_opt.values(), *parser._short_opt.values()):
        if option.action == "store" and id(option) not in seen:
            seen.add(id(option))
            _refusing(option, parser)
    return parser


class OneValueCommand(TyperCommand):
    """Typer's command, whose single-value options refuse a second value."""

    def make_parser(self, ctx: Context) -> _OptionParser:
        return one_value_parser(super().make_parser(ctx))


class OneValueGroup(TyperGroup):
    """Typer's group, whose own options (`--data`) refuse a second value."""

    def make_parser(self, ctx: Context) -> _OptionParser:
        return one_value_parser(super().make_parser(ctx))
