"""PDF export speed on real text, against LibreOffice converting the same form (§7.3).

The assessment is fully filled, every indicator with a 2,000-word narrative written as
workers write (``benchmarks.realistic_text``): one long paragraph with ampersands,
quotes, angle brackets and names in ten scripts. The rows, each named for what it
compares:

- the in-app render on that text against the same words without those characters
  (budget 1.3x: an ordinary character must not slow the export);
- the in-app render against LibreOffice's whole conversion of the same text (what
  workers did before: a Word-style form turned into a PDF by an office suite), on a
  flat ODT (``.fodt``) of equivalent content, each a fresh ``soffice --headless
  --convert-to pdf`` after one warm-up run that creates its profile (budget 0.25x);
- the whole process: the ``export-pdf`` command (a fresh interpreter, its imports,
  unlocking the vault, the render, the write) against ``soffice --convert-to`` of the
  same text (budget: no slower), with the unlock's and the imports' shares named;
- one narrative of 50 KB and one of 200 KB (the import boundary's limit for a text):
  the export grows linearly with the text (budget 4.5x for four times the text).

LibreOffice rows appear where ``soffice`` is installed.

Run: ``.venv/bin/python -m benchmarks.bench_export``.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from benchmarks import realistic_text
from benchmarks.common import Row, format_table, time_call
from ce_desktop.domain.catalogue import Catalogue, default_catalogue
from ce_desktop.domain.model import Assessment, IndicatorEntry, RiskLevel
from ce_desktop.export.pdf import render_assessment_pdf

NARRATIVE_WORDS = 2000

_FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'"
  xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
</office:font-face-decls>
<office:styles>
 <style:style style:name="Standard" style:family="paragraph">
  <style:text-properties style:font-name="DejaVu Sans" fo:font-size="9pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="A4">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="2.4cm" fo:margin-bottom="2.2cm" fo:margin-left="1.5cm"
   fo:margin-right="1.5cm"/>
 </style:page-layout>
 <style:style style:name="Cell" style:family="table-cell">
  <style:table-cell-properties fo:border="0.5pt solid #595959" fo:padding="0.1cm"/>
 </style:style>
 <style:style style:name="Label" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:font-size="11pt" fo:font-weight="bold"/>
 </style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="A4">
  <style:header><text:p>OFFICIAL-SENSITIVE  CE Risk Assessment  {reference}  DRAFT</text:p>
  </style:header>
  <style:footer><text:p>OFFICIAL-SENSITIVE  Page <text:page-number/> of
   <text:page-count/></text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
"""
_FODT_TAIL = "</office:text></office:body></office:document>\n"


def _cell(text: str, *, bold: bool = False, span: int = 1) -> str:
    style = "Label" if bold else "Standard"
    paragraphs = "".join(
        f'<text:p text:style-name="{style}">{escape(line)}</text:p>'
        for line in (text.split("\n") or [""])
    )
    spanned = f' table:number-columns-spanned="{span}"' if span > 1 else ""
    covered = "<table:covered-table-cell/>" * (span - 1)
    cell = f'<table:table-cell table:style-name="Cell"{spanned}>{paragraphs}</table:table-cell>'
    return cell + covered


def _table(name: str, columns: int, rows: list[str], header: str = "") -> str:
    head = f"<table:table-header-rows>{header}</table:table-header-rows>" if header else ""
    body = "".join(rows)
    return (
        f'<table:table table:name="{name}"><table:table-column '
        f'table:number-columns-repeated="{columns}"/>{head}{body}</table:table>'
    )


def _row(*cells: str) -> str:
    return f"<table:table-row>{''.join(cells)}</table:table-row>"


def equivalent_fodt(assessment: Assessment, catalogue: Catalogue) -> str:
    """A flat ODT of the same form and content, for LibreOffice to convert."""
    child, details, found = assessment.child, assessment.details, assessment.analysis
    parts = [_FODT_HEAD.replace("{reference}", assessment.reference)]
    parts.append('<text:p text:style-name="Heading">CE Risk Assessment</text:p>')
    header = [
        ("Child / Young person's name / alias / known as", f"{child.name}\n{child.known_as}"),
        ("Date completed / period covered", f"{details.date_completed}"),
        ("Name of person completing", details.completed_by),
        ("Agency and contact details", f"{details.agency}\n{details.contact_details}"),
        ("Age / Gender / DOB / Address", f"{child.gender}\n{child.address}"),
        ("Previously identified", child.previously_identified_details),
        ("Ethnicity / Religion / Language", f"{child.ethnicity}\n{child.religion}"),
        ("Disability / Special Needs", child.send_details),
    ]
    pairs = [header[i : i + 2] for i in range(0, len(header), 2)]
    rows = [
        _row(*(c for label, value in pair for c in (_cell(label, bold=True), _cell(value))))
        for pair in pairs
    ]
    parts.append(_table("Header", 4, rows))
    agencies = [_row(_cell(a.agency), _cell(a.name_contact)) for a in assessment.agencies]
    parts.append(_table("Agencies", 2, agencies, _row(_cell("Agency", bold=True), _cell("Name"))))
    indicator_rows = []
    for definition in catalogue.indicators:
        entry = assessment.entry(definition.id)
        level = entry.level.label if entry.level else ""
        ticked = "\u2611" if entry.identified else "\u2610"
        indicator_rows.append(_row(_cell(definition.title), _cell(ticked), _cell(level)))
        indicator_rows.append(_row(_cell(entry.narrative, span=3)))
    head = _row(_cell("Indicators", bold=True), _cell("CE", bold=True), _cell("Level", bold=True))
    parts.append(_table("Indicators", 3, indicator_rows, head))
    analysis = [
        ("Immediate concerns", found.immediate_concerns),
        ("Contextual safeguarding", found.contextual_safeguarding),
        ("Summary of CE Risk Indicators", found.summary),
        ("Box A rationale", found.rationale),
        ("Protective factors", found.protective_factors),
        ("Professional discussion", found.professional_discussion),
        ("Child's views", found.child_views),
        ("Parents' views", found.parents_views),
        ("Intended action", assessment.intended_action.further_action),
    ]
    parts.append(_table("Analysis", 2, [_row(_cell(k, bold=True), _cell(v)) for k, v in analysis]))
    parts.append(_FODT_TAIL)
    return "".join(parts)


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _libreoffice_seconds(soffice: str, fodt: str, runs: int) -> float:
    """Median seconds for LibreOffice to convert the document to PDF, fresh each time."""
    with tempfile.TemporaryDirectory(prefix="ce-bench-lo-") as folder:
        work = Path(folder)
        source = work / "form.fodt"
        source.write_text(fodt, encoding="utf-8")
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "out"),
            str(source),
        ]

        def convert() -> None:
            subprocess.run(command, check=True, capture_output=True, timeout=600)

        convert()  # creates the profile: a first run only
        if not (work / "out" / "form.pdf").is_file():
            raise RuntimeError("LibreOffice did not write a PDF")
        return statistics.median(time_call(convert) for _ in range(runs))


def _render_seconds(assessment: Assessment, catalogue: Catalogue, runs: int) -> float:
    render_assessment_pdf(assessment, catalogue)  # fonts registered, caches warm
    return statistics.median(
        time_call(lambda: render_assessment_pdf(assessment, catalogue)) for _ in range(runs)
    )


_PASSPHRASE = "fictional benchmark passphrase, long enough"
_IMPORTS = "import ce_desktop.cli, ce_desktop.export.pdf, ce_desktop.export.protect"


def _command_seconds(assessment: Assessment, runs: int) -> tuple[float, float, float]:
    """Median seconds of the ``export-pdf`` command in a fresh process, of a process
    that only starts and imports what it imports, and of unlocking the vault."""
    from ce_desktop.storage.vault import Vault

    with tempfile.TemporaryDirectory(prefix="ce-bench-cli-") as folder:
        data = Path(folder) / "data"
        vault, _recovery = Vault.create(data, _PASSPHRASE)
        vault.save(assessment)
        vault.close()
        output = Path(folder) / "out.pdf"
        command = [
            sys.executable,
            "-m",
            "ce_desktop",
            "export-pdf",
            assessment.reference,
            "-o",
            str(output),
            "--data-dir",
            str(data),
            "--passphrase-stdin",
        ]

        def export() -> None:
            subprocess.run(
                command, input=_PASSPHRASE + "\n", text=True, check=True, capture_output=True
            )

        def start_and_import() -> None:
            subprocess.run([sys.executable, "-c", _IMPORTS], check=True, capture_output=True)

        def unlock() -> None:
            Vault.unlock(data, _PASSPHRASE).close()

        export()
        whole = statistics.median(time_call(export) for _ in range(runs))
        imports = statistics.median(time_call(start_and_import) for _ in range(runs))
        unlocking = statistics.median(time_call(unlock) for _ in range(runs))
    return whole, imports, unlocking


def _one_narrative(assessment: Assessment, size: int) -> Assessment:
    single = assessment.model_copy(deep=True)
    single.indicators["grooming"] = IndicatorEntry(
        identified=True,
        level=RiskLevel.EXPERIENCING,
        narrative=realistic_text.narrative_of_size(size),
    )
    return single


def measure(runs: int = 5, narrative_words: int = NARRATIVE_WORDS) -> list[Row]:
    """The export's rows: real text against plain, against LibreOffice, and by size."""
    from tests.factories import full_assessment

    catalogue = default_catalogue()
    base = full_assessment(50, catalogue)
    real = realistic_text.with_narratives(base, narrative_words, realistic=True)
    plain = realistic_text.with_narratives(base, narrative_words, realistic=False)
    real_seconds = _render_seconds(real, catalogue, runs)
    plain_seconds = _render_seconds(plain, catalogue, runs)
    text = f"{narrative_words:,}-word one-paragraph narratives"
    rows = [
        Row(
            f"PDF render in the app, real text ({text} with &, quotes, <>, names in ten "
            "scripts) against the same words plain",
            real_seconds,
            "s",
            reference=plain_seconds,
            ratio_budget=1.3,
        )
    ]
    small = _render_seconds(_one_narrative(base, 50_000), catalogue, runs)
    large = _render_seconds(_one_narrative(base, 200_000), catalogue, runs)
    rows.append(Row("PDF render in the app, one 50 KB narrative (real text)", small, "s"))
    rows.append(
        Row(
            "PDF render in the app, one 200 KB narrative (the longest text an import "
            "takes) against one of 50 KB",
            large,
            "s",
            reference=small,
            ratio_budget=4.5,
        )
    )
    soffice = _soffice()
    if soffice is None:
        rows.append(Row("LibreOffice rows", 0, "s", note="LibreOffice not installed: none"))
        return rows
    office = _libreoffice_seconds(soffice, equivalent_fodt(real, catalogue), runs)
    rows.append(
        Row(
            f"In-app render against LibreOffice's whole conversion, real text ({text})",
            real_seconds,
            "s",
            reference=office,
            ratio_budget=0.25,
            note="reference: soffice --convert-to pdf of the equivalent .fodt",
        )
    )
    whole, imports, unlocking = _command_seconds(real, runs)
    rows.append(
        Row(
            "Whole process: the export-pdf command against soffice --convert-to, real text",
            whole,
            "s",
            reference=office,
            ratio_budget=1.0,
            note=(
                f"of which start-up and imports {imports:.2f} s, "
                f"unlocking the vault {unlocking:.2f} s"
            ),
        )
    )
    return rows


if __name__ == "__main__":
    print(f"Export benchmark, {date.today():%d/%m/%Y}")
    print(format_table(measure()))
