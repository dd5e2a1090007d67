"""The assessment editor: the form's pages, bound to the model (see ``editor``)."""

from ce_desktop.gui.editor.signal_leak import guard_against_emit_leak

# Typing emits signals on every keystroke; see signal_leak for why this comes first.
guard_against_emit_leak()

from ce_desktop.gui.editor.editor import AssessmentEditor  # noqa: E402

__all__ = ["AssessmentEditor"]
