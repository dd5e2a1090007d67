"""The private outbox, the export folder IT can set, and folders synced to a cloud."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from ce_desktop.export import folders
from ce_desktop.storage import outbox


def test_the_outbox_is_private_and_beside_the_data_folder(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = outbox.write(tmp_path / "CE Desktop", "draft.eml", b"fictional")
    finally:
        os.umask(old)
    assert path.parent == tmp_path / "CE Desktop outbox"
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert path.stat().st_mode & 0o777 == 0o600
    assert not (tmp_path / "CE Desktop").exists()


def test_the_sweep_removes_only_what_has_been_there_a_while(tmp_path: Path) -> None:
    data = tmp_path / "CE Desktop"
    old = outbox.write(data, "old.eml", b"x")
    fresh = outbox.write(data, "fresh.eml", b"y")
    long_ago = time.time() - outbox.KEEP_SECONDS - 10
    os.utime(old, (long_ago, long_ago))
    assert outbox.sweep(data) == 1
    assert not old.exists()
    assert fresh.exists()
    assert outbox.sweep(tmp_path / "no such folder") == 0


def test_it_can_set_the_export_folder() -> None:
    assert folders.export_dir("C:/Users/alex/Documents", {}) == "C:/Users/alex/Documents"
    chosen = folders.export_dir("C:/Users/alex/Documents", {folders.EXPORT_DIR_VAR: "D:/Exports"})
    assert chosen == str(Path("D:/Exports"))


@pytest.mark.parametrize(
    ("path", "env"),
    [
        (r"C:\Users\alex\OneDrive - Fictional Council\Documents\CE.pdf", {}),
        (r"C:\Users\alex\OneDrive\Documents\CE.pdf", {}),
        (r"D:\Sync\Work\CE.pdf", {"OneDriveCommercial": r"D:\Sync"}),
        (r"c:\users\alex\documents\ce.pdf", {"OneDrive": r"C:\Users\alex\Documents"}),
        ("/home/alex/Dropbox/CE.pdf", {}),
    ],
)
def test_a_synced_folder_is_recognised(path: str, env: dict[str, str]) -> None:
    warning = folders.sync_warning(path, env)
    assert warning is not None
    assert "will leave the laptop" in warning


@pytest.mark.parametrize(
    "path",
    [
        r"C:\Users\alex\Documents\CE.pdf",
        r"C:\Users\alex\Desktop\OneDriveNotes.pdf",
        "/home/alex/exports/CE.pdf",
        r"C:\Users\alex\OneDrive.pdf",
    ],
)
def test_a_local_folder_is_not_warned_about(path: str) -> None:
    assert folders.sync_warning(path, {"OneDrive": r"E:\Elsewhere"}) is None
