"""Passphrase rules (PRODUCT §3.1, §5.2): long, normalised, not guessable; no composition rules.

A passphrase is NFKC-normalised before it is used, so "café" typed with a composed
"é" or with "e" plus a combining accent opens the same vault. Creation asks for at
least 15 characters that are not all spaces, and refuses passphrases that zxcvbn (the
well-kept estimator, with its own dictionaries of common passwords, words, names and
keyboard patterns) scores below 3 of 4, that are one short pattern repeated, or that
appear on the short list below of passphrases known from advice columns. The window and
the command line judge alike, with these same functions. Nothing is fetched.
"""

from __future__ import annotations

import unicodedata

from zxcvbn import zxcvbn

from ce_desktop.storage.errors import WeakPassphrase

MIN_LENGTH = 15
MIN_SCORE = 3
"""zxcvbn's score (0 to 4) below which a passphrase is refused as guessable."""
_ESTIMATED_LENGTH = 72
"""zxcvbn judges at most this many characters; the rest only adds strength."""
_CONTEXT = ["ce desktop", "surrey", "safeguarding", "child exploitation", "social care"]
"""Words of this app's own context, which an attacker would try first."""

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
        "password",
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


def _score(text: str) -> int:
    return int(zxcvbn(text[:_ESTIMATED_LENGTH], user_inputs=_CONTEXT)["score"])


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase is refused, as a plain sentence, or None if it is acceptable."""
    text = normalise(passphrase)
    if len(text) < MIN_LENGTH:
        return f"Enter a passphrase of at least {MIN_LENGTH} characters."
    folded = _folded(text)
    if not folded:
        return "A passphrase of only spaces cannot be used. Choose a few unrelated words."
    if folded in _COMMON or folded.rstrip("0123456789!.") in _COMMON:
        return "This passphrase is too common. Choose another one."
    if _is_repeated_pattern(folded):
        return "This passphrase repeats a short pattern. Choose another one."
    if _score(text) < MIN_SCORE:
        return "This passphrase is too easy to guess. Add another unrelated word or two."
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
    """Strength from 0 (refused) to 4 (very strong): zxcvbn's score of an accepted one.

    A guide for the worker, not a proof; an accepted passphrase scores 3 or 4.
    """
    if passphrase_problem(passphrase):
        return 0
    return _score(normalise(passphrase))
