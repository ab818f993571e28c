"""Every path a user names for output is written by one set of rules (`data.outfile`), and
what is at the path is never destroyed: a device or FIFO is written into, a symbolic link is
followed, a regular file is replaced whole or not at all, keeping its mode, its owner and its
other hard links; a new file gets 0666 less the umask. A write that fails is one line and
exit 74; a path that cannot be written at all is refused before any work, exit 2.

Found by the outside probe of issue 26: `import -o /dev/full` (as root) replaced the device
node with a 0600 regular file; a FIFO, a symlink, hard links and the mode were lost;
`report -o` and `--svg` on a full disk exited 2 and truncated the earlier file to 0 bytes.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import MINI, TESTS, Result, Run, run_process, subprocess_env
from eastsyria.data import outfile

ACLED = TESTS / "samples" / "acled-syria.csv"

# Each way of writing a file a user names: the command line that writes `path`.
WRITERS: dict[str, Callable[[Path], list[str]]] = {
    "timeline --svg": lambda path: ["--data", str(MINI), "timeline", "--svg", str(path)],
    "map --svg": lambda path: ["--data", str(MINI), "map", "--svg", str(path)],
    "control --svg": lambda path: ["--data", str(MINI), "control", "--svg", str(path)],
    "report -o": lambda path: ["--data", str(MINI), "report", "-o", str(path)],
    "import -o": lambda path: ["import", "acled", str(ACLED), "-o", str(path)],
    "import --rejected": lambda path: ["import", "acled", str(ACLED), "--rejected", str(path)],
}
# What the start of each written file is.
STARTS = {
    "timeline --svg": b"<?xml",
    "map --svg": b"<?xml",
    "control --svg": b"<?xml",
    "report -o": b"<!DOCTYPE html>",
    "import -o": b"{",
    "import --rejected": b"line,reason",
}
# The file name suggested when the path given is a folder.
NAMED = {
    "timeline --svg": "timeline.svg",
    "map --svg": "map.svg",
    "control --svg": "control.svg",
    "report -o": "report.html",
    "import -o": "import.json",
    "import --rejected": "rejected.csv",
}
EARLIER = b"an earlier file, kept whole\n"

every_writer = pytest.mark.parametrize("writer", sorted(WRITERS))


def _write(run: Run, writer: str, path: Path) -> Result:
    return run(*WRITERS[writer](path))


def _one_error_line(result: Result) -> str:
    """The error, the last line on stderr and the only one (`import` reports the rows it
    rejected as it goes, before)."""
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    errors = [line for line in lines if line.startswith("eastsyria: error: ")]
    assert errors == lines[-1:], result.err
    return errors[0]


def _no_temporary_left(folder: Path, *kept: str) -> None:
    assert sorted(p.name for p in folder.iterdir()) == sorted(kept)


@pytest.fixture
def working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def umask_002() -> Iterator[None]:
    old = os.umask(0o002)
    try:
        yield
    finally:
        os.umask(old)


@every_writer
def test_a_new_file_gets_the_mode_a_shell_gives_it(
    run: Run, tmp_path: Path, writer: str, umask_002: None
) -> None:
    target = tmp_path / "out"
    result = _write(run, writer, target)
    assert result.status == 0, result.err
    assert target.read_bytes().startswith(STARTS[writer])
    # 0666 less the umask (002), as `> out` would make it; not a temporary file's 0600.
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
    _no_temporary_left(tmp_path, "out")


@every_writer
def test_a_regular_file_is_replaced_keeping_its_mode(run: Run, tmp_path: Path, writer: str) -> None:
    target = tmp_path / "out"
    target.write_bytes(EARLIER)
    target.chmod(0o640)
    result = _write(run, writer, target)
    assert result.status == 0, result.err
    assert target.read_bytes().startswith(STARTS[writer])
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    _no_temporary_left(tmp_path, "out")


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another owner")
def test_a_replaced_file_keeps_its_owner(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.svg"
    target.write_bytes(EARLIER)
    os.chown(target, 4321, 4322)
    assert _write(run, "timeline --svg", target).status == 0
    assert (target.stat().st_uid, target.stat().st_gid) == (4321, 4322)


@every_writer
def test_a_symbolic_link_is_followed_and_stays(run: Run, tmp_path: Path, writer: str) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "file"
    target.write_bytes(EARLIER)
    link = tmp_path / "link"
    link.symlink_to(target)
    result = _write(run, writer, link)
    assert result.status == 0, result.err
    assert link.is_symlink()
    assert link.readlink() == target
    assert target.read_bytes().startswith(STARTS[writer])
    _no_temporary_left(tmp_path / "real", "file")


def test_a_dangling_symbolic_link_makes_its_target(run: Run, tmp_path: Path) -> None:
    link = tmp_path / "link.svg"
    link.symlink_to(tmp_path / "made.svg")
    assert _write(run, "timeline --svg", link).status == 0
    assert link.is_symlink()
    assert (tmp_path / "made.svg").read_bytes().startswith(b"<?xml")


@every_writer
def test_every_hard_link_sees_the_new_content(run: Run, tmp_path: Path, writer: str) -> None:
    target = tmp_path / "out"
    target.write_bytes(EARLIER)
    other = tmp_path / "other-name"
    os.link(target, other)
    result = _write(run, writer, target)
    assert result.status == 0, result.err
    assert target.stat().st_nlink == 2
    assert target.samefile(other)
    assert other.read_bytes().startswith(STARTS[writer])
    _no_temporary_left(tmp_path, "other-name", "out")


@every_writer
def test_a_fifo_is_written_into_and_stays(run: Run, tmp_path: Path, writer: str) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    # The reader must be there before the writer opens the FIFO, as at a shell.
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = _write(run, writer, fifo)
    reader.join(timeout=30)
    assert result.status == 0, result.err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert len(received) == 1
    assert received[0].startswith(STARTS[writer])
    _no_temporary_left(tmp_path, "fifo")


def _device(tmp_path: Path, name: str, minor: int) -> Path:
    """A character device of the memory driver (1, minor) of our own: a test run on the
    code before the fix would have replaced it, not the machine's /dev/null."""
    node = tmp_path / name
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("making a device node takes root")
    return node


@every_writer
def test_a_device_is_written_into_and_stays(run: Run, tmp_path: Path, writer: str) -> None:
    null = _device(tmp_path, "null", 3)
    before = null.lstat()
    result = _write(run, writer, null)
    assert result.status == 0, result.err
    after = null.lstat()
    assert (after.st_ino, after.st_mode, after.st_rdev) == (
        before.st_ino,
        before.st_mode,
        before.st_rdev,
    )
    _no_temporary_left(tmp_path, "null")


@every_writer
def test_a_full_device_is_one_line_and_exit_74(run: Run, tmp_path: Path, writer: str) -> None:
    full = _device(tmp_path, "full", 7)
    result = _write(run, writer, full)
    assert result.status == 74
    assert _one_error_line(result).endswith(f"{str(full)!r}: No space left on device")
    assert stat.S_ISCHR(full.lstat().st_mode)
    _no_temporary_left(tmp_path, "full")


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write to an output file fails as on a full disk, after the first 100 bytes (as
    the writer's own stream reports a failed write: a real one is /dev/full's, below)."""
    original = outfile._Written.write
    written: dict[int, int] = {}

    def write(self: outfile._Written, data: bytes) -> int:
        so_far = written.get(id(self), 0)
        if so_far + len(data) > 100:
            raise outfile._WriteFailed(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written[id(self)] = so_far + len(data)
        return original(self, data)

    monkeypatch.setattr(outfile._Written, "write", write)


@every_writer
def test_a_full_disk_leaves_the_earlier_file_whole(
    run: Run, tmp_path: Path, writer: str, full_disk: None
) -> None:
    target = tmp_path / "out"
    target.write_bytes(EARLIER)
    result = _write(run, writer, target)
    assert result.status == 74
    assert _one_error_line(result).endswith(f"{str(target)!r}: No space left on device")
    assert target.read_bytes() == EARLIER
    _no_temporary_left(tmp_path, "out")


@every_writer
def test_a_full_disk_leaves_no_new_file(
    run: Run, tmp_path: Path, writer: str, full_disk: None
) -> None:
    result = _write(run, writer, tmp_path / "out")
    assert result.status == 74
    _one_error_line(result)
    _no_temporary_left(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_a_file_its_owner_made_read_only_is_not_replaced(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.svg"
    target.write_bytes(EARLIER)
    target.chmod(0o444)
    result = _write(run, "timeline --svg", target)
    assert result.status == 74
    assert _one_error_line(result).endswith("Permission denied")
    assert target.read_bytes() == EARLIER


@every_writer
@pytest.mark.parametrize(
    ("where", "says"),
    [
        ("no/such/folder/out", "no directory 'no/such/folder'; create it first"),
        (".", "it is a directory; name a file in it, such as '{named}'"),
    ],
)
def test_a_path_that_cannot_be_written_is_refused_before_any_work(
    run: Run, working_folder: Path, writer: str, where: str, says: str
) -> None:
    result = _write(run, writer, Path(where))
    assert result.status == 2
    assert result.out == ""
    named = NAMED[writer]
    assert _one_error_line(result).endswith(f"{where!r}: {says.format(named=named)}")
    _no_temporary_left(working_folder)


@pytest.mark.parametrize("writer", ["timeline --svg", "map --svg", "control --svg", "report -o"])
def test_a_picture_never_replaces_the_data_file_being_read(
    run: Run, tmp_path: Path, writer: str
) -> None:
    data = tmp_path / "data.json"
    data.write_bytes(MINI.read_bytes())
    args = [data if word == str(MINI) else word for word in WRITERS[writer](data)]
    result = run(*map(str, args))
    assert result.status == 2
    assert "it is the data file being read" in _one_error_line(result)
    assert data.read_bytes() == MINI.read_bytes()


def _process(args: list[str], stdout: Any, **options: Any) -> subprocess.CompletedProcess[str]:
    """The real program with standard output as given, standard error read."""
    return subprocess.run(
        [sys.executable, "-m", "eastsyria", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=subprocess_env(),
        timeout=60,
        check=False,
        **options,
    )


@pytest.mark.parametrize("args", [["--help"], ["events", "--help"], ["--show-completion", "bash"]])
def test_help_to_a_full_device_is_one_line_and_exit_74(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = _process(args, full)
    assert done.returncode == 74, done.stderr
    assert (
        done.stderr
        == "eastsyria: error: cannot write to standard output: No space left on device\n"
    )


@pytest.mark.parametrize("args", [["--help"], ["events", "--help"], ["--show-completion", "bash"]])
def test_help_to_a_closed_stdout_is_exit_74(args: list[str]) -> None:
    # Standard output closed in the child, as `eastsyria --help >&-` leaves it.
    done = _process(args, subprocess.DEVNULL, preexec_fn=lambda: os.close(1))
    assert done.returncode == 74, done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("eastsyria: error: ")


def test_a_real_process_writing_to_a_full_device_says_one_line(tmp_path: Path) -> None:
    full = _device(tmp_path, "full", 7)
    done = run_process("--data", str(MINI), "report", "-o", str(full))
    assert (done.returncode, done.stdout) == (74, "")
    assert done.stderr == (
        f"eastsyria: error: cannot write the report to {str(full)!r}: No space left on device\n"
    )


def test_dev_stdout_redirected_to_a_file_writes_through_the_shells_descriptor(
    tmp_path: Path,
) -> None:
    target = tmp_path / "page.html"
    target.write_bytes(EARLIER)
    inode = target.stat().st_ino
    with target.open("w") as redirected:
        done = _process(["--data", str(MINI), "report", "-o", "/dev/stdout"], redirected)
    assert done.returncode == 0, done.stderr
    # The file the shell opened, not a new one put in its place.
    assert target.stat().st_ino == inode
    assert target.read_bytes().startswith(b"<!DOCTYPE html>")


def test_dev_stdout_into_a_pipe_closed_early_ends_quietly() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "eastsyria", "report", "-o", "/dev/stdout"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(),
    ) as process:
        assert process.stdout is not None
        assert process.stdout.read(15) == b"<!DOCTYPE html>"
        process.stdout.close()
        _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (0, b"")


def test_a_failed_picture_is_the_only_line_even_where_the_answer_has_a_note(
    run: Run, tmp_path: Path, full_disk: None
) -> None:
    # Found by benchmarks/fuzz.py: "Mayadin did not change hands ..." came before the error.
    result = run(
        "control", "mayadin", "--diff", "2018-01-01", "2018-02-01", "--svg", str(tmp_path / "c.svg")
    )
    assert result.status == 74
    assert result.err.splitlines() == [_one_error_line(result)]


def test_a_file_that_may_be_written_but_not_replaced_is_written_in_place(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another user's file in a sticky folder (/tmp): no rename over it, but `>` writes it.
    def refused(source: str, target: str) -> None:
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))

    target = tmp_path / "theirs.svg"
    target.write_bytes(EARLIER)
    inode = target.stat().st_ino
    monkeypatch.setattr(outfile.os, "replace", refused)
    result = _write(run, "timeline --svg", target)
    assert result.status == 0, result.err
    assert target.stat().st_ino == inode
    assert target.read_bytes().startswith(STARTS["timeline --svg"])
    _no_temporary_left(tmp_path, "theirs.svg")


def test_the_rejected_rows_never_go_to_the_file_the_import_goes_to(
    run: Run, working_folder: Path
) -> None:
    result = run("import", "acled", str(ACLED), "-o", "out.json", "--rejected", "./out.json")
    assert result.status == 2
    assert _one_error_line(result).endswith("it is the -o file; write to a file of its own")
    _no_temporary_left(working_folder)
