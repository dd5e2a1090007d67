"""Start the desktop app: ``ce-desktop`` with no subcommand calls :func:`run_app`.

Sets up Qt the way CE Desktop needs it whatever the machine: British English dates,
the bundled DejaVu fonts (so text never renders as empty boxes), the app's name.
Nothing here touches the network. A second CE Desktop on the same data folder is
refused with a plain message: the vault's single-instance lock says so at unlock.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from ce_desktop import logfile
from ce_desktop.resources import resource_path
from ce_desktop.storage import outbox
from ce_desktop.storage.paths import default_data_dir

log = logging.getLogger(__name__)

APP_NAME = "CE Desktop"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")


def configure_application(app: object) -> None:
    """British English locale, the bundled fonts and the app's name, on a QApplication."""
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("ce-desktop")
    family = register_fonts()
    if family:
        font = QFont(family)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)


def register_fonts() -> str | None:
    """Register the bundled DejaVu fonts with Qt; the family name, or None if missing."""
    from PySide6.QtGui import QFontDatabase

    family = None
    for name in FONT_FILES:
        try:
            path = resource_path("fonts", name)
        except FileNotFoundError:
            return None
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("The font %s could not be loaded", name)
            continue
        families = QFontDatabase.applicationFontFamilies(font_id)
        family = family or (families[0] if families else None)
    # The Noto fonts of the scripts DejaVu lacks (Arabic, Hebrew, Indic): Qt falls back
    # to them for those letters, so a name shows in the window as it prints.
    for script_font in sorted(path.parent.glob("NotoSans*-Regular.ttf")):
        if QFontDatabase.addApplicationFont(str(script_font)) < 0:
            log.warning("The font %s could not be loaded", script_font.name)
    return family


def already_running(folder: Path) -> str | None:
    """The plain message if another CE Desktop holds this data folder, else None.

    The lock is only probed here; the vault takes it for real at unlock.
    """
    from ce_desktop.storage.errors import AlreadyRunning, StorageError
    from ce_desktop.storage.lock import InstanceLock
    from ce_desktop.storage.paths import DataLayout

    probe = InstanceLock(DataLayout(folder).lock)
    try:
        probe.acquire()
    except AlreadyRunning as error:
        return str(error)
    except StorageError:
        return None  # a read-only folder: the unlock screen explains it
    probe.release()
    return None


def show_command_output(text: str, exit_code: int) -> None:
    """Show a command's output in a message box (the windowed executable has no console)."""
    from ce_desktop.gui.notice import show_command_output as show

    show(text, exit_code)


def run_self_test() -> int:
    """The built-in self-test for IT teams (``ce-desktop --self-test``)."""
    from ce_desktop.gui.selftest import run_self_test as self_test

    return self_test()


def run_app(data_dir: str | None) -> int:
    """Show the main window on the data folder and run until the worker quits.

    Args:
        data_dir: the ``--data-dir`` option, or None for the default folder.

    Returns:
        The process exit code.
    """
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ce_desktop.gui.errors import install_error_hook
    from ce_desktop.gui.main_window import MainWindow
    from ce_desktop.gui.placement import fit_window

    app = QApplication.instance() or QApplication(sys.argv)
    configure_application(app)
    install_error_hook()
    folder = default_data_dir(data_dir)
    logfile.install(folder)
    outbox.sweep(folder)  # email files a crash or a quick quit left for the mail program
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        QMessageBox.critical(
            None,
            APP_NAME,
            "CE Desktop cannot create its data folder. Check that you can write to "
            f"{Path(folder)} or choose another folder with --data-dir.",
        )
        return 1
    refusal = already_running(folder)
    if refusal:
        QMessageBox.warning(None, APP_NAME, refusal)
        return 1
    window = MainWindow(folder, staged=True)
    fit_window(window)  # 1280x800 where it fits, never past the screen's free area
    window.show()
    return int(app.exec())
