"""The assessment editor: the form's pages as tabs, each tab saying how far along it is.

The editor owns the model while it is open: inputs write into it edit by edit through
the binder, so ``assessment()`` costs nothing and autosave can call it at any moment.
The rules run only when asked (on the "Check and finish" page), never while typing;
a tab's "has problems" comes from the last check, and clears as the field is fixed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QTabWidget, QVBoxLayout, QWidget

from ce_desktop.domain import rules
from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.chronology import Incident
from ce_desktop.domain.model import Assessment, Status
from ce_desktop.domain.settings import Settings
from ce_desktop.gui.editor.action_page import ActionPage
from ce_desktop.gui.editor.analysis_page import AnalysisPage
from ce_desktop.gui.editor.binding import Binder
from ce_desktop.gui.editor.check_page import CheckPage
from ce_desktop.gui.editor.child_page import ChildPage
from ce_desktop.gui.editor.date_field import DateField
from ce_desktop.gui.editor.form import EditorContext, EditorPage, Progress
from ce_desktop.gui.editor.identifier_field import IdentifierField
from ce_desktop.gui.editor.indicators_page import IndicatorsPage
from ce_desktop.gui.editor.vulnerability_page import VulnerabilityPage
from ce_desktop.gui.speech import announce, in_region, install, set_error

PREFILL = (
    ("details.completed_by", "worker_name"),
    ("details.agency", "agency"),
    ("details.contact_details", "contact_details"),
)
"""Fields of a new draft filled from the worker's settings."""


ENTRY_RULE = "entry"
"""The rule id of a finding about what was typed (not the model): a date that is not real,
or an NHS number or UPN that fails its check."""


def _local_now() -> datetime:
    return datetime.now().astimezone()


class AssessmentEditor(QWidget):
    """The form's pages in tabs, bound to one assessment.

    Signals:
        edited(): the worker changed something (the model already holds it).
        finalise_requested(): "Finalise" pressed with no error and every warning justified.
        start_review_requested(): "Start a review" pressed on a final assessment.
        page_changed(int): another tab was chosen.

    Attributes:
        tabs: the tab widget holding the pages.
        pages: the pages, in tab order.
    """

    edited = Signal()
    finalise_requested = Signal()
    start_review_requested = Signal()
    page_changed = Signal(int)

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        install()
        self._catalogue = catalogue
        self._binder = Binder(self)
        self._context = EditorContext(catalogue, self._binder, _local_now)
        self._findings: list[rules.Finding] = []
        self._marked: dict[int, QWidget] = {}
        self._empty: dict[str, bool] = {}
        self._progress: dict[int, Progress] = {}
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        form_pages: list[type[EditorPage]] = [
            ChildPage,
            VulnerabilityPage,
            IndicatorsPage,
            AnalysisPage,
            ActionPage,
        ]
        self.pages: list[EditorPage] = [
            page_type(self._context, index) for index, page_type in enumerate(form_pages)
        ]
        self.check_page = CheckPage(
            self._context,
            len(self.pages),
            run_check=self.run_check,
            go_to=self.go_to,
            page_titles=[page.title for page in self.pages],
        )
        self.pages.append(self.check_page)
        for page in self.pages:
            self.tabs.addTab(page, page.title)
        self.check_page.finalise_requested.connect(self.finalise_requested)
        self.check_page.start_review_requested.connect(self.start_review_requested)
        self.check_page.justified.connect(self._on_justified)
        self._binder.edited.connect(self._on_edited)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._update_all_tabs()

    # The contract of the shell (gui.editor_seam.Editor) -------------------------------

    def load(
        self,
        assessment: Assessment,
        *,
        previous: Assessment | None = None,
        settings: Settings | None = None,
    ) -> None:
        """Show ``assessment``; a final or sent one is read-only.

        A new draft's "Name of person completing", "Agency" and "Contact details" are
        filled from ``settings`` where empty. ``previous`` is the assessment a review
        was started from: the check page shows what changed since.
        """
        model = assessment.model_copy(deep=True)
        if settings is not None and model.status is Status.DRAFT:
            details = model.details
            for path, setting in PREFILL:
                attribute = path.split(".")[1]
                if not getattr(details, attribute):
                    setattr(details, attribute, getattr(settings, setting))
        self._findings = []
        self._mark_errors()
        self.check_page.findings = None
        self.check_page.previous = previous
        self._binder.load(model)
        self._binder.set_read_only(model.is_read_only)
        self._empty = {f.path: self._binder.is_empty(f.path) for f in self._binder.fields()}
        for page in self.pages:
            if page is not self.check_page:
                page.refresh()
        self.tabs.setCurrentIndex(len(self.pages) - 1 if model.is_read_only else 0)
        if self.tabs.currentWidget() is self.check_page:
            self.check_page.refresh()
        self._update_all_tabs()

    def show_incidents(self, incidents: Sequence[Incident]) -> None:
        """A review's page lists the incidents recorded since the previous assessment."""
        self.check_page.show_incidents(incidents)

    def assessment(self) -> Assessment:
        """The assessment as edited so far (the live model: no copy, no rebuild).

        Raises:
            RuntimeError: nothing is loaded (after ``clear``).
        """
        model = self._binder.assessment
        if model is None:
            raise RuntimeError("No assessment is open.")
        return model

    def clear(self) -> None:
        """Empty every input and drop the model (on lock)."""
        self._binder.clear()
        self._findings = []
        self._mark_errors()
        self._empty = {}
        for page in self.pages:
            page.clear_derived()
        self._update_all_tabs()

    def location(self) -> tuple[int, str]:
        """The tab shown and the objectName of the focused input (its model path)."""
        focused = QApplication.focusWidget()
        name = ""
        while focused is not None and self.isAncestorOf(focused):
            if self._binder.field(focused.objectName()) is not None:
                name = focused.objectName()
                break
            focused = focused.parentWidget()
        return self.tabs.currentIndex(), name

    def restore_location(self, location: tuple[int, str]) -> None:
        """Go back to a tab and input saved by ``location``."""
        index, name = location
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)
        field = self._binder.field(name) if name else None
        if field is not None and field.page == self.tabs.currentIndex():
            self._focus(field.page, field.widget)

    def focus_start(self) -> None:
        """Put the keyboard in the shown page's first control (on opening an assessment)."""
        page = self.pages[self.tabs.currentIndex()]
        widget = page.nextInFocusChain()
        while widget is not None and widget is not page:
            if (
                page.isAncestorOf(widget)
                and widget.isVisibleTo(page)
                and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                page.reveal(widget)
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            widget = widget.nextInFocusChain()

    def widget(self) -> QWidget:
        """The editor's widget (itself), as the window's ``Editor`` seam asks."""
        return self

    def set_now_provider(self, now: Callable[[], datetime]) -> None:
        """Replace the clock used for rules, ages and referral times (for tests)."""
        self._context.now = now

    # Checks and navigation --------------------------------------------------------

    def run_check(self) -> list[rules.Finding]:
        """Run every rule on the current model and mark the tabs with problems."""
        model = self._binder.assessment
        if model is None:
            return []
        found = rules.check(model, self._catalogue, now=self._context.now())
        entries = self._entry_findings()
        # A date typed but not real (or a number failing its check) is that field's one
        # problem: the model holds nothing, and "Enter the date" would wrongly say that
        # nothing was typed, or an optional number would silently be left out.
        rejected = {finding.path for finding in entries}
        self._findings = entries + [f for f in found if f.path not in rejected]
        self._update_all_tabs()
        self._mark_errors()
        return list(self._findings)

    def _entry_findings(self) -> list[rules.Finding]:
        """An error, in the field's own words, for each date box holding no real date and
        each NHS number or UPN box holding a number that fails its check."""
        return [
            rules.Finding(ENTRY_RULE, rules.Severity.ERROR, problem, field.path)
            for field in self._binder.fields()
            if isinstance(field.widget, DateField | IdentifierField)
            and (problem := field.widget.entry_problem())
        ]

    def _mark_errors(self) -> None:
        """Each input an error leads to carries the error in its accessible description.

        Heard when the worker arrives in it from an error link, and on every later visit
        until the answer changes. (Qt has no "invalid entry" state to set:
        see docs/known-limits.md.)
        """
        messages: dict[int, list[str]] = {}
        widgets: dict[int, QWidget] = {}
        for finding in self._findings:
            if finding.severity is not rules.Severity.ERROR:
                continue
            field = self._binder.field_for(finding.path)
            if field is not None:
                messages.setdefault(id(field.widget), []).append(finding.message)
                widgets[id(field.widget)] = field.widget
        for key, widget in list(self._marked.items()):
            if key not in widgets:
                set_error(widget, "")
        for key, widget in widgets.items():
            set_error(widget, " ".join(messages[key]))
        self._marked = widgets

    def go_to(self, path: str) -> None:
        """Show the field of a model path (a finding's or a "Change" link's) and focus it."""
        field = self._binder.field_for(path)
        if field is None:
            return
        self.tabs.setCurrentIndex(field.page)
        self._focus(field.page, field.widget)

    def _focus(self, page_index: int, widget: QWidget) -> None:
        page = self.pages[page_index]
        ancestor: QWidget | None = widget
        while ancestor is not None and ancestor is not page:
            if ancestor.isHidden():
                ancestor.show()
            ancestor = ancestor.parentWidget()
        target = widget.focusProxy() or widget
        if not target.isEnabled() or target.focusPolicy() == Qt.FocusPolicy.NoFocus:
            target = next(
                (
                    w
                    for w in widget.findChildren(QWidget)
                    if w.isEnabled()
                    and w.isVisibleTo(page)
                    and w.focusPolicy() != Qt.FocusPolicy.NoFocus
                ),
                target,
            )
        page.reveal(widget)
        target.setFocus()

    # Reactions ----------------------------------------------------------------------

    def _on_edited(self, path: str) -> None:
        for page in self.pages:
            page.on_edited(path)
        field = self._binder.field(path)
        if self._findings:
            fixed = [f for f in self._findings if f.path == path]
            if fixed:
                self._findings = [f for f in self._findings if f.path != path]
                self._update_all_tabs()
                self._mark_errors()
        if field is not None:
            empty = self._binder.is_empty(path)
            if self._empty.get(path) != empty:
                self._empty[path] = empty
                self._update_tab(field.page)
        self.edited.emit()

    def _on_justified(self) -> None:
        self._update_tab(self.check_page.index)
        self.edited.emit()

    def _on_tab_changed(self, index: int) -> None:
        page = self.pages[index]
        if self._binder.assessment is not None:
            page.refresh()
        self._update_all_tabs()
        # The tab's name is spoken by the tab bar; the heading says where the page starts.
        # When the focus moved into the page, its region's name has said the heading.
        announce(page, page.news_on_arrival() if in_region(page) else page.spoken_on_arrival())
        self.page_changed.emit(index)

    # Tab statuses ---------------------------------------------------------------------

    def _problem_pages(self) -> set[int]:
        model = self._binder.assessment
        if model is None:
            return set()
        unjustified = {f.key for f in rules.unjustified_warnings(model, self._findings)}
        pages: set[int] = set()
        for finding in self._findings:
            if finding.severity is rules.Severity.ERROR or finding.key in unjustified:
                field = self._binder.field_for(finding.path)
                if field is not None:
                    pages.add(field.page)
        return pages

    def _update_all_tabs(self) -> None:
        problems = self._problem_pages()
        for page in self.pages:
            self._update_tab(page.index, problems)

    def _update_tab(self, index: int, problems: set[int] | None = None) -> None:
        page = self.pages[index]
        model = self._binder.assessment
        if model is None:
            self.tabs.setTabText(index, page.title)
            return
        if problems is None:
            problems = self._problem_pages()
        progress = Progress.HAS_PROBLEMS if index in problems else page.progress(model)
        self._progress[index] = progress
        self.tabs.setTabText(index, f"{page.title} — {progress.value}")

    def page_progress(self, index: int) -> Progress | None:
        """The status a tab shows, or None when nothing is loaded."""
        return self._progress.get(index) if self._binder.assessment is not None else None
