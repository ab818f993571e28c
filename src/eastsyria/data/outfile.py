"""Every file a user names for output (`-o`, `--svg`, `--rejected`, a report) is written here,
by one set of rules: what is at the path is never destroyed.

- A device, a FIFO or any other file that is not a regular file is written into, as a
  shell's `>` would: `-o /dev/null` discards, `-o /dev/stdout` writes to standard output, a
  FIFO feeds whatever reads it. The node itself stays.
- A symbolic link is followed: its target is written by these rules, the link stays.
- A regular file is replaced atomically once the new content is whole, so a failure (a full
  disk, Ctrl-C) leaves the earlier file as it was; it keeps its mode, and its owner where the
  process may set it. One with other hard links is rewritten in place, once the new content
  is whole beside it, so that every link sees it; so is one in a folder the process may not
  create files in, or another's file in a sticky folder (/tmp) it may write but not replace.
- A new file gets the mode a shell gives one: 0666 less the umask.

A path that cannot be written at all (a folder, a folder that does not exist, the data file
being read) is refused before any work, with exit status 2 (`check_target`); a write that
fails as it happens (a full disk, a read-only file system, no permission) is one line with
exit status 74 (errors.OutputError), and leaves no temporary file behind.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

from eastsyria.errors import InputError, OutputError

# Errors creating a file beside the target that writing the target in place gets round.
_NO_FILE_BESIDE = frozenset({errno.EACCES, errno.EPERM})


class _WriteFailed(OSError):
    """A write to the output failed: told apart from an OSError of the caller's own work
    (reading its input) inside the block, which is not the output's to report."""


class _Written(io.FileIO):
    def write(self, data: ReadableBuffer, /) -> int:
        try:
            return super().write(data)
        except BrokenPipeError:
            raise  # the reader went away (`-o /dev/stdout | head`): quiet, as for stdout
        except OSError as exc:
            raise _WriteFailed(exc.errno, exc.strerror) from None


def check_target(
    path: Path, kind: str, *, named: str = "out", never: Mapping[Path, str] | None = None
) -> None:
    """Refuse `path` for a `kind` of output ('SVG', 'the report') before anything is computed,
    so that a refusal never follows data already written. `named`: a file name to suggest
    for a folder ('out.svg'); `never`: files no output may replace, each with what it is
    ('the data file being read')."""
    shown = str(path)
    if path.is_dir():
        raise InputError(
            f"cannot write {kind} to {shown!r}: it is a directory; name a file in it,"
            f" such as {str(path / named)!r}"
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(
            f"cannot write {kind} to {shown!r}: no directory {str(parent)!r}; create it first"
        )
    target = _resolved(path)
    for kept, what in (never or {}).items():
        if target is not None and _same_file(target, kept):
            raise InputError(
                f"cannot write {kind} to {shown!r}: it is {what}; write to a file of its own"
            )


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def _same_file(one: Path, other: Path) -> bool:
    """Whether two paths name one file: the same path once resolved (a file yet to be made,
    as `-o x --rejected x`), or one file by two names (a hard link)."""
    if one == _resolved(other):
        return True
    try:
        return one.exists() and other.exists() and one.samefile(other)
    except OSError:
        return False


def write_text(path: Path, kind: str, text: str) -> None:
    """Write `text` (UTF-8) to `path` by the rules above."""
    with output_file(path, kind) as out:
        out.write(text)


@contextlib.contextmanager
def output_file(path: Path, kind: str) -> Iterator[IO[str]]:
    """A text stream (UTF-8, newlines as written) for `path`, put in place by the rules above
    when the block ends without an error, and discarded if it raises."""
    in_block = False
    try:
        with _opened(path) as out:
            in_block = True
            yield out
            in_block = False
    except OSError as exc:
        if isinstance(exc, BrokenPipeError) or (in_block and not isinstance(exc, _WriteFailed)):
            raise
        reason = exc.strerror or str(exc)
        raise OutputError(f"cannot write {kind} to {str(path)!r}: {reason}") from None


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[IO[str]]:
    try:
        # Followed through any symbolic link: the link stays, what it names is written.
        found = os.stat(path)
    except FileNotFoundError:
        found = None
    if found is not None and (not stat.S_ISREG(found.st_mode) or _names_a_descriptor(path)):
        # `-o /dev/stdout > file`: the shell's file is written through the descriptor it
        # opened, not replaced by a new file of the same name.
        with _stream(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)) as out:
            yield out
        return
    target = Path(os.path.realpath(path))
    if found is not None and not os.access(target, os.W_OK):
        # As `>` would: a file its owner made read-only is not replaced behind their back.
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    try:
        descriptor, temporary = _file_beside(target)
    except OSError as exc:
        if found is None or exc.errno not in _NO_FILE_BESIDE:
            raise
        # The folder takes no new file, but the file itself may be written: as `>` would.
        with _stream(os.open(target, os.O_WRONLY | os.O_TRUNC)) as out:
            yield out
        return
    try:
        with _stream(descriptor) as out:
            _give_mode(out.fileno(), found)
            yield out
            out.flush()
            os.fsync(out.fileno())
        if found is not None and found.st_nlink > 1:
            _copy_into(temporary, target)
            os.unlink(temporary)
        else:
            try:
                os.replace(temporary, target)
            except PermissionError:
                if found is None:
                    raise
                # Another's file in a sticky folder (/tmp) cannot be replaced, but may be
                # written: as `>` would.
                _copy_into(temporary, target)
                os.unlink(temporary)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _names_a_descriptor(path: Path) -> bool:
    shown = str(path)
    return shown in ("/dev/stdout", "/dev/stderr") or shown.startswith(("/dev/fd/", "/proc/"))


def _file_beside(target: Path) -> tuple[int, str]:
    import tempfile

    return tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")


def _stream(descriptor: int) -> IO[str]:
    return io.TextIOWrapper(io.BufferedWriter(_Written(descriptor, "w")), "utf-8", newline="")


def _give_mode(descriptor: int, found: os.stat_result | None) -> None:
    """The mode (and owner) the file at the path had, or a new file's."""
    if found is None:
        os.fchmod(descriptor, 0o666 & ~_umask())
        return
    os.fchmod(descriptor, stat.S_IMODE(found.st_mode))
    if (found.st_uid, found.st_gid) != (os.geteuid(), os.getegid()):
        with contextlib.suppress(OSError):
            os.fchown(descriptor, found.st_uid, found.st_gid)


def _umask() -> int:
    # Read by setting it: the process is single-threaded here, and it is set straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _copy_into(source: str, target: Path) -> None:
    with open(source, "rb") as new, open(target, "r+b") as old:
        old.truncate(0)
        while piece := new.read(1 << 20):
            old.write(piece)
        old.flush()
        os.fsync(old.fileno())
