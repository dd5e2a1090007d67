"""The form's fields as data (``resources/form.yaml``), loaded strictly like the catalogue.

Each answer is declared once: its model path, kind, page, label, the PDF's own words
for it, hint, whether it is optional or prefilled, and when it applies. The pages,
Check and finish, the page statuses and the PDF read these declarations. Reading and
writing an answer by its path is ``form_paths``'s; which questions apply to an
assessment, and how complete a page is, is ``completeness``'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, model_validator

from ce_desktop.domain.catalogue import Catalogue
from ce_desktop.domain.form_paths import read_path
from ce_desktop.domain.model import Assessment
from ce_desktop.domain.yaml_entries import CatalogueError, entries, read_mapping
from ce_desktop.resources import resource_path

FORM_FILE = "form.yaml"
PLACEHOLDERS = {"indicator": "indicators", "factor": "vulnerability factors"}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class FieldKind(StrEnum):
    """What kind of answer a field takes, and so which input the page shows."""

    LINE = "line"
    TEXT = "text"
    DATE = "date"
    YES_NO = "yes_no"
    CHOICE = "choice"
    ROWS = "rows"
    CHECKLIST = "checklist"
    CHECK = "check"
    TICKED_AT = "ticked_at"
    NHS_NUMBER = "nhs_number"
    UPN = "upn"


_CHOSEN = {
    FieldKind.YES_NO,
    FieldKind.CHOICE,
    FieldKind.CHECKLIST,
    FieldKind.CHECK,
    FieldKind.TICKED_AT,
}


class Derived(StrEnum):
    """Conditions worked out in code (``derived``), named in the declaration."""

    THOROUGH_ASSESSMENT_NEEDED = "thorough_assessment_needed"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(_Strict):
    """When a field applies: the answer at ``path`` is one of ``values``, or a derived fact.

    Values are written as the model stores them (``"yes"``, ``"significant"``).
    """

    path: str | None = None
    values: tuple[str, ...] = ()
    derived: Derived | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        if (self.path is None) == (self.derived is None):
            raise ValueError("give either path and values, or derived")
        if self.path is not None and not self.values:
            raise ValueError("a path condition needs values")
        return self


class Missing(_Strict):
    """What the checks say when a required answer is missing (``missing:`` in the form).

    ``{title}`` in the message stands for the catalogue entry's title.
    """

    rule: str = "required"
    message: str | None = None


class PageDecl(_Strict):
    """One page of the editor."""

    id: str
    title: str


class FieldDecl(_Strict):
    """One answer of the form (see the comments at the top of ``form.yaml``)."""

    path: str
    kind: FieldKind
    page: str
    section: str = ""
    label: str
    pdf_label: str | None = None
    hint: str = ""
    spoken: str = ""
    optional: bool = False
    prefilled: bool = False
    applies_when: Condition | None = None
    missing: Missing | None = None

    @property
    def required(self) -> bool:
        """Whether its page is complete only once it is given (where it applies)."""
        return not self.optional and not self.prefilled

    @property
    def checked(self) -> bool:
        """Whether the checks report it missing where it applies (``missing:``): an error."""
        return self.missing is not None

    @property
    def missing_rule(self) -> str:
        """The rule id of the finding that reports this answer missing."""
        return self.missing.rule if self.missing is not None else "required"

    def missing_message(self, title: str = "") -> str:
        """The words of that finding (``title``: the catalogue entry's, if repeated)."""
        if self.missing is not None and self.missing.message is not None:
            return self.missing.message.replace("{title}", title)
        label = self.label.replace("{title}", title)
        if self.kind in _CHOSEN:
            return f"Choose an answer for \u201c{label}\u201d"
        return f"Enter \u201c{label}\u201d"

    @property
    def printed_label(self) -> str:
        """The words the PDF uses for this answer."""
        return self.pdf_label or self.label

    @property
    def placeholder(self) -> str | None:
        """``"indicator"`` or ``"factor"`` for a field repeated per catalogue entry."""
        found = _PLACEHOLDER.search(self.path)
        return found.group(1) if found else None


@dataclass(frozen=True)
class Form:
    """The whole declaration: pages, fields and the record-keeping leaves."""

    pages: tuple[PageDecl, ...]
    fields: tuple[FieldDecl, ...]
    record_keeping: tuple[str, ...]

    def field(self, path: str) -> FieldDecl:
        """The declaration of a model path (a catalogue id matches its placeholder).

        Raises:
            KeyError: the path is not declared.
        """
        found = self._by_pattern().get(pattern_of(path))
        if found is None:
            raise KeyError(path)
        return found

    def _by_pattern(self) -> dict[str, FieldDecl]:
        return {f.path: f for f in self.fields}

    def on_page(self, page: str) -> list[FieldDecl]:
        """The fields of one page, in the declaration's order."""
        return [f for f in self.fields if f.page == page]

    def label(self, path: str) -> str:
        """The page's label of a path."""
        return self.field(path).label

    def pdf_label(self, path: str) -> str:
        """The PDF's label of a path."""
        return self.field(path).printed_label


def pattern_of(path: str) -> str:
    """A concrete path with its catalogue id replaced by the placeholder."""
    parts = path.split(".")
    if parts[0] == "indicators" and len(parts) == 3:
        return f"indicators.{{indicator}}.{parts[2]}"
    if parts[:2] == ["vulnerability", "factors"] and len(parts) == 4:
        return f"vulnerability.factors.{{factor}}.{parts[3]}"
    return path


def on_entry(pattern: str, path: str | None) -> str:
    """``pattern`` with its placeholder replaced by the catalogue id in ``path``."""
    found = _PLACEHOLDER.search(pattern)
    if found is None:
        return pattern
    if path is None:
        raise ValueError(f"'{pattern}' needs a concrete path")
    index = pattern.split(".").index(found.group(0))
    return pattern.replace(found.group(0), path.split(".")[index])


def expand(declaration: FieldDecl, catalogue: Catalogue) -> list[str]:
    """The concrete model paths of a declaration (one per catalogue entry if repeated)."""
    if declaration.placeholder == "indicator":
        return [declaration.path.replace("{indicator}", i) for i in catalogue.indicator_ids()]
    if declaration.placeholder == "factor":
        ids = [f.id for f in catalogue.toolkit.vulnerability_factors]
        return [declaration.path.replace("{factor}", i) for i in ids]
    return [declaration.path]


# Loading ----------------------------------------------------------------------------


def load_form(path: Path) -> Form:
    """Read and check ``form.yaml``.

    Raises:
        CatalogueError: a missing or unknown key, an unknown kind or page, a duplicate
            path, a condition naming an undeclared path, or an unknown placeholder.
    """
    name = path.name
    data = read_mapping(path, ["pages", "fields", "record_keeping"])
    pages = entries(name, "pages", data["pages"], PageDecl, unique=lambda p: p.id)
    fields = entries(name, "fields", data["fields"], FieldDecl, id_key="path", unique=_path_of)
    page_ids = {p.id for p in pages}
    paths = {f.path for f in fields}
    for declaration in fields:
        where = f"{name}: field '{declaration.path}'"
        if declaration.page not in page_ids:
            raise CatalogueError(f"{where}: unknown page '{declaration.page}'.")
        if declaration.placeholder is not None and declaration.placeholder not in PLACEHOLDERS:
            raise CatalogueError(f"{where}: unknown placeholder '{{{declaration.placeholder}}}'.")
        condition = declaration.applies_when
        if condition is not None and condition.path is not None and condition.path not in paths:
            raise CatalogueError(f"{where}: applies_when names '{condition.path}', not declared.")
        if condition is not None and condition.path is not None:
            named = _PLACEHOLDER.search(condition.path)
            if named is not None and named.group(1) != declaration.placeholder:
                raise CatalogueError(f"{where}: applies_when names another entry's answer.")
        if declaration.missing is not None and not declaration.required:
            raise CatalogueError(f"{where}: 'missing' on an optional or prefilled answer.")
        if not model_has(declaration.path):
            raise CatalogueError(f"{where}: the assessment has no such answer.")
    keeping = data["record_keeping"]
    if not isinstance(keeping, list) or not all(isinstance(k, str) for k in keeping):
        raise CatalogueError(f"{name}: record_keeping: expected a list of paths.")
    for leaf in keeping:
        if not model_has(leaf):
            raise CatalogueError(f"{name}: record_keeping: the assessment has no '{leaf}'.")
    overlap = paths & set(keeping)
    if overlap:
        raise CatalogueError(f"{name}: record_keeping: '{sorted(overlap)[0]}' is also a field.")
    return Form(tuple(pages), tuple(fields), tuple(keeping))


_SAMPLE_DAY = date(2000, 1, 1)


def model_has(path: str) -> bool:
    """Whether ``path`` (placeholders allowed) names an answer the model holds."""
    concrete = _PLACEHOLDER.sub("sample", path)
    try:
        read_path(Assessment.new(today=_SAMPLE_DAY), concrete)
    except (AttributeError, KeyError):
        return False
    return True


def _path_of(declaration: FieldDecl) -> str:
    return declaration.path


@cache
def default_form() -> Form:
    """The form declaration shipped with the app (read once)."""
    return load_form(resource_path(FORM_FILE))
