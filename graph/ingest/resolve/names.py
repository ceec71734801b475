"""Normalise place names so that spellings of one place compare equal: NFKD folding, Ukrainian
and Russian transliteration, dropping type words ("oblast", "region", "raion", "city", ...),
collapsing doubled letters, spelling variants, and adjective stems ("Kyivska" ~ "Kyiv",
"Buchanskyi" ~ "Bucha"). The place resolver compares the forms `parse_name` gives; the alias
table stores its names in the same forms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "ParsedName",
    "Signal",
    "Variants",
    "country_key",
    "fold",
    "latin_forms",
    "parse_name",
    "spell",
    "stems",
]

Signal = Literal["region", "city"] | None
Variants = tuple[tuple[str, str], ...]  # (start of a word, what it is rewritten to)


def _translit(cyrillic: str, latin: str) -> dict[str, str]:
    return dict(zip(cyrillic, latin.replace("_", "").split(" "), strict=True))


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Ukraine's national (2010) romanisation, and BGN-style Russian as pycountry spells RU names.
_UK = _translit(
    "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "a b v h g d e ie zh z y i i i k l m n o p r s t u f kh ts ch sh shch _ iu ia",
)
_RU = _translit(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya",
)
_ONLY_UK, _ONLY_RU = set("ґєії"), set("ёъыэ")
_REGION_WORDS = _words("oblast oblasti obl region province governorate krai kray okrug state land")
_CITY_WORDS = _words("city misto gorod horod")
_TYPE_WORDS = (
    _REGION_WORDS
    | _CITY_WORDS
    | _words(
        "raion rayon district of the with special status autonomous avtonomna avtonomnyi "
        "avtonomnaia respublika republic"
    )
)
# Adjectives in -sk-/-zk- name an oblast ("Kyivska") or a raion ("Buchanskyi").
_ADJ = re.compile(r"^(?P<p>.+[sz])k(?:a|ia|aia|yi|y|iy|i|ij|yj|oi|e|oe|oie|ogo|oho)$")


def fold(text: str, table: dict[str, str] | None) -> str:
    """Lower-case ASCII words: `table` transliterates, diacritics and apostrophes go."""
    low = unicodedata.normalize("NFC", text).casefold()  # NFKD would split й and ї
    if table is not None:
        low = "".join(table.get(ch, ch) for ch in low)
    plain = "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
    plain = re.sub("['`\u2019\u02bc]", "", plain)  # apostrophes join: "Tul'skaya"
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def latin_forms(text: str) -> tuple[bool, tuple[str, ...]]:
    """(had Cyrillic, one folded form per plausible transliteration)."""
    letters = set(text.casefold())
    if not any("\u0400" <= ch <= "\u04ff" for ch in letters):
        return False, (fold(text, None),)
    if letters & _ONLY_UK:
        return True, (fold(text, _UK),)
    if letters & _ONLY_RU:
        return True, (fold(text, _RU),)
    return True, (fold(text, _UK), fold(text, _RU))


def spell(word: str, variants: Variants) -> str:
    """One folded word with doubled letters collapsed, ya/ye/yu as ia/ie/iu, and the first
    variant whose start it has applied."""
    word = re.sub(r"y([aeu])", r"i\1", re.sub(r"(.)\1+", r"\1", word))
    for old, new in variants:
        if word.startswith(old):
            return new + word[len(old) :]
    return word


def stems(word: str) -> set[str]:
    """The word and the stems it shares with its noun or adjective forms (3 letters or more)."""
    out = {word, word.rstrip("aeiouy")}
    if word.endswith(("sk", "ka")):  # Luhansk ~ Luhanska, Horlivka ~ Horlivskyi
        out.add(word[:-2])
    if re.search(r"[oe]v[aeo]$", word):  # Lozova ~ Lozivskyi, Synelnykove ~ Synelnykivskyi
        out.add(word[:-3] + "iv")
    if m := _ADJ.match(word):
        p = m["p"]  # Odeska: "odes"; Buchanskyi: "buchans"
        out |= {p + "k", p, p[:-1]}
        if re.search(r"[aeiouy]n$", p[:-1]):  # an -n- joins vowel stems: Bucha-n-skyi
            out.add(p[:-2])
    return {s for s in out if len(s) >= 3}


@dataclass(frozen=True, slots=True)
class ParsedName:
    cyrillic: bool
    plain: frozenset[str]  # folded, type words dropped: what ISO names compare on
    canon: frozenset[str]  # plain with doubled letters, ya/ia and spelling variants unified
    keys: frozenset[str]  # canon with the last word's stems
    signal: Signal  # the type word it carried: "city" wins over "region"
    adjective: bool  # its last word is an -sk- adjective, which names a region


def parse_name(text: str, variants: Variants) -> ParsedName:
    cyrillic, forms = latin_forms(text)
    plain: set[str] = set()
    canon: set[str] = set()
    keys: set[str] = set()
    signal: Signal = None
    for form in forms:
        words = form.split()
        core = [w for w in words if w not in _TYPE_WORDS] or words
        if _CITY_WORDS.intersection(words):
            signal = "city"
        elif _REGION_WORDS.intersection(words):
            signal = "region"
        spelt = [spell(w, variants) for w in core]
        plain.add(" ".join(core))
        canon.add(" ".join(spelt))
        keys |= {" ".join([*spelt[:-1], s]) for s in stems(spelt[-1])} if spelt else set()
    adjective = any(_ADJ.match(c.rsplit(" ", 1)[-1]) for c in canon)
    return ParsedName(
        cyrillic, frozenset(plain), frozenset(canon), frozenset(keys), signal, adjective
    )


def country_key(text: str) -> str:
    """'Korea, Republic of' and 'Republic of Korea' fold to the same key."""
    head, _, tail = text.partition(",")
    words = fold(f"{tail} {head}" if tail else head, None).replace("&", "and").split()
    return " ".join(w for w in words if w != "the")
