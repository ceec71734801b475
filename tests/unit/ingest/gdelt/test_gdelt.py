"""GDELT's reader, code tables and resolver, on lines the tests write in GDELT's layout and on
the real slices in tests/data/gdelt/ (The GDELT Project; see the README there)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from graph.ingest.datasets.additions import Additions
from graph.ingest.datasets.batch import Batcher
from graph.ingest.datasets.gazetteer import Gazetteer
from graph.ingest.datasets.roster import KnownActor, Roster
from graph.ingest.datasets.rows import BadRow
from graph.ingest.gdelt.events import GdeltResolver, confidence
from graph.ingest.gdelt.layouts import LAYOUTS
from graph.ingest.gdelt.records import CameoActor, GdeltEvent, columns_of, read
from graph.ingest.gdelt.sources import GDELT, cited
from graph.ingest.gdelt.tables import TableError, default_tables, load
from graph.ingest.resolve.actors import Actors
from graph.ingest.resolve.places import default_places
from tests.gdelt_files import KHARKIV, KYIV, line, write_lines

ROOT = Path(__file__).resolve().parents[4]
SLICES = ROOT / "tests" / "data" / "gdelt"


def events(path: Path) -> list[GdeltEvent]:
    found = list(read(path))
    assert all(isinstance(item, GdeltEvent) for item in found), found[:3]
    return [item for item in found if isinstance(item, GdeltEvent)]


@pytest.mark.parametrize(
    ("code", "label", "kind"),
    [
        ("010", "Statement", "announcement"),
        ("016", "Statement", "denial"),
        ("0214", "Statement", "appeal"),
        ("036", "Statement", "commitment"),
        ("040", "Statement", "readout"),
        ("046", "Agreement", "talks_track"),
        ("057", "Agreement", "other"),
        ("0871", "Agreement", "ceasefire"),
        ("0872", "Event", "other"),
        ("100", "Statement", "appeal"),
        ("111", "Statement", "accusation"),
        ("1123", "Statement", "accusation"),
        ("125", "Statement", "rejection"),
        ("138", "Statement", "announcement"),
        ("141", "Event", "protest"),
        ("145", "Event", "riot"),
        ("173", "Event", "other"),
        ("182", "Attack", "attack"),
        ("1831", "Attack", "remote_explosive"),
        ("190", "Attack", "armed_clash"),
        ("192", "Event", "other"),
        ("194", "Attack", "shelling_artillery"),
        ("195", "Attack", "air_drone_strike"),
        ("1952", "Attack", "air_drone_strike"),
        ("196", "Attack", "armed_clash"),
        ("202", "Attack", "attack"),
    ],
)
def test_cameo_codes_become_the_model_by_their_longest_listed_prefix(
    code: str, label: str, kind: str
) -> None:
    coding = default_tables().coding(code)
    assert (coding.label, coding.kind) == (label, kind)


def test_a_table_entry_outside_the_vocabulary_is_refused_by_name(tmp_path: Path) -> None:
    cameo = tmp_path / "cameo.yaml"
    cameo.write_text('codes:\n  - {code: "112", as: statement, kind: blame}\n', encoding="utf-8")
    with pytest.raises(TableError, match="112: 'blame'"):
        load(cameo)


def test_fips_is_never_read_as_iso() -> None:
    fips = default_tables().fips
    assert (fips["UP"], fips["RS"], fips["GM"], fips["AU"], fips["AS"], fips["NO"]) == (
        "UA", "RU", "DE", "AT", "AU", "NO",
    )  # fmt: skip
    assert default_tables().cameo_country("RUS") == "RU"
    assert default_tables().cameo_country("AFR") is None  # a region, not a state


def test_the_real_slices_read_in_all_three_layouts() -> None:
    v2 = events(SLICES / "spark-gdelt_events.csv")
    v1 = events(SLICES / "spark-gdelt_events1.csv")
    assert len(v2) == len(v1) == 100
    assert {e.props["gdeltLayout"] for e in v2} == {"GDELT 2.0"}
    assert {e.props["gdeltLayout"] for e in v1} == {"GDELT 1.0", "GDELT 1.0 back-file"}
    back = [e for e in v1 if e.props["gdeltLayout"] == "GDELT 1.0 back-file"]
    assert len(back) == 40 and not any(e.source for e in back)
    assert back[0].timestamp == 20130203000000  # DATEADDED YYYYMMDD: midnight
    outlets = [e.source for e in v1 if e.source and not e.source.startswith("http")]
    assert outlets  # 1.0 daily rows that name an outlet instead of a URL
    assert all(e.id == f"gdelt:{e.props['gdeltId']}" for e in v2)


def test_written_lines_zip_and_gz_and_their_places(tmp_path: Path) -> None:
    lines = [line(1, "195", "RUSMIL", "UKR", where=KHARKIV), line(2, "112", "UKRGOV", "RUS")]
    zipped = events(write_lines(tmp_path / "20250320120000.export.CSV.zip", lines))
    plain = write_lines(tmp_path / "plain.CSV", lines)
    gz = tmp_path / "plain.CSV.gz"
    gz.write_bytes(gzip.compress(plain.read_bytes()))
    assert [e.id for e in events(gz)] == [e.id for e in zipped] == ["gdelt:1", "gdelt:2"]
    strike = zipped[0]
    assert strike.where is not None
    assert (strike.where.iso, strike.where.admin1, strike.where.location) == (
        "UA", "Kharkivs'ka Oblast'", "Kharkiv",
    )  # fmt: skip
    assert (
        strike.props["geoPrecision"] == 1 and strike.props["cameoName"] == "Employ aerial weapons"
    )
    [kyiv] = events(write_lines(tmp_path / "kyiv.CSV", [line(3, "190", where=KYIV)]))
    assert kyiv.where is not None and kyiv.where.admin1 == "Kyyiv, Misto"  # commas in a name


def test_bad_lines_are_bad_rows_and_a_file_not_gdelts_is_refused(tmp_path: Path) -> None:
    good = line(1, "195", "RUSMIL", "UKR")
    bad_date = line(2, "195", "RUSMIL", "UKR", day="2025-03-20")
    short = "\t".join(good.split("\t")[:40])
    found = list(read(write_lines(tmp_path / "mixed.CSV", [good, bad_date, "", short])))
    assert isinstance(found[0], GdeltEvent)
    assert [(b.line, b.column) for b in found[1:] if isinstance(b, BadRow)] == [
        (2, "SQLDATE"),
        (4, "line"),
    ]
    assert columns_of(tmp_path / "mixed.CSV") == LAYOUTS[61][1]
    acled = tmp_path / "acled.csv"
    acled.write_text("event_id_cnty,event_date\nUKR1,2025-03-19\n", encoding="utf-8")
    [refused] = list(read(acled))
    assert isinstance(refused, BadRow) and refused.refused
    assert "not a GDELT event file" in refused.problem


def test_confidence_grows_with_sources_more_than_mentions() -> None:
    assert confidence(1, 1) == 0.4
    assert confidence(10, 1) < confidence(3, 3) <= 0.95
    assert confidence(500, 200) == 0.95


def test_sources_are_articles_or_outlets() -> None:
    id, props = cited("https://www.example.org/news/1")
    assert id.startswith("source:gdelt-cited/") and props["url"] == "https://www.example.org/news/1"
    assert props["name"] == "example.org"
    id, props = cited("BBC Monitoring")
    assert props == {
        "id": id,
        "name": "BBC Monitoring",
        "title": "BBC Monitoring",
        "kind": "report",
    }


def resolver(known: list[KnownActor] | None = None) -> GdeltResolver:
    places = default_places()
    gazetteer = Gazetteer(places, Additions(), GDELT)
    gazetteer.know([])
    roster = Roster(Actors(), places, gazetteer)
    roster.know(known or [])
    return GdeltResolver(gazetteer, roster)


def test_codes_resolve_to_the_states_and_their_organs_the_graph_has() -> None:
    known: list[KnownActor] = [
        {"id": "actor:russia", "name": "Russia", "kind": "state", "aliases": [], "iso1": None},
        {"id": "actor:russian-armed-forces", "name": "Russian forces", "kind": "armed_forces",
         "aliases": [], "iso1": None, "of": ["actor:russia"]},
        {"id": "acled-actor:military-forces-of-russia-2000", "name": "Military Forces of Russia",
         "kind": "armed_forces", "aliases": [], "iso1": None, "of": ["actor:russia"]},
    ]  # fmt: skip
    gdelt = resolver(known)
    [strike] = events_of([line(1, "195", "RUSMIL", "UKRGOV", names=("RUSSIAN ARMY", ""))])
    row = gdelt.row(strike)
    # The curated organ wins over the one an import made; Ukraine's government is created.
    assert row["by"] == [{"id": "actor:russian-armed-forces", "role": "primary"}]
    [against] = row["against"]
    assert against == "gdelt-actor:ua/gov"
    made = gdelt.additions.actors[against]
    assert made["props"]["name"] == "Government of Ukraine"
    [speaks] = gdelt.additions.links["SPEAKS_FOR"]
    assert (speaks["start"], speaks["end"]) == (against, "actor:state/ua")
    named = gdelt.additions.resolutions
    assert ("actor:russian-armed-forces", "RUSMIL", "Actor1Code") in named
    assert ("actor:russian-armed-forces", "RUSSIAN ARMY", "Actor1Name") in named
    assert row["props"]["machineCoded"] is True and row["props"]["category"] == "air_drone_strike"


def events_of(lines: list[str]) -> list[GdeltEvent]:
    from graph.ingest.gdelt.records import event

    return [event(n, text.split("\t"), default_tables()) for n, text in enumerate(lines, 1)]


def test_statements_agreements_and_groups() -> None:
    gdelt = resolver()
    said, truce, crowd = events_of(
        [line(1, "112", "UKRGOV", "RUS"), line(2, "0871", "RUS", "UKR"), line(3, "141", "UKRCVL")]
    )
    statement = gdelt.row(said)
    assert statement["made_by"] == ["gdelt-actor:ua/gov"] and statement["about"] == [
        "actor:state/ru"
    ]
    assert statement["props"]["kind"] == "accusation" and "not a quote" in str(
        statement["props"]["text"]
    )
    agreement = gdelt.row(truce)
    assert agreement["parties"] == ["actor:state/ru", "actor:state/ua"]
    assert (agreement["props"]["kind"], agreement["props"]["status"]) == ("ceasefire", "announced")
    protest = gdelt.row(crowd)
    assert protest["participants"] == ["gdelt-actor:ukrcvl"]
    assert gdelt.additions.actors["gdelt-actor:ukrcvl"]["props"]["name"] == "Civilians (Ukraine)"
    [president] = events_of([line(4, "010", "", "", names=("", ""))])
    bare = gdelt.actor(CameoActor("GOV", "PRESIDENT", "", "GOV", "Actor1Code"))
    assert bare == "gdelt-actor:gov/president"  # some government: not every bare GOV at once
    assert president.actor1 is None
    batch = Batcher(gdelt).batch([said, truce, crowd])
    assert set(batch.events) == {"Statement", "Agreement", "Event"}
    assert "source:gdelt" in batch.additions.sources
    assert "source:gdelt-cited/https-news-example-org-1" in batch.additions.sources
