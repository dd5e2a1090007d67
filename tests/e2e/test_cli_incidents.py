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


def _add(folder: Path, reference: str, day: str, text: str = WHAT) -> None:
    args = ("incident", "add", reference, "--date", day, "--agency", "Fictional Police")
    added = cli(folder, *args, "--by", "Alex Worker", text=text)
    assert added.returncode == 0, added.stderr


def test_an_incident_is_corrected_from_standard_input_and_its_earlier_text_kept(
    folder: Path, tmp_path: Path
) -> None:
    reference = _import_sample(folder)
    _add(folder, reference, "27/11/2026", "Seen at the fictional Nortown station.")
    _add(folder, reference, "28/11/2026")
    corrected = cli(
        folder,
        "incident",
        "correct",
        reference,
        "1",
        "--by",
        "Sam Senior",
        "--date",
        "26/11/2026",
        text="The station was typed wrongly.\nSeen at the fictional Southby station.\n",
    )
    assert corrected.returncode == 0, corrected.stderr
    assert "Corrected incident 1" in corrected.stderr
    assert "Southby" not in corrected.stderr + corrected.stdout  # never echoed

    first, second = cli(folder, "incident", "list", reference).stdout.splitlines()
    assert first.startswith(
        "26/11/2026\tFictional Police\tAlex Worker\tSeen at the fictional Southby station. "
        "[corrected on "
    )
    assert (
        "by Sam Senior: The station was typed wrongly.; it read before: 27/11/2026, Fictional "
        "Police, Seen at the fictional Nortown station.]"
    ) in first
    assert "corrected" not in second
    as_json = json.loads(cli(folder, "incident", "list", reference, "--json").stdout)
    entry = as_json["incidents"][0]
    assert entry["number"] == 1
    assert entry["what_happened"] == "Seen at the fictional Southby station."
    (correction,) = entry["corrections"]
    assert correction["reason"] == "The station was typed wrongly."
    assert correction["before"]["what_happened"] == "Seen at the fictional Nortown station."

    # From files: only the reason given, the account and the date stay as they read.
    reason = tmp_path / "why.txt"
    reason.write_text("The agency was wrong.", "utf-8")
    again = cli(
        folder,
        "incident",
        "correct",
        reference,
        "2",
        "--agency",
        "Fictional School",
        "--by",
        "Sam Senior",
        "--reason-file",
        str(reason),
    )
    assert again.returncode == 0, again.stderr
    second = cli(folder, "incident", "list", reference).stdout.splitlines()[1]
    assert second.startswith("28/11/2026\tFictional School\tAlex Worker\tMissing overnight")


def test_a_correction_of_no_incident_or_without_a_reason_is_refused(folder: Path) -> None:
    reference = _import_sample(folder)
    _add(folder, reference, "27/11/2026")
    before = cli(folder, "incident", "list", reference, "--json").stdout
    base = ("incident", "correct", reference)
    missing = cli(folder, *base, "3", "--by", "Sam Senior", text="Why.\nNew text.")
    assert missing.returncode == 2
    assert "There is no incident 3 in this child's chronology: it holds 1 incident." in (
        missing.stderr
    )
    no_reason = cli(folder, *base, "1", "--by", "Sam Senior", text="\nNew text.")
    assert no_reason.returncode == 2
    assert "give why it is corrected" in no_reason.stderr
    assert cli(folder, "incident", "list", reference, "--json").stdout == before


def test_a_pdf_exported_with_an_unreadable_chronology_says_so(folder: Path) -> None:
    reference = _import_sample(folder)
    _add(folder, reference, "27/11/2026", "Seen at the fictional Nortown station.")
    for path in DataLayout(folder).incidents.iterdir():
        path.write_bytes(b"damaged in transit")
    pdf = folder.parent / "out.pdf"
    exported = cli(folder, "export-pdf", reference, "-o", str(pdf))
    assert exported.returncode == 0, exported.stderr
    assert "The chronology of this child's incidents could not be read" in exported.stderr
    assert "Nortown" not in exported.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    last_page = " ".join(text.split("\f")[-2].split())
    assert "The chronology could not be read when this copy was made" in last_page
    assert "Nortown" not in text


def test_backup_and_restore_say_how_many_incidents_they_carried(
    folder: Path, tmp_path: Path
) -> None:
    reference = _import_sample(folder)
    _add(folder, reference, "27/11/2026")
    _add(folder, reference, "28/11/2026")
    backup = tmp_path / "all.cebackup"
    made = cli(folder, "backup", "-o", str(backup))
    assert made.returncode == 0, made.stderr
    assert "It holds 1 assessment and 1 child's chronology of incidents (2 incidents)." in (
        made.stderr + made.stdout
    )
    fresh = cli(tmp_path / "new", "restore", str(backup))
    assert fresh.returncode == 0, fresh.stderr
    assert "with the chronologies of incidents of 1 child (2 incidents)." in (
        fresh.stderr + fresh.stdout
    )
    again = cli(folder, "restore", str(backup))
    assert again.returncode == 0, again.stderr
    assert (
        "Chronologies of incidents: 0 brought back, 0 merged with the one here, 1 already up "
        "to date; 0 incidents added."
    ) in again.stderr + again.stdout
