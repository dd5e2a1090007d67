"""Fixtures for the use-case tests: a real vault at the floor key-derivation cost.

The folder is made once and copied for each test, so every test starts from an empty,
unlocked vault of its own without paying for a key derivation.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ce_desktop.storage.vault import Vault
from tests.vault_support import make_empty_vault

PASSPHRASE = "fictional use-case passphrase, long enough"


@pytest.fixture(scope="session")
def vault_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty data folder, made once; copy it, never open it in place."""
    folder = tmp_path_factory.mktemp("usecase-template") / "data"
    make_empty_vault(folder, PASSPHRASE)
    return folder


@pytest.fixture
def vault(vault_template: Path, tmp_path: Path) -> Iterator[Vault]:
    """An empty vault of this test's own, unlocked."""
    folder = tmp_path / "data"
    shutil.copytree(vault_template, folder)
    opened = Vault.unlock(folder, PASSPHRASE)
    yield opened
    opened.close()
