"""``ce-desktop incident add`` and ``incident list`` as a worker or a script runs them."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ce_desktop.domain import lifecycle
from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.migrations import assessment_to_json
from ce_desktop.resources import resource_path
from ce_desktop.storage.paths import DataLayout
from tests.e2e.cli_support import run_cli
from tests.factories import full_assessment

PASSPHRASE = "tea and toast on a rainy morning"
WHAT = "Missing overnight; found by fictional officers\nat a train station, 20 miles away."

pytestmark = pytest.mark.slow


def cli(folder: Path, *args: str, text: str = "") -> subprocess.CompletedProcess[str]:
    return run_cli(
        *args, "--data-dir", str(folder), "--passphrase-stdin", stdin=f"{PASSPHRASE}\n{text}"
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    assert cli(data, "init").returncode == 0
    return data


def _import_sample(folder: Path) -> str:
    imported = cli(folder, "import", str(resource_path("samples", "sample-assessment.json")))
    assert imported.returncode == 0, imported.stderr
    return imported.stdout.strip()


def test_record_an_incident_from_standard_input_and_list_it(folder: Path) -> None:
    reference = _import_sample(folder)
    added = cli(
        folder,
        "incident",
        "add",
        reference,
        "--date",
        "28/11/2026",
        "--agency",
        "Fictional Police",
        "--by",
        "Alex Worker",
        text=WHAT,
    )
    assert added.returncode == 0, added.stderr
    assert "The toolkit asks for a new assessment after any significant incident" in added.stderr
    assert "missing" not in added.stderr.lower()  # what happened is never echoed

    listed = cli(folder, "incident", "list", reference)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        "28/11/2026\tFictional Police\tAlex Worker\tMissing overnight; found by fictional "
        "officers / at a train station, 20 miles away."
    ]
    as_json = json.loads(cli(folder, "incident", "list", reference, "--json").stdout)
    (entry,) = as_json["incidents"]
    assert entry["what_happened"] == WHAT
    assert entry["id"] == added.stdout.strip()
    # On disk, only ciphertext named by the child's random id.
    (path,) = DataLayout(folder).incidents.iterdir()
    assert b"train station" not in path.read_bytes()

    # The chronology prints as the PDF's appendix.
    pdf = folder.parent / "out.pdf"
    exported = cli(folder, "export-pdf", reference, "-o", str(pdf))
    assert exported.returncode == 0, exported.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    appendix = text.split("\f")[-2]  # the last page (pdftotext ends with a form feed)
    assert "Appendix: chronology of significant incidents" in appendix
    assert "at a train station, 20 miles away." in appendix
    assert "Fictional Police" in appendix


def test_what_happened_from_a_file_and_a_review_started(folder: Path, tmp_path: Path) -> None:
    final = lifecycle.finalise(
        full_assessment(), default_catalogue(), now=datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
    )
    source = tmp_path / "final.json"
    source.write_text(assessment_to_json(final), "utf-8")
    reference = cli(folder, "import", str(source)).stdout.strip()
    text_file = tmp_path / "what.txt"
    text_file.write_text(WHAT, "utf-8")
    base = ("incident", "add", reference, "--agency", "School", "--by", "Alex Worker")
    added = cli(folder, *base, "--date", "2026-11-29", "--file", str(text_file))
    assert added.returncode == 0, added.stderr
    assert f"Start a review of {reference} in CE Desktop" in added.stderr
    assert len(cli(folder, "list").stdout.splitlines()) == 1  # only prompted

    again = cli(folder, *base, "--date", "30/11/2026", "--file", str(text_file), "--start-review")
    assert again.returncode == 0, again.stderr
    assert "Started the review CE-" in again.stderr
    listed = cli(folder, "list").stdout.splitlines()
    assert len(listed) == 2
    review = next(line.split("\t")[0] for line in listed if "\tdraft\t" in line)
    # One chronology for the child, whichever of its assessments names it.
    assert (
        cli(folder, "incident", "list", review).stdout
        == cli(folder, "incident", "list", reference).stdout
    )


def test_nothing_is_recorded_without_what_happened_or_with_a_bad_date(folder: Path) -> None:
    reference = _import_sample(folder)
    base = ("incident", "add", reference, "--agency", "School", "--by", "Alex Worker")
    empty = cli(folder, *base, "--date", "28/11/2026", text="")
    assert empty.returncode == 2
    assert "give what happened" in empty.stderr
    future = cli(folder, *base, "--date", "01/01/2099", text=WHAT)
    assert future.returncode == 2
    assert "in the future" in future.stderr
    bad = cli(folder, *base, "--date", "yesterday", text=WHAT)
    assert bad.returncode == 2
    assert "dd/mm/yyyy" in bad.stderr
    unknown = cli(folder, "incident", "list", "CE-20990101-ZZZZ")
    assert unknown.returncode == 1
    assert "was not found" in unknown.stderr
    assert not DataLayout(folder).incidents.exists()


def test_check_names_a_damaged_incident_file_and_the_folder_still_lists(folder: Path) -> None:
    reference = _import_sample(folder)
    for day in ("27/11/2026", "28/11/2026"):
        args = ("incident", "add", reference, "--date", day, "--agency", "School")
        assert cli(folder, *args, "--by", "Alex Worker", text=WHAT).returncode == 0
    assert "1 chronology of incidents" in cli(folder, "check").stderr
    (path,) = [p for p in DataLayout(folder).incidents.iterdir() if p.suffix == ".cec"]
    path.write_bytes(path.read_bytes()[:-4])

    checked = cli(folder, "check")
    assert checked.returncode == 1
    assert f"The chronology of incidents of the child in {reference} is damaged" in checked.stdout
    assert "Traceback" not in checked.stderr
    listed = cli(folder, "list")
    assert listed.returncode == 0
    assert reference in listed.stdout

    opened = cli(folder, "incident", "list", reference)
    assert opened.returncode == 0, opened.stderr
    assert "damaged, so its last good copy was opened" in opened.stderr
    assert len(opened.stdout.splitlines()) == 1  # the backup copy's one incident
    assert next(p.name for p in (folder / "quarantine").iterdir()).startswith(path.name)
