"""Figures: a number in the text with its noun ("145 drones", "36 houses were damaged", "At
least two people sustained injuries", "No casualties", "left 40,000 households without
power"), copied as written, never computed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

WORDS = {
    "no": 0, "zero": 0, "one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
NUM = r"(?P<n>\d[\d,]*|(?i:" + "|".join(w for w in WORDS if w not in ("a", "no")) + r"))"
QUAL = r"(?P<q>[Aa]t least|[Mm]ore than|[Oo]ver|[Aa]bout|[Aa]round|[Nn]early|[Aa]lmost|[Uu]p to|[Ss]ome)\s+"
WEAPONS: list[tuple[str, str | None]] = [
    (r"(?:anti-aircraft guided|guided anti-aircraft|S-300|S-400) missiles?", "guided_anti_aircraft_missile"),
    (r"(?:ballistic missiles?|Iskander(?:-M)? (?:ballistic )?missiles?)", "ballistic_missile"),
    (r"(?:cruise missiles?|Kh-101(?: cruise)? missiles?|Kalibr(?: cruise)? missiles?)", "cruise_missile"),
    (r"(?:guided (?:aerial )?bombs?|KAB(?: guided)? bombs?)", "guided_aerial_bomb"),
    (r"(?:so-called “?simulator drones”?|simulator drones?|decoy drones?|Gerbera(?: decoy)? drones?)", "decoy_drone"),
    (r"(?:attack drones?|Shahed(?:-type)?(?: attack)? drones?|Shaheds|kamikaze drones?)", "attack_drone"),
    (r"(?:drones?(?: of various types)?|UAVs?)", "drone"),
    (r"(?:missiles?)", None),
    (r"(?:artillery shells?|shells)", "artillery"),
]  # fmt: skip
WEAPON = re.compile(
    r"(?:" + QUAL + r")?\b" + NUM + r" (?:(?:enemy|hostile|[A-Z][a-z]+ian) )?"
    r"(?P<w>" + "|".join(f"(?:{w})" for w, _ in WEAPONS) + r")"
)  # "over 330 Ukrainian drones"
DAMAGE: list[tuple[re.Pattern[str], str, str | None]] = [
    (re.compile(r"(?:" + QUAL + r")?\b" + NUM + r" (?:private )?(?:houses|homes) (?:were |was )?damaged", re.I), "houses_damaged", "residential"),
    (re.compile(r"(?:" + QUAL + r")?\b" + NUM + r" (?:other |residential )?(?:buildings|structures) (?:were |was )?(?:completely |partially )?destroyed", re.I), "buildings_destroyed", None),
    (re.compile(r"(?:" + QUAL + r")?\b" + NUM + r" (?:other |residential |apartment )?buildings (?:were |was )?damaged", re.I), "buildings_damaged", None),
    (re.compile(r"(?:" + QUAL + r")?\b" + NUM + r" (?:(?:people|civilians|persons|children|others) )?(?:were |was )?(?:killed|died|dead)", re.I), "killed", None),
    (re.compile(r"(?:" + QUAL + r")?\b" + NUM + r" (?:(?:people|civilians|persons|children|others) )?(?:were |was )?(?:injured|wounded|sustained injuries|hurt)", re.I), "injured", None),
    (re.compile(r"(?:" + QUAL + r")?\b" + NUM + r" (?:strikes|hits) on\b", re.I), "strikes", None),
    # The verb first: "damaged 12 homes", "destroyed two buildings", "injured at least five people"
    (re.compile(r"\bdamaged (?:" + QUAL + r")?" + NUM + r" (?:private |residential )?(?:houses|homes)\b", re.I), "houses_damaged", "residential"),
    (re.compile(r"\bdamaged (?:" + QUAL + r")?" + NUM + r" (?:other |residential |apartment )?buildings\b", re.I), "buildings_damaged", None),
    (re.compile(r"\bdestroyed (?:" + QUAL + r")?" + NUM + r" (?:other |residential |apartment )?(?:buildings|houses|homes)\b", re.I), "buildings_destroyed", None),
    (re.compile(r"\b(?:injured|wounded|hurt) (?:" + QUAL + r")?" + NUM + r" (?:people|civilians|persons|children|others)\b", re.I), "injured", None),
    (re.compile(r"\b(?:killed|claimed the lives of) (?:" + QUAL + r")?" + NUM + r" (?:people|civilians|persons|children|others)\b", re.I), "killed", None),
    # "damaged one of the production facilities", "hit two substations"
    (re.compile(r"\b(?:damaged|hit|struck) (?:" + QUAL + r")?" + NUM + r" (?:of the |of its )?(?:[\w-]+ ){0,2}(?:facilities|facility|plants?|substations?|enterprises?)\b"), "facilities_hit", None),
    (re.compile(r"\bhit (?:" + QUAL + r")?" + NUM + r" (?P<fac>hospitals?|schools?|clinics?)", re.I), "facilities_hit", None),
]  # fmt: skip
# Left without power: who (households, consumers...) and what they lost, either order.
POWER_WHO = r"(?:households|homes|consumers|customers|subscribers|people|residents|families|users|apartments)"
POWER = r"(?:electricity|(?:electric )?power|light|(?:the )?(?:power|electricity|energy) supply)"
POWER_CUT = (
    r"(?:cut(?:s|ting)?(?: off)?|knock(?:s|ed|ing) out|disrupt(?:s|ed|ing)|interrupt(?:s|ed|ing))"
)
DE_ENERGISED = r"(?:de-?energi[sz](?:ed|ing|es)|disconnect(?:ed|ing|s))"
WORD = r"(?!(?:and|or|but|while|which|who|where|as|left|leaving|after)\b)[\w'\u2019.-]+"
ABOUT = (
    r"(?:,? (?:in|across|of|throughout|around|near|for) " + WORD + r"(?: " + WORD + r"){0,4}?,?)?"
)  # "in the Kharkiv region"
POWERLESS: list[re.Pattern[str]] = [
    # "left 40,000 households in the region without power"
    re.compile(r"\b(?:left|leaving|leaves|leave) (?:" + QUAL + r")?" + NUM + r" (?:[\w-]+ )?"
               + POWER_WHO + ABOUT + r" (?:without|with no) " + POWER + r"\b", re.I),
    # "cutting power to 1,200 consumers", "cut off the electricity supply for 3,000 homes"
    re.compile(r"\b" + POWER_CUT + r" (?:the )?" + POWER + r" (?:supply )?(?:to|for|of) "
               r"(?:" + QUAL + r")?" + NUM + r" (?:[\w-]+ )?" + POWER_WHO + r"\b", re.I),
    # "de-energising 3,000 consumers", "disconnected 500 households from the grid"
    re.compile(r"\b" + DE_ENERGISED + r" (?:" + QUAL + r")?" + NUM + r" (?:[\w-]+ )?"
               + POWER_WHO + r"\b", re.I),
    # "40,000 households were left without power", "2,000 people without electricity"
    re.compile(r"(?:" + QUAL + r")?\b" + NUM + r" (?:[\w-]+ )?" + POWER_WHO + ABOUT + r" "
               + r"(?:(?:are|is|were|was|remain(?:ed|s)?|still|left|have|has|had|been|temporarily|now) )*"
               + r"(?:without|with no|lost|losing) " + POWER + r"\b", re.I),
    # "1,200 consumers were de-energised", "500 subscribers remain disconnected"
    re.compile(r"(?:" + QUAL + r")?\b" + NUM + r" (?:[\w-]+ )?" + POWER_WHO + ABOUT + r" "
               + r"(?:(?:are|is|were|was|remain(?:ed|s)?|still|have|has|had|been|temporarily|now) )+"
               + DE_ENERGISED + r"\b", re.I),
]  # fmt: skip
NONE = re.compile(
    r"\b(?:[Nn]o|[Tt]here were no) (?:reported )?(?P<what>casualties|injuries|deaths|one was (?:killed|injured))\b"
)
VAGUE = re.compile(r"\breports? of (?P<what>injuries|casualties|deaths)\b")
INTERCEPT = re.compile(
    r"\b(?:intercept|shot down|shoot down|downed|destroyed|neutrali[sz]ed)", re.I
)
DECOY_LOST = re.compile(
    r"\b(?:neutrali[sz]ed|lost|locationally lost|without (?:significant )?consequences)", re.I
)
QUALIFIERS = {"at least": "at_least", "more than": "at_least", "over": "at_least",
              "about": "about", "around": "about", "nearly": "about", "almost": "about",
              "some": "about", "up to": "at_most"}  # fmt: skip


# "shot down a missile", "intercepted one drone": the weapon after the verb, one written "a"
DOWNED = re.compile(
    r"\b(?:shot down|intercepted|downed|destroyed) (?:"
    + QUAL
    + r")?(?P<n>an?|"
    + NUM[6:]
    + r" (?P<w>"
    + "|".join(f"(?:{w})" for w, _ in WEAPONS)
    + r")"
)


@dataclass
class Found:
    start: int
    end: int
    figure: dict[str, Any]


def value(word: str) -> int:
    word = word.lower().replace(",", "")
    return int(word) if word.isdigit() else WORDS[word]


def weapon_of(words: str) -> str | None:
    for pattern, name in WEAPONS:
        if re.fullmatch(pattern, words):
            return name
    return None


def in_sentence(text: str, start: int, end: int) -> list[Found]:
    """The figures one sentence gives, with the offsets of their words."""
    words = text[start:end]
    found: list[Found] = []
    intercepted = INTERCEPT.search(words) is not None
    for m in WEAPON.finditer(words):
        weapon = weapon_of(m["w"])
        if weapon is None and "missile" not in m["w"]:
            continue
        metric = "launched"
        after = words[m.end() : m.end() + 80]
        before = words[max(0, m.start() - 40) : m.start()]
        if weapon == "decoy_drone" and DECOY_LOST.search(after):
            metric = "lost_as_decoys"
        elif intercepted and (INTERCEPT.search(before) or INTERCEPT.search(after[:30])):
            metric = "intercepted"
        fig: dict[str, Any] = {"metric": metric, "value": value(m["n"])}
        if weapon is not None:
            fig["weapon"] = weapon
        if m["q"]:
            fig["qualifier"] = QUALIFIERS[m["q"].lower()]
        found.append(Found(start + m.start(), start + m.end(), fig))
    for m in DOWNED.finditer(words):
        if any(f.start <= start + m.start("w") < f.end for f in found):
            continue  # "intercepted 72 attack drones" is found above
        fig = {
            "metric": "intercepted",
            "value": 1 if m["n"].lower() in ("a", "an") else value(m["n"]),
        }
        if weapon_of(m["w"]) is not None:
            fig["weapon"] = weapon_of(m["w"])
        if m["q"]:
            fig["qualifier"] = QUALIFIERS[m["q"].lower()]
        found.append(Found(start + m.start(), start + m.end(), fig))
    for pattern, metric, category in DAMAGE:
        for m in pattern.finditer(words):
            fig = {"metric": metric, "value": value(m["n"])}
            if m["q"]:
                fig["qualifier"] = QUALIFIERS[m["q"].lower()]
            fac = m.groupdict().get("fac")
            if fac:
                category = {"h": "medical", "c": "medical", "s": "education"}[fac[0].lower()]
            if category:
                fig["category"] = category
            found.append(Found(start + m.start(), start + m.end(), fig))
    for pattern in POWERLESS:
        for m in pattern.finditer(words):
            if any(
                f.figure["metric"] == "without_power" and f.start <= start + m.start("n") < f.end
                for f in found
            ):
                continue  # one number, told by two of the patterns
            fig = {"metric": "without_power", "value": value(m["n"])}
            if m["q"]:
                fig["qualifier"] = QUALIFIERS[m["q"].lower()]
            found.append(Found(start + m.start(), start + m.end(), fig))
    for m in NONE.finditer(words):
        metric = {"c": "casualties", "i": "injured", "d": "killed"}[m["what"][0]]
        if m["what"].startswith("one was"):
            metric = "killed" if "killed" in m["what"] else "injured"
        found.append(Found(start + m.start(), start + m.end(), {"metric": metric, "value": 0}))
    for m in VAGUE.finditer(words):
        metric = {"i": "injured", "c": "casualties", "d": "killed"}[m["what"][0]]
        found.append(Found(start + m.start(), start + m.end(), {"metric": metric}))
    return found
