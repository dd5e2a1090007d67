"""A schema snapshot per format version: the models' fields never change unversioned.

An older release reads files with ``extra="forbid"``: a field added without stepping
the version would make its files look damaged there. So the JSON Schema of each kept
format is snapshotted per version (``format_snapshots/NAME-vN.json``, never edited
once committed), and this test fails when a model's fields change while its version
stays. Step the version (see ``ce_desktop.domain.formats``), then write the new
snapshot with ``python -m tests.unit.domain.test_format_snapshots``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from ce_desktop.domain.model import FORMAT_VERSION, Assessment
from ce_desktop.domain.settings import SETTINGS_FORMAT_VERSION, Settings

SNAPSHOTS = Path(__file__).with_name("format_snapshots")
FORMATS: dict[str, tuple[type[BaseModel], int]] = {
    "assessment": (Assessment, FORMAT_VERSION),
    "settings": (Settings, SETTINGS_FORMAT_VERSION),
}


_STRUCTURE = {
    "$defs",
    "$ref",
    "additionalProperties",
    "allOf",
    "anyOf",
    "const",
    "enum",
    "items",
    "oneOf",
    "prefixItems",
    "properties",
    "type",
}
"""What an older release's reading depends on: names, types and allowed values.
Titles, descriptions, defaults and limits (a maximum length, say) are left out."""


def _structure(node: Any, *, names: bool = False) -> Any:
    if isinstance(node, list):
        return [_structure(item) for item in node]
    if not isinstance(node, dict):
        return node
    if names:  # a "properties" or "$defs" mapping: every key is a name to keep
        return {key: _structure(value) for key, value in node.items()}
    return {
        key: _structure(value, names=key in ("properties", "$defs"))
        for key, value in node.items()
        if key in _STRUCTURE
    }


def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    """The structure of the model's JSON Schema, as stored in a snapshot."""
    structure: dict[str, Any] = _structure(model.model_json_schema())
    return json.loads(json.dumps(structure, sort_keys=True))


def snapshot_path(name: str, version: int) -> Path:
    """Where the snapshot of one format version is kept."""
    return SNAPSHOTS / f"{name}-v{version}.json"


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_the_fields_match_the_snapshot_of_their_version(name: str) -> None:
    model, version = FORMATS[name]
    path = snapshot_path(name, version)
    assert path.exists(), (
        f"No snapshot of {name} format {version}: run "
        "'python -m tests.unit.domain.test_format_snapshots' and commit it."
    )
    assert schema_of(model) == json.loads(path.read_text("utf-8")), (
        f"The {name} model changed but its format version is still {version}: step the "
        "version and add a migration (see ce_desktop.domain.formats)."
    )


def test_every_older_version_keeps_its_snapshot() -> None:
    for name, (_model, version) in FORMATS.items():
        for older in range(1, version):
            assert snapshot_path(name, older).exists(), f"{name} v{older} snapshot is missing"


def write_missing_snapshots() -> list[Path]:
    """Write the snapshot of each current version that has none (never overwrites)."""
    written = []
    for name, (model, version) in FORMATS.items():
        path = snapshot_path(name, version)
        if not path.exists():
            path.write_text(json.dumps(schema_of(model), indent=1, sort_keys=True) + "\n")
            written.append(path)
    return written


if __name__ == "__main__":
    for path in write_missing_snapshots():
        sys.stdout.write(f"wrote {path}\n")
