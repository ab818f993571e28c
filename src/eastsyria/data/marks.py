"""`outside_sources`: the fields of a record whose values the articles do not give.

A source, place, actor or event may mark some of its fields with a note saying where their
values come from (general knowledge, or built from an article's title). A key names a field
of the record (`url`, `aliases`, `parent`), or a field of the items of one of its lists
(`sections.anchor`); the field must hold something to mark. Only validation imports this
module (with pydantic).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field, model_validator

Note = Annotated[str, Field(min_length=1, max_length=2000)]

# Fields a mark may not name: the record's identity, and the marks themselves.
UNMARKABLE = ("id", "outside_sources")


def outside_sources_field() -> Any:
    """The `outside_sources` field, declared last in each record that has it (as it is
    written in the file, after the facts it marks)."""
    return Field(
        default_factory=dict,
        json_schema_extra={"default": {}},
        description="the fields whose values the articles do not give (general knowledge, "
        "or built from the article's title), each with a note saying where they come from; "
        "a key is a field's name, or `list.field` for a field of a list's items",
    )


def _has_value(value: object) -> bool:
    return value not in (None, "", [], {})


def mark_problem(record: BaseModel, key: str) -> str | None:
    """What is wrong with the mark `key` of `record`, if anything."""
    fields = type(record).model_fields
    head, _, tail = key.partition(".")
    if head not in fields or head in UNMARKABLE:
        markable = ", ".join(name for name in fields if name not in UNMARKABLE)
        return (
            f"outside_sources names {key!r}, which is not a field of this record; "
            f"expected one of: {markable}"
        )
    value = getattr(record, head)
    if tail:
        items = value if isinstance(value, list) else []
        if not items or not all(isinstance(item, BaseModel) for item in items):
            return f"outside_sources names {key!r}, but {head!r} is not a list of records"
        if tail not in type(items[0]).model_fields:
            return f"outside_sources names {key!r}: the items of {head!r} have no {tail!r}"
        value = [getattr(item, tail) for item in items if _has_value(getattr(item, tail))]
    if not _has_value(value):
        return (
            f"outside_sources marks {key!r}, which is empty here: drop the mark, or give the value"
        )
    return None


class Marked(BaseModel):
    """A record that may mark fields the articles do not give. Each record declares
    `outside_sources` itself (`outside_sources_field`), last: one declared here would come
    first in the record."""

    @model_validator(mode="after")
    def _marks_known_fields(self) -> Marked:
        for key in self.__dict__["outside_sources"]:
            problem = mark_problem(self, key)
            if problem is not None:
                raise ValueError(problem)
        return self
