"""``ce-desktop --self-test``: a quick end-to-end check for IT teams and for CI.

It opens the main window offscreen, creates a vault in a temporary folder, imports
the fictional training sample, exports its PDF (plain and protected), reads the PDF
back, and removes everything it made. One line per step; exit 0 when all pass.
"""

from __future__ import annotations

import io
import os
import secrets
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TextIO


class SelfTestFailure(Exception):
    """A step did not give the expected result."""


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise SelfTestFailure(what)


def run_self_test(out: TextIO | None = None) -> int:
    """Run every step, printing one line each; 0 if all pass, 1 at the first failure."""
    stream = out or sys.stdout
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    workdir = Path(tempfile.mkdtemp(prefix="ce-desktop-selftest-"))
    state: dict[str, object] = {}
    steps: list[tuple[str, Callable[[], str]]] = [
        ("main window", lambda: _open_window(workdir, state)),
        ("vault", lambda: _create_vault(workdir, state)),
        ("import sample", lambda: _import_sample(state)),
        ("export PDF", lambda: _export_pdf(state)),
        ("verify PDF", lambda: _verify_pdf(state)),
    ]
    try:
        for name, step in steps:
            try:
                detail = step()
            except Exception as error:  # every failure is reported in one line, none raised
                stream.write(f"FAIL {name}: {type(error).__name__}: {error}\n")
                return 1
            stream.write(f"ok   {name}: {detail}\n")
        stream.write("self-test passed\n")
        return 0
    finally:
        vault = state.get("vault")
        close = getattr(vault, "close", None)
        if callable(close):
            close()
        window = state.get("window")
        if window is not None:
            window.close()  # type: ignore[attr-defined]
        shutil.rmtree(workdir, ignore_errors=True)


def _open_window(workdir: Path, state: dict[str, object]) -> str:
    from PySide6.QtWidgets import QApplication, QWidget

    from ce_desktop.app import configure_application
    from ce_desktop.gui.main_window import MainWindow
    from ce_desktop.gui.placement import fit_window

    app = QApplication.instance() or QApplication([sys.argv[0]])
    configure_application(app)
    window = MainWindow(workdir / "window")
    fit_window(window)  # 1280x800 where it fits, never past the screen's free area
    window.show()
    QApplication.processEvents()
    _expect(window.isVisible(), "the main window did not show")
    _expect(window.current_page() is window.first_run, "a new folder did not start at first run")
    state["window"] = window
    return f"{len(window.findChildren(QWidget))} widgets, first-run screen shown"


def _create_vault(workdir: Path, state: dict[str, object]) -> str:
    from ce_desktop.storage.vault import Vault

    passphrase = "self-test " + secrets.token_urlsafe(24)
    vault, recovery_key = Vault.create(workdir / "vault", passphrase)
    state["vault"] = vault
    vault.close()
    vault = Vault.unlock(workdir / "vault", passphrase)
    state["vault"] = vault
    _expect(len(recovery_key.replace("-", "")) >= 26, "the recovery key is too short")
    return "created, locked and unlocked again with its passphrase"


def _import_sample(state: dict[str, object]) -> str:
    from ce_desktop.gui.sample import new_training_sample
    from ce_desktop.storage.vault import Vault

    vault = state["vault"]
    assert isinstance(vault, Vault)
    sample = new_training_sample(today=date.today())
    vault.save(sample)
    loaded = vault.load(sample.id)
    _expect(loaded == sample, "the saved sample did not read back the same")
    _expect([s.id for s in vault.list_summaries()] == [sample.id], "the case list is wrong")
    state["assessment"] = loaded
    return f"saved and read back as {loaded.reference}"


def _export_pdf(state: dict[str, object]) -> str:
    from ce_desktop.domain.catalogue import default_catalogue
    from ce_desktop.export.pdf import render_assessment_pdf
    from ce_desktop.export.protect import generate_password, protect_pdf

    pdf = render_assessment_pdf(state["assessment"], default_catalogue())  # type: ignore[arg-type]
    password = generate_password()
    state.update(pdf=pdf, protected=protect_pdf(pdf, password), password=password)
    return f"{len(pdf) // 1024} KB, and a protected copy"


def _verify_pdf(state: dict[str, object]) -> str:
    from pypdf import PdfReader

    from ce_desktop.domain import boundary
    from ce_desktop.export import pdf_data

    reference = state["assessment"].reference  # type: ignore[attr-defined]
    reader = PdfReader(io.BytesIO(state["pdf"]))  # type: ignore[arg-type]
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    _expect(reference in text, "the PDF does not show the reference")
    _expect("OFFICIAL-SENSITIVE" in text, "the PDF is not marked OFFICIAL-SENSITIVE")
    protected = PdfReader(io.BytesIO(state["protected"]))  # type: ignore[arg-type]
    _expect(protected.is_encrypted, "the protected PDF is not encrypted")
    _expect(bool(protected.decrypt(str(state["password"]))), "the password does not open it")
    carried = pdf_data.read_data(state["protected"], str(state["password"]))  # type: ignore[arg-type]
    _expect(
        boundary.assessment_from_json(carried) == state["assessment"],
        "the data the protected PDF carries does not read back the same",
    )
    return (
        f"{len(reader.pages)} pages, reference and marking present, password opens the copy "
        "and its data reads back"
    )
