"""One way to find the data files under ``resources/``, wherever the app runs from.

Three layouts are supported, tried in this order:

* a PyInstaller bundle: ``sys._MEIPASS/resources`` (``build.spec`` puts them there);
* a source checkout or editable install: ``<repo>/resources`` beside ``src/``;
* an installed wheel: ``<prefix>/share/ce-desktop/resources`` (pyproject data-files).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_MARKER = "indicators.yaml"


def _candidates() -> list[Path]:
    found: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.append(Path(bundle) / "resources")
    found.append(Path(__file__).resolve().parents[2] / "resources")
    found.append(Path(sys.prefix) / "share" / "ce-desktop" / "resources")
    return found


@cache
def resources_dir() -> Path:
    """Return the folder holding the app's resources.

    Raises:
        FileNotFoundError: no layout has the resources (a broken install).
    """
    for candidate in _candidates():
        if (candidate / _MARKER).is_file():
            return candidate
    tried = ", ".join(str(c) for c in _candidates())
    raise FileNotFoundError(f"The app's resource files are missing (looked in: {tried}).")


def resource_path(*parts: str) -> Path:
    """Return the path of one resource, for example ``resource_path("fonts", "DejaVuSans.ttf")``."""
    return resources_dir().joinpath(*parts)
