"""The keystore (PRODUCT §5.2): one random data key, wrapped once per key slot.

The data key (256 bits) encrypts every file. It is stored only wrapped with
AES-256-GCM under a key derived by Argon2id, once from the passphrase and once from
the recovery key, in the manner of LUKS key slots. Each slot carries its own
parameters and salt, bound as associated data so they cannot be swapped.

The file is JSON::

    {"format": "ce-desktop-keystore", "version": 1,
     "body": {"vault_id": ..., "slots": [{"kind": "passphrase", "memory_kib": ...,
              "passes": ..., "lanes": ..., "salt": b64, "nonce": b64, "wrapped": b64}, ...]},
     "checksum": sha256 hex of the canonical body}

The checksum is unkeyed: it tells damage apart from a wrong passphrase. Parameters
are checked against sane bounds before any derivation, so a crafted keystore cannot
make the app allocate gigabytes or spin for hours.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from ce_desktop.storage.atomic import atomic_write, backup_path, read_retrying
from ce_desktop.storage.errors import FileHeld, KeystoreDamaged, KeystoreNewer, WrongPassphrase
from ce_desktop.storage.passphrase import check_new_passphrase, normalise

FORMAT = "ce-desktop-keystore"
VERSION = 1

FLOOR_MEMORY_KIB = 64 * 1024
FLOOR_PASSES = 3
FLOOR_LANES = 4
MAX_MEMORY_KIB = 256 * 1024
MAX_PASSES = 32
MAX_LANES = 16
MAX_COST = FLOOR_MEMORY_KIB * MAX_PASSES
"""Memory (KiB) times passes a slot may ask for: the most calibration itself sets (the
floor's memory, ``MAX_PASSES`` passes), which a laptop derives in about two seconds.
A keystore asking for more is damaged or not CE Desktop's, and is said so before any
derivation, never taken for a wrong passphrase."""
SALT_BYTES = 16
MAX_SALT_BYTES = 64
KEY_BYTES = 32
NONCE_BYTES = 12

CALIBRATION_TARGET_SECONDS = 0.5
"""Passes are raised at creation until one derivation takes about this long.

Tests set it to 0 to keep the floor parameters (still real Argon2id)."""

RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base 32: no I, L, O or U, so nothing is misread when copied by hand."""
RECOVERY_LENGTH = 28  # 28 x 5 bits = 140 bits
RECOVERY_GROUP = 4

SlotKind = Literal["passphrase", "recovery"]


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters of one slot."""

    memory_kib: int = FLOOR_MEMORY_KIB
    passes: int = FLOOR_PASSES
    lanes: int = FLOOR_LANES


@dataclass(frozen=True)
class Slot:
    """One wrapped copy of the data key."""

    kind: SlotKind
    params: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes

    def header(self) -> bytes:
        """What the wrap binds as associated data: kind, parameters and salt."""
        return _canonical(
            {
                "kind": self.kind,
                "memory_kib": self.params.memory_kib,
                "passes": self.params.passes,
                "lanes": self.params.lanes,
                "salt": _b64(self.salt),
            }
        )


@dataclass(frozen=True)
class KeystoreFile:
    """A keystore as read from disk, checksum and bounds already verified."""

    vault_id: str
    slots: tuple[Slot, ...]

    def slot(self, kind: SlotKind) -> Slot:
        """The slot of that kind.

        Raises:
            KeystoreDamaged: there is none.
        """
        for slot in self.slots:
            if slot.kind == kind:
                return slot
        raise KeystoreDamaged()


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base 64")
    return base64.b64decode(text.encode("ascii"), validate=True)


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


def _serialise(keystore: KeystoreFile) -> bytes:
    body = {
        "vault_id": keystore.vault_id,
        "slots": [
            {
                "kind": s.kind,
                "memory_kib": s.params.memory_kib,
                "passes": s.params.passes,
                "lanes": s.params.lanes,
                "salt": _b64(s.salt),
                "nonce": _b64(s.nonce),
                "wrapped": _b64(s.wrapped),
            }
            for s in keystore.slots
        ],
    }
    checksum = hashlib.sha256(_canonical(body)).hexdigest()
    document = {"format": FORMAT, "version": VERSION, "body": body, "checksum": checksum}
    return json.dumps(document, indent=2).encode("utf-8") + b"\n"


class _TooCostly(ValueError):
    """A slot asks for more derivation work than CE Desktop ever sets."""


_TOO_COSTLY = (
    "The keystore asks for far more work to unlock than CE Desktop ever sets, so it is "
    "damaged or was not made by CE Desktop. Nothing was tried with the passphrase."
)


def _int_in(value: Any, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValueError("parameter out of bounds")
    return value


def _parse_slot(raw: Any) -> Slot:
    if not isinstance(raw, dict) or raw.get("kind") not in ("passphrase", "recovery"):
        raise ValueError("bad slot")
    params = KdfParams(
        memory_kib=_int_in(raw.get("memory_kib"), FLOOR_MEMORY_KIB, MAX_MEMORY_KIB),
        passes=_int_in(raw.get("passes"), FLOOR_PASSES, MAX_PASSES),
        lanes=_int_in(raw.get("lanes"), FLOOR_LANES, MAX_LANES),
    )
    if params.memory_kib * params.passes > MAX_COST:
        raise _TooCostly(_TOO_COSTLY)
    salt, nonce, wrapped = (_unb64(raw.get(k)) for k in ("salt", "nonce", "wrapped"))
    if not SALT_BYTES <= len(salt) <= MAX_SALT_BYTES:
        raise ValueError("salt length")
    if len(nonce) != NONCE_BYTES or len(wrapped) != KEY_BYTES + 16:
        raise ValueError("nonce or key length")
    return Slot(raw["kind"], params, salt, nonce, wrapped)


def parse(data: bytes, *, backup_available: bool = False) -> KeystoreFile:
    """Check and read a keystore's bytes, without deriving anything.

    Raises:
        KeystoreNewer: whole, and made by a newer release.
        KeystoreDamaged: empty, not JSON, wrong format or version, checksum mismatch,
            parameters out of bounds, or no passphrase slot.
    """
    newer = False
    try:
        document = json.loads(data.decode("utf-8"))
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise ValueError("not a keystore")
        body = document.get("body")
        if hashlib.sha256(_canonical(body)).hexdigest() != document.get("checksum"):
            raise ValueError("checksum mismatch")
        version = document.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            newer = True  # whole (its checksum holds) and of a newer release
            raise ValueError("newer version")
        if version != VERSION:
            raise ValueError("unknown version")
        if not isinstance(body, dict) or not isinstance(body.get("vault_id"), str):
            raise ValueError("bad body")
        slots = tuple(_parse_slot(raw) for raw in body.get("slots") or [])
        keystore = KeystoreFile(body["vault_id"], slots)
        keystore.slot("passphrase")
    except _TooCostly:
        raise KeystoreDamaged(_TOO_COSTLY, backup_available=backup_available) from None
    except (ValueError, UnicodeDecodeError, binascii.Error, KeystoreDamaged, RecursionError):
        if newer:
            raise KeystoreNewer() from None
        raise KeystoreDamaged(backup_available=backup_available) from None
    return keystore


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
    data = _serialise(keystore)
    parsed = parse(data)  # verify in memory before anything reaches the disk
    if parsed != keystore:
        raise KeystoreDamaged()
    atomic_write(path, data)
    atomic_write(backup_path(path), data)
