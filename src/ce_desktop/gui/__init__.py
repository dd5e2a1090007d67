"""Everything Qt: the window, the form's pages, the dialogs and the compiled forms.

Importing this package first works around a reference-count bug of PySide6 6.12.0
(see ``signal_leak``), so no Python ``emit()`` can run before the guard is in place.
"""

from ce_desktop.gui.signal_leak import guard_against_emit_leak

guard_against_emit_leak()
