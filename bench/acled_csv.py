"""Write a large ACLED-shaped CSV (2023 layout) for measuring the importer's speed."""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
SUB_EVENTS = (
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Violence against civilians", "Attack"),
    ("Strategic developments", "Disrupted weapons use"),
    ("Battles", "Armed clash"),
    ("Protests", "Peaceful protest"),
)
# ACLED's admin1 spellings of Ukraine's oblasts: resolution maps them to ISO 3166-2 codes.
REGIONS = (
    "Kyivska", "Kharkivska", "Sumska", "Dnipropetrovska", "Odeska", "Zaporizka", "Donetska",
    "Khersonska", "Mykolaivska", "Chernihivska", "Poltavska", "Cherkaska", "Zhytomyrska",
    "Vinnytska", "Kirovohradska", "Lvivska", "Volynska", "Rivnenska", "Khmelnytska",
    "Ternopilska", "Ivano-Frankivska", "Zakarpatska", "Chernivetska", "Luhanska",
)  # fmt: skip
# Notes name targets as ACLED's do, a negated one among them, so the rulebook does real work.
NOTES = (
    "Russian forces struck an energy facility, damaging a substation.",
    "Drones damaged private houses and an apartment block.",
    "A missile hit a hospital; no damage to the school nearby was reported.",
    "Shelling damaged railway infrastructure near the station.",
    "Artillery fire hit the outskirts; casualties unknown.",
    "A drone attack hit a warehouse and a shop.",
)


def unit(r: random.Random) -> int:
    return int(r.paretovariate(1.2)) % 80


def write(path: Path, rows: int, seed: int = 1) -> None:
    r = random.Random(seed)
    with path.open("w", newline="") as handle:
        out = csv.DictWriter(handle, fieldnames=COLUMNS)
        out.writeheader()
        for n in range(rows):
            event_type, sub_event = r.choice(SUB_EVENTS)
            region = r.randrange(len(REGIONS))
            out.writerow(
                {
                    "event_id_cnty": f"SYN{n}",
                    "event_date": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
                    "year": "2024",
                    "time_precision": r.choice("1112"),
                    "disorder_type": "Political violence",
                    "event_type": event_type,
                    "sub_event_type": sub_event,
                    "actor1": f"Military Forces of Russia (2000-) Unit {unit(r)}",
                    "assoc_actor_1": "",
                    "inter1": "State forces",
                    "actor2": "Civilians (Ukraine)" if r.random() < 0.5 else "",
                    "inter2": "Civilians",
                    "iso": "804",
                    "region": "Europe",
                    "country": "Ukraine",
                    "admin1": REGIONS[region],
                    "admin2": f"District {region:02d}-{r.randrange(8)}",
                    "location": f"Settlement {region:02d}-{r.randrange(96):02d}",
                    "latitude": f"{46 + region / 5:.4f}",
                    "longitude": f"{24 + region / 2:.4f}",
                    "geo_precision": "1",
                    "source": r.choice(["Agency A", "Agency B; Ministry C", "Local media"]),
                    "source_scale": "National",
                    "notes": f"Synthetic event {n}. On that day, {r.choice(NOTES)}",
                    "fatalities": str(int(r.expovariate(1))),
                    "tags": "",
                    "timestamp": "1700000000",
                }
            )


if __name__ == "__main__":
    write(Path(sys.argv[1]), int(sys.argv[2]))
