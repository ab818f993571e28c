"""`pip install .` ships the dataset: build the wheel, install it in a fresh venv, run it."""

from __future__ import annotations

import json
import site
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import subprocess_env

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("eastsyria-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_carries_the_dataset_byte_for_byte(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read("eastsyria/data/events.json")
    assert shipped == (ROOT / "data" / "events.json").read_bytes()


def test_the_wheel_carries_the_report_pages_style_and_script(wheel: Path) -> None:
    # Package data beside output/pictures/page.py, read with importlib.resources.
    folder = ROOT / "src" / "eastsyria" / "output" / "pictures"
    with zipfile.ZipFile(wheel) as archive:
        for name in ("page.css", "page.js"):
            shipped = archive.read(f"eastsyria/output/pictures/{name}")
            assert shipped == (folder / name).read_bytes(), name


def test_the_wheel_carries_the_default_side_mapping_of_the_importers(wheel: Path) -> None:
    # `eastsyria import sides` prints it, and an import without --sides reads it.
    mapping = ROOT / "src" / "eastsyria" / "imports" / "default_sides.toml"
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("eastsyria/imports/default_sides.toml") == mapping.read_bytes()


def test_the_wheel_carries_the_eastsyria_command_as_an_executable_script(wheel: Path) -> None:
    # A script of its own (scripts/eastsyria), not a generated launcher: pip points its
    # first line at the interpreter, and it catches Ctrl-C from its first line on.
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".data/scripts/eastsyria")]
        script = archive.read(name)
        mode = archive.getinfo(name).external_attr >> 16
    assert script.startswith(b"#!python\n")
    assert b"except KeyboardInterrupt" in script
    assert mode & 0o111, oct(mode)
    with zipfile.ZipFile(wheel) as archive:
        entry_points = [n for n in archive.namelist() if n.endswith("entry_points.txt")]
        assert all(b"console_scripts" not in archive.read(n) for n in entry_points)


@pytest.mark.slow
def test_a_fresh_venv_with_the_wheel_answers_the_main_query(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / "bin" / "python"
    target_site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # Install the wheel itself with no network: unpack it into the fresh site-packages
    # through pip (from this environment), dependencies borrowed from this environment.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--target",
            str(target_site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    here = {sysconfig.get_paths()["purelib"], *site.getsitepackages()}
    (target_site / "borrowed-dependencies.pth").write_text("\n".join(sorted(here)) + "\n")

    def installed(*args: str) -> subprocess.CompletedProcess[str]:
        """`eastsyria ARGS` as the fresh venv runs it."""
        done = subprocess.run(
            [str(python), "-m", "eastsyria", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=subprocess_env(),
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done

    result = installed("events", "--from", "2017-11-01", "--place", "Abu Kamal", "--format", "json")
    events = json.loads(result.stdout)
    assert events
    assert all(e["end"] >= "2017-11-01" for e in events)
    where = subprocess.run(
        [str(python), "-c", "import eastsyria.data.load as d; print(d.shipped_data_path())"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(target_site)), where
    # The report reads its style and script from the installed package.
    page = tmp_path / "report.html"
    installed("report", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert "function sortBy(" in html
    assert "dialog::backdrop" in html
    # The importers read their default side mapping from the installed package, and a large
    # file's store (sqlite3, the standard library's) answers as the whole file does.
    assert "[[sides]]" in installed("import", "sides").stdout
    whole = installed("events", "--place", "Mayadin", "--format", "json").stdout
    stored = subprocess.run(
        [str(python), "-m", "eastsyria", "events", "--place", "Mayadin", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=subprocess_env(EASTSYRIA_STORE_MIN_MB="0"),
        check=True,
    ).stdout
    assert stored == whole


def test_the_wheel_carries_the_manual_page_for_share_man(wheel: Path) -> None:
    # hatch's shared-data: pip puts it in the environment's share/man/man1.
    with zipfile.ZipFile(wheel) as archive:
        shipped = {
            name.rsplit("/", 1)[1]: archive.read(name)
            for name in archive.namelist()
            if ".data/data/share/man/man1/" in name
        }
    committed = {page.name: page.read_bytes() for page in (ROOT / "man").glob("*.1")}
    assert "eastsyria.1" in committed
    assert "eastsyria-timeline.1" in committed
    assert shipped == committed


@pytest.mark.slow
def test_man_finds_the_page_of_an_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    """`pip install` into an environment, its bin/ on PATH as an activated venv has it:
    man-db looks in the share/man beside each bin/ on PATH, so `man eastsyria` finds the
    page with no MANPATH set."""
    import os
    import shutil

    man = shutil.which("man")
    if man is None:
        if os.environ.get("CI") == "true":
            pytest.fail("man is not installed; .ci/run installs man-db")
        pytest.skip("man (man-db) is not installed")
    # A fresh venv, the wheel installed into it by this environment's pip (`--python`: an
    # install aimed at this environment would replace the editable one the tests run).
    prefix = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(prefix)
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "--python", str(prefix / "bin" / "python")),
            *("install", "--quiet", "--no-deps", "--no-index", str(wheel)),
        ],
        check=True,
        capture_output=True,
    )
    page = prefix / "share" / "man" / "man1" / "eastsyria.1"
    assert page.read_bytes() == (ROOT / "man" / "eastsyria.1").read_bytes()
    assert (page.parent / "eastsyria-control.1").exists()
    env = {k: v for k, v in subprocess_env().items() if k != "MANPATH"}
    env["PATH"] = f"{prefix / 'bin'}{os.pathsep}{env.get('PATH', os.defpath)}"
    env.update(MANPAGER="cat", PAGER="cat", MANWIDTH="80", HOME=str(tmp_path))
    where = subprocess.run(
        [man, "-w", "eastsyria"], capture_output=True, text=True, env=env, check=False
    )
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()) == page
    shown = subprocess.run([man, "eastsyria"], capture_output=True, text=True, env=env, check=False)
    assert shown.returncode == 0, shown.stderr
    assert "eastsyria - query a source-cited timeline" in shown.stdout
    # A page per command, as git has: `man eastsyria-control`.
    one = subprocess.run(
        [man, "eastsyria-control"], capture_output=True, text=True, env=env, check=False
    )
    assert one.returncode == 0, one.stderr
    assert "eastsyria control [OPTIONS] [PLACE]" in one.stdout
