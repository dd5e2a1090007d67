"""The Settings dialog: who the worker is, where assessments go, when the app locks.

The data folder is shown but cannot be changed here (it is chosen when the app
starts); its "Back up now" and "Restore" buttons only emit signals, and the window
runs the backup or restore itself so that the dialog never touches the vault.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.domain.defaults import MAX_CHASE_DAYS, MIN_CHASE_DAYS
from ce_desktop.domain.settings import MAX_IDLE_MINUTES, MIN_IDLE_MINUTES, Settings
from ce_desktop.gui.error_summary import ErrorSummary, Problem
from ce_desktop.gui.look import ERROR_STYLE

# Deliberately simple: one "@", no spaces, a dot in the domain. The mail program does
# the real checking; this only catches slips such as the toolkit's own "surreycc,gov.uk".
_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;.]+$")

EMAIL_ERROR = "Enter the MASH email address in the correct format, like name@example.gov.uk"
IDLE_ERROR = f"Enter a number of minutes between {MIN_IDLE_MINUTES} and {MAX_IDLE_MINUTES}"


def is_valid_email(address: str) -> bool:
    """Whether ``address`` looks like one email address (surrounding spaces ignored)."""
    return bool(_EMAIL.match(address.strip()))


class SettingsDialog(QDialog):
    """Edit the worker's settings; the caller saves :meth:`result_settings` on accept.

    Signals:
        backup_requested: the worker pressed "Back up now".
        restore_requested: the worker pressed "Restore".

    Attributes:
        worker_name: "Your name" field.
        agency: "Agency" field.
        contact_details: "Contact details" field.
        mash_address: "MASH email address" field.
        idle_minutes: minutes before the app locks itself.
        data_folder: the data folder, read-only.
        error_summary: "There is a problem" box, hidden until a check fails.
        body_scroll: the scroll area around the fields (it scrolls only on a small screen).
    """

    backup_requested = Signal()
    restore_requested = Signal()

    def __init__(self, settings: Settings, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._original = settings
        self.setWindowTitle("Settings")
        self.setObjectName("settingsDialog")

        self.error_summary = ErrorSummary(self)

        self.worker_name = QLineEdit(settings.worker_name)
        self.agency = QLineEdit(settings.agency)
        self.contact_details = QPlainTextEdit(settings.contact_details)
        self.contact_details.setTabChangesFocus(True)
        line = self.contact_details.fontMetrics().lineSpacing()
        self.contact_details.setFixedHeight(line * 3 + 14)
        self.mash_address = QLineEdit(settings.mash_address)
        self.mash_error = _error_label("mashAddressError")
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(MIN_IDLE_MINUTES, MAX_IDLE_MINUTES)
        self.idle_minutes.setValue(settings.idle_minutes)
        self.idle_minutes.setSuffix(" minutes")
        self.idle_minutes.setMinimumWidth(self.idle_minutes.sizeHint().width() + 24)
        self.idle_minutes.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.idle_error = _error_label("idleMinutesError")
        self.chase_days = QSpinBox()
        self.chase_days.setRange(MIN_CHASE_DAYS, MAX_CHASE_DAYS)
        self.chase_days.setValue(settings.chase_working_days)
        self.chase_days.setSuffix(" working days")
        self.chase_days.setMinimumWidth(self.chase_days.sizeHint().width() + 24)
        self.chase_days.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.chase_days.setAccessibleDescription(
            "Working days after a sending with no acknowledgement or decision before the "
            "case list says Chase the MASH (Working Together: one)."
        )
        self.chase_days.setToolTip(self.chase_days.accessibleDescription())
        self.data_folder = QLineEdit(str(data_dir))
        self.data_folder.setReadOnly(True)
        # Read-only must look read-only: the folder is chosen at start-up, not here.
        self.data_folder.setStyleSheet("QLineEdit { background: palette(window); }")
        self.data_folder.setCursorPosition(0)
        self.backup_button = QPushButton("Back up now")
        self.restore_button = QPushButton("Restore…")

        layout = QVBoxLayout(self)
        layout.addWidget(self.error_summary)
        # The groups scroll, so that at 200% text on a laptop the dialog fits the
        # screen with its Save and Cancel buttons always in view.
        body = QWidget(self)
        body.setObjectName("settingsBody")
        groups = QVBoxLayout(body)
        groups.setContentsMargins(0, 0, 0, 0)
        groups.addWidget(self._worker_group())
        groups.addWidget(self._sending_group())
        groups.addWidget(self._data_group())
        self.body_scroll = scroll = QScrollArea(self)
        scroll.setObjectName("settingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Not a Tab stop: the keyboard goes to the fields, which scroll into view.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout.addWidget(buttons)
        _align_labels(self)

        self.backup_button.clicked.connect(self.backup_requested)
        self.restore_button.clicked.connect(self.restore_requested)
        self.setMinimumWidth(520)

    def _worker_group(self) -> QGroupBox:
        group = QGroupBox("Your details")
        form = _form(group)
        hint = QLabel("Used to fill in “Name of person completing” and “Agency” on new forms.")
        hint.setWordWrap(True)
        form.addRow(hint)
        _add_row(form, "Your name", self.worker_name, "workerName")
        _add_row(form, "Agency", self.agency, "agency")
        _add_row(form, "Contact details", self.contact_details, "contactDetails")
        return group

    def _sending_group(self) -> QGroupBox:
        group = QGroupBox("Sending and locking")
        form = _form(group)
        _add_row(form, "MASH email address", self.mash_address, "mashAddress")
        form.addRow("", self.mash_error)
        _add_row(form, "Lock after", self.idle_minutes, "idleMinutes")
        form.addRow("", self.idle_error)
        hint = QLabel(
            f"CE Desktop locks itself after this many minutes without use "
            f"({MIN_IDLE_MINUTES} to {MAX_IDLE_MINUTES})."
        )
        hint.setWordWrap(True)
        form.addRow("", hint)
        _add_row(form, "Chase the MASH after", self.chase_days, "chaseDays")
        return group

    def _data_group(self) -> QGroupBox:
        group = QGroupBox("Data folder")
        form = _form(group)
        _add_row(form, "Folder", self.data_folder, "dataFolder")
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        form.addRow("", row)
        hint = QLabel(
            "A backup is one encrypted file. It opens only with your passphrase or recovery key."
        )
        hint.setWordWrap(True)
        form.addRow("", hint)
        self.backup_button.setObjectName("backupNow")
        self.restore_button.setObjectName("restore")
        return group

    def problems(self) -> list[str]:
        """The plain messages for every field that cannot be saved as typed."""
        return [message for _field, message in self._problems()]

    def _problems(self) -> list[tuple[QWidget, str]]:
        found: list[tuple[QWidget, str]] = []
        if not is_valid_email(self.mash_address.text()):
            found.append((self.mash_address, EMAIL_ERROR))
        # A spin box clamps what it shows, but a box emptied by the worker still reads
        # as its old value: refuse it rather than save a number nobody chose.
        text = self.idle_minutes.cleanText().strip()
        if not text.isdigit() or not MIN_IDLE_MINUTES <= int(text) <= MAX_IDLE_MINUTES:
            found.append((self.idle_minutes, IDLE_ERROR))
        return found

    def accept(self) -> None:
        """Close with Save only when every field is valid; otherwise say what to fix."""
        found = self._problems()
        fields = {field for field, _message in found}
        for field, label, message in (
            (self.mash_address, self.mash_error, EMAIL_ERROR),
            (self.idle_minutes, self.idle_error, IDLE_ERROR),
        ):
            label.setText(message if field in fields else "")
            label.setVisible(field in fields)
        self.error_summary.show_problems(
            [
                Problem(message, f"problem.{field.objectName()}", partial(self._go_to, field))
                for field, message in found
            ]
        )
        if not found:
            super().accept()
            return
        self._go_to(found[0][0])

    def _go_to(self, field: QWidget) -> None:
        """Put the focus on ``field``, scrolled into view (at 200% text the body scrolls)."""
        self.body_scroll.ensureWidgetVisible(field)
        field.setFocus()

    def result_settings(self) -> Settings:
        """The settings as edited (only meaningful once the dialog was accepted)."""
        return Settings.model_validate(
            self._original.model_dump()
            | {
                "worker_name": self.worker_name.text().strip(),
                "agency": self.agency.text().strip(),
                "contact_details": self.contact_details.toPlainText().strip(),
                "mash_address": self.mash_address.text().strip(),
                "idle_minutes": self.idle_minutes.value(),
                "chase_working_days": self.chase_days.value(),
            }
        )


def _form(group: QGroupBox) -> QFormLayout:
    form = QFormLayout(group)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return form


def _add_row(form: QFormLayout, text: str, field: QWidget, name: str) -> None:
    label = QLabel(text)
    label.setBuddy(field)
    field.setObjectName(name)
    field.setAccessibleName(text)
    form.addRow(label, field)


def _align_labels(dialog: QDialog) -> None:
    """Give every row label one width, so the fields line up across the groups."""
    labels = [label for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    width = max(label.sizeHint().width() for label in labels)
    for label in labels:
        label.setMinimumWidth(width)


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label
