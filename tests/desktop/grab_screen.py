"""Saves pictures of the whole X screen: one PNG per path read from standard input.

Run on the display to picture (``DISPLAY`` set, ``QT_QPA_PLATFORM=xcb``); it answers
each path with a line ``ok`` once the file is written. It opens no window of its own.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QGuiApplication


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    screen = app.primaryScreen()
    for line in sys.stdin:
        path = line.strip()
        if not path:
            continue
        saved = screen.grabWindow(0).save(path, "PNG")
        sys.stdout.write("ok\n" if saved else "failed\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
