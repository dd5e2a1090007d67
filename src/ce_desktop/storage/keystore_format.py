"""What a keystore file holds and how its bytes are checked (PRODUCT §5.2).

The file is JSON::

    {"format": "ce-desktop-keystore", "version": 1,
     "body": {"vault_id": ..., "slots": [{"kind": "passphrase", "memory_kib": ...,
              "passes": ..., "lanes": ..., "salt": b64, "nonce": b64, "wrapped": b64}, ...]},
     "checksum": sha256 hex of the canonical body}

The checksum is unkeyed: it tells damage apart from a wrong passphrase. Parameters
are checked against sane bounds before any derivation, so a crafted keystore cannot
make the app allocate gigabytes or spin for hours. Nothing here derives or unwraps a
key, nor touches the disk: that is ``keystore``'s.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from typing import Any, Literal

from ce_desktop.storage.errors import KeystoreDamaged, KeystoreNewer

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
        return canonical(
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


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base 64")
    return base64.b64decode(text.encode("ascii"), validate=True)


def serialise(keystore: KeystoreFile) -> bytes:
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
    checksum = hashlib.sha256(canonical(body)).hexdigest()
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
        if hashlib.sha256(canonical(body)).hexdigest() != document.get("checksum"):
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
