"""The small forms share one frame (``gui.form_dialog.FormDialog``): no default button,
labels that are their fields' buddies and names, and a refusal said above the fields
with the focus on the field to fix."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from ce_desktop.gui.amend_dialogs import AmendDialog
from ce_desktop.gui.form_dialog import FormDialog
from ce_desktop.gui.handoff_dialogs import ResponseDialog, SendingDefaults, SendingDialog
from ce_desktop.gui.incident_dialog import IncidentDialog
from ce_desktop.gui.look import ERROR_STYLE

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
NOW = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


def _forms() -> list[FormDialog]:
    defaults = SendingDefaults(how=None, to="", by="", now=NOW, earliest=None)
    return [
        SendingDialog(defaults),
        ResponseDialog(NOW, None, "", None),
        IncidentDialog("About", today=date(2026, 3, 3), recorded_by="", record=lambda _a: "No."),
        AmendDialog("CE-20260303-ABCD"),
    ]


def test_every_small_form_is_one_frame_with_no_default_button(qtbot) -> None:
    for dialog in _forms():
        qtbot.addWidget(dialog)
        assert isinstance(dialog, FormDialog)
        dialog.show()
        buttons = dialog.findChildren(QPushButton)
        assert {dialog.record_button, dialog.cancel_button} <= set(buttons)
        assert all(not b.isDefault() and not b.autoDefault() for b in buttons)
        for row in range(dialog.form.rowCount()):
            label = dialog.form.itemAt(row, dialog.form.ItemRole.LabelRole)
            widget = label.widget() if label is not None else None
            if isinstance(widget, QLabel) and widget.text():
                assert widget.buddy() is not None, widget.text()
                assert widget.buddy().accessibleName() == widget.text().replace("&", "")


def test_a_refusal_is_said_above_the_fields_and_the_focus_goes_to_fix_it(qtbot) -> None:
    dialog = FormDialog("A form", record="&Record")
    qtbot.addWidget(dialog)
    field = QLineEdit()
    dialog.add_row("&Name", field, "nameField")
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    assert not dialog.problem.isVisible()
    dialog.refuse("Give the name.", field)
    assert dialog.problem.isVisible()
    assert dialog.problem.text() == dialog.problem.accessibleName() == "Give the name."
    assert dialog.problem.styleSheet() == ERROR_STYLE
    qtbot.waitUntil(field.hasFocus)
    assert field.accessibleName() == "Name"
    assert field.objectName() == "nameField"
