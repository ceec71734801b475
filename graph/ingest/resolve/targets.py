"""Target categories read from ACLED notes through a reviewed rulebook of phrases.

ACLED says what an attack hit only in its free-text `notes` ("... damaging a substation").
The rulebook (seeds/resolution/targets.yaml) maps phrases to the graph's TARGET_CATEGORIES;
`find_targets` returns, per category, the first mention with the words quoted verbatim so a
reviewer can see why a row was tagged.

Matching: case-insensitive, on word boundaries, a phrase's last word also in its plural
("substation" finds "substations", "facility" finds "facilities"); spaces inside a phrase
also match hyphens and runs of whitespace ("high-rise" = "high rise"). All phrase forms sit
in one compiled regex (the alternation factored as a trie, longest form first at every
branch), so at any position the longest phrase wins ("thermal power plant", not "power
plant") and its words are not matched again by a shorter, broader phrase ("railway energy
infrastructure" is one mention). Where two mentions overlap the one starting first is kept.

Negation, a deliberately small rule: a mention is dropped when
  * a cue (no, not, without, never, neither, nor, none, cannot, a word ending in "n't")
    stands among the NEGATION_WINDOW words before it in the same clause, or
  * the clause goes on "<phrase> [one or two words] was/were/is/are/has/have/had [been]
    not|n't|never|undamaged|intact|unharmed|spared".
Clauses split at . ; : brackets, parentheses, ", but", ", while" and " but", so ACLED's
"[size=no report]" and "(casualties unknown)" tails never negate anything. "No" before a
number ("School No 5") and "not only" are not cues.
Limits: cues are not parsed for scope, so "the strike, which caused no casualties, hit a
school" loses the school (a missed tag, never a false one); negation said in another
sentence ("The school was hit. No damage was reported.") is not seen; only a phrase's last
word is inflected ("houses of culture" must be listed to match).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from graph.domain.vocabulary import TARGET_CATEGORIES

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "seeds" / "resolution" / "targets.yaml"

NEGATION_WINDOW = 8  # "no casualties or damage were reported at the hospital" needs 8
CUES = frozenset({"no", "not", "without", "never", "neither", "nor", "none", "cannot"})
# Enough characters for NEGATION_WINDOW words; a longer look-back only finds fewer words.
LOOKBACK_CHARS = 200
WORD = re.compile(r"[\w'\u2019]+")
CLAUSE_MARKERS = (".", ";", ":", "[", "]", "(", ")", " but ", ", while ")
# After the phrase, within its clause: "... was not damaged", "... weren't hit".
NEGATED_AFTER = re.compile(
    r"[^\w.;:\[\]()]*(?:[\w'\u2019]+[^\w.;:\[\]()]+){0,2}?"
    r"(?:was|were|is|are|has|have|had)(?:\s+been)?\s*"
    r"(?:not\b|n['\u2019]t\b|never\b|undamaged\b|intact\b|unharmed\b|spared\b)",
    re.IGNORECASE,
)
SEPARATOR = re.compile(r"[\s\-]+")
FIELDS = ("category", "phrases", "note")
Trie = dict[str, "Trie"]  # a character to the rest; "" marks the end of a form


@dataclass(frozen=True)
class InferredTarget:
    category: str
    quote: str  # notes[start:end], original case
    start: int
    end: int
    phrase: str  # the rulebook phrase that matched
    note: str  # the rule's reason


@dataclass(frozen=True)
class Rule:
    category: str
    phrases: tuple[str, ...]
    note: str


def normalise(text: str) -> str:
    return SEPARATOR.sub(" ", text.lower()).strip()


def plural(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def forms(phrase: str) -> tuple[str, str]:
    """The phrase and its plural (last word inflected), both normalised."""
    words = phrase.split(" ")
    return phrase, " ".join([*words[:-1], plural(words[-1])])


def trie_pattern(surfaces: list[str]) -> str:
    """One regex for all forms, factored as a character trie.

    A flat alternation made Python's re try every form at every position (about 250 µs a
    note); the trie tries one branch per character. An optional tail is greedy, so the
    longest form that ends on a word boundary wins.
    """
    trie: Trie = {}
    for surface in surfaces:
        node = trie
        for char in surface:
            node = node.setdefault(char, {})
        node[""] = {}
    return emit(trie)


def emit(node: Trie) -> str:
    branches = [
        (r"[\s\-]+" if char == " " else re.escape(char)) + emit(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


class TargetRules:
    """A compiled rulebook; build it once and call `find` per note."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        self.by_form: dict[str, tuple[Rule, str]] = {}
        for rule in rules:
            for phrase in rule.phrases:
                for form in forms(phrase):
                    self.by_form.setdefault(form, (rule, phrase))
        trie = trie_pattern(list(self.by_form))
        self.regex = re.compile(rf"(?<!\w){trie}(?!\w)", re.IGNORECASE)

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH, *extra: Path) -> TargetRules:
        """The rulebook at `path`, extended by the rules in each `extra` file."""
        rules: list[Rule] = []
        owner: dict[str, tuple[str, Path, int]] = {}
        for source in (path, *extra):
            for index, rule in enumerate(read_rules(source)):
                for phrase in rule.phrases:
                    for form in forms(phrase):
                        category, first_file, first_index = owner.setdefault(
                            form, (rule.category, source, index)
                        )
                        if category != rule.category:
                            raise ValueError(
                                f"{source}: rule {index}: field 'phrases': {phrase!r} is "
                                f"already {category!r} in {first_file} rule {first_index}"
                            )
                rules.append(rule)
        return cls(tuple(rules))

    def find(self, notes: str) -> list[InferredTarget]:
        """One target per category: its first non-negated mention in the notes.

        Cost, measured with timeit on ~280-character ACLED notes (shipped rulebook, one
        CPU core): about 19 µs with no target, 37 µs with two, 58 µs with four; the scan
        is ~60 ns a character and each match adds ~8 µs of negation checks, so a
        million-row import spends well under a minute here.
        """
        found: dict[str, InferredTarget] = {}
        for match in self.regex.finditer(notes):
            rule, phrase = self.by_form[normalise(match.group())]
            if rule.category in found:
                continue
            if negated(notes, match.start(), match.end()):
                continue
            found[rule.category] = InferredTarget(
                rule.category, match.group(), match.start(), match.end(), phrase, rule.note
            )
        return sorted(found.values(), key=lambda target: target.start)


def negated(notes: str, start: int, end: int) -> bool:
    words = clause_words_before(notes, start)[-NEGATION_WINDOW:]
    if any(is_cue(words, i) for i in range(len(words))):
        return True
    return NEGATED_AFTER.match(notes, end) is not None


def clause_words_before(notes: str, start: int) -> list[str]:
    """Lower-cased words between the start of the match's clause and the match.

    str.rfind on a short look-back window rather than a tokeniser loop: this runs for every
    match of a million-row import.
    """
    low = max(0, start - LOOKBACK_CHARS)
    text = notes[low:start].lower()
    clause_start = max(
        text.rfind(marker) + len(marker) if marker in text else 0 for marker in CLAUSE_MARKERS
    )
    words = WORD.findall(text, clause_start)
    if low and not clause_start and words and is_word_char(notes[low - 1]):
        words = words[1:]  # a word cut by the look-back window ("casino" -> "no")
    return words


def is_word_char(char: str) -> bool:
    return char.isalnum() or char in "_'\u2019"


def is_cue(words: list[str], i: int) -> bool:
    word = words[i]
    after = words[i + 1] if i + 1 < len(words) else ""
    if word == "no" and after[:1].isdigit():  # "School No 5" is a number
        return False
    if word == "not" and after == "only":  # "not only the school but also ..."
        return False
    return word in CUES or word.endswith(("n't", "n\u2019t"))


def read_rules(path: Path) -> Iterator[Rule]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(f"{path}: not valid YAML: {error}") from error
    raw = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(raw, list):
        raise ValueError(f"{path}: field 'rules': expected a list of rules")
    for index, entry in enumerate(raw):
        yield parse_rule(entry, path, index)


def parse_rule(entry: object, path: Path, index: int) -> Rule:
    def fail(field: str, problem: str) -> ValueError:
        return ValueError(f"{path}: rule {index}: field {field!r}: {problem}")

    if not isinstance(entry, dict):
        raise fail("rule", "expected a mapping with category, phrases and note")
    for key in entry:
        if key not in FIELDS:
            raise fail(str(key), f"unknown field; expected {', '.join(FIELDS)}")
    category = entry.get("category")
    if not isinstance(category, str) or category not in TARGET_CATEGORIES:
        raise fail("category", f"{category!r} is not a target category")
    note = entry.get("note")
    if not isinstance(note, str) or not note.strip():
        raise fail("note", "a rule says why it holds")
    phrases = entry.get("phrases")
    if not isinstance(phrases, list) or not phrases:
        raise fail("phrases", "expected a non-empty list of phrases")
    cleaned: list[str] = []
    for phrase in phrases:
        if not isinstance(phrase, str) or not re.search(r"\w", phrase):
            raise fail("phrases", f"{phrase!r} is not a phrase")
        cleaned.append(normalise(phrase))
    return Rule(category, tuple(cleaned), note.strip())


@lru_cache(maxsize=1)
def default_rules() -> TargetRules:
    return TargetRules.load()


def find_targets(notes: str) -> list[InferredTarget]:
    """Target categories mentioned in an ACLED note, using the shipped rulebook."""
    return default_rules().find(notes)
