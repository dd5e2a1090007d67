"""The vault commands run as a worker would run them: separate processes, real files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ce_desktop.resources import resource_path
from ce_desktop.storage.paths import ASSESSMENT_SUFFIX
from tests.e2e.cli_support import make_data_folder, run_cli, run_in

pytestmark = pytest.mark.slow


def without_audit(document: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in document.items() if key != "audit"}


def test_the_vault_commands_end_to_end(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    sample = resource_path("samples", "sample-assessment.json")

    init = run_in(folder, "init")
    assert init.returncode == 0, init.stderr
    recovery_key = init.stdout.strip()
    assert len(recovery_key.split("-")) >= 7
    assert "recovery key" in init.stderr

    imported = run_in(folder, "import", str(sample))
    assert imported.returncode == 0, imported.stderr
    reference = imported.stdout.strip()
    assert reference == json.loads(sample.read_text("utf-8"))["reference"]

    listed = run_in(folder, "list")
    assert listed.returncode == 0, listed.stderr
    (line,) = listed.stdout.splitlines()
    assert line.startswith(reference)
    assert json.loads(sample.read_text("utf-8"))["child"]["name"] in line

    as_json = run_in(folder, "list", "--json")
    assert [entry["reference"] for entry in json.loads(as_json.stdout)] == [reference]

    out = tmp_path / "out.json"
    exported = run_in(folder, "export-json", reference, "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert "not encrypted" in exported.stderr
    assert without_audit(json.loads(out.read_text("utf-8"))) == without_audit(
        json.loads(sample.read_text("utf-8"))
    )

    checked = run_in(folder, "check")
    assert checked.returncode == 0, checked.stderr + checked.stdout

    (damaged,) = (folder / "assessments").glob(f"*{ASSESSMENT_SUFFIX}")
    data = bytearray(damaged.read_bytes())
    data[-1] ^= 0x01
    damaged.write_bytes(bytes(data))
    checked = run_in(folder, "check")
    assert checked.returncode == 1
    assert reference in checked.stdout
    assert damaged.read_bytes() == bytes(data)  # check moves and repairs nothing

    wrong = run_in(folder, "list", passphrase="this is not the passphrase")
    assert wrong.returncode == 1
    assert wrong.stderr.strip().splitlines() == ["ce-desktop: The passphrase is not correct."]
    assert "Traceback" not in wrong.stderr
    assert wrong.stdout == ""


def test_invalid_import_lists_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    make_data_folder(folder)
    before = sorted(p.name for p in (folder / "assessments").iterdir())
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"reference": "", "child": {"name": "Fictional", "dob": 1}}))
    result = run_in(folder, "import", str(bad))
    assert result.returncode == 1
    assert "reference" in result.stderr
    assert "child.dob" in result.stderr
    assert "created_at" in result.stderr
    assert "Fictional" not in result.stderr
    assert sorted(p.name for p in (folder / "assessments").iterdir()) == before


def test_change_passphrase_backup_and_restore(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    sample = resource_path("samples", "sample-assessment.json")
    make_data_folder(folder)
    assert run_in(folder, "import", str(sample)).returncode == 0
    backup = tmp_path / "backup.cebak"
    assert run_in(folder, "backup", "-o", str(backup)).returncode == 0

    new = "marmalade on the windowsill"
    changed = run_in(folder, "change-passphrase", more_stdin=new + "\n")
    assert changed.returncode == 0, changed.stderr
    assert run_in(folder, "list").returncode == 1
    assert run_in(folder, "list", passphrase=new).returncode == 0

    # A new laptop: the backup opens with the passphrase it was made under.
    fresh = tmp_path / "fresh"
    restored = run_in(fresh, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    listed = run_in(fresh, "list")
    assert json.loads(sample.read_text("utf-8"))["reference"] in listed.stdout


def test_no_vault_and_no_passphrase_are_plain_messages(tmp_path: Path) -> None:
    missing = run_in(tmp_path / "nothing-here", "list")
    assert missing.returncode == 1
    assert "init" in missing.stderr
    assert "Traceback" not in missing.stderr
    env = {**os.environ, "CE_DESKTOP_DATA_DIR": str(tmp_path / "also-nothing")}
    weak = run_cli("init", "--passphrase-stdin", stdin="too short\n", env=env)
    assert weak.returncode == 1
    assert "at least 15 characters" in weak.stderr


def test_an_imported_reference_not_of_our_form_is_replaced_unrepeated(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    make_data_folder(folder)
    document = json.loads(resource_path("samples", "sample-assessment.json").read_text("utf-8"))
    document["reference"] = "Fictional Childname case"  # a name typed where a reference goes
    source = tmp_path / "handmade.json"
    source.write_text(json.dumps(document), encoding="utf-8")

    imported = run_in(folder, "import", str(source))
    assert imported.returncode == 0, imported.stderr
    reference = imported.stdout.strip()
    assert reference.startswith("CE-")
    assert "Childname" not in imported.stderr + imported.stdout
    listed = run_in(folder, "list")
    assert listed.stdout.startswith(reference)


def test_an_import_at_the_edge_of_time_is_refused_and_the_folder_still_opens(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    make_data_folder(folder)
    document = json.loads(resource_path("samples", "sample-assessment.json").read_text("utf-8"))
    document.update(status="final", finalised_at="9999-12-31T23:59:59Z")
    edge = tmp_path / "edge.json"
    edge.write_text(json.dumps(document))
    before = sorted(p.name for p in (folder / "assessments").iterdir())
    result = run_in(folder, "import", str(edge))
    assert result.returncode == 1
    assert "finalised_at: is not a plausible year" in result.stderr
    assert sorted(p.name for p in (folder / "assessments").iterdir()) == before
    assert run_in(folder, "list").returncode == 0
    assert run_in(folder, "check").returncode == 0


def test_an_import_with_escape_sequences_in_a_name_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    make_data_folder(folder)
    document = json.loads(resource_path("samples", "sample-assessment.json").read_text("utf-8"))
    document["child"]["name"] = "Fictional\x1b]0;title\x07\x00"
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(document))
    result = run_in(folder, "import", str(hostile))
    assert result.returncode == 1
    assert "child.name: holds a control character" in result.stderr
    assert "\x1b" not in result.stderr + run_in(folder, "list").stdout
