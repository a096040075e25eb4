"""Sources: the checks that need every well of a source at once.

A source (keyed by 批复文号 and 水源编码) prints its name, well count and
design supply once for all its wells; its wells lie close together.  A well
whose nearest sibling is farther than :data:`MAX_WELL_SPREAD_M` was
probably mistyped.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from geo.errors import Problem
from geo.records import warn
from geo.wellrows import Unlocated

__all__ = ["MAX_WELL_SPREAD_M", "check_sources"]

#: Wells of one source farther apart than this are reported as misplaced.
MAX_WELL_SPREAD_M = 10_000.0


def check_sources(wells, sheet, broken: set, problems: list[Problem], unlocated=()) -> None:
    """Check the wells of each source together; sources in ``broken`` (rows already reported) are skipped.

    ``unlocated`` wells (rows without a position) count among a source's wells listed.
    """
    from pyproj import Geod

    if sheet is None:
        return
    col = sheet.column
    file = sheet.file
    by_source = defaultdict(list)
    for well in wells:
        by_source[(well.doc_no, well.source_code)].append(well)
    without = defaultdict(int)
    for well in unlocated:
        without[(well.doc_no, well.source_code)] += 1
    geod = Geod(ellps="GRS80")
    pair_m = _pair_distances(by_source, geod)
    for (_, code), group in by_source.items():
        first = group[0]
        for well in group[1:]:
            if well.source_name != first.source_name:
                problems.append(
                    Problem(
                        file,
                        well.row,
                        col("source_name"),
                        well.source_name,
                        f"the same 水源名称 for every well of source {code}, {first.source_name!r} (row {first.row})",
                    )
                )
        if (first.doc_no, code) in broken:
            continue
        counts = {w.well_count for w in group if w.well_count is not None}
        listed = len(group) + without.get((first.doc_no, code), 0)
        if len(counts) == 1 and (count := int(next(iter(counts)))) > listed and isinstance(unlocated, list):
            # "井数 2" with one well listed: the others are wells without a position (geo.wellrows.Unlocated).
            shown = col("well_count")
            note = (
                f"{shown}为{count}，井表只列出{listed}眼井",
                f"{shown} gives {count} wells, the wells table lists {listed}",
            )
            unlocated.extend(
                Unlocated(first.doc_no, code, first.source_name, "", "", file, first.row, note)
                for _ in range(count - listed)
            )
            warn(
                file,
                first.row,
                f"{note[0]}，未列出的井没有坐标，以所有井为中心的保护区无法由本表推出",
                f"{note[1]}: the others have no position, and zones around every well cannot be derived",
            )
        elif counts and counts != {listed}:
            problems.append(
                Problem(
                    file,
                    first.row,
                    col("well_count"),
                    f"{sorted(counts)[0]:g}",
                    f"the number of wells listed for source {code}, {listed}",
                )
            )
        supplies = {w.design_supply for w in group if w.design_supply}
        if len(supplies) > 1:
            problems.append(
                Problem(
                    file,
                    group[1].row,
                    col("design_supply"),
                    group[1].design_supply,
                    f"one 设计供水量 per source (it is a figure of the source, printed once), as row {first.row} gives",
                )
            )
        if len(group) > 1 and any(not w.key for w in group):
            unnumbered = next(w for w in group if not w.key)
            problems.append(
                Problem(
                    file,
                    unnumbered.row,
                    col("well_no"),
                    unnumbered.well_no,
                    f"a 水源井编号 for each of the {len(group)} wells of source {code}",
                )
            )
        if len(group) == 2:
            _report_spread(group, 1, 0, pair_m[(first.doc_no, code)], code, file, col, problems)
        elif len(group) > 2:
            _check_spread(group, code, file, col, geod, problems)


def _pair_distances(by_source: dict, geod) -> dict[tuple[str, str], float]:
    """The geodesic distance between the two wells of each two-well source (most multi-well sources), all at once."""
    keys = [key for key, group in by_source.items() if len(group) == 2]
    if not keys:
        return {}
    a = [by_source[key][0] for key in keys]
    b = [by_source[key][1] for key in keys]
    dist = geod.inv([w.lon_deg for w in b], [w.lat_deg for w in b], [w.lon_deg for w in a], [w.lat_deg for w in a])[2]
    return dict(zip(keys, np.asarray(dist).tolist(), strict=True))


def _check_spread(group, code: str, file: str, col, geod, problems: list[Problem]) -> None:
    """A well whose nearest sibling is more than MAX_WELL_SPREAD_M away is probably mistyped.

    Nearest siblings come from a spatial index over local metres (O(n log n),
    so a source of 20,000 wells is no n × n matrix); the distance reported is
    the geodesic one.
    """
    import shapely

    n = len(group)
    lon = np.array([w.lon_deg for w in group])
    lat = np.array([w.lat_deg for w in group])
    # Local metres around the source: good to well under 1 % over tens of kilometres.
    x = (lon - lon.mean()) * 111_320.0 * np.cos(np.radians(lat.mean()))
    y = (lat - lat.mean()) * 110_574.0
    points = shapely.points(x, y)
    tree = shapely.STRtree(points)
    (mine, nearest), _ = tree.query_nearest(points, exclusive=True, return_distance=True, all_matches=False)
    partner = np.full(n, -1)
    partner[mine] = nearest
    dist = np.full(n, np.inf)
    ok = partner >= 0
    dist[ok] = geod.inv(lon[ok], lat[ok], lon[partner[ok]], lat[partner[ok]])[2]
    for i in range(n):
        _report_spread(group, i, int(partner[i]), float(dist[i]), code, file, col, problems)


def _report_spread(group, i: int, j: int, dist_m: float, code: str, file: str, col, problems: list[Problem]) -> None:
    """Well ``i`` of ``group`` is a problem if its nearest sibling, well ``j``, lies more than MAX_WELL_SPREAD_M away."""
    if dist_m <= MAX_WELL_SPREAD_M:
        return
    well = group[i]
    problems.append(
        Problem(
            file,
            well.row,
            f"{col('lon')}/{col('lat')}",
            f"{well.lon_text} {well.lat_text}",
            f"a well within {MAX_WELL_SPREAD_M / 1000:g} km of another well of source {code}; the nearest, row {group[j].row}, lies {dist_m / 1000:.1f} km away (typing error?)",
        )
    )
