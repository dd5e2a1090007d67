"""The screenshot script writes a picture of every editor page, filled with the sample."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def load_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "screenshots", ROOT / "scripts" / "screenshots.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def distinct_colours(image: QImage, step: int = 16) -> int:
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


def test_every_page_is_written_at_1280x800_and_is_not_blank(qapp) -> None:
    written = load_script().write_screenshots(ROOT / "screenshots")

    assert [p.name for p in written] == [
        "01-child-details.png",
        "02-vulnerability.png",
        "03-indicators.png",
        "04-analysis.png",
        "05-intended-action.png",
        "06-check-and-finish.png",
    ]
    for path in written:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1280, 800), path.name
        assert distinct_colours(image) > 8, f"{path.name} looks blank"
