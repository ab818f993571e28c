"""Headless Chromium for tests, driven through the DevTools protocol: standard library only.

Debian's `chromium` is started with `--remote-debugging-pipe`: it reads protocol messages on
its file descriptor 3 and writes its own on 4, each a JSON object ended by a NUL byte. A
`Browser` opens a page (`Browser.open(url)`) and hands back a `Page` that says what the page
did while it loaded and after: every request it made other than its own file (`requests`),
every console error and uncaught exception (`errors`); it evaluates JavaScript, types into
a field and clicks an element as a person would (real input events), and takes a PNG
screenshot. The browser is kept off the network whatever a page asks for: host names
resolve to nothing, and no background service of the browser runs.

    with Browser() as browser:
        page = browser.open(path.as_uri())
        assert page.requests == [] and page.errors == []
        count = page.evaluate("document.querySelectorAll('g.event').length")

Every wait has a deadline; the browser and all its processes are killed on the way out.
`chromium_or_skip()` skips a test where there is no chromium, and fails it in CI (CI=true),
where .ci/run installs it.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

COMMAND = "chromium"
# Seconds for the browser to answer one message, and for a page to load: a deadline for a
# browser that hangs, far above what a slow start takes on a machine busy with other runs.
TIMEOUT = 90.0
# After the load event, how long the page must stay quiet (no new request, no error)
# before it counts as settled: a script may fetch something a moment after the load.
SETTLE = 0.3

FLAGS = (
    "--headless",
    "--remote-debugging-pipe",
    # Off the network whatever a page or the browser itself tries: no host resolves.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-domain-reliability",
    "--no-first-run",
    "--no-default-browser-check",
    "--no-pings",
    "--metrics-recording-only",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
)


class BrowserError(RuntimeError):
    """The browser did not start, answer or load in time, or refused a command."""


class _Quiet(BrowserError):
    """Nothing came from the browser before the deadline."""


def chromium_or_skip() -> str:
    """The path of `chromium`; skip the test when it is missing, fail it in CI."""
    import pytest

    found = shutil.which(COMMAND)
    if found is None:
        message = f"{COMMAND} is not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI must install it: see .ci/run)")
        pytest.skip(message)
    return found


def _above_four(fd: int) -> int:
    """`fd` moved to a descriptor above 4 (a copy made inheritable; the original closed)."""
    import fcntl

    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return moved


class Browser:
    """One headless Chromium, for as long as the `with` block lasts."""

    def __init__(self, *, width: int = 1300, height: int = 900, command: str = COMMAND) -> None:
        self.width, self.height = width, height
        self._command = command
        self._next_id = 0
        self._buffer = b""
        # Events read while waiting for something else, for whoever asks next.
        self._events: list[dict[str, Any]] = []
        self._process: subprocess.Popen[bytes] | None = None
        self._profile: tempfile.TemporaryDirectory[str] | None = None

    def __enter__(self) -> Browser:
        self._profile = tempfile.TemporaryDirectory(prefix="eastsyria-chromium-")
        to_browser, self._writer = os.pipe()
        self._reader, from_browser = os.pipe()
        # Out of the way of 3 and 4, which the shell below fills.
        to_browser, from_browser = (_above_four(fd) for fd in (to_browser, from_browser))
        flags = [*FLAGS, f"--user-data-dir={self._profile.name}"]
        if os.geteuid() == 0:
            flags.append("--no-sandbox")
        # bash (not sh: dash takes no descriptor above 9) puts the two pipe ends on the
        # descriptors the protocol names (3 and 4), then becomes the browser: its id is the
        # browser's.
        script = (
            f'exec "$0" "$@" 3<&{to_browser} 4>&{from_browser} {to_browser}<&- {from_browser}>&-'
        )
        log = Path(self._profile.name) / "chromium.log"
        with log.open("wb") as stderr:
            self._process = subprocess.Popen(
                ["bash", "-c", script, self._command, *flags, "about:blank"],
                stdin=subprocess.DEVNULL,
                stdout=stderr,
                stderr=stderr,
                pass_fds=(to_browser, from_browser),
                # A process group of its own: every process it starts ends with it.
                start_new_session=True,
            )
        os.close(to_browser)
        os.close(from_browser)
        try:
            self.send("Target.setDiscoverTargets", {"discover": False})
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Ask the browser to quit, then kill whatever of it is left, and remove its profile."""
        process = self._process
        if process is not None and process.poll() is None:
            with contextlib.suppress(BrowserError, OSError):
                self._write({"id": self._new_id(), "method": "Browser.close"})
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=5)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=5)
        for fd in (getattr(self, "_reader", None), getattr(self, "_writer", None)):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._reader = self._writer = None  # type: ignore[assignment]
        if self._profile is not None:
            self._profile.cleanup()
            self._profile = None
        self._process = None

    # -- the protocol -------------------------------------------------------------------------

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _write(self, message: dict[str, Any]) -> None:
        data = json.dumps(message).encode() + b"\0"
        while data:
            written = os.write(self._writer, data)
            data = data[written:]

    def _read(self, deadline: float) -> dict[str, Any]:
        """The next message from the browser; BrowserError at the deadline."""
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise _Quiet("timed out waiting for the browser")
            ready, _, _ = select.select([self._reader], [], [], left)
            if ready:
                chunk = os.read(self._reader, 1 << 16)
                if not chunk:
                    raise BrowserError(f"the browser quit: {self._log_tail()}")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)  # type: ignore[no-any-return]

    def _log_tail(self) -> str:
        if self._profile is None:
            return ""
        log = Path(self._profile.name) / "chromium.log"
        return log.read_text(errors="replace")[-2000:] if log.exists() else ""

    def send(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
        timeout: float = TIMEOUT,
    ) -> dict[str, Any]:
        """Send one command and wait for its answer; events read meanwhile are kept."""
        message_id = self._new_id()
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        self._write(message)
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})  # type: ignore[no-any-return]
            if "method" in reply:
                self._events.append(reply)

    def events(self, until: float) -> list[dict[str, Any]]:
        """The events kept so far and those that arrive before `until` (a monotonic time)."""
        with contextlib.suppress(_Quiet):
            while time.monotonic() < until:
                self._events.append(self._read(until))
        taken, self._events = self._events, []
        return taken

    # -- pages --------------------------------------------------------------------------------

    def open(self, url: str, *, timeout: float = TIMEOUT) -> Page:
        """A new tab showing `url`, loaded and settled (see SETTLE)."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        page = Page(self, session, url)
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session=session)
        metrics = {"width": self.width, "height": self.height}
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {**metrics, "deviceScaleFactor": 1, "mobile": False},
            session=session,
        )
        self.send("Page.navigate", {"url": url}, session=session)
        page.wait_for("Page.loadEventFired", timeout)
        page.settle()
        return page


class Page:
    """One loaded tab: what it requested and reported, and ways to act on it."""

    def __init__(self, browser: Browser, session: str, url: str) -> None:
        self.browser, self.session, self.url = browser, session, url
        # Every URL the page asked for other than its own file, in order.
        self.requests: list[str] = []
        # Every console error, uncaught exception and error the browser logged for it.
        self.errors: list[str] = []

    def _take(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Note the requests and errors among `events`; return those of this page."""
        mine = [e for e in events if e.get("sessionId") == self.session]
        # Another tab's events wait for it; the browser's own (no session) are not needed.
        others = [e for e in events if e.get("sessionId") not in (None, self.session)]
        self.browser._events.extend(others)
        for event in mine:
            method, params = event["method"], event.get("params", {})
            if method == "Network.requestWillBeSent":
                requested = params["request"]["url"]
                if requested != self.url:
                    self.requests.append(requested)
            elif method == "Runtime.consoleAPICalled" and params.get("type") in (
                "error",
                "assert",
            ):
                said = " ".join(
                    str(a.get("value", a.get("description", ""))) for a in params["args"]
                )
                self.errors.append(f"console.{params['type']}: {said}")
            elif method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                thrown = details.get("exception", {}).get("description") or details.get("text")
                self.errors.append(f"uncaught: {thrown}")
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                self.errors.append(f"{params['entry']['source']}: {params['entry']['text']}")
        return mine

    def wait_for(self, method: str, timeout: float = TIMEOUT) -> dict[str, Any]:
        """Wait for this page's next event `method`; its params."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event in self._take(self.browser.events(min(deadline, time.monotonic() + 0.05))):
                if event["method"] == method:
                    return event.get("params", {})  # type: ignore[no-any-return]
        raise BrowserError(f"timed out waiting for {method} on {self.url}")

    def settle(self, quiet: float = SETTLE, timeout: float = TIMEOUT) -> None:
        """Read events until none of this page's arrives for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._take(self.browser.events(time.monotonic() + quiet)):
                return
        raise BrowserError(f"{self.url} never settled")

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        result = self.browser.send(method, params, session=self.session)
        self._take(self.browser.events(time.monotonic()))
        return result

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (a promise awaited); BrowserError if it throws."""
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            thrown = details.get("exception", {}).get("description") or details.get("text")
            raise BrowserError(f"{expression!r} threw: {thrown}")
        return result["result"].get("value")

    def _centre(self, selector: str) -> tuple[float, float]:
        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " if (!e) return null; e.scrollIntoView({block: 'center'});"
            " const r = e.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
        )
        if box is None:
            raise BrowserError(f"no element {selector!r} on {self.url}")
        return box[0], box[1]

    def click(self, selector: str) -> None:
        """Click the middle of the first element `selector` finds, as a mouse would."""
        x, y = self._centre(selector)
        for kind in ("mousePressed", "mouseReleased"):
            self.send(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
            )
        self.settle()

    def type(self, selector: str, text: str) -> None:
        """Focus the field `selector` finds and type `text` into it, as a keyboard would."""
        self._centre(selector)
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.send("Input.insertText", {"text": text})
        self.settle()

    def screenshot(self, path: Path, *, full_page: bool = True) -> Path:
        """Save the page as a PNG (all of it, or what the window shows) at `path`."""
        import base64

        params: dict[str, Any] = {"format": "png"}
        if full_page:
            size = self.send("Page.getLayoutMetrics")["cssContentSize"]
            params["clip"] = {
                "x": 0,
                "y": 0,
                "width": max(size["width"], 1),
                "height": max(size["height"], 1),
                "scale": 1,
            }
            params["captureBeyondViewport"] = True
        data = self.send("Page.captureScreenshot", params)["data"]
        path.write_bytes(base64.b64decode(data))
        return path
