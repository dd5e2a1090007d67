"""The encrypted file format shared by assessments, the index, settings and backups.

Layout (PRODUCT §5.2)::

    magic  b"CEDK"       4 bytes
    kind   b"A" | b"I" | b"S" | b"B" | b"C"   1 byte (assessment, index, settings,
                         backup, a child's chronology of incidents)
    version              2 bytes, big-endian
    id                   16 bytes (the assessment's random id, the child's id for a
                         chronology, or the vault's id)
    nonce                12 bytes, fresh and random on every write
    ciphertext + tag     AES-256-GCM of the content, the whole header as associated data

Binding the header means a file copied over another's name, or a header edited to
claim another version, fails authentication. Sealing decrypts the result again in
memory before it is returned, so a bad encryption never reaches the disk.
"""

from __future__ import annotations

import secrets
import struct
from dataclasses import dataclass
from enum import Enum

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ce_desktop.storage.errors import AssessmentDamaged, NewerFormat

MAGIC = b"CEDK"
VERSION = 1
NONCE_BYTES = 12
ID_BYTES = 16
TAG_BYTES = 16
_HEADER = struct.Struct(">4scH16s12s")
HEADER_BYTES = _HEADER.size


class Kind(Enum):
    """What a container holds."""

    ASSESSMENT = b"A"
    INDEX = b"I"
    SETTINGS = b"S"
    BACKUP = b"B"
    CHRONOLOGY = b"C"


class NotOurFile(AssessmentDamaged):
    """The bytes do not start like a CE Desktop file (wrong magic or kind)."""

    def __init__(self, name: str) -> None:
        super().__init__(name, f"{name} is not a CE Desktop file, so it was not opened.")


@dataclass(frozen=True)
class Header:
    """The readable part of a container."""

    kind: Kind
    version: int
    object_id: str
    nonce: bytes


def _id_bytes(object_id: str) -> bytes:
    raw = bytes.fromhex(object_id)
    if len(raw) != ID_BYTES:
        raise ValueError("an id is 32 hexadecimal digits")
    return raw


def read_header(data: bytes, *, name: str) -> Header:
    """The header of ``data``, checked for magic, kind and version.

    A version above this release's is returned as it is: only authentication can tell
    a file of a newer release from one whose version bytes were damaged.

    Raises:
        NotOurFile: wrong magic or unknown kind.
        AssessmentDamaged: too short to hold a header and a tag, or version 0.
    """
    if len(data) >= 5 and (data[:4] != MAGIC or data[4:5] not in {k.value for k in Kind}):
        raise NotOurFile(name)
    if len(data) < 5 and not MAGIC.startswith(data[:4]):
        raise NotOurFile(name)
    if len(data) < HEADER_BYTES + TAG_BYTES:
        raise AssessmentDamaged(name)
    _magic, kind, version, raw_id, nonce = _HEADER.unpack_from(data)
    if version < 1:
        raise AssessmentDamaged(name)
    return Header(Kind(kind), version, raw_id.hex(), nonce)


def seal(key: bytes, kind: Kind, object_id: str, content: bytes) -> bytes:
    """Encrypt ``content`` into a complete file, verified by decrypting it again."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    header = _HEADER.pack(MAGIC, kind.value, VERSION, _id_bytes(object_id), nonce)
    aead = AESGCM(key)
    sealed = header + aead.encrypt(nonce, content, header)
    if aead.decrypt(nonce, sealed[HEADER_BYTES:], header) != content:  # pragma: no cover
        raise AssertionError("encryption did not round-trip")
    return sealed


def open_sealed(key: bytes, kind: Kind, object_id: str, data: bytes, *, name: str) -> bytes:
    """Decrypt a file written by :func:`seal`, checking it is the one expected.

    Args:
        key: the data key.
        kind: what the file must hold.
        object_id: the id the file must carry (from its name, or the vault id).
        data: the file's bytes.
        name: how to name the file in an error (a reference or an id, never a value).

    Raises:
        NotOurFile, AssessmentDamaged: see :func:`read_header`; damaged also covers a
            failed authentication and a file copied over another's name.
        NewerFormat: the file authenticates and says it is of a newer version.
    """
    header = read_header(data, name=name)
    if header.kind is not kind:
        raise NotOurFile(name)
    if header.object_id != object_id:
        raise AssessmentDamaged(name)
    try:
        plain = AESGCM(key).decrypt(header.nonce, data[HEADER_BYTES:], data[:HEADER_BYTES])
    except InvalidTag:
        raise AssessmentDamaged(name) from None
    if header.version > VERSION:
        raise NewerFormat(name)
    return plain
