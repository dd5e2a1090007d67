"""What the passphrase boxes say while the worker types (first run and new passphrase).

The rules themselves live in ``storage.passphrase``; this module only turns them into
the words shown under the box. Strength is always said in words, never by colour alone.
"""

from __future__ import annotations

from ce_desktop.storage.passphrase import MIN_LENGTH, normalise, passphrase_problem, strength

_STRENGTH_WORDS = {
    1: "Strength: fair. Adding another word makes it stronger.",
    2: "Strength: good.",
    3: "Strength: strong.",
    4: "Strength: very strong.",
}


def strength_text(passphrase: str) -> str:
    """The line under the passphrase box, updated on every keystroke."""
    if not passphrase:
        return f"Use at least {MIN_LENGTH} characters."
    missing = MIN_LENGTH - len(normalise(passphrase))
    if missing > 0:
        plural = "character" if missing == 1 else "characters"
        return f"Too short: {missing} more {plural} needed (at least {MIN_LENGTH})."
    problem = passphrase_problem(passphrase)
    if problem:
        return f"Not accepted: {problem}"
    return _STRENGTH_WORDS[strength(passphrase)]


def new_passphrase_problem(passphrase: str, repeated: str) -> str | None:
    """Why a new passphrase and its repetition cannot be used, or None if they can."""
    problem = passphrase_problem(passphrase)
    if problem:
        if len(normalise(passphrase)) < MIN_LENGTH:
            return (
                f"Enter a passphrase of at least {MIN_LENGTH} characters. A few unrelated "
                "words are long enough and easy to remember."
            )
        return problem
    if normalise(passphrase) != normalise(repeated):
        return "The two passphrases do not match. Type the same passphrase in both boxes."
    return None
