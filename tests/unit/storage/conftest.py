"""Fixtures for the storage tests: a vault made once per session, copied per test.

Key derivation is real Argon2id at the floor parameters (64 MiB, 3 passes, 4 lanes);
only the calibration that would raise the passes to half a second is switched off.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from ce_desktop.domain.model import Assessment, IndicatorEntry, RiskLevel
from ce_desktop.storage import atomic, keystore
from ce_desktop.storage.vault import Vault
from tests.vault_support import make_empty_vault

PASSPHRASE = "plums in the orchard at dusk"
NEW_PASSPHRASE = "a kettle singing on the hob"


@pytest.fixture(autouse=True)
def floor_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the floor Argon2id parameters (no calibration) and no real retry waits."""
    monkeypatch.setattr(keystore, "CALIBRATION_TARGET_SECONDS", 0.0)
    monkeypatch.setattr(atomic, "_sleep", lambda _seconds: None)


def fictional_assessment(number: int = 1, *, words: int = 20) -> Assessment:
    """A draft about an obviously fictional child."""
    moment = datetime(2026, 3, 2, 10, 0, tzinfo=UTC) + timedelta(minutes=number)
    assessment = Assessment.new(today=date(2026, 3, 2), now=moment)
    assessment.child.name = f"Testy McTestface {number}"
    assessment.indicators["grooming"] = IndicatorEntry(
        identified=True, level=RiskLevel.SIGNIFICANT, narrative="fictional " * words
    )
    assessment.analysis.level_of_risk = RiskLevel.SIGNIFICANT
    return assessment


@pytest.fixture(scope="session")
def vault_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A vault folder made once (floor parameters), and its recovery key."""
    folder = tmp_path_factory.mktemp("template") / "data"
    return folder, make_empty_vault(folder, PASSPHRASE)


@pytest.fixture
def recovery_key(vault_template: tuple[Path, str]) -> str:
    """The recovery key of the template vault."""
    return vault_template[1]


@pytest.fixture
def vault_dir(data_dir: Path, vault_template: tuple[Path, str]) -> Path:
    """This test's data folder, holding a copy of the template vault."""
    shutil.copytree(vault_template[0], data_dir, dirs_exist_ok=True)
    return data_dir


@pytest.fixture
def vault(vault_dir: Path) -> Iterator[Vault]:
    """The test's vault, unlocked; closed afterwards."""
    opened = Vault.unlock(vault_dir, PASSPHRASE)
    yield opened
    opened.close()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
