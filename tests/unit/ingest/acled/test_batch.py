"""Batching ACLED events: within one batch the newest row of an event wins, and a batch
counts and names the events it carries; each row is resolved against the graph (places,
actors, targets inferred from the notes, local-date bounds in UTC), and the additions it
needs travel with the first batch that needs them."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from graph.domain.zones import zones_for
from graph.ingest.acled.events import AcledResolver
from graph.ingest.acled.rows import Event, event
from graph.ingest.acled.sources import ACLED, DATASET
from graph.ingest.datasets.additions import Additions
from graph.ingest.datasets.batch import (
    Batch,
    Batcher,
    EventRow,
    epoch_millis,
    local_bounds,
    newest,
)
from graph.ingest.resolve.targets import default_rules
from tests.unit.ingest.datasets.test_roster import curated_roster


def version(acled_id: str, timestamp: int, notes: str = "") -> Event:
    row = {
        "event_id_cnty": acled_id,
        "event_date": "2025-03-19",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "Military Forces of Russia (2000-)",
        "country": "Ukraine",
        "location": "Sumy",
        "notes": notes,
        "timestamp": str(timestamp),
    }
    return event(2, row)


def test_a_newer_row_replaces_an_older_one_of_the_same_event() -> None:
    [kept] = newest([version("UKR1", 100, "old"), version("UKR1", 200, "new")])
    assert kept.notes == "new"


def test_an_older_row_after_a_newer_one_does_not_replace_it() -> None:
    [kept] = newest([version("UKR1", 200, "new"), version("UKR1", 100, "old")])
    assert kept.notes == "new"


def test_with_equal_timestamps_the_later_row_wins() -> None:
    [kept] = newest([version("UKR1", 100, "first"), version("UKR1", 100, "second")])
    assert kept.notes == "second"


def test_different_events_are_all_kept_in_first_seen_order() -> None:
    rows = [version("UKR2", 1), version("UKR1", 1), version("UKR2", 5), version("UKR3", 1)]
    assert [e.acled_id for e in newest(rows)] == ["UKR2", "UKR1", "UKR3"]


def test_no_events_make_no_rows() -> None:
    assert newest([]) == []


def test_a_batch_counts_and_names_its_events() -> None:
    batch = Batch(ACLED)
    assert len(batch) == 0 and batch.ids() == frozenset()
    batch.events = {
        "Attack": [{"id": "acled:UKR1"}, {"id": "acled:UKR2"}],  # type: ignore[typeddict-item]
        "Agreement": [{"id": "acled:UKR3"}],  # type: ignore[typeddict-item]
    }
    assert len(batch) == 3
    assert batch.ids() == {"acled:UKR1", "acled:UKR2", "acled:UKR3"}


def test_times_travel_as_epoch_milliseconds() -> None:
    moment = dt.datetime(2025, 3, 18, 22, 0, 0, 999999, tzinfo=dt.UTC)
    assert epoch_millis(moment) == 1742335200999
    assert epoch_millis(dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) == 0


# Resolving a row against a curated graph (no database)

NIGHT = Path(__file__).resolve().parents[4] / "tests" / "data" / "acled_night.csv"
with NIGHT.open(newline="", encoding="utf-8") as handle:
    NIGHT_FIELDS = next(csv.reader(handle))


def night_row(**changes: str) -> dict[str, str]:
    """A row with acled_night.csv's columns, valued like its UKR2001; keywords replace fields."""
    row = dict.fromkeys(NIGHT_FIELDS, "")
    row.update(
        event_id_cnty="UKR2001",
        event_date="2025-03-19",
        year="2025",
        time_precision="1",
        disorder_type="Political violence",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actor1="Military Forces of Russia (2000-)",
        inter1="State forces",
        interaction="State forces only",
        iso="804",
        region="Europe",
        country="Ukraine",
        admin1="Dnipropetrovska",
        admin2="Dniprovskyi",
        admin3="Dniprovska",
        location="Dnipro",
        latitude="48.4647",
        longitude="35.0462",
        geo_precision="1",
        source="Ukrzaliznytsia; Suspilne",
        source_scale="National",
        notes="On 19 March 2025, Russian drones struck railway energy infrastructure near "
        "Dnipro, damaging a traction substation. No casualties were reported. "
        "[size=no report]",
        fatalities="0",
        timestamp="1742600000",
    )
    row.update(changes)
    return row


def resolver(pending: Additions | None = None) -> AcledResolver:
    roster = curated_roster(pending)
    return AcledResolver(roster.gazetteer, roster, default_rules())


def resolved(**changes: str) -> EventRow:
    return resolver().row(event(2, night_row(**changes)))


def millis(text: str) -> int:
    return epoch_millis(dt.datetime.fromisoformat(text))


def test_an_attack_row_gets_the_targets_its_notes_name_quoted_verbatim() -> None:
    row = resolved()
    [target] = row["targets"]
    assert target["id"] == "acled:UKR2001/target/railway_energy_infrastructure"
    assert target["category"] == "category:railway_energy_infrastructure"
    assert target["props"]["inferred"] is True
    assert target["props"]["category"] == "railway_energy_infrastructure"
    assert target["props"]["evidenceQuotes"] == ["railway energy infrastructure"]
    assert "inferred from the ACLED notes" in str(target["props"]["evidenceNote"])
    assert "railway energy infrastructure" in row["evidence"]["quotes"][0]


def test_a_target_quote_keeps_the_case_the_notes_use() -> None:
    row = resolved(notes="On 19 March 2025, Russian drones hit Two HOSPITALS in Sumy.")
    [target] = row["targets"]
    assert target["category"] == "category:medical"
    assert target["props"]["evidenceQuotes"] == ["HOSPITALS"]
    assert target["props"]["name"] == "HOSPITALS"
    assert target["props"]["inferenceRule"] == "hospital"


def test_a_negated_mention_gives_no_target() -> None:
    notes = (
        "On 19 March 2025, drone debris damaged private houses in Bucha district; no damage "
        "to the substation nearby."
    )
    row = resolved(notes=notes, admin1="Kyivska", admin2="Buchanskyi", location="Bucha")
    assert [target["category"] for target in row["targets"]] == ["category:residential"]


def test_notes_naming_nothing_give_no_target() -> None:
    assert resolved(notes="On 19 March 2025, Russian forces shelled the area.")["targets"] == []


def test_an_attack_row_is_by_its_actors_at_its_resolved_place_citing_its_sources() -> None:
    row = resolved(assoc_actor_1="Wagner Group", actor2="Civilians (Ukraine)")
    assert row["by"] == [
        {"id": "acled-actor:military-forces-of-russia-2000", "role": "primary"},
        {"id": "acled-actor:wagner-group", "role": "associated"},
    ]
    assert row["against"] == ["acled-actor:civilians-ukraine"]
    assert row["place"] == "acled-place:ua-12/dniprovskyi/dniprovska-community/dnipro"
    assert row["cited"] == ["source:acled-cited/ukrzaliznytsia", "source:acled-cited/suspilne"]
    assert row["evidence"]["note"] == "ACLED record; cites Ukrzaliznytsia, Suspilne"
    assert row["props"]["kind"] == "incident"
    assert row["props"]["category"] == "air_drone_strike"
    assert row["figures"] == []  # ACLED's 0: no death reported, not a count


def test_a_fatality_count_is_an_at_least_figure_from_the_dataset() -> None:
    assert resolved(fatalities="3")["figures"] == [
        {
            "id": "acled:UKR2001/killed",
            "metric": "killed",
            "value": 3,
            "qualifier": "at_least",
            "attribution": "dataset",
            "evidenceQuotes": [],
            "evidenceNote": "ACLED's fatalities column: the most conservative report",
        }
    ]


def test_an_attack_row_without_a_fatality_count_has_no_figure() -> None:
    assert resolved(fatalities="")["figures"] == []


def test_a_battles_row_is_an_attack_with_category_armed_clash() -> None:
    changes = {
        "event_id_cnty": "UKR2005",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor2": "Military Forces of Ukraine (2019-)",
        "inter2": "State forces",
        "notes": "On 19 March 2025, Russian and Ukrainian forces clashed near Yunakivka.",
        "fatalities": "2",
    }
    battle = event(7, night_row(**changes))
    assert battle.label == "Attack"
    row = resolver().row(battle)
    assert row["props"]["category"] == "armed_clash"
    assert row["against"] == ["acled-actor:military-forces-of-ukraine-2019"]
    assert row["figures"][0]["value"] == 2
    assert row["targets"] == []


def test_a_protest_row_is_an_event_of_kind_protest_with_participants() -> None:
    changes = {
        "event_id_cnty": "UKR2006",
        "disorder_type": "Demonstrations",
        "event_type": "Protests",
        "sub_event_type": "Peaceful protest",
        "actor1": "Protesters (Ukraine)",
        "inter1": "Protesters",
        "admin1": "Kyiv City",
        "admin2": "Kyiv",
        "admin3": "",
        "location": "Kyiv",
        "notes": "On 19 March 2025, people rallied in Kyiv near a hospital.",
    }
    protest = event(7, night_row(**changes))
    assert protest.label == "Event"
    row = resolver().row(protest)
    assert row["props"]["kind"] == "protest"
    assert "category" not in row["props"]
    assert row["participants"] == ["acled-actor:protesters-ukraine"]
    assert (row["by"], row["against"], row["parties"]) == ([], [], [])
    assert (row["targets"], row["figures"]) == ([], [])
    assert row["place"] == "location:iso/ua-30"


def test_an_actor_named_twice_takes_part_in_an_event_once() -> None:
    changes = {
        "event_type": "Riots",
        "sub_event_type": "Mob violence",
        "actor1": "Rioters (Ukraine)",
        "assoc_actor_1": "Civilians (Ukraine)",
        "actor2": "Rioters (Ukraine)",
    }
    row = resolved(**changes)
    assert row["props"]["kind"] == "riot"
    assert row["participants"] == ["acled-actor:rioters-ukraine", "acled-actor:civilians-ukraine"]


def test_an_agreement_row_lists_its_parties() -> None:
    changes = {
        "event_id_cnty": "UKR1005",
        "event_date": "2025-03-18",
        "event_type": "Strategic developments",
        "sub_event_type": "Agreement",
        "actor1": "Government of Russia (2000-)",
        "actor2": "Government of the United States (2025-)",
        "inter2": "External/Other forces",
        "admin1": "",
        "admin2": "",
        "admin3": "",
        "location": "Ukraine",
        "notes": "On 18 March 2025, Russia and the US agreed to halt strikes on energy "
        "infrastructure.",
    }
    row = resolved(**changes)
    assert row["parties"] == [
        "acled-actor:government-of-russia-2000",
        "acled-actor:government-of-the-united-states-2025",
    ]
    assert row["props"]["kind"] == "other"
    assert row["props"]["status"] == "agreed"
    assert (row["by"], row["against"], row["participants"]) == ([], [], [])
    assert row["targets"] == [] and row["figures"] == []
    assert row["place"] == "location:ukraine"


def test_an_interception_row_is_by_and_against_its_actors_without_targets() -> None:
    changes = {
        "event_type": "Strategic developments",
        "sub_event_type": "Disrupted weapons use",
        "actor1": "Military Forces of Ukraine (2019-)",
        "actor2": "Military Forces of Russia (2000-)",
        "notes": "Ukrainian air defence shot down drones aimed at a substation.",
    }
    row = resolved(**changes)
    assert row["by"] == [{"id": "acled-actor:military-forces-of-ukraine-2019", "role": "primary"}]
    assert row["against"] == ["acled-actor:military-forces-of-russia-2000"]
    assert row["targets"] == [] and row["figures"] == []


def test_the_local_date_in_ukraine_spans_the_local_day_in_every_ukrainian_zone() -> None:
    start, end = local_bounds(dt.date(2025, 3, 19), "day", "UA")
    assert (start, end) == (millis("2025-03-18T21:00:00Z"), millis("2025-03-19T21:59:59.999Z"))
    zones = zones_for("UA")
    assert len(zones) >= 2
    for name in zones:
        zone = ZoneInfo(name)
        first = dt.datetime(2025, 3, 19, tzinfo=zone)
        after = dt.datetime(2025, 3, 20, tzinfo=zone)
        assert start <= epoch_millis(first) and epoch_millis(after) - 1 <= end, name


def test_a_row_carries_the_utc_bounds_of_its_local_date() -> None:
    row = resolved()
    assert (row["start"], row["end"]) == (
        millis("2025-03-18T21:00:00Z"),
        millis("2025-03-19T21:59:59.999Z"),
    )
    assert row["timestamp"] == 1742600000
    assert row["props"]["timeText"] == "2025-03-19"


def test_a_week_precise_row_spans_three_days_either_side() -> None:
    row = resolved(time_precision="2", event_date="2025-03-18")
    assert row["props"]["timePrecision"] == "week"
    assert (row["start"], row["end"]) == (
        millis("2025-03-14T21:00:00Z"),
        millis("2025-03-21T21:59:59.999Z"),
    )


def test_a_row_in_a_country_iso_does_not_know_is_bounded_by_the_utc_day() -> None:
    row = resolved(country="Narnia", iso="", admin1="", admin2="", admin3="", location="")
    assert (row["start"], row["end"]) == (
        millis("2025-03-19T00:00:00Z"),
        millis("2025-03-19T23:59:59.999Z"),
    )


# Batcher: additions go with the first batch that needs them


def test_the_first_batch_carries_the_dataset_and_cited_sources_and_later_ones_do_not() -> None:
    batcher = Batcher(resolver())
    first = batcher.batch([event(2, night_row())])
    assert set(first.additions.sources) >= {
        DATASET,
        "source:acled-cited/ukrzaliznytsia",
        "source:acled-cited/suspilne",
    }
    cited = first.additions.sources["source:acled-cited/suspilne"]
    assert cited == {
        "id": "source:acled-cited/suspilne",
        "name": "Suspilne",
        "title": "Suspilne",
        "kind": "report",
    }
    second = batcher.batch([event(3, night_row(event_id_cnty="UKR2002", source="Suspilne"))])
    assert second.additions.sources == {}
    assert second.ids() == {"acled:UKR2002"}


def test_a_source_first_cited_in_a_later_batch_comes_with_that_batch() -> None:
    batcher = Batcher(resolver())
    batcher.batch([event(2, night_row())])
    later = batcher.batch([event(3, night_row(event_id_cnty="UKR2004", source="Ukrenergo"))])
    assert list(later.additions.sources) == ["source:acled-cited/ukrenergo"]


def test_additions_are_handed_over_once() -> None:
    batcher = Batcher(resolver())
    first = batcher.batch([event(2, night_row())])
    assert "acled-place:ua-12/dniprovskyi/dniprovska-community/dnipro" in first.additions.places
    assert "acled-actor:military-forces-of-russia-2000" in first.additions.actors
    assert first.additions.links["PART_OF"]
    assert first.additions.resolutions
    second = batcher.batch([event(3, night_row(event_id_cnty="UKR2009"))])
    assert len(second) == 1
    assert not second.additions


def test_an_empty_batch_does_not_claim_the_dataset_source() -> None:
    batcher = Batcher(resolver())
    empty = batcher.batch([])
    assert len(empty) == 0 and not empty.additions
    assert DATASET in batcher.batch([event(2, night_row())]).additions.sources


def test_a_batch_groups_rows_by_label_and_keeps_the_newest_version() -> None:
    batcher = Batcher(resolver())
    batch = batcher.batch(
        [
            event(2, night_row(notes="older", timestamp="100")),
            event(
                3,
                night_row(
                    event_type="Protests",
                    sub_event_type="Peaceful protest",
                    event_id_cnty="UKR2006",
                ),
            ),
            event(4, night_row(notes="newer", timestamp="200")),
        ]
    )
    assert sorted(batch.events) == ["Attack", "Event"]
    [attack] = batch.events["Attack"]
    assert attack["props"]["description"] == "newer"
    assert len(batch) == 2
