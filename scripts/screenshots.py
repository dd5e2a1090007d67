"""Write a PNG of every page of the assessment editor, filled with the training sample.

The pictures are for looking at: a page that reads badly at 1280x800, or at twice the
text size, shows it here before a worker sees it. They go to the git-ignored
``screenshots/`` folder (``screenshots/200-percent/`` for the larger text):

    .venv/bin/python scripts/screenshots.py [--text-scale 2]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1280, 800)


def _slug(title: str) -> str:
    return "-".join(title.lower().split())


def _settle(app: object) -> None:
    """Let posted layout requests run: growing text boxes refit once they know their width."""
    from PySide6.QtCore import QCoreApplication

    for _ in range(3):
        QCoreApplication.processEvents()


def write_screenshots(folder: Path, *, text_scale: float = 1.0) -> list[Path]:
    """Grab every editor page at 1280x800 with the sample loaded; return the PNG paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ce_desktop.app import configure_application
    from ce_desktop.domain.catalogue import default_catalogue
    from ce_desktop.domain.model import Assessment
    from ce_desktop.gui.editor import AssessmentEditor
    from ce_desktop.resources import resource_path

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    original_font = app.font()
    configure_application(app)
    if text_scale != 1.0:
        font = app.font()
        font.setPointSizeF(font.pointSizeF() * text_scale)
        app.setFont(font)
    sample_file = resource_path("samples", "sample-assessment.json")
    sample = Assessment.model_validate_json(sample_file.read_text(encoding="utf-8"))
    editor = AssessmentEditor(default_catalogue())
    written: list[Path] = []
    try:
        editor.resize(*SIZE)
        editor.show()
        editor.load(sample)
        folder.mkdir(parents=True, exist_ok=True)
        for index, page in enumerate(editor.pages):
            editor.tabs.setCurrentIndex(index)
            first_identified = next(iter(sample.identified_indicators()), None)
            if page.title == "Indicators" and first_identified:
                editor.go_to(f"indicators.{first_identified}.identified")
            _settle(app)
            path = folder / f"{index + 1:02d}-{_slug(page.title)}.png"
            editor.grab().save(str(path))
            written.append(path)
    finally:
        editor.close()
        editor.deleteLater()
        app.setFont(original_font)
        app.processEvents()
    return written


def main(argv: list[str] | None = None) -> int:
    """Write the screenshots and print where they went."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text-scale", type=float, default=1.0, help="2 for 200%% text")
    args = parser.parse_args(argv)
    folder = ROOT / "screenshots"
    if args.text_scale != 1.0:
        folder = folder / f"{round(args.text_scale * 100)}-percent"
    for path in write_screenshots(folder, text_scale=args.text_scale):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
