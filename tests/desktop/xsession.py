"""A private X session for driving CE Desktop as a separate process, as a person would.

Xvfb on a free display number (no TCP), its own session bus (for the accessibility
tree), openbox as the window manager, a keyboard map that has the characters the
journey types, and three instruments: ``xdotool`` presses keys into whatever has the
focus (never addressed to a window), a focus watcher reports through AT-SPI which
control has the focus, and a screen grabber saves a picture of the whole screen.
Nothing here sets ``DISPLAY`` in the test process: ``env`` is for the children.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCREEN = "1366x768x24"
TOOLS = ("Xvfb", "xdotool", "openbox", "dbus-daemon", "xkbcomp")
SYSTEM_PYTHON = "/usr/bin/python3"

# Key codes with nothing on them in Xvfb's default map (evdev, us): the journey's
# non-ASCII characters are put there, as a worker's own keyboard layout would have them.
SPARE_KEYS = [f"<FK{n}>" for n in range(13, 25)] + [f"<I{n}>" for n in range(147, 191)]


def missing_tools() -> list[str]:
    """The programs a desktop session needs that are not installed."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    probe = (
        subprocess.run(
            [SYSTEM_PYTHON, "-c", "import gi; gi.require_version('Atspi', '2.0')"],
            capture_output=True,
            check=False,
        )
        if Path(SYSTEM_PYTHON).exists()
        else None
    )
    if probe is None or probe.returncode != 0:
        missing.append("python3-gi with gir1.2-atspi-2.0")
    return missing


def wait_until(
    condition: Callable[[], object], what: str, timeout: float = 60.0, every: float = 0.05
) -> object:
    """Poll ``condition`` until it gives a true value, which is returned.

    Raises:
        AssertionError: ``timeout`` seconds passed first; the message says ``what``.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


@dataclass(frozen=True)
class Focus:
    """A control that gained the focus, as the accessibility tree names it."""

    role: str
    name: str
    description: str
    app: str
    context: tuple[str, ...] = ()
    """The panels and layered panes around it, innermost first ("panel Intended action")."""

    def __str__(self) -> str:
        extra = f" ({self.description})" if self.description else ""
        return f"{self.role} {self.name!r}{extra}"


class FocusWatch:
    """The focus watcher's reports, read on a thread; ``events`` grows as focus moves,
    ``notices`` as the app's notifications appear (the words of its announcements)."""

    def __init__(self, env: dict[str, str]) -> None:
        self.events: list[Focus] = []
        self.notices: list[str] = []
        self._answers: queue.Queue[dict[str, object]] = queue.Queue()
        self._process = subprocess.Popen(
            [SYSTEM_PYTHON, "-u", str(HERE / "focus_watch.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        self._ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if not self._ready.wait(30):
            raise AssertionError("The focus watcher did not start")

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            message = json.loads(line)
            if message.get("ready"):
                self._ready.set()
            elif "text" in message:
                self._answers.put(message)
            elif "notice" in message:
                if message.get("app") in ("CE Desktop", "ce-desktop"):
                    self.notices.append(str(message["notice"]))
            elif message.get("app") in ("CE Desktop", "ce-desktop"):
                self.events.append(
                    Focus(
                        str(message["role"]),
                        str(message["name"]),
                        str(message["description"]),
                        str(message["app"]),
                        tuple(str(c) for c in message.get("context", [])),
                    )
                )

    @property
    def current(self) -> Focus | None:
        """The control focused last."""
        return self.events[-1] if self.events else None

    def text(self) -> str:
        """The text of the control focused last (a text box's contents)."""
        assert self._process.stdin is not None
        self._process.stdin.write("text\n")
        self._process.stdin.flush()
        return str(self._answers.get(timeout=10)["text"])

    def stop(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        stop(self._process)
        self._reader.join(10)
        if self._process.stdout is not None:
            self._process.stdout.close()


def stop(process: subprocess.Popen[bytes] | subprocess.Popen[str]) -> None:
    """End a process this module started, and wait for it."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


class XSession:
    """Xvfb, a session bus, openbox and the instruments, for one test.

    Attributes:
        env: the environment for a child process on this display.
        shots: the folder the screen pictures go to.
    """

    def __init__(self, shots: Path) -> None:
        self._processes: list[subprocess.Popen[bytes] | subprocess.Popen[str]] = []
        self.shots = shots
        self.env: dict[str, str] = {}
        self.focus: FocusWatch | None = None
        self._shot_number = 0

    def start(self, root: Path) -> None:
        """Start the display, the bus, the window manager and the instruments."""
        self.shots.mkdir(parents=True, exist_ok=True)
        home = root / "home"
        runtime = root / "runtime"
        home.mkdir()
        runtime.mkdir(mode=0o700)
        display = self._start_xvfb()
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY",)},
            "DISPLAY": display,
            "HOME": str(home),
            "XDG_RUNTIME_DIR": str(runtime),
            "QT_QPA_PLATFORM": "xcb",
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "NO_AT_BRIDGE": "0",
        }
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self._start_bus()
        self._start_window_manager(root)
        self.focus = FocusWatch(self.env)
        self._grabber = self._spawn(
            [sys.executable, str(HERE / "grab_screen.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def _spawn(self, command: list[str], **options: object) -> subprocess.Popen[str]:
        options.setdefault("stdout", subprocess.DEVNULL)
        options.setdefault("stderr", subprocess.DEVNULL)
        process = subprocess.Popen(command, env=self.env, **options)  # type: ignore[call-overload]
        self._processes.append(process)
        return process

    def _start_xvfb(self) -> str:
        read_end, write_end = os.pipe()
        xvfb = subprocess.Popen(
            [
                "Xvfb",
                *("-displayfd", str(write_end), "-screen", "0", SCREEN, "-nolisten", "tcp"),
                # No key repeats: on a busy machine a press held for 0.7 s would repeat.
                *("-ardelay", "30000"),
            ],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._processes.append(xvfb)
        os.close(write_end)
        with os.fdopen(read_end) as numbers:
            number = numbers.readline().strip()
        if not number:
            raise AssertionError("Xvfb did not start")
        return f":{number}"

    def _start_bus(self) -> str:
        bus = self._spawn(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert bus.stdout is not None
        address = bus.stdout.readline().strip()
        if not address:
            raise AssertionError("The session bus did not start")
        return address

    def _start_window_manager(self, root: Path) -> None:
        started = root / "openbox-started"
        self._spawn(["openbox", "--startup", f"touch {started}"])
        wait_until(started.exists, "the window manager to start")

    def load_keys_for(self, text: str) -> None:
        """Give the keyboard map a key for every character of ``text`` beyond ASCII."""
        wanted = sorted({ch for ch in text if ord(ch) > 127})
        if len(wanted) > len(SPARE_KEYS):
            raise AssertionError("Too many different non-ASCII characters for the spare keys")
        keys = "\n".join(
            f"        key {code} {{ [ U{ord(ch):04X} ] }};"
            for code, ch in zip(SPARE_KEYS, wanted, strict=False)
        )
        keymap = (
            "xkb_keymap {\n"
            '    xkb_keycodes { include "evdev+aliases(qwerty)" };\n'
            '    xkb_types { include "complete" };\n'
            '    xkb_compat { include "complete" };\n'
            '    xkb_symbols { include "pc+us+inet(evdev)"\n'
            f"{keys}\n"
            "    };\n"
            "};\n"
        )
        subprocess.run(
            ["xkbcomp", "-w", "0", "-", self.env["DISPLAY"]],
            input=keymap,
            text=True,
            check=True,
            env=self.env,
            capture_output=True,
        )

    # Instruments ---------------------------------------------------------------------

    def key(self, *names: str) -> None:
        """Press keys (xdotool names: Tab, Return, ctrl+n) into whatever has the focus."""
        subprocess.run(["xdotool", "key", "--delay", "30", *names], env=self.env, check=True)

    def type(self, text: str) -> None:
        """Type text into whatever has the focus."""
        subprocess.run(["xdotool", "type", "--delay", "15", text], env=self.env, check=True)

    def window_names(self) -> list[str]:
        """The names of the visible windows on the display."""
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", "."],
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        names = []
        for window in found.stdout.split():
            name = subprocess.run(
                ["xdotool", "getwindowname", window],
                env=self.env,
                capture_output=True,
                text=True,
                check=False,
            ).stdout.strip()
            names.append(name)
        return names

    def active_window_name(self) -> str:
        """The name (title) of the window that has the focus."""
        return subprocess.run(
            ["xdotool", "getactivewindow", "getwindowname"],
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()

    def shot(self, name: str) -> Path:
        """Save a picture of the whole screen as NN-name.png; its path."""
        self._shot_number += 1
        path = self.shots / f"{self._shot_number:02d}-{name}.png"
        assert self._grabber.stdin is not None
        assert self._grabber.stdout is not None
        self._grabber.stdin.write(f"{path}\n")
        self._grabber.stdin.flush()
        answer = self._grabber.stdout.readline().strip()
        assert answer == "ok", f"The screen picture {path.name} could not be saved"
        return path

    def launch(
        self, *command: str, extra_env: dict[str, str] | None = None
    ) -> subprocess.Popen[str]:
        """Start a program on this display (it is ended with the session)."""
        env = {**self.env, **(extra_env or {})}
        process = subprocess.Popen(
            list(command),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._processes.append(process)
        return process

    def close(self) -> None:
        """End every process of the session, the last started first."""
        if self._shot_number:  # how the screen was left, whatever happened
            with suppress(AssertionError, OSError):
                self.shot("last")
        if self.focus is not None:
            self.focus.stop()
        for process in reversed(self._processes):
            if process.stdin is not None:
                process.stdin.close()
            stop(process)
            for stream in (process.stdout, process.stderr):
                if stream is not None:
                    stream.close()


@contextmanager
def x_session(root: Path, shots: Path) -> Iterator[XSession]:
    """An ``XSession`` ended on leaving the block, whatever happened inside."""
    session = XSession(shots)
    try:
        session.start(root)
        yield session
    finally:
        session.close()
