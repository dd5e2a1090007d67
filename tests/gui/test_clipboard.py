"""The copied password stays out of clipboard history and the cloud, and is cleared."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from ce_desktop.gui import clipboard
from ce_desktop.gui.export_dialogs import PasswordDialog

SECRET = "fictional-password-for-test"


def test_the_copy_is_marked_for_windows_and_kde() -> None:
    data = clipboard.private_text(SECRET)
    assert data.text() == SECRET
    prefix = 'application/x-qt-windows-mime;value="'
    assert bytes(data.data(prefix + 'ExcludeClipboardContentFromMonitorProcessing"'))
    assert bytes(data.data(prefix + 'CanIncludeInClipboardHistory"')) == b"\x00\x00\x00\x00"
    assert bytes(data.data(prefix + 'CanUploadToCloudClipboard"')) == b"\x00\x00\x00\x00"
    assert bytes(data.data("x-kde-passwordManagerHint")) == b"secret"


def test_the_copy_is_cleared_after_its_time(qtbot) -> None:
    clipboard.copy_secret(SECRET, clear_after_ms=50)
    assert QGuiApplication.clipboard().text() == SECRET
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=5000)


def test_something_copied_since_is_left_alone(qtbot) -> None:
    clipboard.copy_secret(SECRET, clear_after_ms=50)
    QGuiApplication.clipboard().setText("the worker's own note")
    fired: list[bool] = []
    clipboard.QTimer.singleShot(100, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired), timeout=5000)
    assert QGuiApplication.clipboard().text() == "the worker's own note"


def test_the_dialogs_copy_button_uses_the_private_copy(qtbot) -> None:
    QGuiApplication.clipboard().clear()
    dialog = PasswordDialog(SECRET)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    data = QGuiApplication.clipboard().mimeData()
    assert data.text() == SECRET
    assert "x-kde-passwordManagerHint" in data.formats()
    assert "one minute" in dialog.copied.text()
    QGuiApplication.clipboard().clear()
