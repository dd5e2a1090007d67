"""Every file the app keeps, written by a newer release: reported as newer, kept as it is.

Assessments are covered in ``test_assessment_files`` (t7); here the settings, the
keystore and the case-list index. None of them is ever called damaged, quarantined,
repaired from its backup or replaced by this (older) release's copy.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ce_desktop.domain.settings import SETTINGS_FORMAT_VERSION, Settings
from ce_desktop.storage import container
from ce_desktop.storage.errors import KeystoreNewer, NewerFormat
from ce_desktop.storage.index import INDEX_VERSION, NEWER_INDEX
from ce_desktop.storage.paths import DataLayout
from ce_desktop.storage.vault import Vault
from tests.unit.storage.conftest import PASSPHRASE, fictional_assessment


def _settings_as_a_newer_release_writes_them(vault: Vault) -> Path:
    path = DataLayout(vault.data_dir).settings
    newer = json.loads(Settings(worker_name="Alex Worker").model_dump_json())
    newer["format_version"] = SETTINGS_FORMAT_VERSION + 1
    newer["signature_block"] = "a field this release does not know"
    sealed = container.seal(
        vault._key, container.Kind.SETTINGS, vault._keystore.vault_id, json.dumps(newer).encode()
    )
    path.write_bytes(sealed)
    return path


def test_older_settings_open_with_defaults_and_are_saved_in_this_format(vault: Vault) -> None:
    path = DataLayout(vault.data_dir).settings
    older = json.loads(Settings(worker_name="Alex Worker").model_dump_json())
    older["format_version"] = 1
    del older["export_folder"]  # format 1 had no remembered folder
    sealed = container.seal(
        vault._key, container.Kind.SETTINGS, vault._keystore.vault_id, json.dumps(older).encode()
    )
    path.write_bytes(sealed)
    settings = vault.load_settings()
    assert settings.worker_name == "Alex Worker"
    assert settings.export_folder == ""
    assert settings.format_version == SETTINGS_FORMAT_VERSION
    vault.save_settings(settings)
    assert vault.load_settings().format_version == SETTINGS_FORMAT_VERSION


def test_newer_settings_are_reported_and_never_replaced(vault: Vault) -> None:
    path = _settings_as_a_newer_release_writes_them(vault)
    before = path.read_bytes()

    with pytest.raises(NewerFormat, match="settings file was saved by a newer version"):
        vault.load_settings()
    with pytest.raises(NewerFormat):
        vault.save_settings(Settings(worker_name="Someone Else"))

    assert path.read_bytes() == before
    assert not DataLayout(vault.data_dir).quarantine.exists()


def test_settings_in_a_newer_container_are_reported_not_quarantined(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as future:  # a newer release seals a newer container
        future.setattr(container, "VERSION", container.VERSION + 1)
        vault.save_settings(Settings(worker_name="Alex Worker"))
    path = DataLayout(vault.data_dir).settings
    data = path.read_bytes()

    with pytest.raises(NewerFormat):
        vault.load_settings()

    assert path.read_bytes() == data
    assert not DataLayout(vault.data_dir).quarantine.exists()


def test_damaged_settings_are_still_quarantined(vault: Vault) -> None:
    vault.save_settings(Settings(worker_name="Alex Worker"))
    path = DataLayout(vault.data_dir).settings
    path.write_bytes(path.read_bytes()[:-3])
    assert vault.load_settings() == Settings()
    assert list(DataLayout(vault.data_dir).quarantine.iterdir())


def test_a_newer_keystore_is_reported_and_not_repaired(vault_dir: Path) -> None:
    path = DataLayout(vault_dir).keystore
    document = json.loads(path.read_bytes())
    document["version"] = 2
    path.write_text(json.dumps(document), "utf-8")
    before = path.read_bytes()

    with pytest.raises(KeystoreNewer, match="made by a newer version of CE Desktop"):
        Vault.unlock(vault_dir, PASSPHRASE)

    assert path.read_bytes() == before


def test_a_newer_index_is_reported_and_kept(vault_dir: Path) -> None:
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    assessment = fictional_assessment()
    vault.save(assessment)
    index = DataLayout(vault_dir).index
    newer = container.seal(
        vault._key,
        container.Kind.INDEX,
        vault._keystore.vault_id,
        f"ce-desktop-index {INDEX_VERSION + 1}\n".encode()
        + b'{"a line": "this release cannot read"}',
    )
    vault.close()
    index.write_bytes(newer)

    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        assert reopened.notices == [NEWER_INDEX]
        assert [s.id for s in reopened.list_summaries()] == [assessment.id]
        reopened.save(fictional_assessment(2))
        assert len(reopened.list_summaries()) == 2
    finally:
        reopened.close()
    assert index.read_bytes() == newer
