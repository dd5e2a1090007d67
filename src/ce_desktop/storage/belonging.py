"""Whether a keystore belongs to the data folder it sits in.

A keystore copied in from another data folder may open with the worker's passphrase,
yet its data key opens none of this folder's files: the case list would come up
empty, the settings would be taken for damaged and reset, and ``check`` would move
every good file to the quarantine folder. So, before anything in the folder is read
or written, the key is tried on the folder's own files. A keystore is another
folder's when files are there, none of them opens with its key, and the folder's
settings name another vault in their headers (or, with no settings, its backup copy
is of another vault). Damage to some files never looks like that: one file that
opens is enough.

When the keystore is another folder's and its backup copy ``keystore.json.bak`` is
this folder's and opens with the same passphrase (or recovery key), the backup is
used; otherwise the folder is refused in plain words and nothing is changed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from ce_desktop.storage import container, keystore
from ce_desktop.storage.atomic import backup_path, read_retrying
from ce_desktop.storage.errors import KeystoreForeign, NewerFormat, StorageError, WrongPassphrase
from ce_desktop.storage.paths import ASSESSMENT_SUFFIX, DataLayout, is_assessment_id

_TRIED_ASSESSMENTS = 20
"""At most this many assessment files are tried: one that opens settles it."""

Unwrap = Callable[[keystore.KeystoreFile], bytes]


def _read(path: Path) -> bytes | None:
    try:
        return read_retrying(path)
    except OSError:
        return None


def _sealed_files(layout: DataLayout) -> list[tuple[container.Kind, str | None, Path]]:
    """(kind, id the file must carry or None for the vault's, path) of what can be tried.

    The index is not among them: it is a cache, rewritten under whatever key opened
    the folder last, so it proves nothing about whose folder this is.
    """
    files: list[tuple[container.Kind, str | None, Path]] = [
        (container.Kind.SETTINGS, None, layout.settings),
        (container.Kind.SETTINGS, None, backup_path(layout.settings)),
    ]
    with contextlib.suppress(OSError):
        names = sorted(os.listdir(layout.assessments))
        stems = [n.removesuffix(ASSESSMENT_SUFFIX) for n in names if n.endswith(ASSESSMENT_SUFFIX)]
        for stem in [s for s in stems if is_assessment_id(s)][:_TRIED_ASSESSMENTS]:
            path = layout.assessments / f"{stem}{ASSESSMENT_SUFFIX}"
            files.append((container.Kind.ASSESSMENT, stem, path))
    return files


def _opens(
    key: bytes, vault_id: str, kind: container.Kind, object_id: str | None, data: bytes
) -> bool:
    try:
        container.open_sealed(key, kind, object_id or vault_id, data, name="file")
    except NewerFormat:
        return True  # it authenticated: a newer release's file of this folder
    except (StorageError, ValueError):
        return False
    return True


def _vault_in_header(data: bytes) -> str | None:
    try:
        return container.read_header(data, name="file").object_id
    except StorageError:
        return None


def belongs_elsewhere(layout: DataLayout, key: bytes, vault_id: str) -> bool:
    """Whether the keystore of ``vault_id`` (whose data key is ``key``) is another folder's."""
    found_any = False
    claimed: set[str] = set()
    for kind, object_id, path in _sealed_files(layout):
        data = _read(path)
        if data is None:
            continue
        found_any = True
        if _opens(key, vault_id, kind, object_id, data):
            return False
        if object_id is None:
            header_id = _vault_in_header(data)
            if header_id is not None:
                claimed.add(header_id)
    if not found_any:
        return False
    if claimed:
        return vault_id not in claimed
    spare = _spare(layout)
    return spare is not None and spare.vault_id != vault_id


def _spare(layout: DataLayout) -> keystore.KeystoreFile | None:
    try:
        return keystore.read(layout.keystore, use_backup=True)
    except StorageError:
        return None


def own_key(
    layout: DataLayout, found: keystore.KeystoreFile, unwrap: Unwrap, *, from_backup: bool
) -> tuple[bytes, keystore.KeystoreFile, bool]:
    """The data key of this folder's own keystore: ``found``, or its backup copy.

    Args:
        layout: the data folder.
        found: the keystore read (the backup copy itself if ``from_backup``).
        unwrap: opens a keystore with the worker's passphrase or recovery key.
        from_backup: ``found`` is already the backup copy.

    Returns:
        The data key, the keystore it came from, and whether that is the backup copy
        because ``found`` belongs to another data folder.

    Raises:
        WrongPassphrase: the secret opens neither copy (nothing else is wrong).
        KeystoreForeign: ``found`` is another folder's and no copy of this folder's opens.
    """
    try:
        key: bytes | None = unwrap(found)
        wrong: WrongPassphrase | None = None
    except WrongPassphrase as error:
        key, wrong = None, error
    if key is not None and not belongs_elsewhere(layout, key, found.vault_id):
        return key, found, False
    spare = None if from_backup else _spare(layout)
    if spare is not None and spare.vault_id != found.vault_id:
        try:
            spare_key = unwrap(spare)
        except WrongPassphrase:
            spare_key = None
        if spare_key is not None and not belongs_elsewhere(layout, spare_key, spare.vault_id):
            return spare_key, spare, True
    if wrong is not None:
        raise wrong
    raise KeystoreForeign()
