"""What the window and the session need of the assessment editor, as a Protocol.

The real editor (``gui.editor.AssessmentEditor``) and the tests' stand-in
(``tests/gui/shell_support.StandInEditor``) both satisfy :class:`Editor`; the window
and the session hold an ``Editor``, never ``Any``, so mypy checks every call across
the seam, and a change to the editor that the window relies on fails the type check.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ce_desktop.domain.catalogue import Catalogue
    from ce_desktop.domain.chronology import Incident
    from ce_desktop.domain.model import Assessment
    from ce_desktop.domain.settings import Settings


class Editor(Protocol):
    """The editor as the window sees it.

    Signals:
        edited(): an answer changed (the autosaver counts from here).
        page_changed(int): another page was chosen (the session saves at once).
        finalise_requested(): the worker asked to finalise (the use case decides).
        start_review_requested(): the worker asked for a review of a final assessment.
    """

    @property
    def edited(self) -> SignalInstance: ...

    @property
    def page_changed(self) -> SignalInstance: ...

    @property
    def finalise_requested(self) -> SignalInstance: ...

    @property
    def start_review_requested(self) -> SignalInstance: ...

    def load(
        self,
        assessment: Assessment,
        *,
        previous: Assessment | None = None,
        settings: Settings | None = None,
    ) -> None:
        """Show an assessment (with the one it reviews, if any)."""

    def show_incidents(self, incidents: Sequence[Incident]) -> None:
        """List the incidents recorded since the previous assessment (a review's)."""

    def assessment(self) -> Assessment:
        """The assessment as edited."""

    def clear(self) -> None:
        """Forget everything shown (on lock and on close)."""

    def location(self) -> tuple[int, str]:
        """The page and the field with focus, to come back to."""

    def restore_location(self, location: tuple[int, str]) -> None:
        """Go back to a page and field."""

    def focus_start(self) -> None:
        """Put the keyboard where the worker starts (typing goes into the form at once)."""

    def widget(self) -> QWidget:
        """The editor's widget, to put in the window."""


EditorFactory = Callable[["Catalogue", QWidget], Editor]
"""Makes the editor for the window (the real one, or a test's stand-in)."""
