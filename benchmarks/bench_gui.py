"""The desktop app's speed and memory, against a bare PySide6 window (PRODUCT §7.3).

Rows:
- launch to the unlock screen, against a bare window with as many widgets, both in
  fresh processes (interpreter start, imports, build, show);
- resident memory at that moment, against the same bare window;
- unlock to the case list shown, and the case list with 5,000 assessments;
- opening a fully filled assessment (every indicator with a 2,000-word narrative) and
  switching through its tabs;
- the UI thread's cost of one keystroke in a long narrative.

Run: ``.venv/bin/python -m benchmarks.bench_gui``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from benchmarks.common import Row, format_table, time_call

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "benchmark passphrase, plainly fictional"

# Each probe prints "ready N" (N widgets) the moment its window is shown and idle, then,
# once any loading left to the background has finished, its resident memory in MiB.
_APP_PROBE = """
import os, sys, threading, time, psutil
import ce_desktop.cli  # what the ce-desktop command imports before it starts the app
from pathlib import Path
from PySide6.QtWidgets import QApplication, QWidget
from ce_desktop.app import configure_application
from ce_desktop.gui.main_window import MainWindow
app = QApplication([])
configure_application(app)
window = MainWindow(Path(sys.argv[1]), staged=True)
window.resize(1280, 800)
window.show()
app.processEvents()
assert window.current_page() is window.unlock_page
print("ready", len(window.findChildren(QWidget)), flush=True)
for _ in range(1000):  # the background loading starts shortly after the first paint
    app.processEvents()
    loading = [t for t in threading.enumerate() if t.name == "ce-desktop-preload"]
    if loading:
        loading[0].join()
        break
    time.sleep(0.01)
print(psutil.Process().memory_info().rss / 2**20, flush=True)
os._exit(0)
"""

_BARE_PROBE = """
import os, sys, psutil
from PySide6.QtWidgets import (QApplication, QFormLayout, QLabel, QLineEdit, QMainWindow,
    QTabWidget, QWidget)
app = QApplication([])
target = int(sys.argv[1])
window = QMainWindow()
tabs = QTabWidget()
window.setCentralWidget(tabs)
page, form, made = None, None, 3
while made < target:
    if page is None or form.rowCount() >= 30:
        page = QWidget(); form = QFormLayout(page); tabs.addTab(page, f"Page {tabs.count()}")
        made += 1
    form.addRow(QLabel("Label"), QLineEdit()); made += 2
window.resize(1280, 800)
window.show()
app.processEvents()
print("ready", len(window.findChildren(QWidget)), flush=True)
print(psutil.Process().memory_info().rss / 2**20, flush=True)
os._exit(0)
"""


def _probe(code: str, argument: str) -> tuple[float, int, float]:
    """Seconds from spawn to the window shown, its widgets, and resident MiB when settled."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-c", code, argument],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
    ) as child:
        assert child.stdout is not None
        ready_line = child.stdout.readline()
        elapsed = time.perf_counter() - start
        rss_line = child.stdout.readline()
        if child.wait() != 0 or not ready_line.startswith("ready"):
            raise RuntimeError("a launch probe failed")
    return elapsed, int(ready_line.split()[1]), float(rss_line)


@contextmanager
def _vault_folder() -> Iterator[Path]:
    from ce_desktop.storage.vault import Vault

    with tempfile.TemporaryDirectory(prefix="ce-bench-") as folder:
        vault, _recovery = Vault.create(Path(folder), PASSPHRASE)
        vault.close()
        yield Path(folder)


def launch_rows(runs: int = 5) -> list[Row]:
    """Launch to the unlock screen and memory, each against the bare window."""
    with _vault_folder() as folder:
        _probe(_APP_PROBE, str(folder))  # warm the file cache for both sides
        app = [_probe(_APP_PROBE, str(folder)) for _ in range(runs)]
        widgets = app[0][1]
        bare = [_probe(_BARE_PROBE, str(widgets)) for _ in range(runs)]
    return [
        Row(
            "launch to the unlock screen shown",
            statistics.median(r[0] for r in app),
            "s",
            reference=statistics.median(r[0] for r in bare),
            ratio_budget=1.5,
            note=f"bare window with {widgets} widgets",
        ),
        Row(
            "resident memory, unlock screen and everything behind it loaded",
            statistics.median(r[2] for r in app),
            "MiB",
            reference=statistics.median(r[2] for r in bare),
            ratio_budget=1.5,
        ),
    ]


def _process_events() -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()


def window_rows(runs: int = 5, keystrokes: int = 300, cases: int = 5000) -> list[Row]:
    """Unlock, case list, opening a full assessment, tab switches and keystrokes."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QTextEdit

    from ce_desktop.app import configure_application
    from ce_desktop.gui.main_window import MainWindow
    from ce_desktop.storage.vault import Vault
    from tests.factories import full_assessment

    app = QApplication.instance() or QApplication([])
    configure_application(app)
    rows: list[Row] = []
    with _vault_folder() as folder:
        vault = Vault.unlock(folder, PASSPHRASE)
        full = full_assessment(narrative_words=2000)
        vault.save(full)
        vault.close()
        window = MainWindow(folder, staged=True)  # as the app starts
        window.resize(1280, 800)
        window.show()
        _process_events()

        unlock = time_call(lambda: Vault.unlock(folder, PASSPHRASE).close())
        rows.append(Row("unlock (Argon2id key derivation)", unlock, "s", note="reported"))

        def to_case_list() -> float:
            vault = Vault.unlock(folder, PASSPHRASE)  # the derivation is its own row
            started = time.perf_counter()
            window.unlock_page.unlocked.emit(vault)
            _process_events()
            return time.perf_counter() - started

        _wait_for_preload()
        first = to_case_list()  # the first unlock also builds the window behind the screen
        window.lock()
        _process_events()
        rows.append(Row("first unlock to case list shown (window built)", first, "s", budget=0.3))
        unlock_and_list = []
        for _ in range(runs):
            unlock_and_list.append(to_case_list())
            window.lock()
            _process_events()
        rows.append(
            Row(
                "unlock to case list shown (after the derivation)",
                statistics.median(unlock_and_list),
                "s",
                budget=0.3,
            )
        )
        to_case_list()

        opening = []
        for _ in range(runs):
            opening.append(time_call(lambda: (window.session.open(full.id), _process_events())))
            window.back_to_list()
            _process_events()
        rows.append(
            Row(
                "open a fully filled assessment",
                statistics.median(opening),
                "s",
                budget=0.3,
                note="2,000-word narratives",
            )
        )

        window.session.open(full.id)
        _process_events()
        tabs = window.editor.tabs  # type: ignore[attr-defined]
        switches = []
        for _ in range(runs):
            for index in range(tabs.count()):
                switches.append(
                    time_call(lambda i=index: (tabs.setCurrentIndex(i), _process_events()))
                )
        rows.append(Row("switch tab", statistics.median(switches), "s", budget=0.1))

        narrative = next(
            box
            for box in window.editor.findChildren(QTextEdit)
            if box.objectName().endswith("narrative") and box.isEnabled()
        )
        tabs.setCurrentIndex(tabs.indexOf(_page_of(narrative, tabs)))
        narrative.setFocus()
        _process_events()
        costs = []
        for n in range(keystrokes):
            ch = "abcdefghij "[n % 11]
            press = QKeyEvent(
                QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch
            )
            release = QKeyEvent(
                QEvent.Type.KeyRelease, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch
            )
            started = time.perf_counter()
            QApplication.sendEvent(narrative, press)
            QApplication.sendEvent(narrative, release)
            _process_events()
            costs.append(time.perf_counter() - started)
        rows.append(
            Row(
                "keystroke on the UI thread",
                statistics.median(costs) * 1000,
                "ms",
                budget=5,
                note=f"p95 {sorted(costs)[int(len(costs) * 0.95)] * 1000:.2f} ms",
            )
        )
        window.session.save_now()
        window.lock()
        _process_events()

    with tempfile.TemporaryDirectory(prefix="ce-bench-list-") as big:
        fill_vault(Path(big), PASSPHRASE, cases)
        window = MainWindow(Path(big), staged=True)
        window.show()
        _wait_for_preload()
        vault = Vault.unlock(Path(big), PASSPHRASE)
        started = time.perf_counter()
        window.unlock_page.unlocked.emit(vault)
        _process_events()
        rows.append(
            Row(
                f"case list of {cases:,} assessments shown after unlock",
                time.perf_counter() - started,
                "s",
                budget=1.0,
            )
        )
        window.lock()
        _process_events()
    return rows


def _wait_for_preload() -> None:
    """Let the background loading that follows the first paint start and finish."""
    import threading

    for _ in range(500):
        _process_events()
        loading = [t for t in threading.enumerate() if t.name == "ce-desktop-preload"]
        if loading:
            loading[0].join()
            return
        time.sleep(0.01)


def fill_vault(folder: Path, passphrase: str, cases: int) -> None:
    """A vault holding ``cases`` small fictional assessments, its index already built."""
    from benchmarks.bench_storage import _fill_folder, floor_cost_vault
    from ce_desktop.storage.vault import Vault

    vault = floor_cost_vault(folder, passphrase)
    key = vault._key
    vault.close()
    _fill_folder(folder, key, cases)
    Vault.unlock(folder, passphrase).close()  # builds the index once, as a first unlock would


def _page_of(widget: object, tabs: object) -> object:
    """The tab page that holds ``widget``."""
    pages = [tabs.widget(i) for i in range(tabs.count())]  # type: ignore[attr-defined]
    parent = widget
    while parent is not None and parent not in pages:
        parent = parent.parentWidget()  # type: ignore[attr-defined]
    return parent


def measure() -> list[Row]:
    """Every row of this benchmark."""
    return launch_rows() + window_rows()


if __name__ == "__main__":
    print(f"GUI benchmark, {date.today():%d/%m/%Y}")
    print(format_table(measure()))
