"""Fuzzing the import: documents from the interchange schema, and what a schema cannot make.

Each document is imported or refused with field paths, never an unexpected error; a
refusal writes nothing; and the folder still opens after all of them.
"""

from __future__ import annotations

import io
import json
import os
import random
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject, TextStringObject

from ce_desktop.cli.basic_commands import interchange_schema
from ce_desktop.domain.boundary import BoundaryError
from ce_desktop.domain.catalogue import default_catalogue
from ce_desktop.domain.intake import IMPORT_LIMIT, ImportRefused, prepare_import
from ce_desktop.domain.migrations import NewerFormatError
from ce_desktop.domain.model import FORMAT_VERSION, Assessment, utc_now
from ce_desktop.export import pdf_data
from ce_desktop.export.pdf import render_assessment_pdf
from ce_desktop.export.protect import protect_pdf
from ce_desktop.storage.vault import Vault
from ce_desktop.usecases import assessments
from tests.jsonschema_support import from_schema
from tests.unit.domain.test_boundary import TODAY, _document, valid_assessment
from tests.unit.storage.conftest import PASSPHRASE

EXAMPLES = int(os.environ.get("CE_FUZZ_EXAMPLES", "1000"))
"""At least the issue's thousand; set ``CE_FUZZ_EXAMPLES`` higher for a deeper run."""
_VERSION = f'"format_version": {FORMAT_VERSION}'
_CATALOGUE = default_catalogue()


def _listing(vault: Vault) -> dict[str, tuple[int, int]]:
    folder = vault.data_dir / "assessments"
    return {
        name: (stat.st_size, stat.st_mtime_ns)
        for name in os.listdir(folder)
        for stat in [os.stat(folder / name)]
    }


def _import_or_refuse(vault: Vault, data: str | bytes) -> bool:
    """Import ``data`` into ``vault`` as the command does; True if it came in."""
    before = _listing(vault)
    existing = {s.id: s.reference for s in vault.list_summaries()}
    problems: list[tuple[str, str]] = []
    try:
        intake = prepare_import(data, _CATALOGUE, existing=existing, today=TODAY)
    except BoundaryError as error:
        problems = [(p.path, p.message) for p in error.problems]
        assert problems, "a refusal names at least one field"
    except (ImportRefused, NewerFormatError) as error:
        problems = [("(the assessment)", str(error))]
    else:
        vault.save(intake.assessment)
        return True
    assert all(path and path != "$" and message for path, message in problems)
    assert _listing(vault) == before, "a refusal writes nothing"
    return False


def _bounded(schema: Any) -> Any:
    """The schema with small sizes, so each document is quick to make (same shapes)."""
    if isinstance(schema, dict):
        bounded = {key: _bounded(value) for key, value in schema.items()}
        kind = bounded.get("type")
        if kind == "string" and "pattern" not in bounded and "format" not in bounded:
            bounded.setdefault("maxLength", 40)
        if kind == "array":
            bounded.setdefault("maxItems", 4)
        if kind == "object" and "properties" not in bounded:
            bounded.setdefault("maxProperties", 4)
        return bounded
    if isinstance(schema, list):
        return [_bounded(item) for item in schema]
    return schema


def _folder_opens(folder: Path) -> None:
    vault = Vault.unlock(folder, PASSPHRASE)
    try:
        vault.list_summaries()
        vault.check()
    finally:
        vault.close()


@pytest.mark.slow
def test_documents_from_the_interchange_schema_are_imported_or_refused(vault: Vault) -> None:
    seen: list[bool] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(from_schema(_bounded(interchange_schema())))
    def one(document: Any) -> None:
        seen.append(_import_or_refuse(vault, json.dumps(document)))

    one()
    assert len(seen) >= EXAMPLES
    folder = vault.data_dir
    vault.close()
    _folder_opens(folder)


def _replace(raw: dict[str, Any], marker: str, text: str) -> str:
    return json.dumps(raw).replace(f'"{marker}"', text)


_HAND_MADE = {
    "nul in a name": json.dumps(_document(child__name="Fictional\x00Child")),
    "escape in a name": json.dumps(_document(child__name="Fictional\x1b[2JChild")),
    "byte-order mark": "\ufeff" + json.dumps(_document()),
    "deep nesting": _replace(_document(child__name="X"), "X", "[" * 50_000 + "]" * 50_000),
    "5,000-digit version": json.dumps(_document()).replace(
        _VERSION, '"format_version": ' + "7" * 5000
    ),
    "5,000-digit float": _replace(_document(child__name="X"), "X", "1." + "5" * 5000),
    "lone surrogate": _replace(_document(child__name="X"), "X", '"\\udc00"'),
    "far future": json.dumps(_document(updated_at="9999-12-31T23:59:59.999999Z")),
    "year one": json.dumps(_document(created_at="0001-01-01T00:00:00Z")),
    "edge final": json.dumps(
        _document(status="final", finalised_at="9999-12-31T23:59:59Z", fingerprint="X")
    ),
    "previous id as a path": json.dumps(_document(previous_id="../../../etc")),
    "10 MB narrative": json.dumps(_document(analysis__summary="x" * 10_000_000)),
    "200,000 agency rows": json.dumps(_document(agencies=[{"agency": "A"}] * 200_000)),
    "not an object": "[1, 2, 3]",
    "NaN": json.dumps(_document()).replace(
        f'"format_version": {FORMAT_VERSION}', '"format_version": NaN'
    ),
}


@pytest.mark.parametrize("name", sorted(_HAND_MADE))
def test_what_a_schema_cannot_generate_is_refused_with_a_path(vault: Vault, name: str) -> None:
    data = _HAND_MADE[name]
    came_in = _import_or_refuse(vault, data)
    assert came_in is (name == "byte-order mark")
    folder = vault.data_dir
    vault.close()
    _folder_opens(folder)


# --- the same boundary for the data a PDF carries -----------------------------------


@pytest.fixture(scope="module")
def bare_pdf() -> bytes:
    """A real assessment's pages, with no data attached."""
    return render_assessment_pdf(valid_assessment(), _CATALOGUE, carry_data=False)


@pytest.fixture(scope="module")
def good_pdf() -> bytes:
    return render_assessment_pdf(valid_assessment(), _CATALOGUE)


def _attached(bare: bytes, *files: tuple[bytes, dict[str, Any]]) -> bytes:
    """``bare`` with these streams attached (raw bytes, extra stream entries) as our data."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bare)))
    specs = ArrayObject()
    names = ArrayObject()
    for index, (raw, entries) in enumerate(files):
        stream = StreamObject()
        stream.set_data(raw)
        stream[NameObject("/Subtype")] = NameObject(pdf_data.MEDIA_TYPE)
        for key, value in entries.items():
            stream[NameObject(key)] = value
        name = TextStringObject(f"data-{index}.json")
        spec = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Filespec"),
                NameObject("/UF"): name,
                NameObject("/AFRelationship"): NameObject("/Data"),
                NameObject("/EF"): DictionaryObject({NameObject("/F"): writer._add_object(stream)}),
            }
        )
        reference = writer._add_object(spec)
        specs.append(reference)
        names += [name, reference]
    root = writer._root_object
    root[NameObject("/AF")] = specs
    root[NameObject("/Names")] = DictionaryObject(
        {NameObject("/EmbeddedFiles"): DictionaryObject({NameObject("/Names"): names})}
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


_FLATE = {"/Filter": NameObject("/FlateDecode")}


def _hostile_pdfs(bare: bytes, good: bytes) -> dict[str, bytes]:
    document = json.dumps(_document()).encode()
    deep = ("[" * 50_000 + "]" * 50_000).encode()
    twice = ArrayObject([NameObject("/FlateDecode"), NameObject("/FlateDecode")])
    protected = protect_pdf(good, "a-fictional-password")
    return {
        "no attachment": bare,
        "not a PDF": b"not a PDF at all, though named one",
        "only the header": b"%PDF-1.7\n",
        "truncated at 10%": good[: len(good) // 10],
        "truncated at 90%": good[: len(good) * 9 // 10],
        "truncated by ten bytes": good[:-10],
        "truncated with its end kept": good[: len(good) // 2] + good[-200:],
        "attachment not JSON": _attached(bare, (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), {})),
        "attachment empty": _attached(bare, (b"", {})),
        "attachment JSON but not an assessment": _attached(bare, (b"[1, 2, 3]", {})),
        "attachment with a NUL in a name": _attached(
            bare, (json.dumps(_document(child__name="A\x00B")).encode(), {})
        ),
        "attachment nested 50,000 deep": _attached(bare, (zlib.compress(deep), _FLATE)),
        "compression bomb": _attached(bare, (zlib.compress(b" " * 60_000_000, 9), _FLATE)),
        "packed twice (a nested bomb)": _attached(
            bare, (zlib.compress(zlib.compress(b" " * 60_000_000, 9)), {"/Filter": twice})
        ),
        "packed data cut short": _attached(bare, (zlib.compress(document)[:-20], _FLATE)),
        "packed by an unknown filter": _attached(
            bare, (document, {"/Filter": NameObject("/LZWDecode")})
        ),
        "two sets of data": _attached(bare, (document, {}), (document, {})),
        "many attachments": _attached(bare, *[(document, {})] * 200),
        "damaged encryption": protected.replace(b"/CFM /AESV3", b"/CFM /AESV9", 1),
        "unknown security handler": protected.replace(b"/Filter /Standard", b"/Filter /Stranger"),
    }


def _import_file_or_refuse(
    vault: Vault, path: Path, password: str | None = None
) -> Assessment | None:
    """Import the file as the command and the window do; what came in, or None."""
    before = _listing(vault)
    try:
        read = assessments.read_interchange(path, ask_password=lambda: password)
        imported = assessments.import_assessment(
            vault, read, _CATALOGUE, today=TODAY, now=utc_now()
        )
    except assessments.ImportRefused as error:
        message = str(error)
        assert message.strip()
        assert "Traceback" not in message
        assert "Error" not in message
        assert _listing(vault) == before, "a refusal writes nothing"
        return None
    return imported.assessment


def test_hostile_pdfs_are_refused_in_plain_words(
    vault: Vault, bare_pdf: bytes, good_pdf: bytes, tmp_path: Path
) -> None:
    refusals: dict[str, str] = {}
    for name, content in _hostile_pdfs(bare_pdf, good_pdf).items():
        path = tmp_path / "hostile.pdf"
        path.write_bytes(content)
        try:
            assessments.read_interchange(path, ask_password=lambda: "a-fictional-password")
        except assessments.ImportRefused as error:
            refusals[name] = str(error)
        assert _import_file_or_refuse(vault, path, "a-fictional-password") is None, name
    assert "not made by CE Desktop" in refusals["no attachment"]
    assert "damaged or incomplete" in refusals["truncated at 90%"]
    assert "damaged or incomplete" in refusals["truncated with its end kept"]
    assert "is not UTF-8 text" in refusals["attachment not JSON"]
    assert "child.name" in refusals["attachment with a NUL in a name"]
    assert "nested more than" in refusals["attachment nested 50,000 deep"]
    assert "larger than any assessment" in refusals["compression bomb"]
    assert "more than one set" in refusals["two sets of data"]
    assert "damaged or incomplete" in refusals["damaged encryption"]
    folder = vault.data_dir
    vault.close()
    _folder_opens(folder)


def test_a_pdf_larger_than_any_assessment_is_not_read_whole(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as file:
        file.write(b"%PDF-1.7\n")
        file.truncate(pdf_data.PDF_LIMIT + 10)
    assert _import_file_or_refuse(vault, path) is None
    with pytest.raises(assessments.ImportRefused, match="larger than any assessment"):
        assessments.read_interchange(path)


def test_a_json_larger_than_any_assessment_is_not_read_whole(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as file:
        file.write(b'{"a": "')
        file.truncate(IMPORT_LIMIT + 10)
    with pytest.raises(assessments.ImportRefused, match="larger than any assessment"):
        assessments.read_interchange(path)


@pytest.mark.slow
def test_bit_flipped_pdfs_are_imported_whole_or_refused(
    vault: Vault, good_pdf: bytes, tmp_path: Path
) -> None:
    protected = protect_pdf(good_pdf, "a-fictional-password")
    chance = random.Random(13)
    came_in = 0
    for number in range(300):
        original = protected if number % 2 else good_pdf
        flipped = bytearray(original)
        for _ in range(1 + number % 3):
            flipped[chance.randrange(len(flipped))] ^= 1 << chance.randrange(8)
        path = tmp_path / f"flipped-{number}.pdf"
        path.write_bytes(bytes(flipped))
        imported = _import_file_or_refuse(vault, path, "a-fictional-password")
        if imported is not None:
            came_in += 1
            assert imported.child.name == "Fictional Child"
            vault.delete(imported.id)
    assert came_in > 0  # most flips land in the pages, and the data comes in intact
    folder = vault.data_dir
    vault.close()
    _folder_opens(folder)
