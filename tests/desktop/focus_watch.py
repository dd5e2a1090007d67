"""Reports, one JSON line each, which control has the keyboard focus in the desktop.

Run by the system's Python (it needs PyGObject and AT-SPI, from python3-gi and
gir1.2-atspi-2.0), on the session bus of the X display to watch. It prints
``{"ready": true}`` once listening, then for every control that gains the focus
``{"role": ..., "name": ..., "description": ..., "app": ..., "context": [...]}``, the
words a screen reader would say (``context``: the panels and layered panes around it,
innermost first, as "role name", which Orca says as the focus enters them); for every
notification that appears (what Orca says as it appears, the app's announcements on
Linux) ``{"notice": ..., "app": ...}``. On a line ``text`` read from standard input it
prints ``{"text": ...}``, the text of the control focused last.
"""

from __future__ import annotations

import json
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

focused: list[Atspi.Accessible] = []


def say(message: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()


CONTEXT_ROLES = (Atspi.Role.PANEL, Atspi.Role.LAYERED_PANE)


def context(accessible: Atspi.Accessible) -> list[str]:
    around: list[str] = []
    parent = accessible.get_parent()
    while parent is not None and parent.get_role() != Atspi.Role.APPLICATION:
        if parent.get_role() in CONTEXT_ROLES:
            around.append(f"{parent.get_role_name()} {parent.get_name() or ''}".strip())
        parent = parent.get_parent()
    return around


def describe(accessible: Atspi.Accessible) -> dict[str, object]:
    try:
        app = accessible.get_application()
        return {
            "role": accessible.get_role_name(),
            "name": accessible.get_name() or "",
            "description": accessible.get_description() or "",
            "app": app.get_name() if app is not None else "",
            "context": context(accessible),
        }
    except GLib.Error as error:  # the control went away while being asked
        return {"role": "", "name": "", "description": "", "app": "", "error": str(error)}


def on_focus(event: Atspi.Event) -> None:
    if not event.detail1:
        return
    focused[:] = [event.source]
    say(describe(event.source))


def on_showing(event: Atspi.Event) -> None:
    if not event.detail1:
        return
    try:
        if event.source.get_role() != Atspi.Role.NOTIFICATION:
            return
        app = event.source.get_application()
        say({"notice": event.source.get_name() or "", "app": app.get_name() if app else ""})
    except GLib.Error as error:  # gone before it could be read: that is a failure to hear
        say({"notice": "", "app": "", "error": str(error)})


def text_of_focused() -> str:
    if not focused:
        return ""
    text = focused[0].get_text_iface()
    if text is None:
        return ""
    return str(text.get_text(0, text.get_character_count()))


def on_command(source: object, _condition: object) -> bool:
    line = sys.stdin.readline()
    if not line:
        Atspi.event_quit()
        return False
    if line.strip() == "text":
        try:
            say({"text": text_of_focused()})
        except GLib.Error as error:
            say({"text": "", "error": str(error)})
    return True


ANSWER_MS = 60000
"""How long a question to the app may take. AT-SPI's own default is 0.8 s: on a busy
machine the app, building a page, answers later than that, the question fails and the
focus move it was about went unreported (the journey then waited in vain)."""


def main() -> int:
    Atspi.set_timeout(ANSWER_MS, ANSWER_MS)
    listener = Atspi.EventListener.new(on_focus)
    listener.register("object:state-changed:focused")
    shown = Atspi.EventListener.new(on_showing)
    shown.register("object:state-changed:showing")
    # A notice is reused with new words; listening for name changes keeps AT-SPI's
    # cache of its name current here, as in a screen reader (Orca listens for them).
    renamed = Atspi.EventListener.new(lambda _event: None)
    renamed.register("object:property-change:accessible-name")
    GLib.io_add_watch(sys.stdin, GLib.IO_IN | GLib.IO_HUP, on_command)
    say({"ready": True})
    Atspi.event_main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
