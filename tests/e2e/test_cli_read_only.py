"""A full disk or a read-only folder does not lock the worker out (issue: read-only).

The data folder is made and filled normally, then every command runs in a process
where no file can be created inside it. Reading, listing, checking, exporting and
backing up still work, each says once that changes will not be saved, nothing raw
reaches the terminal, and the folder is left exactly as it was.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from ce_desktop.resources import resource_path
from ce_desktop.storage.errors import READ_ONLY_NOTICE
from tests.e2e.cli_support import make_data_folder, run_in, sample_assessment, snapshot

FULL_DISK = Path(__file__).with_name("full_disk")

pytestmark = pytest.mark.slow


@pytest.fixture
def full_folder(tmp_path: Path) -> Path:
    return make_data_folder(tmp_path / "data", sample_assessment())


def _full_disk_cli(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(FULL_DISK), os.environ.get("PYTHONPATH", "")]),
        "CE_TEST_FULL_DISK": str(folder),
    }
    return run_in(folder, *args, env=env)


def test_every_reading_command_works_on_a_full_disk(full_folder: Path, tmp_path: Path) -> None:
    before = snapshot(full_folder)
    reference = sample_assessment().reference
    runs = {
        "list": _full_disk_cli(full_folder, "list"),
        "check": _full_disk_cli(full_folder, "check"),
        "export-pdf": _full_disk_cli(
            full_folder, "export-pdf", reference, "-o", str(tmp_path / "out.pdf")
        ),
        "export-json": _full_disk_cli(
            full_folder, "export-json", reference, "-o", str(tmp_path / "out.json")
        ),
        "backup": _full_disk_cli(full_folder, "backup", "-o", str(tmp_path / "all.cebackup")),
    }
    for name, run in runs.items():
        assert run.returncode == 0, (name, run.stderr)
        assert run.stderr.count(READ_ONLY_NOTICE) == 1, (name, run.stderr)
        for raw in ("errno", "Write to", "Traceback", "Permission denied"):
            assert raw not in run.stderr, (name, run.stderr)
    assert runs["list"].stdout.startswith(reference)
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "all.cebackup").stat().st_size > 0
    assert snapshot(full_folder) == before  # nothing written, no empty lock left


def test_a_change_on_a_full_disk_is_refused_in_plain_words(full_folder: Path) -> None:
    sample = resource_path("samples", "sample-assessment.json")
    before = snapshot(full_folder)
    run = _full_disk_cli(full_folder, "import", str(sample))
    assert run.returncode == 1
    assert READ_ONLY_NOTICE in run.stderr
    assert "Traceback" not in run.stderr
    assert "errno" not in run.stderr
    assert snapshot(full_folder) == before
