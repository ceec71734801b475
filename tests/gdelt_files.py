"""GDELT event lines as GDELT writes them (tab-separated, no header), for tests that need
particular events: 2.0 exports (61 columns), 1.0 daily (58) and back-files (57). Column names
and order are graph/ingest/gdelt/records.py's LAYOUTS, from GDELT's codebooks."""

from __future__ import annotations

import zipfile
from pathlib import Path

from graph.ingest.gdelt.layouts import LAYOUTS

# Places as GDELT geocodes them: type, full name, FIPS country, ADM1 code, latitude, longitude.
KHARKIV = ("4", "Kharkiv, Kharkivs'ka Oblast', Ukraine", "UP", "UP07", "49.9808", "36.2527")
KYIV = ("4", "Kyiv, Kyyiv, Misto, Ukraine", "UP", "UP12", "50.4333", "30.5167")
UKRAINE = ("1", "Ukraine", "UP", "UP", "49", "32")
RUSSIA = ("1", "Russia", "RS", "RS", "60", "100")


def line(
    id: int,
    code: str,
    actor1: str = "",
    actor2: str = "",
    day: str = "20250320",
    added: str = "20250320120000",
    where: tuple[str, str, str, str, str, str] = UKRAINE,
    mentions: int = 10,
    sources: int = 3,
    url: str | None = None,
    width: int = 61,
    names: tuple[str, str] | None = None,
) -> str:
    """One event line: actors as CAMEO codes (RUSMIL: country RUS, role MIL)."""
    columns = LAYOUTS[width][1]
    row = dict.fromkeys(columns, "")
    row.update(
        GLOBALEVENTID=str(id), SQLDATE=day, MonthYear=day[:6], Year=day[:4],
        FractionDate=f"{day[:4]}.2000", IsRootEvent="1", EventCode=code,
        EventBaseCode=code[:3], EventRootCode=code[:2], QuadClass=quad(code),
        GoldsteinScale="-10.0" if code.startswith(("18", "19", "20")) else "1.0",
        NumMentions=str(mentions), NumSources=str(sources), NumArticles=str(mentions),
        AvgTone="-5.5", DATEADDED=added if width == 61 else added[:8],
    )  # fmt: skip
    for n, code_ in ((1, actor1), (2, actor2)):
        if code_:
            row[f"Actor{n}Code"] = code_
            row[f"Actor{n}CountryCode"] = code_[:3]
            row[f"Actor{n}Type1Code"] = code_[3:6]
            row[f"Actor{n}Name"] = (names or ("", ""))[n - 1] or code_[:3]
    kind, full, country, adm1, lat, long = where
    row.update(
        ActionGeo_Type=kind, ActionGeo_FullName=full, ActionGeo_CountryCode=country,
        ActionGeo_ADM1Code=adm1, ActionGeo_Lat=lat, ActionGeo_Long=long,
        ActionGeo_FeatureID="-1044367",
    )  # fmt: skip
    if "SOURCEURL" in row:
        row["SOURCEURL"] = url or f"https://news.example.org/{id}"
    return "\t".join(row[name] for name in columns)


def quad(code: str) -> str:
    root = int(code[:2])
    return "1" if root <= 5 else "2" if root <= 8 else "3" if root <= 14 else "4"


def write_lines(path: Path, lines: list[str]) -> Path:
    """As GDELT publishes them: a .CSV, or a .zip holding one."""
    text = "\n".join(lines) + "\n"
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(path.stem + ".CSV", text)
    else:
        path.write_text(text, encoding="utf-8")
    return path
