"""The keystore (PRODUCT §5.2): one random data key, wrapped once per key slot.

The data key (256 bits) encrypts every file. It is stored only wrapped with
AES-256-GCM under a key derived by Argon2id, once from the passphrase and once from
the recovery key, in the manner of LUKS key slots. Each slot carries its own
parameters and salt, bound as associated data so they cannot be swapped.

What the file holds and how its bytes are checked (the slots, the bounds on their
parameters, the checksum) is ``keystore_format``'s; its names are imported from here
too. This module derives, wraps and unwraps the keys, makes the recovery key, and
reads and writes the file with its backup copy.
"""

from __future__ import annotations

import math
import secrets
import time
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from ce_desktop.storage.atomic import atomic_write, backup_path, read_retrying
from ce_desktop.storage.errors import FileHeld, KeystoreDamaged, KeystoreNewer, WrongPassphrase
from ce_desktop.storage.keystore_format import (
    FLOOR_LANES,
    FLOOR_MEMORY_KIB,
    FLOOR_PASSES,
    FORMAT,
    KEY_BYTES,
    MAX_COST,
    MAX_LANES,
    MAX_MEMORY_KIB,
    MAX_PASSES,
    MAX_SALT_BYTES,
    NONCE_BYTES,
    SALT_BYTES,
    VERSION,
    KdfParams,
    KeystoreFile,
    Slot,
    SlotKind,
    parse,
    serialise,
)
from ce_desktop.storage.passphrase import check_new_passphrase, normalise

# What the file holds is ``keystore_format``'s; it is imported from here too.
__all__ = [
    "CALIBRATION_TARGET_SECONDS",
    "FLOOR_LANES",
    "FLOOR_MEMORY_KIB",
    "FLOOR_PASSES",
    "FORMAT",
    "KEY_BYTES",
    "MAX_COST",
    "MAX_LANES",
    "MAX_MEMORY_KIB",
    "MAX_PASSES",
    "MAX_SALT_BYTES",
    "NONCE_BYTES",
    "RECOVERY_ALPHABET",
    "RECOVERY_GROUP",
    "RECOVERY_LENGTH",
    "SALT_BYTES",
    "VERSION",
    "KdfParams",
    "KeystoreFile",
    "Slot",
    "SlotKind",
    "calibrate",
    "canonical_recovery_key",
    "change_passphrase",
    "create",
    "derive",
    "format_recovery_key",
    "new_recovery_key",
    "parse",
    "read",
    "read_or_backup",
    "serialise",
    "unlock",
    "unlock_with_recovery",
]

CALIBRATION_TARGET_SECONDS = 0.5
"""Passes are raised at creation until one derivation takes about this long.

Tests set it to 0 to keep the floor parameters (still real Argon2id)."""

RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base 32: no I, L, O or U, so nothing is misread when copied by hand."""
RECOVERY_LENGTH = 28  # 28 x 5 bits = 140 bits
RECOVERY_GROUP = 4


def derive(secret: str, salt: bytes, params: KdfParams) -> bytes:
    """The 256-bit wrapping key for ``secret`` (already normalised)."""
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.passes,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(secret.encode("utf-8"))


def calibrate(target_seconds: float | None = None) -> KdfParams:
    """The floor parameters with passes raised until a derivation takes about the target."""
    target = CALIBRATION_TARGET_SECONDS if target_seconds is None else target_seconds
    floor = KdfParams()
    if target <= 0:
        return floor
    started = time.perf_counter()
    derive("calibration", secrets.token_bytes(SALT_BYTES), floor)
    elapsed = max(time.perf_counter() - started, 1e-3)
    passes = math.ceil(FLOOR_PASSES * target / elapsed)
    return KdfParams(passes=max(FLOOR_PASSES, min(MAX_PASSES, passes)))


def new_recovery_key() -> str:
    """A fresh recovery key, formatted as groups such as ``7KQ4-M2XD-...``."""
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
    return format_recovery_key(raw)


def format_recovery_key(raw: str) -> str:
    """The key in groups of four, the way it is shown and written down."""
    chunks = [raw[i : i + RECOVERY_GROUP] for i in range(0, len(raw), RECOVERY_GROUP)]
    return "-".join(chunks)


def canonical_recovery_key(typed: str) -> str:
    """The recovery key as typed, made canonical: case, spaces, dashes and look-alikes.

    Raises:
        WrongPassphrase: it cannot be a recovery key (wrong length or letters).
    """
    text = "".join(ch for ch in normalise(typed).upper() if ch not in " -\t")
    text = text.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(text) != RECOVERY_LENGTH or any(ch not in RECOVERY_ALPHABET for ch in text):
        raise WrongPassphrase("The recovery key is not correct.")
    return text


def _wrap(kind: SlotKind, secret: str, data_key: bytes, params: KdfParams) -> Slot:
    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    unsealed = Slot(kind, params, salt, nonce, b"")
    wrapped = AESGCM(derive(secret, salt, params)).encrypt(nonce, data_key, unsealed.header())
    return Slot(kind, params, salt, nonce, wrapped)


def _unwrap(slot: Slot, secret: str) -> bytes:
    key = derive(secret, slot.salt, slot.params)
    try:
        return AESGCM(key).decrypt(slot.nonce, slot.wrapped, slot.header())
    except InvalidTag:
        if slot.kind == "recovery":
            raise WrongPassphrase("The recovery key is not correct.") from None
        raise WrongPassphrase() from None


def read(path: Path, *, use_backup: bool = False) -> KeystoreFile:
    """Read and check the keystore at ``path`` (or its ``.bak`` with ``use_backup``).

    Raises:
        KeystoreDamaged: unreadable; ``backup_available`` says whether a backup exists.
    """
    source = backup_path(path) if use_backup else path
    has_backup = not use_backup and backup_path(path).is_file()
    try:
        data = read_retrying(source)
    except PermissionError:
        raise FileHeld("The keystore") from None  # held by another program: not damage
    except OSError:
        raise KeystoreDamaged(backup_available=has_backup) from None
    return parse(data, backup_available=has_backup)


def read_or_backup(path: Path) -> tuple[KeystoreFile, bool]:
    """The keystore at ``path``, or its ``.bak`` if the keystore itself is damaged.

    Returns:
        The keystore and whether it came from the backup copy.

    Raises:
        KeystoreNewer: made by a newer release (its backup is not tried: it is as new).
        KeystoreDamaged: the keystore is damaged and its backup is missing or damaged too.
    """
    try:
        return read(path), False
    except KeystoreNewer:
        raise
    except KeystoreDamaged:
        if not backup_path(path).is_file():
            raise
    try:
        return read(path, use_backup=True), True
    except KeystoreDamaged:
        raise KeystoreDamaged(
            "The keystore and its backup copy (keystore.json.bak) are both damaged, "
            "so the data folder cannot be unlocked. Restore it from a backup file."
        ) from None


def create(path: Path, passphrase: str) -> tuple[bytes, str, KeystoreFile]:
    """Write a new keystore (and its backup copy) for a fresh data key.

    Returns:
        The data key, the recovery key (formatted in groups) and the keystore.

    Raises:
        WeakPassphrase: the passphrase is too short or too common.
        SaveFailed: the keystore could not be written.
    """
    secret = check_new_passphrase(passphrase)
    data_key = AESGCM.generate_key(bit_length=256)
    recovery = new_recovery_key()
    keystore = KeystoreFile(
        vault_id=secrets.token_hex(16),
        slots=(
            _wrap("passphrase", secret, data_key, calibrate()),
            _wrap("recovery", canonical_recovery_key(recovery), data_key, KdfParams()),
        ),
    )
    _write(path, keystore)
    return data_key, recovery, keystore


def unlock(keystore: KeystoreFile, passphrase: str) -> bytes:
    """The data key, from the passphrase slot.

    Raises:
        WrongPassphrase: the passphrase does not open the slot.
    """
    return _unwrap(keystore.slot("passphrase"), normalise(passphrase))


def unlock_with_recovery(keystore: KeystoreFile, recovery_key: str) -> bytes:
    """The data key, from the recovery slot.

    Raises:
        WrongPassphrase: the recovery key does not open the slot.
        KeystoreDamaged: the keystore has no recovery slot.
    """
    return _unwrap(keystore.slot("recovery"), canonical_recovery_key(recovery_key))


def change_passphrase(
    path: Path, keystore: KeystoreFile, data_key: bytes, new_passphrase: str
) -> KeystoreFile:
    """Replace the passphrase slot; assessment files are not touched.

    The new keystore, with the new slot, is written and fsynced in full before the
    rename drops the old one, so a crash leaves exactly one working passphrase. The
    backup copy is then refreshed so the old passphrase does not live on in it.

    Raises:
        WeakPassphrase: the new passphrase is refused.
        SaveFailed: the keystore could not be written (the old passphrase still works).
    """
    secret = check_new_passphrase(new_passphrase)
    slot = _wrap("passphrase", secret, data_key, calibrate())
    others = tuple(s for s in keystore.slots if s.kind != "passphrase")
    updated = KeystoreFile(keystore.vault_id, (slot, *others))
    _write(path, updated)
    return updated


def _write(path: Path, keystore: KeystoreFile) -> None:
    data = serialise(keystore)
    parsed = parse(data)  # verify in memory before anything reaches the disk
    if parsed != keystore:
        raise KeystoreDamaged()
    atomic_write(path, data)
    atomic_write(backup_path(path), data)
