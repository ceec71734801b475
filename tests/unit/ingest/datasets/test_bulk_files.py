"""An ACLED import as neo4j-admin CSV files: each event with its links in the files the
online import's statements would fill, shared places, actors and sources written once, a
newer row of an event replacing the lines of the older one, an older row left out."""

from __future__ import annotations

import csv
from pathlib import Path

from graph.ingest.acled.events import empty_graph_resolver
from graph.ingest.acled.rows import Event, event
from graph.ingest.acled.sources import DATASET
from graph.ingest.datasets.batch import Batcher
from graph.ingest.datasets.offline.files import NODE_FILES, RELATIONSHIP_FILES, Files
from graph.ingest.datasets.offline.finish import EMPTY_LISTS
from graph.ingest.datasets.offline.tables import ARRAY_DELIMITER


def strike(acled_id: str, timestamp: int, notes: str, source: str = "Ukrinform") -> Event:
    return event(
        2,
        {
            "event_id_cnty": acled_id,
            "event_date": "2025-03-19",
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Air/drone strike",
            "actor1": "Military Forces of Russia (2000-)",
            "actor2": "Civilians (Ukraine)",
            "inter2": "Civilians",
            "country": "Ukraine",
            "iso": "804",
            "admin1": "Sumy",
            "location": "Sumy",
            "latitude": "50.9077",
            "longitude": "34.7981",
            "source": source,
            "notes": notes,
            "fatalities": "2",
            "timestamp": str(timestamp),
        },
    )


def rows(files: Files, table: str) -> list[dict[str, str]]:
    """A table's lines keyed by its header (the generation column included as ':IGNORE')."""
    found = files.nodes.get(table) or files.relationships[table]
    header = found.header.read_text().strip().split(",")
    with found.data.open(encoding="utf-8", newline="") as handle:
        return [dict(zip(header, line, strict=True)) for line in csv.reader(handle)]


def written(tmp_path: Path, *batches: list[Event]) -> Files:
    files = Files(tmp_path)
    batcher = Batcher(empty_graph_resolver())
    for events in batches:
        files.add(batcher.batch(events))
    files.close()
    files.finish()
    return files


def test_an_attack_is_written_with_every_link_the_online_import_makes(tmp_path: Path) -> None:
    files = written(tmp_path, [strike("UKR1", 1, "Drones hit a hospital.")])
    [attack] = rows(files, "events")
    assert attack["id:ID"] == "acled:UKR1"
    assert attack[":LABEL"] == f"Entity{ARRAY_DELIMITER}Attack"
    assert attack["category"] == "air_drone_strike" and attack["tags:string[]"] == ""
    assert attack["startEarliest:datetime"].endswith("Z")
    links = {(r[":TYPE"], r[":START_ID"], r[":END_ID"]) for r in rows(files, "links")}
    assert ("AT", "acled:UKR1", "acled-place:ua-59/sumy") in links
    assert ("AGAINST", "acled:UKR1", "acled-actor:civilians-ukraine") in links
    assert ("HAS_FIGURE", "acled:UKR1", "acled:UKR1/killed") in links
    [(_, _, target)] = [link for link in links if link[0] == "HIT"]
    assert ("IN_CATEGORY", target, "category:medical") in links
    [carried] = rows(files, "carried")
    assert carried["role"] == "primary"
    supported = {(r[":START_ID"], r[":END_ID"], r["aspect"]) for r in rows(files, "supported")}
    assert ("acled:UKR1", DATASET, "existence") in supported
    assert ("acled:UKR1", "source:acled-cited/ukrinform", "cited") in supported
    assert files.written.events == 1


def test_every_target_category_is_a_node_as_create_schema_makes_it(tmp_path: Path) -> None:
    files = written(tmp_path)
    categories = rows(files, "categories")
    assert {"id:ID": "category:civilian", ":LABEL": f"Entity{ARRAY_DELIMITER}TargetCategory",
            "name": "Civilian objects", "key": "civilian"} in categories  # fmt: skip


def test_shared_places_actors_and_sources_are_written_once(tmp_path: Path) -> None:
    files = written(
        tmp_path,
        [strike("UKR1", 1, "One.")],
        [strike("UKR2", 1, "Two.")],
    )
    ids = [r["id:ID"] for table in ("places", "actors", "sources") for r in rows(files, table)]
    assert len(ids) == len(set(ids))
    assert "source:acled-cited/ukrinform" in ids and DATASET in ids
    named = [(r[":START_ID"], r["name"], r["column"]) for r in rows(files, "named")]
    assert len(named) == len(set(named))


def test_a_newer_row_in_a_later_batch_replaces_every_line_of_the_older(tmp_path: Path) -> None:
    files = written(
        tmp_path,
        [strike("UKR1", 1, "Drones hit a hospital.", source="Suspilne")],
        [strike("UKR1", 2, "Drones hit a school.")],
    )
    [attack] = rows(files, "events")
    assert attack["description"] == "Drones hit a school."
    [target] = rows(files, "targets")
    assert target["category"] == "education"
    cited = [r[":END_ID"] for r in rows(files, "supported") if r["aspect"] == "cited"]
    assert cited == ["source:acled-cited/ukrinform"]
    at = [r for r in rows(files, "links") if r[":TYPE"] == "AT"]
    assert len(at) == 1 and len(rows(files, "figures")) == 1
    assert files.written.events == 2  # counted as online: the replacing row is written too


def test_an_older_row_in_a_later_batch_is_left_out(tmp_path: Path) -> None:
    files = written(
        tmp_path,
        [strike("UKR1", 5, "The newer row.")],
        [strike("UKR1", 4, "The older row.")],
    )
    assert [r["description"] for r in rows(files, "events")] == ["The newer row."]
    assert files.written.events == 1


def test_every_list_column_has_a_statement_to_set_it_when_empty() -> None:
    lists = {
        (name, column.split(":")[0])
        for name, columns in {**NODE_FILES, **RELATIONSHIP_FILES}.items()
        for column in columns
        if column.endswith(":string[]")
    }
    assert lists == set(EMPTY_LISTS)
