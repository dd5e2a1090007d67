"""Text folded for searching: "lukasiewicz", "zoe" and "ZOË" all find "Zoë Łukasiewicz".

Case is folded with ``str.casefold``; accents are dropped by Unicode decomposition
(NFKD, then without the combining marks). A few Latin letters have no decomposition
(Ł, Ø, Đ, Æ, ß...): the table below spells them as a worker without that key types
them. It is small and written here rather than taken from a transliteration package:
the widely used ones (Unidecode, text-unidecode) are GPL-licensed, and searching
names needs only the letters of European alphabets.
"""

from __future__ import annotations

import unicodedata

_WITHOUT_DECOMPOSITION = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ı": "i",
        "ŀ": "l",
        "ŧ": "t",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "ĸ": "k",
        "ŋ": "n",
        "ſ": "s",
        # Punctuation people type plainly: a typed ' finds O'Brien with a curly quote.
        "\u2019": "'",
        "\u2018": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2013": "-",
    }
)


def fold(text: str) -> str:
    """``text`` without case, accents or the letters above, for "contains" searching."""
    lowered = text.casefold()
    decomposed = unicodedata.normalize("NFKD", lowered)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.translate(_WITHOUT_DECOMPOSITION)


def matches(query: str, text: str) -> bool:
    """Whether every word of ``query`` is found in ``text``, ignoring case and accents."""
    haystack = fold(text)
    return all(word in haystack for word in fold(query).split())
