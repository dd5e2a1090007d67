"""The dialogs of amendments (issue 13): the reason for "Amend", and the versions.

:class:`AmendDialog` asks why a final assessment is amended: the reason is printed on
the amended version, so it cannot be left empty. :class:`VersionsDialog` lists every
version of an assessment (version, status, when finalised, fingerprint, reason) and
opens the one chosen: by keyboard the table has the focus first, the arrows choose,
Enter or "Open" opens it, Escape closes. Neither title carries a child's name.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.domain.amendments import NO_REASON
from ce_desktop.domain.derived import format_time
from ce_desktop.domain.model import Status
from ce_desktop.gui.form_dialog import FormDialog
from ce_desktop.usecases.amendments import Version

AMEND_TITLE = "Amend a final assessment"
VERSIONS_TITLE = "Versions of this assessment"
REASON_SHOWN = 300
"""Characters of a reason shown under the table (the whole reason is in the PDF)."""
_STATUS_WORDS = {Status.DRAFT: "Draft", Status.FINAL: "Final", Status.SENT: "Final, sent"}


class AmendDialog(FormDialog):
    """Why a final assessment is amended; the new version is started once accepted.

    Attributes:
        reason: the box the reason is typed in.
    """

    def __init__(self, reference: str, parent: QWidget | None = None) -> None:
        super().__init__(
            AMEND_TITLE,
            record="&Amend",
            intro=(
                f"Amending {reference} starts its next version as a draft, to correct and "
                "finalise again through the same checks. The original stays exactly as "
                "it was, with its fingerprint. The reason is printed on the amended version."
            ),
            names=("amendProblem", "amendButton", "cancelAmend"),
            width=480,
            parent=parent,
        )
        self.setObjectName("amendDialog")
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(self.reason.fontMetrics().lineSpacing() * 5 + 14)
        self.add_row("&Reason for the amendment", self.reason, "amendReason")
        self.reason.setFocus()

    def reason_text(self) -> str:
        """The reason as typed, without the blank lines around it."""
        return self.reason.toPlainText().strip()

    def accept(self) -> None:
        """Amend only with a reason."""
        if self.reason_text():
            super().accept()
            return
        self.refuse(NO_REASON, self.reason)


def _first_line(text: str, limit: int = 60) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def status_words(version: Version, later: Sequence[Version]) -> str:
    """A version's status as the history says it, given the versions after it:
    "Final, superseded" once a later one is final, "Final, being amended" while the
    later one is a draft."""
    if version.damaged:
        return "Cannot be read"
    words = _STATUS_WORDS[version.status]
    if version.status is Status.DRAFT or not later:
        return words
    if any(v.status is not Status.DRAFT for v in later):
        return f"{words}, superseded"
    return f"{words}, being amended"


class _VersionsTable(QTableWidget):
    """A table that asks for the width of its columns (the dialog is sized by it)."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        header = self.horizontalHeader()
        columns = sum(header.sectionSize(c) for c in range(self.columnCount() - 1))
        reason = self.fontMetrics().horizontalAdvance("x" * 40)
        rows = sum(self.rowHeight(r) for r in range(min(self.rowCount(), 8)))
        height = header.height() + rows + 2 * self.frameWidth() + 4
        return QSize(max(hint.width(), columns + reason + 2 * self.frameWidth()), height)


class VersionsDialog(QDialog):
    """Every version of one assessment; "Open" opens the one chosen.

    Attributes:
        table: one row a version, the original first.
        reason_label: the reason of the chosen version, under the table.
        open_button: opens the chosen version (Enter in the table does too).
        chosen: the id of the version to open, once accepted.
    """

    def __init__(
        self, reference: str, versions: Sequence[Version], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(VERSIONS_TITLE)
        self.setObjectName("versionsDialog")
        self._versions = list(versions)
        self.chosen: str | None = None
        count = len(self._versions)
        intro = QLabel(
            f"{reference} has {count} {'version' if count == 1 else 'versions'}, the "
            "original first. The latest final version is the assessment of record; the "
            "versions it supersedes are kept as they were, and open read-only.",
            self,
        )
        intro.setWordWrap(True)
        self.table = self._build_table(reference)
        self.reason_label = QLabel(self)
        self.reason_label.setObjectName("versionReason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextFormat(Qt.TextFormat.PlainText)
        self.open_button = QPushButton("&Open the version", self)
        self.open_button.setObjectName("openVersion")
        close = QPushButton("Close", self)
        close.setObjectName("closeVersions")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.open_button, close):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        self.open_button.clicked.connect(self.accept)
        close.clicked.connect(self.reject)
        self.table.activated.connect(lambda _index: self.accept())
        self.table.itemSelectionChanged.connect(self._show_reason)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.table, 1)
        column.addWidget(self.reason_label)
        column.addLayout(buttons)
        self.setMinimumWidth(520)
        self.table.selectRow(count - 1)
        self.table.setFocus()

    def _build_table(self, reference: str) -> QTableWidget:
        headers = ["Version", "Status", "Finalised", "Fingerprint", "Reason"]
        table = _VersionsTable(len(self._versions), len(headers), self)
        table.setObjectName("versionsTable")
        table.setAccessibleName(f"Versions of {reference}")
        table.setHorizontalHeaderLabels(headers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab goes on to the buttons
        table.verticalHeader().setVisible(False)
        for row, version in enumerate(self._versions):
            cells = [
                str(version.version),
                status_words(version, self._versions[row + 1 :]),
                format_time(version.finalised_at) if version.finalised_at else "—",
                version.fingerprint or "—",
                _first_line(version.reason) if version.reason else "—",
            ]
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        header = table.horizontalHeader()
        for column in range(len(headers) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        table.resizeColumnsToContents()
        return table

    def _show_reason(self) -> None:
        row = self.table.currentRow()
        version = self._versions[row] if 0 <= row < len(self._versions) else None
        self.open_button.setEnabled(version is not None and not version.damaged)
        if version is None or not version.reason:
            self.reason_label.setText("")
            self.reason_label.setVisible(False)
            return
        reason = version.reason
        if len(reason) > REASON_SHOWN:
            reason = reason[: REASON_SHOWN - 1].rstrip() + "… (the whole reason is in its PDF)"
        self.reason_label.setText(f"Reason for version {version.version}: {reason}")
        self.reason_label.setVisible(True)

    def accept(self) -> None:
        """Open the chosen version (one whose file can be read)."""
        row = self.table.currentRow()
        if not 0 <= row < len(self._versions) or self._versions[row].damaged:
            return
        self.chosen = self._versions[row].id
        super().accept()
