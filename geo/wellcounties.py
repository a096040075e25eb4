"""Wells against their county: a well far outside the county (区县) its row names was probably mistyped.

A slip in a printed coordinate — a minute for a degree, two digits swapped —
moves a well kilometres, and a source of one well has no sibling to betray
it (:mod:`geo.sources` compares wells of one source).  Its row's 县区 does: a
well farther than :data:`MARGIN_M` outside every county of that name (the
county lines of :mod:`geo.geography` are generalised to about 2 km) is warned,
with where it lies instead, and, for a position typed as bare numbers, where
it would lie read as 度.分秒 (``111.421158`` for 111°42′11.58″: see
:mod:`geo.packed`) if that is inside the county.  A county name the county layer does not hold
(a city, a renamed county, a made-up one) is not checked.
"""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np
import shapely

from geo.errors import warn_rows

__all__ = ["MARGIN_M", "check_counties"]

#: How far outside its county a well may lie before it is reported (the county lines are generalised to ~2 km).
MARGIN_M = 3_000.0
#: Metres in a degree of latitude, near enough to tell kilometres from the margin.
_M_PER_DEG = 111_000.0


def _packed_inside(well, counties) -> str | None:
    """The well's bare numbers as 度.分秒 (``111°42′11.58″, 38°23′30.36″``) where that puts it in ``counties``."""
    from geo.coordinates import parse_dms
    from geo.packed import unpack

    lon, lat = unpack(well.lon_text), unpack(well.lat_text)
    if lon is None or lat is None:
        return None
    x, y = parse_dms(lon), parse_dms(lat)
    if not any(shapely.contains_xy(county, x, y) for county in counties):
        return None
    return f"{lon}, {lat}"


def check_counties(wells, label: str) -> None:
    """Warn, once for ``label``'s table, of the wells that lie far outside the county their row names."""
    named = [w for w in wells if w.county]
    if not named:
        return
    from geo.geography import _districts, county_of

    geoms, names, _, _ = _districts()
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, name in enumerate(names):
        by_name[name].append(i)
    groups: dict[str, list] = defaultdict(list)
    for w in named:
        if w.county in by_name:
            groups[w.county].append(w)
    far: list = []
    for county, group in groups.items():
        lon = np.array([w.lon_deg for w in group])
        lat = np.array([w.lat_deg for w in group])
        inside = np.zeros(len(group), dtype=bool)
        for i in by_name[county]:
            inside |= shapely.contains_xy(geoms[i], lon, lat)
        for k in np.flatnonzero(~inside):
            point = shapely.Point(lon[k], lat[k])
            degrees = min(shapely.distance(geoms[i], point) for i in by_name[county])
            metres = degrees * _M_PER_DEG * math.cos(math.radians(lat[k]))  # never more than the true distance
            if metres > MARGIN_M:
                far.append((group[k], metres))
    if not far:
        return
    far.sort(key=lambda item: item[0].row)
    where = county_of([w.lon_deg for w, _ in far], [w.lat_deg for w, _ in far])
    said_zh, said_en = [], []
    for (w, metres), there in zip(far[:5], where, strict=False):
        well = f"{w.source_name}{w.well_no}".strip()
        place = f"{w.lon_text}, {w.lat_text}"
        said_zh.append(f"{well}（{place}）在{there or '境外'}，距{w.county}边界约{metres / 1000:.0f} km")
        said_en.append(f"{well} ({place}) lies in {there or 'no county'}, {metres / 1000:.0f} km from {w.county}")
        if (packed := _packed_inside(w, [geoms[i] for i in by_name[w.county]])) is not None:
            said_zh[-1] += f"；若按度.分秒读作{packed}，则在{w.county}境内"
            said_en[-1] += f"; read as degrees.minutes-seconds, {packed}, it lies in {w.county}"
    more = f"等 {len(far)} 眼" if len(far) > 5 else ""
    warn_rows(
        label,
        [w.row for w, _ in far],
        f"the well lies far outside the county its row names: {'; '.join(said_en)} — is a coordinate mistyped?",
        f"井位远在所填县区之外：{'；'.join(said_zh)}{more}——坐标是否有误？",
    )
