"""Orca, the Linux screen reader, reading the desktop session; what it says, from its log.

Orca runs on the session's display and bus with its own preferences folder, speech
and braille devices left off (there is no sound card): its debug log still records
every utterance as ``SPEECH OUTPUT: '...'``, the words it would send to the
synthesizer. A customisation file in the preferences folder (Orca loads
``orca-customizations.py`` from there at start) makes the log line-buffered, so that
the test can read it while Orca runs, and gives the app's answers as long as the
focus watcher does.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

from tests.desktop.xsession import XSession, stop, wait_until

UTTERANCE = re.compile(r"SPEECH OUTPUT: '(.*?)'(?: voice=\S+)? ?\{", re.DOTALL)
"""An utterance in the log: its words, then the voice's settings in braces."""
READY = "registering listener for: window:destroy"
"""The last of Orca's event listeners to be registered at start (Orca 43)."""


def orca_missing() -> bool:
    """Whether Orca is not installed."""
    return shutil.which("orca") is None


class Orca:
    """One Orca process reading the session; ``said()`` is what it has said so far."""

    def __init__(self, session: XSession, folder: Path) -> None:
        prefs = folder / "prefs"
        prefs.mkdir(parents=True)
        (prefs / "orca-customizations.py").write_text(
            "import orca.debug\norca.debug.debugFile.reconfigure(line_buffering=True)\n"
            # AT-SPI's default 0.8 s for an answer from the app is too short on a busy
            # machine: Orca then takes the app's objects for dead and falls silent.
            "from gi.repository import Atspi\nAtspi.set_timeout(60000, 60000)\n"
        )
        self.log = folder / "orca-debug.out"
        self._output = (folder / "orca-output.txt").open("w")
        self._process = subprocess.Popen(
            [
                *("orca", "--disable", "speech", "--disable", "braille"),
                *("--user-prefs", str(prefs), "--debug-file", str(self.log)),
            ],
            env=session.env,
            stdout=self._output,
            stderr=subprocess.STDOUT,
        )
        wait_until(lambda: READY in self._log_text(), "Orca to start listening", timeout=120)

    def _log_text(self) -> str:
        return self.log.read_text("utf-8", errors="replace") if self.log.exists() else ""

    def said(self) -> list[str]:
        """Every utterance so far, in order."""
        return UTTERANCE.findall(self._log_text())

    def wait_said(self, words: str, *, since: int = 0, timeout: float = 120.0) -> str:
        """Wait until an utterance from number ``since`` on contains ``words``; it."""

        def found() -> str:
            return next((u for u in self.said()[since:] if words in u), "")

        try:
            return str(wait_until(found, f"Orca to say {words!r}", timeout))
        except AssertionError as error:
            raise AssertionError(f"{error}; it said: {self.said()[since:]}") from None

    def wait_quiet(self, quiet: float = 1.5, timeout: float = 120.0) -> None:
        """Wait until Orca has written nothing to its log for ``quiet`` seconds: it has
        worked through what the app sent, as a worker listening waits for the end of
        what is said before pressing on. Keys pressed while Orca is far behind can stop
        it for minutes (Orca 43 and the app then wait on each other)."""
        seen = {"size": -1, "since": time.monotonic()}

        def still() -> bool:
            size = self.log.stat().st_size if self.log.exists() else 0
            if size != seen["size"]:
                seen["size"], seen["since"] = size, time.monotonic()
            return time.monotonic() - seen["since"] >= quiet

        wait_until(still, "Orca to catch up", timeout)

    def stop(self, keep: Path) -> None:
        """End Orca (it is not asked to say goodbye); its log is copied to ``keep``."""
        if self._process.poll() is None:
            self._process.kill()
        stop(self._process)
        self._output.close()
        if self.log.exists():
            keep.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.log, keep / self.log.name)
