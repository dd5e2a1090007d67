"""The dialogs around exporting: protect with a password, the password itself, and the
print dialog. The first two are shown through :class:`~ce_desktop.gui.dialogs.Dialogs`.

The password is shown once, in a dialog whose text can be selected; it goes to the
clipboard only when the worker presses "Copy" (PRODUCT §5.8: no child data, and no
key to it, on the clipboard unasked). Nothing keeps the password after the dialog
closes.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.gui.clipboard import copy_secret

PROTECT_HINT = (
    "A protected PDF opens only with a password that CE Desktop makes for you. "
    "Send the password separately, for example by phone, never in the same email.\n\n"
    "The PDF also carries the assessment's data, as an attached interchange file that "
    "CE Desktop and case systems can import: anyone who has the file can read it, or, "
    "if it is protected, anyone with its password."
)
SEND_SEPARATELY_ADVICE = (
    "Give this password to the recipient by another route, for example by phone. "
    "Do not send it in the same email as the PDF.\n\n"
    "This is the only time CE Desktop shows it. Note it down now if you need to."
)


class ProtectDialog(QDialog):
    """Asks whether to protect the PDF with a password, before the file is chosen.

    Attributes:
        protect: the "Protect with a password" check box.
    """

    def __init__(self, title: str, *, protect: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.protect = QCheckBox("Protect with a password")
        self.protect.setChecked(protect)
        self.protect.setObjectName("protectWithPassword")
        hint = QLabel(PROTECT_HINT)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Continue")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.protect)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)


class PasswordDialog(QDialog):
    """Shows a generated PDF password once, with advice to send it another way.

    Attributes:
        password_field: the password, read-only but selectable.
        copy_button: puts the password on the clipboard (only when pressed).
    """

    def __init__(self, password: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Password for the PDF")
        heading = QLabel("<b>Password for the PDF</b>")
        self.password_field = QLineEdit(password)
        self.password_field.setReadOnly(True)
        self.password_field.setObjectName("pdfPassword")
        self.password_field.setAccessibleName("Password for the PDF")
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSizeF(fixed.pointSizeF() * 1.25)
        self.password_field.setFont(fixed)
        self.password_field.setMinimumWidth(
            self.password_field.fontMetrics().horizontalAdvance(password) + 24
        )
        self.copy_button = QPushButton("Copy")
        self.copy_button.setObjectName("copyPassword")
        self.copied = QLabel("")
        self.copied.hide()
        advice = QLabel(SEND_SEPARATELY_ADVICE)
        advice.setWordWrap(True)
        buttons = QDialogButtonBox()
        done = buttons.addButton(
            "I have noted the password", QDialogButtonBox.ButtonRole.AcceptRole
        )
        done.setObjectName("passwordNoted")
        buttons.accepted.connect(self.accept)

        row = QHBoxLayout()
        row.addWidget(self.password_field, 1)
        row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(row)
        layout.addWidget(self.copied)
        layout.addWidget(advice)
        layout.addWidget(buttons)
        self.copy_button.clicked.connect(self._copy)
        self.setMinimumWidth(480)

    def _copy(self) -> None:
        # Kept out of the clipboard history and the cloud clipboard, cleared in a minute.
        copy_secret(self.password_field.text())
        self.copied.setText(
            "Copied for one minute. Paste it where you need it; it is then cleared from "
            "the clipboard."
        )
        self.copied.show()

    def done(self, result: int) -> None:
        """Forget the password when the dialog closes."""
        self.password_field.clear()
        super().done(result)


def run_print_dialog(parent: QWidget, printer: QPrinter) -> bool:
    """The system print dialog, without "Print to file"; True if the worker chose to print.

    Printing to a file would leave an unencrypted copy of the assessment: Export PDF
    is the way to a file, with the offer of a password.
    """
    dialog = QPrintDialog(printer, parent)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, False)
    return dialog.exec() == QDialog.DialogCode.Accepted
