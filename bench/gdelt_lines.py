"""Write a large GDELT 2.0 event file for measuring the importer's speed: the real 2.0 lines in
tests/data/gdelt/ (The GDELT Project; cited there), repeated with new GLOBALEVENTIDs, so the
mix of CAMEO codes, actors and places is GDELT's own."""

from __future__ import annotations

import sys
from pathlib import Path

SLICES = Path(__file__).resolve().parents[1] / "tests" / "data" / "gdelt"
FIRST_ID = 9_000_000_000  # far above GDELT's own ids


def write(path: Path, rows: int) -> Path:
    lines = []
    for name in ("spark-gdelt_events.csv", "spark-gdelt_eventsT.csv"):
        lines += [line.rstrip("\n").split("\t") for line in (SLICES / name).open(encoding="utf-8")]
    with path.open("w", encoding="utf-8", newline="") as out:
        for n in range(rows):
            cells = list(lines[n % len(lines)])
            cells[0] = str(FIRST_ID + n)
            out.write("\t".join(cells) + "\n")
    return path


if __name__ == "__main__":
    write(Path(sys.argv[1]), int(sys.argv[2]))
