"""Fixtures the GUI tests share (``floor_kdf``, real Argon2id at its floor, is in
``tests/conftest.py``: the end-to-end tests use it too).

* ``dialogs``: a :class:`~tests.gui.fake_dialogs.RecordingDialogs`, handed to the
  window or its helpers instead of replacing ``QMessageBox``;
* ``catalogue``: the form's catalogue, loaded once;
* ``editor``: the real assessment editor, shown, holding a new draft, its clock at
  ``editor_support.NOW``;
* ``spoken``: every accessibility update and announcement the app sends, recorded;
* ``shown_window``: makes a vault (optionally with one child's assessment) and shows
  a main window on it with the stand-in editor (or the one given) and ``dialogs``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ce_desktop.domain.catalogue import Catalogue, default_catalogue
from tests.gui.fake_dialogs import RecordingDialogs

if TYPE_CHECKING:
    from ce_desktop.gui.editor import AssessmentEditor
    from tests.gui.a11y_support import Announcements


@pytest.fixture
def dialogs() -> RecordingDialogs:
    """A fresh recording stand-in for every dialog."""
    return RecordingDialogs()


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The form's catalogue (read once: it is never changed by a test)."""
    return default_catalogue()


@pytest.fixture
def editor(qtbot: Any) -> AssessmentEditor:
    """An editor, shown and active, holding a new draft; its clock stands at ``NOW``."""
    from tests.gui.editor_support import shown_editor

    return shown_editor(qtbot)


@pytest.fixture
def spoken(monkeypatch: pytest.MonkeyPatch) -> Announcements:
    """Every accessibility update the app sends, announcements recorded."""
    from tests.gui.a11y_support import record_announcements

    return record_announcements(monkeypatch)


@pytest.fixture
def shown_window(
    qtbot: Any, data_dir: Path, dialogs: RecordingDialogs, floor_kdf: None
) -> Callable[..., Any]:
    """``shown_window(child=None, editor_factory=StandInEditor, **options)``: a shown,
    locked main window (1280 x 800) over a new vault, with ``child``'s saved draft."""
    from ce_desktop.gui.main_window import MainWindow
    from tests.gui.shell_support import StandInEditor, make_vault, saved_assessment

    def make(child: str | None = None, **options: Any) -> MainWindow:
        vault, _key = make_vault(data_dir)
        if child is not None:
            saved_assessment(vault, child)
        vault.close()
        options.setdefault("editor_factory", StandInEditor)
        window = MainWindow(data_dir, dialogs=dialogs, **options)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        return window

    return make
