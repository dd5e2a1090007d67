"""Reading and writing an assessment's answers by model path (``"child.name"``,
``"indicators.cse_1.level"``), as ``form.yaml`` names them.

An untouched catalogue entry (an indicator, a vulnerability factor) reads as its
default and is added only when something is written to it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ce_desktop.domain.model import IndicatorEntry, VulnerabilityEntry

_ENTRY_TYPES: dict[str, type[BaseModel]] = {
    "indicators": IndicatorEntry,
    "vulnerability.factors": VulnerabilityEntry,
}


def walk(root: BaseModel, path: str, *, create: bool) -> tuple[BaseModel, str]:
    """The model holding the last part of ``path``, and that part's name.

    An untouched catalogue entry reads as its default; with ``create`` it is added.
    """
    parts = path.split(".")
    node: BaseModel = root
    index = 0
    while index < len(parts) - 1:
        child = getattr(node, parts[index])
        if isinstance(child, dict):
            holder = ".".join(parts[: index + 1])
            key = parts[index + 1]
            entry = child.get(key)
            if entry is None:
                entry = _ENTRY_TYPES[holder]()
                if create:
                    child[key] = entry
            node = entry
            index += 2
        else:
            node = child
            index += 1
    return node, parts[-1]


def read_path(root: BaseModel, path: str) -> Any:
    """The model value at ``path``."""
    parent, attribute = walk(root, path, create=False)
    return getattr(parent, attribute)


def write_path(root: BaseModel, path: str, value: Any) -> None:
    """Set the model value at ``path``, creating a catalogue entry if needed."""
    parent, attribute = walk(root, path, create=True)
    setattr(parent, attribute, value)
