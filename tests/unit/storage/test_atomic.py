"""Safe writes: full disk, a file held by another program, permissions (T11, T12)."""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

import pytest

from ce_desktop.storage import atomic
from ce_desktop.storage.atomic import atomic_write
from ce_desktop.storage.errors import SaveFailed
from ce_desktop.storage.vault import Vault
from tests.unit.storage.conftest import fictional_assessment


def _temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def test_write_replaces_content_and_keeps_the_old_file_as_backup(tmp_path: Path) -> None:
    target = tmp_path / "file.bin"
    atomic_write(target, b"first")
    atomic_write(target, b"second", keep_backup=True)
    assert target.read_bytes() == b"second"
    assert (tmp_path / "file.bin.bak").read_bytes() == b"first"
    assert _temp_files(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_new_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "file.bin"
    atomic_write(target, b"secret")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_full_disk_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.bin"
    atomic_write(target, b"original")

    def no_space(_fd: int, _data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", no_space)
    with pytest.raises(SaveFailed, match=r"There is not enough space on the disk to save\."):
        atomic_write(target, b"new content", keep_backup=True)
    monkeypatch.undo()
    assert target.read_bytes() == b"original"
    assert _temp_files(tmp_path) == []


def test_t11_full_disk_during_an_assessment_save(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment = fictional_assessment()
    vault.save(assessment)
    path = vault.data_dir / "assessments" / f"{assessment.id}.cea"
    before = path.read_bytes()
    edited = assessment.model_copy(deep=True)
    edited.child.known_as = "Edited alias"

    real_write = os.write
    calls = {"n": 0}

    def fills_up(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(data)[:100])  # part of it lands, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", fills_up)
    with pytest.raises(SaveFailed) as failure:
        vault.save(edited)
    monkeypatch.undo()
    assert str(failure.value) == "There is not enough space on the disk to save."
    assert path.read_bytes() == before
    assert _temp_files(vault.data_dir) == []
    # The edit is not on disk: what loads is the last saved version.
    assert vault.load(assessment.id) == assessment


class _FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_t12_replace_refused_twice_then_allowed_saves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.bin"
    atomic_write(target, b"original")
    clock = _FakeClock()
    monkeypatch.setattr(atomic, "_sleep", clock.sleep)
    monkeypatch.setattr(atomic, "_monotonic", lambda: clock.now)
    real_replace = os.replace
    refusals = {"left": 2}

    def sharing_violation(src: object, dst: object) -> None:
        if refusals["left"]:
            refusals["left"] -= 1
            raise PermissionError(errno.EACCES, "The process cannot access the file")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", sharing_violation)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert len(clock.slept) == 2
    assert _temp_files(tmp_path) == []


def test_t12_replace_always_refused_fails_after_a_bounded_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.bin"
    atomic_write(target, b"original")
    clock = _FakeClock()
    monkeypatch.setattr(atomic, "_sleep", clock.sleep)
    monkeypatch.setattr(atomic, "_monotonic", lambda: clock.now)

    def always_held(_src: object, _dst: object) -> None:
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", always_held)
    with pytest.raises(SaveFailed, match="another program is holding the file"):
        atomic_write(target, b"new")
    monkeypatch.undo()
    assert atomic.REPLACE_RETRY_SECONDS <= sum(clock.slept) <= atomic.REPLACE_RETRY_SECONDS + 1
    assert target.read_bytes() == b"original"
    assert _temp_files(tmp_path) == []
