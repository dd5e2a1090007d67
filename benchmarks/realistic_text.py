"""Narratives as workers write them, and the same words without the costly characters.

A real narrative is one long paragraph with "Mum & Dad", "A&E", quotes, an angle
bracket now and then, and the names of the people around the child in the family's
own scripts. ``realistic`` writes such a narrative; ``plain`` writes the same number
of words with every one of those characters replaced by plain Latin letters, so the
two differ only in what the export must do with the characters.
"""

from __future__ import annotations

from ce_desktop.domain.model import Assessment

_FILLER = [
    "the",
    "worker",
    "noted",
    "that",
    "the",
    "young",
    "person",
    "seemed",
    "anxious",
    "and",
    "withdrawn",
    "when",
    "asked",
    "about",
    "recent",
    "evenings",
    "away",
    "from",
    "home",
    "and",
    "friends",
    "from",
    "outside",
    "the",
    "area",
]

# (realistic, plain): same number of words, fictional names.
_PHRASES = (
    ("Mum & Dad", "Mum and Dad"),
    ("taken to A&E", "taken to AandE"),
    ('said "I\'m fine"', "said Im fine"),
    ("an <unknown> caller", "an unknown caller"),
    ("with مريم الحسن", "with Maryam Hassan"),
    ("and נועה כהן", "and Noa Cohen"),
    ("cousin অনিতা দাস", "cousin Anita Das"),
    ("aunt ਹਰਪ੍ਰੀਤ ਕੌਰ", "aunt Harpreet Kaur"),
    ("friend ગીતા પટેલ", "friend Gita Patel"),
    ("neighbour आरव शर्मा", "neighbour Aarav Sharma"),
    ("uncle தமிழ் ராஜன்", "uncle Tamil Rajan"),
    ("Ελένη & Аня", "Eleni and Anya"),
)
PHRASE_EVERY = 30
"""One phrase in every this many words."""


def narrative(words: int, *, realistic: bool, ending: str = "") -> str:
    """One paragraph of about ``words`` words, with a phrase every ``PHRASE_EVERY``."""
    out: list[str] = []
    index = 0
    while len(out) < words:
        if len(out) % PHRASE_EVERY == PHRASE_EVERY - 1:
            phrase = _PHRASES[index % len(_PHRASES)][0 if realistic else 1]
            out += phrase.split()
            index += 1
        else:
            out.append(_FILLER[len(out) % len(_FILLER)])
    text = " ".join(out[:words])
    return f"{text}. {ending}".strip()


def narrative_of_size(size: int, *, realistic: bool = True) -> str:
    """One paragraph of ``size`` characters."""
    text = narrative(size // 4, realistic=realistic)
    while len(text) < size:
        text += " " + text
    return text[:size]


def with_narratives(assessment: Assessment, words: int, *, realistic: bool) -> Assessment:
    """The assessment with every indicator's narrative one paragraph of ``words`` words."""
    copy = assessment.model_copy(deep=True)
    for indicator_id, entry in copy.indicators.items():
        ending = f"Closing remark {indicator_id.replace('_', ' ')} ends here."
        entry.narrative = narrative(words, realistic=realistic, ending=ending)
    return copy
