"""Fuzzing the import: documents from the interchange schema, and what a schema cannot make.

Each document is imported or refused with field paths, never an unexpected error; a
refusal writes nothing; and the folder still opens after all of them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from ce_desktop.cli.basic_commands import interchange_schema
from ce_desktop.domain.boundary import BoundaryError
from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.intake import ImportRefused, prepare_import
from ce_desktop.domain.migrations import NewerFormatError
from ce_desktop.domain.model import FORMAT_VERSION
from ce_desktop.storage.vault import Vault
from tests.jsonschema_support import from_schema
from tests.unit.domain.test_boundary import TODAY, _document
from tests.unit.storage.conftest import PASSPHRASE

EXAMPLES = 1000
_VERSION = f'"format_version": {FORMAT_VERSION}'
_CATALOGUE = default_catalogue()


def _listing(vault: Vault) -> dict[str, tuple[int, int]]:
    folder = vault.data_dir / "assessments"
    return {
        name: (stat.st_size, stat.st_mtime_ns)
        for name in os.listdir(folder)
        for stat in [os.stat(folder / name)]
    }


def _import_or_refuse(vault: Vault, data: str | bytes) -> bool:
    """Import ``data`` into ``vault`` as the command does; True if it came in."""
    before = _listing(vault)
    existing = {s.id: s.reference for s in vault.list_summaries()}
    problems: list[tuple[str, str]] = []
    try:
        intake = prepare_import(data, _CATALOGUE, existing=existing, today=TODAY)
    except BoundaryError as error:
        problems = [(p.path, p.message) for p in error.problems]
        assert problems, "a refusal names at least one field"
    except (ImportRefused, NewerFormatError) as error:
        problems = [("(the assessment)", str(error))]
    else:
        vault.save(intake.assessment)
        return True
    assert all(path and path != "$" and message for path, message in problems)
    assert _listing(vault) == before, "a refusal writes nothing"
    return False


def _bounded(schema: Any) -> Any:
    """The schema with small sizes, so each document is quick to make (same shapes)."""
    if isinstance(schema, dict):
        bounded = {key: _bounded(value) for key, value in schema.items()}
        kind = bounded.get("type")
        if kind == "string" and "pattern" not in bounded and "format" not in bounded:
            bounded.setdefault("maxLength", 40)
        if kind == "array":
            bounded.setdefault("maxItems", 4)
        if kind == "object" and "properties" not in bounded:
            bounded.setdefault("maxProperties", 4)
        return bounded
    if isinstance(schema, list):
        return [_bounded(item) for item in schema]
    return schema


def _folder_opens(folder: Path) -> None:
    vault = Vault.unlock(folder, PASSPHRASE)
    try:
        vault.list_summaries()
        vault.check()
    finally:
        vault.close()


@pytest.mark.slow
def test_documents_from_the_interchange_schema_are_imported_or_refused(vault: Vault) -> None:
    seen: list[bool] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(from_schema(_bounded(interchange_schema())))
    def one(document: Any) -> None:
        seen.append(_import_or_refuse(vault, json.dumps(document)))

    one()
    assert len(seen) >= EXAMPLES
    folder = vault.data_dir
    vault.close()
    _folder_opens(folder)


def _replace(raw: dict[str, Any], marker: str, text: str) -> str:
    return json.dumps(raw).replace(f'"{marker}"', text)


_HAND_MADE = {
    "nul in a name": json.dumps(_document(child__name="Fictional\x00Child")),
    "escape in a name": json.dumps(_document(child__name="Fictional\x1b[2JChild")),
    "byte-order mark": "\ufeff" + json.dumps(_document()),
    "deep nesting": _replace(_document(child__name="X"), "X", "[" * 50_000 + "]" * 50_000),
    "5,000-digit version": json.dumps(_document()).replace(
        _VERSION, '"format_version": ' + "7" * 5000
    ),
    "5,000-digit float": _replace(_document(child__name="X"), "X", "1." + "5" * 5000),
    "lone surrogate": _replace(_document(child__name="X"), "X", '"\\udc00"'),
    "far future": json.dumps(_document(updated_at="9999-12-31T23:59:59.999999Z")),
    "year one": json.dumps(_document(created_at="0001-01-01T00:00:00Z")),
    "edge final": json.dumps(
        _document(status="final", finalised_at="9999-12-31T23:59:59Z", fingerprint="X")
    ),
    "previous id as a path": json.dumps(_document(previous_id="../../../etc")),
    "10 MB narrative": json.dumps(_document(analysis__summary="x" * 10_000_000)),
    "200,000 agency rows": json.dumps(_document(agencies=[{"agency": "A"}] * 200_000)),
    "not an object": "[1, 2, 3]",
    "NaN": json.dumps(_document()).replace(
        f'"format_version": {FORMAT_VERSION}', '"format_version": NaN'
    ),
}


@pytest.mark.parametrize("name", sorted(_HAND_MADE))
def test_what_a_schema_cannot_generate_is_refused_with_a_path(vault: Vault, name: str) -> None:
    data = _HAND_MADE[name]
    came_in = _import_or_refuse(vault, data)
    assert came_in is (name == "byte-order mark")
    folder = vault.data_dir
    vault.close()
    _folder_opens(folder)
