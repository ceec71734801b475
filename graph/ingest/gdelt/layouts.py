"""GDELT's event file layouts, as the GDELT 2.0 Event codebook and the GDELT 1.0 (2013)
codebook name their columns: 61 tab-separated columns (2.0), 58 (1.0 daily files) and 57
(1.0 back-files, no SOURCEURL). Files have no header: a line's number of columns tells its
layout (records.py)."""

from __future__ import annotations


def _actor(n: int) -> list[str]:
    return [
        f"Actor{n}{name}"
        for name in (
            "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
            "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
        )
    ]  # fmt: skip


def _geo(prefix: str, adm2: bool) -> list[str]:
    names = ["Type", "FullName", "CountryCode", "ADM1Code"] + (["ADM2Code"] if adm2 else [])
    return [prefix + "_" + name for name in [*names, "Lat", "Long", "FeatureID"]]


COMMON = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", *_actor(1), *_actor(2),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
]  # fmt: skip


def _layout(adm2: bool, url: bool) -> list[str]:
    geo = [name for block in ("Actor1Geo", "Actor2Geo", "ActionGeo") for name in _geo(block, adm2)]
    return COMMON + geo + ["DATEADDED"] + (["SOURCEURL"] if url else [])


LAYOUTS: dict[int, tuple[str, list[str]]] = {
    61: ("GDELT 2.0", _layout(adm2=True, url=True)),
    58: ("GDELT 1.0", _layout(adm2=False, url=True)),
    57: ("GDELT 1.0 back-file", _layout(adm2=False, url=False)),
}
assert all(len(columns) == width for width, (_, columns) in LAYOUTS.items())
# Where each column is, by layout: dicts per row cost more than the lookups.
POSITIONS = {
    width: {name: index for index, name in enumerate(columns)}
    for width, (_, columns) in LAYOUTS.items()
}
