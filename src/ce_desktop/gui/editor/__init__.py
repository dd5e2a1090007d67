"""The assessment editor: the form's pages, bound to the model (see ``editor``)."""

from ce_desktop.gui.editor.editor import AssessmentEditor

__all__ = ["AssessmentEditor"]
