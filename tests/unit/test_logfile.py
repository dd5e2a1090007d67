"""The log file beside the data folder carries error types and places, never values."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from ce_desktop import logfile

SECRET = "Alex Fictional lives at 1 Pretend Street"


@pytest.fixture
def installed(tmp_path: Path) -> Iterator[Path]:
    path = logfile.install(tmp_path / "CE Desktop")
    assert path is not None
    yield path
    logfile.uninstall()


def test_the_log_is_in_the_data_folders_parent(installed: Path, tmp_path: Path) -> None:
    assert installed == tmp_path / "CE Desktop.log"
    logging.getLogger("ce_desktop.storage.vault").warning("The index could not be updated")
    assert "WARNING ce_desktop.storage.vault:" in installed.read_text(encoding="utf-8")
    assert not (tmp_path / "CE Desktop").exists()  # nothing inside the data folder


def test_an_exception_is_logged_by_type_and_place_never_its_message(installed: Path) -> None:
    try:
        raise ValueError(SECRET)
    except ValueError:
        logging.getLogger("ce_desktop.gui").exception("A step failed")
    text = installed.read_text(encoding="utf-8")
    assert "ValueError at test_logfile.py:" in text
    assert "in test_an_exception_is_logged_by_type_and_place_never_its_message" in text
    assert SECRET not in text


def test_the_log_rotates(installed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    handler = logging.getLogger("ce_desktop").handlers[-1]
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    monkeypatch.setattr(handler, "maxBytes", 200)
    for number in range(20):
        logging.getLogger("ce_desktop").warning("line %d of the rotation test", number)
    assert installed.with_name("CE Desktop.log.1").exists()
    assert not installed.with_name(f"CE Desktop.log.{logfile.BACKUP_COUNT + 1}").exists()


def test_an_unwritable_place_means_no_log_not_a_failure(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert logfile.install(blocker / "CE Desktop") is None
