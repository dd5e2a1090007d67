"""A real full disk, a real read-only mount, a folder without write permission.

``test_cli_read_only`` makes file creation fail inside the process; here the file
system itself refuses (a tmpfs filled to the last byte, a read-only bind mount, a
folder whose permissions a process that obeys them cannot write), so writes to
files that already exist, and opening them for writing, fail too. Reading, listing,
checking, exporting and backing up still work, each says once that changes will not
be saved, nothing raw reaches the terminal, and the folder is left exactly as it was.
Mounting needs root; without it the mount cases are skipped and the permission case
runs as the user it is.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ce_desktop.resources import resource_path
from ce_desktop.storage.errors import READ_ONLY_NOTICE
from tests.e2e.cli_support import make_data_folder, run_in, sample_assessment, snapshot

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="tmpfs and bind mounts are Linux's"),
]


def _make_folder(folder: Path) -> str:
    assessment = sample_assessment()
    make_data_folder(folder, assessment)
    return assessment.reference


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"this machine does not allow mounting here: {done.stderr.strip()}")


@contextlib.contextmanager
def _mounted(*args: str) -> Iterator[None]:
    _mount(*args)
    try:
        yield
    finally:
        subprocess.run(["umount", args[-1]], check=True)


def _reading_works(folder: Path, reference: str, out: Path, wrap: tuple[str, ...] = ()) -> None:
    runs = {
        "list": run_in(folder, "list", wrap=wrap),
        "check": run_in(folder, "check", wrap=wrap),
        "export-pdf": run_in(folder, "export-pdf", reference, "-o", str(out / "a.pdf"), wrap=wrap),
        "backup": run_in(folder, "backup", "-o", str(out / "all.cebackup"), wrap=wrap),
    }
    for name, run in runs.items():
        assert run.returncode == 0, (name, run.stderr)
        assert run.stderr.count(READ_ONLY_NOTICE) == 1, (name, run.stderr)
        for raw in ("Traceback", "Errno", "errno", "Write to", "Permission denied"):
            assert raw not in run.stderr, (name, run.stderr)
    assert runs["list"].stdout.startswith(reference)
    assert (out / "a.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "all.cebackup").stat().st_size > 0
    sample = str(resource_path("samples", "sample-assessment.json"))
    imported = run_in(folder, "import", sample, wrap=wrap)
    assert imported.returncode == 1
    assert READ_ONLY_NOTICE in imported.stderr
    assert "Traceback" not in imported.stderr


@pytest.mark.skipif(not IS_ROOT, reason="mounting a tmpfs needs root")
def test_reading_works_on_a_disk_full_to_the_last_byte(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    with _mounted("-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)):
        folder = disk / "data"
        reference = _make_folder(folder)
        fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 65536)
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0")  # the last bytes of the last page
        os.close(fd)
        before = snapshot(folder)
        _reading_works(folder, reference, out)
        assert snapshot(folder) == before  # nothing written, no empty lock left


@pytest.mark.skipif(not IS_ROOT, reason="a bind mount needs root")
def test_reading_works_on_a_read_only_mount(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    reference = _make_folder(folder)
    view = tmp_path / "view"
    view.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    before = snapshot(folder)
    with _mounted("--bind", str(folder), str(view)):
        _mount("-o", "remount,bind,ro", str(view))
        _reading_works(view, reference, out)
    assert snapshot(folder) == before


@pytest.mark.skipif(
    IS_ROOT and shutil.which("setpriv") is None, reason="root ignores permissions without setpriv"
)
def test_reading_works_in_a_folder_without_write_permission(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    reference = _make_folder(folder)
    out = tmp_path / "out"
    out.mkdir()
    before = snapshot(folder)
    paths = [folder, *folder.rglob("*")]
    for path in paths:
        path.chmod(0o500 if path.is_dir() else 0o400)
    # Root's power to ignore permissions is dropped, as a worker never has it.
    wrap = ("setpriv", "--bounding-set", "-dac_override,-dac_read_search") if IS_ROOT else ()
    try:
        _reading_works(folder, reference, out, wrap)
    finally:
        for path in paths:
            path.chmod(0o700 if path.is_dir() else 0o600)
    assert snapshot(folder) == before
