"""pycountry's ISO 3166-2 subdivisions by code, each marked as a city or a region and as first
level or not. Read once: loading them takes pycountry about 0.1 s.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pycountry

__all__ = ["IsoSubdivision", "iso_subdivisions"]


@dataclass(frozen=True, slots=True)
class IsoSubdivision:
    code: str
    name: str
    kind: str  # "city" or "region"
    first_level: bool


@functools.cache
def iso_subdivisions() -> dict[str, IsoSubdivision]:
    city = re.compile(r"\bcity\b", re.IGNORECASE)  # "City", "Autonomous city", "Capital city"
    return {
        s.code: IsoSubdivision(
            s.code, s.name, "city" if city.search(s.type) else "region", not s.parent_code
        )
        for s in pycountry.subdivisions
    }
