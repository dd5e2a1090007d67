"""Driving the app by keyboard alone, knowing where the focus is from the accessibility tree.

Keys go through XTest to whatever has the focus. ``tab_to`` presses Tab until the
control wanted has the focus, and fails when the keyboard cannot get there: the focus
stops moving, or comes round again without reaching it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from tests.desktop.xsession import Focus, XSession, wait_until

MOVE_TIMEOUT = 30.0
"""Seconds a key press has to move the focus (generous: the machine may be busy)."""


@dataclass(frozen=True)
class Control:
    """What a control wanted is called: its accessible name has ``name`` in it (any
    case), and ``within`` (an indicator's title, say) is in its name or description."""

    name: str
    within: str = ""
    role: str = ""

    def matches(self, focus: Focus | None) -> bool:
        if focus is None or self.name.lower() not in focus.name.lower():
            return False
        if self.role and focus.role != self.role:
            return False
        return self.within in focus.name + " " + focus.description

    def __str__(self) -> str:
        inside = f" of {self.within!r}" if self.within else ""
        return f"{self.name!r}{inside}"


class Keyboard:
    """Key presses with the focus watched; every step can be pictured."""

    def __init__(self, session: XSession) -> None:
        self.session = session
        assert session.focus is not None
        self.focus = session.focus

    def _events(self) -> int:
        return len(self.focus.events)

    def press(self, *keys: str) -> None:
        """Press keys, not waiting for anything."""
        self.session.key(*keys)

    def type(self, text: str) -> None:
        """Type text into the control that has the focus."""
        self.session.type(text)

    def wait_for(self, control: Control, timeout: float = 60.0) -> Focus:
        """Wait until ``control`` has the focus."""
        wait_until(
            lambda: control.matches(self.focus.current),
            f"the focus on {control} (it is on {self.focus.current})",
            timeout,
        )
        assert self.focus.current is not None
        return self.focus.current

    def press_to(
        self, keys: tuple[str, ...] | str, control: Control, timeout: float = 60.0
    ) -> Focus:
        """Press ``keys``, then wait until ``control`` has the focus."""
        self.press(*((keys,) if isinstance(keys, str) else keys))
        return self.wait_for(control, timeout)

    def tab_to(self, control: Control, *, back: bool = False, limit: int = 250) -> Focus:
        """Press Tab (or Shift+Tab) until ``control`` has the focus.

        Raises:
            AssertionError: Tab stops moving the focus, or it comes back round to where
                it started (twice), or ``limit`` presses did not get there.
        """
        key = "shift+Tab" if back else "Tab"
        self.settle()
        start = self.focus.current
        if control.matches(start):
            return start
        seen: list[Focus] = []
        for _ in range(limit):
            before = self._events()
            self.press(key)
            moved = _wait_quietly(lambda before=before: self._events() > before, MOVE_TIMEOUT)
            now = self.focus.current
            if not moved or now is None:
                raise AssertionError(f"{key} does not move the focus from {now}")
            if control.matches(now):
                return now
            seen.append(now)
            # Round twice before giving up: a page still being built can be passed once.
            if seen.count(now) > 1 and now == start:
                break
        trail = "; ".join(str(f) for f in dict.fromkeys(seen))
        raise AssertionError(f"{key} never reaches {control}; the focus went through: {trail}")

    def settle(self, quiet: float = 0.3) -> None:
        """Wait until the focus has stopped moving for ``quiet`` seconds."""
        count = self._events()
        calm_since = time.monotonic()
        deadline = calm_since + MOVE_TIMEOUT
        while time.monotonic() - calm_since < quiet:
            if time.monotonic() > deadline:
                raise AssertionError(f"The focus keeps moving (now on {self.focus.current})")
            time.sleep(0.02)
            if self._events() != count:
                count = self._events()
                calm_since = time.monotonic()

    def text(self) -> str:
        """The text of the focused control, as the accessibility tree reads it."""
        return self.focus.text()

    def wait_text(self, expected: str, why: str = "", timeout: float = 60.0) -> None:
        """Wait until the focused control reads ``expected`` (typed keys arrive late)."""
        try:
            wait_until(lambda: self.text() == expected, f"{expected!r} {why}", timeout)
        except AssertionError as error:
            raise AssertionError(f"{error}; the focused control reads {self.text()!r}") from None


def _wait_quietly(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True
