"""Passphrase rules (PRODUCT §3.1, §5.2): long, normalised, not common; no composition rules.

A passphrase is NFKC-normalised before it is used, so "café" typed with a composed
"é" or with "e" plus a combining accent opens the same vault. Creation asks for at
least 15 characters and refuses passphrases that appear on lists of common ones or
that are one short pattern repeated. The list ships in the code: nothing is fetched.
"""

from __future__ import annotations

import math
import unicodedata

from ce_desktop.storage.errors import WeakPassphrase

MIN_LENGTH = 15

# Lower-cased, spaces removed. Common long passphrases seen in breach corpora and
# in advice columns (a passphrase that was once an example is no longer a secret).
_COMMON = frozenset(
    {
        "passwordpassword",
        "passwordpassword1",
        "password123456789",
        "passwordpassword123",
        "123456789012345",
        "1234567890123456",
        "12345678901234567890",
        "123456789987654321",
        "qwertyuiopasdfghjkl",
        "qwertyuiopasdfghjklzxcvbnm",
        "qwertyqwertyqwerty",
        "1qaz2wsx3edc4rfv",
        "1q2w3e4r5t6y7u8i",
        "abcdefghijklmnop",
        "abcdefghijklmnopqrstuvwxyz",
        "iloveyouiloveyou",
        "iloveyouforever",
        "correcthorsebatterystaple",
        "letmeinletmein",
        "letmeinletmein1",
        "welcomewelcome1",
        "changemechangeme",
        "trustno1trustno1",
        "thequickbrownfoxjumpsoverthelazydog",
        "thequickbrownfox",
        "mypasswordismypassword",
        "thisismypassword",
        "thisismypassphrase",
        "mysecurepassword",
        "supersecretpassword",
        "administrator123",
        "surreycountycouncil",
        "childexploitation",
        "safeguardingchildren",
        "safeguarding123",
        "monkeymonkeymonkey",
        "dragondragondragon",
        "footballfootball",
        "liverpoolfc12345",
        "manchesterunited",
        "chelseafc1234567",
        "arsenalarsenal123",
        "sunshinesunshine",
        "princessprincess",
        "baseballbaseball",
        "starwarsstarwars",
        "maythe4thbewithyou",
        "tobeornottobe",
        "tobeornottobethatisthequestion",
        "onetwothreefourfive",
        "aaaaaaaaaaaaaaa",
    }
)


def normalise(passphrase: str) -> str:
    """The passphrase as it is fed to key derivation: NFKC, nothing else changed."""
    return unicodedata.normalize("NFKC", passphrase)


def _folded(passphrase: str) -> str:
    return "".join(normalise(passphrase).casefold().split())


def _is_repeated_pattern(folded: str) -> bool:
    # "abcabcabcabcabc", "111111111111111": a short unit repeated is not a passphrase.
    for unit in range(1, 5):
        piece = folded[:unit]
        if piece and len(folded) >= unit * 3 and piece * (len(folded) // unit) == folded:
            return True
    return False


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase is refused, as a plain sentence, or None if it is acceptable."""
    text = normalise(passphrase)
    if len(text) < MIN_LENGTH:
        return f"Enter a passphrase of at least {MIN_LENGTH} characters."
    folded = _folded(text)
    if folded in _COMMON or folded.rstrip("0123456789!.") in _COMMON:
        return "This passphrase is too common. Choose another one."
    if _is_repeated_pattern(folded):
        return "This passphrase repeats a short pattern. Choose another one."
    return None


def check_new_passphrase(passphrase: str) -> str:
    """The normalised passphrase, if it is acceptable for a new vault.

    Raises:
        WeakPassphrase: too short or too common; the message says which.
    """
    problem = passphrase_problem(passphrase)
    if problem:
        raise WeakPassphrase(problem)
    return normalise(passphrase)


def strength(passphrase: str) -> int:
    """A rough strength from 0 (refused) to 4 (very strong), for the first-run meter.

    Estimated from length and character variety; a guide for the worker, not a proof.
    """
    if passphrase_problem(passphrase):
        return 0
    text = normalise(passphrase)
    pool = 0
    if any(c.islower() for c in text):
        pool += 26
    if any(c.isupper() for c in text):
        pool += 26
    if any(c.isdigit() for c in text):
        pool += 10
    if any(not c.isalnum() for c in text):
        pool += 33
    if any(ord(c) > 127 for c in text):
        pool += 100
    bits = len(set(text)) / max(len(text), 1) * len(text) * math.log2(max(pool, 2))
    if bits < 60:
        return 1
    if bits < 80:
        return 2
    if bits < 100:
        return 3
    return 4
