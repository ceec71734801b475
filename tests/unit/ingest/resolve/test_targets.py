"""The target rulebook reads ACLED notes into target categories, quoting the words it used."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graph.domain.vocabulary import TARGET_CATEGORIES
from graph.ingest.resolve.targets import (
    DEFAULT_PATH,
    InferredTarget,
    TargetRules,
    find_targets,
)


def categories(notes: str) -> list[str]:
    return [target.category for target in find_targets(notes)]


def only(notes: str, category: str) -> InferredTarget:
    hits = [target for target in find_targets(notes) if target.category == category]
    assert len(hits) == 1, find_targets(notes)
    return hits[0]


EXAMPLES = [
    (
        "On 19 March 2025, Russian forces struck energy infrastructure in Dnipropetrovska "
        "oblast with drones. [size=no report]",
        "energy_infrastructure",
        "energy infrastructure",
    ),
    (
        "On 19 March 2025, Russian drones hit Kryvyi Rih, damaging a substation. [size=no report]",
        "power_grid",
        "substation",
    ),
    (
        "On 7 November 2024, Russian forces launched missiles at the Burshtyn TPP in "
        "Ivano-Frankivska oblast. (casualties unknown)",
        "power_generation",
        "TPP",
    ),
    (
        "On 2 March 2025, a Ukrainian drone struck an oil depot in Bryansk. [size=no report]",
        "oil_gas",
        "oil depot",
    ),
    (
        "On 10 March 2025, Russian forces shelled a Railway Station in Lozova, Kharkivska oblast.",
        "railway",
        "Railway Station",
    ),
    (
        "On 12 March 2025, Russian drones struck a traction substation near Fastiv.",
        "railway_energy_infrastructure",
        "traction substation",
    ),
    (
        "On 4 March 2025, Russian forces struck the grain terminal in Izmail, Odeska oblast.",
        "port",
        "grain terminal",
    ),
    (
        "On 5 March 2025, Russian forces hit a bridge in Kherson with a guided aerial bomb.",
        "transport",
        "bridge",
    ),
    (
        "On 6 March 2025, a drone damaged the Children's Hospital in Sumy city.",
        "medical",
        "Children's Hospital",
    ),
    (
        "On 8 March 2025, a missile hit an apartment block in Dobropillia, Donetska oblast.",
        "residential",
        "apartment block",
    ),
    (
        "On 9 March 2025, Russian forces shelled a kindergarten in Nikopol. [size=no report]",
        "education",
        "kindergarten",
    ),
    (
        "On 11 March 2025, a drone hit a Nova Poshta warehouse in Kharkiv city.",
        "commercial",
        "warehouse",
    ),
    (
        "On 13 March 2025, Ukrainian forces struck an ammunition depot near Kursk.",
        "military",
        "ammunition depot",
    ),
    (
        "On 14 March 2025, Russian forces struck civilian infrastructure in Zaporizhzhia.",
        "civilian",
        "civilian infrastructure",
    ),
    (
        "On 15 March 2025, shelling damaged critical infrastructure in Kherson city.",
        "infrastructure",
        "critical infrastructure",
    ),
    (
        "On 16 March 2025, Russian forces shelled Beryslav, damaging an administrative building.",
        "other",
        "administrative building",
    ),
]


@pytest.mark.parametrize(("notes", "category", "quote"), EXAMPLES)
def test_each_category_is_found_in_a_realistic_note(notes: str, category: str, quote: str) -> None:
    target = only(notes, category)
    assert target.quote == quote
    assert notes[target.start : target.end] == target.quote


def test_every_category_has_an_example_note() -> None:
    assert {category for _, category, _ in EXAMPLES} == set(TARGET_CATEGORIES)


def test_the_example_note_finds_energy_infrastructure_and_a_substation() -> None:
    notes = (
        "On 19 March 2025, Russian forces struck energy infrastructure in Dnipropetrovska "
        "oblast with drones, damaging a substation. [size=no report]"
    )
    targets = find_targets(notes)
    assert [t.category for t in targets] == ["energy_infrastructure", "power_grid"]
    assert targets[1].phrase == "substation"
    assert targets[1].note


def test_the_quote_keeps_the_original_case_and_spacing() -> None:
    notes = "Drones struck the Thermal  Power-Plant in Kharkiv."
    target = only(notes, "power_generation")
    assert target.quote == "Thermal  Power-Plant"
    assert target.quote in notes
    assert target.phrase == "thermal power plant"


@pytest.mark.parametrize(
    ("notes", "category", "quote"),
    [
        ("Shelling damaged several houses in Kupiansk.", "residential", "houses"),
        ("Strikes hit two hospitals in Kharkiv.", "medical", "hospitals"),
        ("Drones hit three SUBSTATIONS in Odesa.", "power_grid", "SUBSTATIONS"),
        (
            "Missiles struck energy facilities in Lviv.",
            "energy_infrastructure",
            "energy facilities",
        ),
        ("A drone hit two refineries in Ryazan.", "oil_gas", "refineries"),
        ("Shelling damaged local businesses in Nikopol.", "commercial", "businesses"),
        ("A bomb hit high-rise buildings in Kharkiv.", "residential", "high-rise buildings"),
    ],
)
def test_plurals_match_and_are_quoted(notes: str, category: str, quote: str) -> None:
    assert only(notes, category).quote == quote


@pytest.mark.parametrize(
    "notes",
    [
        "It was reported that Russian forces shelled Kupiansk.",
        "Ukrainian forces received artillery support near Pokrovsk.",
        "Military training was held near Kyiv.",
        "Police transported the detainees to Odesa.",
        "Protesters gathered at the schoolyard gate.",
    ],
)
def test_phrases_match_whole_words_only(notes: str) -> None:
    assert categories(notes) == []


def test_the_longest_phrase_wins() -> None:
    target = only("Missiles hit a thermal power plant in Kyivska oblast.", "power_generation")
    assert target.quote == "thermal power plant"


def test_railway_energy_infrastructure_is_one_mention_not_three() -> None:
    notes = "Russian drones struck railway energy infrastructure in Poltavska oblast."
    assert categories(notes) == ["railway_energy_infrastructure"]


def test_other_mentions_outside_the_specific_phrase_still_count() -> None:
    notes = (
        "Drones struck railway energy infrastructure near Lozova, and a railway bridge "
        "and energy infrastructure in the town were hit."
    )
    assert categories(notes) == [
        "railway_energy_infrastructure",
        "railway",
        "energy_infrastructure",
    ]


def test_a_broad_word_inside_a_specific_phrase_does_not_misfire() -> None:
    assert categories("A drone hit an ammunition warehouse near Kursk.") == ["military"]
    assert categories("Missiles hit a boiler house in Kharkiv.") == ["energy_infrastructure"]


def test_only_the_first_mention_of_a_category_is_returned() -> None:
    notes = "Shelling damaged a house in Kherson and a private house in Antonivka."
    targets = find_targets(notes)
    assert len(targets) == 1
    assert targets[0].start == notes.index("house")


@pytest.mark.parametrize(
    ("negated", "plain", "category"),
    [
        (
            "Drones hit Pavlohrad, with no damage to the substation.",
            "Drones hit Pavlohrad, with damage to the substation.",
            "power_grid",
        ),
        (
            "Missiles struck Sumy; no casualties or damage were reported at the hospital.",
            "Missiles struck Sumy; casualties and damage were reported at the hospital.",
            "medical",
        ),
        (
            "A missile exploded in Burshtyn without hitting the power plant.",
            "A missile exploded in Burshtyn, hitting the power plant.",
            "power_generation",
        ),
        (
            "Shelling hit the square, not the school.",
            "Shelling hit the square and the school.",
            "education",
        ),
        (
            "Shelling hit Kherson city and the hospital was not damaged.",
            "Shelling hit Kherson city and the hospital was damaged.",
            "medical",
        ),
        (
            "A drone exploded over Vyshneve and no houses were hit.",
            "A drone exploded over Vyshneve and houses were hit.",
            "residential",
        ),
        (
            "A drone crashed in Bucha and no damage was reported to the kindergarten.",
            "A drone crashed in Bucha and damage was reported to the kindergarten.",
            "education",
        ),
        (
            "Debris fell near Lviv but the substations weren't damaged.",
            "Debris fell near Lviv and the substations were damaged.",
            "power_grid",
        ),
    ],
)
def test_a_negated_mention_does_not_count_but_the_plain_one_does(
    negated: str, plain: str, category: str
) -> None:
    assert category not in categories(negated)
    assert category in categories(plain)


def test_a_note_with_a_negated_and_a_plain_mention_keeps_the_plain_one() -> None:
    notes = (
        "Russian drones hit Kharkiv. No damage to the substation was reported; "
        "debris damaged a transformer in Saltivskyi district."
    )
    target = only(notes, "power_grid")
    assert target.quote == "transformer"
    assert target.start == notes.index("transformer")


def test_negation_stays_inside_its_clause() -> None:
    assert categories("No one was injured, but the hospital was damaged.") == ["medical"]
    assert categories("No casualties were reported. Drones hit a school.") == ["education"]


def test_the_acled_tails_neither_break_nor_negate() -> None:
    assert categories("Drones hit a school (casualties unknown) [size=no report]") == ["education"]
    assert categories("[size=no report] hospital") == ["medical"]
    assert categories("(casualties unknown)") == []
    assert categories("") == []


def test_curly_apostrophes_and_neither_nor_negate() -> None:
    assert categories("Debris fell, but the hospital wasn\u2019t damaged.") == []
    assert categories("Neither the school nor the hospital was hit.") == []


def test_no_before_a_number_is_not_a_negation() -> None:
    assert categories("Shelling damaged School No 5 and a hospital.") == ["education", "medical"]


def test_the_rulebook_can_be_extended_from_a_file(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        yaml.safe_dump(
            {
                "rules": [
                    {
                        "category": "power_grid",
                        "phrases": ["distribution point"],
                        "note": "Local electricity distribution.",
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    notes = "A drone hit two distribution points and a school in Chernihiv."
    extended = TargetRules.load(DEFAULT_PATH, extra)
    assert [t.category for t in extended.find(notes)] == ["power_grid", "education"]
    assert extended.find(notes)[0].quote == "distribution points"
    assert [t.category for t in TargetRules.load().find(notes)] == ["education"]


def test_a_phrase_claimed_by_two_categories_is_refused(tmp_path: Path) -> None:
    extra = tmp_path / "clash.yaml"
    extra.write_text(
        "rules:\n  - {category: commercial, phrases: [hospital], note: wrong}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"clash\.yaml: rule 0: field 'phrases'"):
        TargetRules.load(DEFAULT_PATH, extra)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            "  - {category: port, phrases: [quay], note: ok}\n"
            "  - {category: pier, phrases: [x], note: ok}\n",
            "rule 1: field 'category'",
        ),
        ("  - {category: port, phrases: [], note: ok}\n", "rule 0: field 'phrases'"),
        ("  - {category: port, phrases: [quay, 3], note: ok}\n", "rule 0: field 'phrases'"),
        ("  - {category: port, phrases: [quay]}\n", "rule 0: field 'note'"),
        (
            "  - {category: port, phrases: [quay], note: ok, colour: red}\n",
            "rule 0: field 'colour'",
        ),
        ("  - just a string\n", "rule 0: field 'rule'"),
    ],
)
def test_a_malformed_rulebook_names_file_rule_and_field(
    tmp_path: Path, body: str, field: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("rules:\n" + body, encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.yaml") as raised:
        TargetRules.load(path)
    assert field in str(raised.value)


def test_a_rulebook_without_rules_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"empty\.yaml: field 'rules'"):
        TargetRules.load(path)


def test_every_category_in_the_shipped_rulebook_exists() -> None:
    rules = TargetRules.load().rules
    assert rules
    assert {rule.category for rule in rules} <= set(TARGET_CATEGORIES)
    assert all(rule.note and rule.phrases for rule in rules)
