"""ACLED-shaped files in the layouts found in the wild, written by the tests themselves: ACLED's
terms forbid redistributing its data, so nothing here is a real row."""

from __future__ import annotations

import csv
import gzip
import zipfile
from pathlib import Path

# A 2015-2016 export re-saved by pandas: alphabetical columns, an unnamed index first,
# ally_actor_*, gwno, no sub_event_type, the old event types.
OLD_2016_COLUMNS = [
    "", "actor1", "actor2", "admin1", "admin2", "admin3", "ally_actor_1", "ally_actor_2",
    "country", "event_date", "event_id_cnty", "event_id_no_cnty", "event_type", "fatalities",
    "geo_precision", "gwno", "inter1", "inter2", "interaction", "latitude", "location",
    "longitude", "notes", "source", "time_precision", "year",
]  # fmt: skip
OLD_2016_ROWS = [
    # event_type, actor1, inter1, actor2, inter2, notes
    ("Battle-No change of territory", "Military Forces of Nigeria (2015-)", "1",
     "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "2",
     "Troops clashed with Boko Haram fighters near the town;\nno territory changed hands."),
    ("Riots/Protests", "Protesters (Nigeria)", "6", "", "", "Traders protested new levies."),
    ("Riots/Protests", "Rioters (Nigeria)", "5", "", "", "Youths burned tyres on the road."),
    ("Remote violence", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "2",
     "Civilians (Nigeria)", "7", "An IED exploded at a market."),
    ("Headquarters or base established", "Military Forces of Nigeria (2015-)", "1", "", "",
     "The army set up a forward base."),
]  # fmt: skip


def old_2016(path: Path) -> Path:
    """Five rows of a 2016-style export, ids NGA1..NGA5, dates day-first 31/01/2016 style."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.DictWriter(handle, fieldnames=OLD_2016_COLUMNS)
        out.writeheader()
        for n, (kind, actor1, inter1, actor2, inter2, notes) in enumerate(OLD_2016_ROWS, 1):
            out.writerow(
                {
                    "": str(n - 1),
                    "actor1": actor1,
                    "actor2": actor2,
                    "admin1": "Borno",
                    "admin2": "Maiduguri",
                    "admin3": "",
                    "ally_actor_1": "Civilian JTF" if n == 1 else "",
                    "ally_actor_2": "",
                    "country": "Nigeria",
                    "event_date": f"{n + 12}/01/2016",
                    "event_id_cnty": f"NGA{n}",
                    "event_id_no_cnty": str(n),
                    "event_type": kind,
                    "fatalities": "2",
                    "geo_precision": "1",
                    "gwno": "475",
                    "inter1": inter1,
                    "inter2": inter2,
                    "interaction": f"{inter1}{inter2 or 0}",
                    "latitude": "11.8333",
                    "location": "Maiduguri",
                    "longitude": "13.15",
                    "notes": notes,
                    "source": "Vanguard",
                    "time_precision": "1",
                    "year": "2016",
                }
            )
    return path


TODAY_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip


def today_row(n: int, **changes: str) -> dict[str, str]:
    """A row of today's layout: a drone strike in Sumy, id UKR{n}."""
    row = dict.fromkeys(TODAY_COLUMNS, "")
    row.update(
        event_id_cnty=f"UKR{n}",
        event_date="2024-08-05",
        year="2024",
        time_precision="1",
        disorder_type="Political violence",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actor1="Military Forces of Russia (2000-)",
        inter1="State forces",
        actor2="Civilians (Ukraine)",
        inter2="Civilians",
        iso="804",
        region="Europe",
        country="Ukraine",
        admin1="Sumy",
        admin2="Sumskyi",
        admin3="Sumy",
        location="Sumy",
        latitude="50.9077",
        longitude="34.7981",
        geo_precision="1",
        source="Ukrinform",
        notes=f"Row {n}: drones hit Sumy.",
        fatalities="0",
        timestamp="1722900000",
    )
    row.update(changes)
    return row


def write_rows(
    path: Path,
    rows: list[dict[str, str]],
    delimiter: str = ",",
    line_end: str = "\n",
    bom: bool = False,
) -> Path:
    """Rows as CSV; `.gz` and `.zip` names compress it (a zip holds one CSV)."""
    text_path = path.with_suffix(".csv") if path.suffix in (".gz", ".zip") else path
    with text_path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as handle:
        out = csv.DictWriter(
            handle, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator=line_end
        )
        out.writeheader()
        out.writerows(rows)
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text_path.read_bytes()))
    elif path.suffix == ".zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.write(text_path, "export/" + text_path.name)
    return path
