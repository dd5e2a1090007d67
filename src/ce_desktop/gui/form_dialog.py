"""The small forms' one frame: words on top, a refusal line, labelled fields, two buttons.

"Record a sending", "Record the MASH's response", "Record a significant incident"
and "Amend a final assessment" are each a few fields under a sentence. Each is a
:class:`FormDialog`: it adds its fields with :meth:`FormDialog.add_row` (a label that
is the field's buddy, for its Alt key, and the field's accessible name) and says why
it cannot record yet with :meth:`FormDialog.refuse` (in the one error red, above the
fields, told to screen readers, the focus on the field to fix; nothing typed is lost).

Neither button is the default: Enter pressed once too often in a field records
nothing (PRODUCT §3.9: no default button ever records what did not happen). They are
plain buttons, not a ``QDialogButtonBox``, which makes its first accept button the
default when shown. Escape cancels. The record button calls :meth:`QDialog.accept`,
which each form overrides to check its answers first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ce_desktop.gui.look import ERROR_STYLE
from ce_desktop.gui.speech import announce


class FormDialog(QDialog):
    """A small form with a refusal line and "record" and "Cancel" buttons.

    Attributes:
        intro: the words above the form (hidden when there are none).
        problem: the plain refusal of the last attempt (hidden until there is one).
        form: the labelled fields, added with :meth:`add_row`.
        record_button: the button that records (it calls ``accept``).
        cancel_button: "Cancel" (it calls ``reject``).
    """

    def __init__(
        self,
        title: str,
        *,
        record: str,
        intro: str = "",
        names: tuple[str, str, str] = ("formProblem", "recordButton", "cancelButton"),
        width: int = 480,
        parent: QWidget | None = None,
    ) -> None:
        """Build the frame; the form adds its fields after.

        Args:
            title: the window title (never a child's name).
            record: the record button's words, with its Alt key (``"&Record"``).
            intro: the sentence above the fields.
            names: object names of the refusal line, the record and the Cancel button.
            width: the narrowest the form may be.
            parent: the window it is modal on.
        """
        super().__init__(parent)
        self.setWindowTitle(title)
        problem_name, record_name, cancel_name = names
        self.intro = QLabel(intro, self)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setVisible(bool(intro))
        self.problem = QLabel(self)
        self.problem.setObjectName(problem_name)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setVisible(False)
        self.form = QFormLayout()
        self.record_button = QPushButton(record, self)
        self.record_button.setObjectName(record_name)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName(cancel_name)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.record_button, self.cancel_button):
            button.setAutoDefault(False)
            button.setDefault(False)
            buttons.addWidget(button)
        self.record_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.intro)
        column.addWidget(self.problem)
        column.addLayout(self.form)
        column.addLayout(buttons)
        self.setMinimumWidth(width)

    def add_row(
        self, text: str, field: QWidget, name: str = "", *, spoken: str | None = None
    ) -> QLabel:
        """Add a labelled field: the label is its buddy, its words the field's name.

        Args:
            text: the label, with its Alt key (``"&When"``).
            field: the field.
            name: the field's object name ("" keeps the one it has).
            spoken: the accessible name, where it differs from the label's words.
        """
        label = QLabel(text, self)
        label.setBuddy(field)
        if name:
            field.setObjectName(name)
        field.setAccessibleName(spoken if spoken is not None else text.replace("&", ""))
        self.form.addRow(label, field)
        return label

    def refuse(self, text: str, focus: QWidget) -> None:
        """Say why the form cannot record yet, and put the focus where to fix it."""
        self.problem.setText(text)
        self.problem.setAccessibleName(text)
        self.problem.setVisible(True)
        self.resize(self.size().expandedTo(self.sizeHint()))  # room for the words
        announce(self.problem, text, assertive=True)
        focus.setFocus()
