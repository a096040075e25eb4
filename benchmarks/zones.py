"""Benchmark of reading, building and checking zones at scale, against bare vectorised buffering.

    python benchmarks/zones.py                     # 1,000, 10,000 and 100,000 wells
    python benchmarks/zones.py 1000000             # any sizes, in wells

Each size is a synthetic register (benchmarks/synthetic.py): a fifth of the
sources have two wells, every source a 一级 circle and a 二级 ring.  Each size
runs in its own process, which prints, per stage, wall and CPU seconds and the
process's peak resident memory (ru_maxrss) after it:

- ``read``   geo.read_approvals of the CSV tables
- ``build``  geo.build_zones
- ``check``  geo.check_zones
- ``bare``   the floor: the same wells projected to their Gauss–Krüger zone,
  ``shapely.buffer`` of each circle with the radius times the projection's scale
  at the well and as many vertices as build_zones gives it, rings differenced,
  and projected back to longitude/latitude — no table, no rule, no measuring.

``build / bare`` is the ratio of the two in the same run.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

#: Wells per source in the synthetic registers: a fifth of them have two.
WELLS_PER_SOURCE = 1.2


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(stage: str, out: dict, work):
    wall, cpu = time.perf_counter(), time.process_time()
    value = work()
    out[stage] = {
        "wall_s": time.perf_counter() - wall,
        "cpu_s": time.process_time() - cpu,
        "peak_mb": _peak_mb(),
    }
    return value


def bare(approvals) -> int:
    """The floor: every circle of every zone buffered in its GK zone and projected back, vectorised."""
    import numpy as np
    import shapely
    from pyproj import CRS, Proj, Transformer

    from geo.coordinates import gk_epsg, gk_zone
    from geo.zones import circle_vertex_count

    lon, lat, radius, inner = [], [], [], []
    for approval in approvals:
        wells = {(w.source_code, w.key): w for w in approval.wells}
        for spec in approval.zones:
            cut = spec.inner_radii_m or (0,) * len(spec.well_keys)
            for key, r, r_in in zip(spec.well_keys, spec.radii_m, cut, strict=True):
                well = wells[(spec.source_code, key)]
                lon.append(well.lon_deg)
                lat.append(well.lat_deg)
                radius.append(float(r))
                inner.append(float(r_in or 0))
    lon, lat, radius, inner = (np.asarray(a) for a in (lon, lat, radius, inner))
    codes = gk_epsg(37) - 37 + gk_zone(lon)  # EPSG:4534 + zone − 25, vectorised
    made = 0
    for code in np.unique(codes):
        pick = codes == code
        forward = Transformer.from_crs("EPSG:4490", f"EPSG:{code}", always_xy=True)
        back = Transformer.from_crs(f"EPSG:{code}", "EPSG:4490", always_xy=True)
        x, y = forward.transform(lon[pick], lat[pick])
        k = np.asarray(Proj(CRS.from_epsg(int(code))).get_factors(lon[pick], lat[pick]).meridional_scale)
        points = shapely.points(x, y)
        geoms = np.empty(len(x), dtype=object)
        counts = circle_vertex_count(radius[pick])
        for count in np.unique(counts):
            c = counts == count
            geoms[c] = shapely.buffer(points[c], radius[pick][c] * k[c], quad_segs=int(count) // 4)
        ring = inner[pick] > 0
        if ring.any():
            holes = shapely.buffer(points[ring], inner[pick][ring] * k[ring], quad_segs=128)
            geoms[ring] = shapely.difference(geoms[ring], holes)
        geoms = shapely.transform(geoms, lambda xy, t=back: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))
        made += len(geoms)
    return made


def one(wells: int) -> dict:
    """Every stage for a register of about ``wells`` wells, in this process."""
    import synthetic

    import geo

    out: dict = {"wells": wells}
    with tempfile.TemporaryDirectory() as tmp:
        folder = synthetic.write(Path(tmp) / "register", round(wells / WELLS_PER_SOURCE), level2_share=1.0)
        out["start_mb"] = _peak_mb()
        approvals = _timed("read", out, lambda: geo.read_approvals(folder))
        out["wells"] = sum(len(a.wells) for a in approvals)
        out["zones"] = sum(len(a.zones) for a in approvals)
        zones = _timed("build", out, lambda: geo.build_zones(approvals))
        _timed("check", out, lambda: geo.check_zones(zones))
        _timed("bare", out, lambda: bare(approvals))
    return out


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        print(json.dumps(one(int(argv[1]))))
        return
    sizes = [int(a) for a in argv] or [1_000, 10_000, 100_000]
    head = "| wells | zones | read s | build s | check s | read+build+check s | peak MB | bare s | build / bare |"
    print(head)
    print("|---" * (head.count("|") - 1) + "|")
    for size in sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=False
        )
        if done.returncode:
            print(f"| {size:,} | failed (exit {done.returncode}): {done.stderr.strip().splitlines()[-1:]} |")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        total = sum(r[s]["wall_s"] for s in ("read", "build", "check"))
        peak = max(r[s]["peak_mb"] for s in ("read", "build", "check"))
        print(
            f"| {r['wells']:,} | {r['zones']:,} | {r['read']['wall_s']:.1f} | {r['build']['wall_s']:.1f} | "
            f"{r['check']['wall_s']:.1f} | {total:.1f} | {peak:,.0f} | {r['bare']['wall_s']:.1f} | "
            f"{r['build']['wall_s'] / r['bare']['wall_s']:.1f}× |",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
