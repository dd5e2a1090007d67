"""The command line refuses the guessable passphrases the window refuses (one judge)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ce_desktop.storage.passphrase import passphrase_problem
from tests.e2e.cli_support import run_cli

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "guessable",
    [
        " " * 15,
        "password password password",
        "Password1234567!",
        "qwertyuiop123456",
        "abcabcabcabcabcabc",
    ],
)
def test_init_refuses_a_guessable_passphrase_and_sets_up_nothing(
    tmp_path: Path, guessable: str
) -> None:
    folder = tmp_path / "data"
    run = run_cli("init", "--data-dir", str(folder), "--passphrase-stdin", stdin=guessable + "\n")
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stdout == ""  # no recovery key: nothing was set up
    said = run.stderr.strip().removeprefix("ce-desktop: ")
    assert said == passphrase_problem(guessable.strip()) or said == passphrase_problem(guessable)
    assert not (folder / "keystore.json").exists()
