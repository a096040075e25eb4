"""Benchmark of reading, building and checking zones at scale, against bare vectorised buffering.

    python benchmarks/zones.py                     # 1,000, 10,000 and 100,000 wells
    python benchmarks/zones.py 1000000             # any sizes, in wells
    python benchmarks/zones.py --threads 1 100000  # blocks built one at a time (default: geo's default)

Each size is a synthetic register (benchmarks/synthetic.py): a fifth of the
sources have two wells, every source a 一级 circle and a 二级 ring.  Each size
runs in two processes of its own, which print, per stage, wall and CPU
seconds and the process's peak resident memory (ru_maxrss) after it.  The
first holds every zone at once (up to 200,000 wells):

- ``read``   geo.read_approvals of the CSV tables
- ``build``  geo.build_zones
- ``check``  geo.check_zones
- ``bare``   the floor: the same wells projected to their Gauss–Krüger zone,
  ``shapely.buffer`` of each circle with the radius times the projection's scale
  at the well and as many vertices as build_zones gives it, rings with an
  inner radius differenced, and projected back to longitude/latitude by the
  operation geo.build_zones uses (geo.circles.inverse_gk) — no
  table, no rule, no measuring, no 一级 hole in the 二级 circle — 20,000
  circles at a time, none kept.

The second streams (any size): ``read``, then ``blocks`` — geo.iter_zones in
blocks of 5,000 zones, each checked by geo.check_zones and dropped — then
``bare``.  ``build / bare`` and ``blocks / bare`` are the ratios to the floor
in the same process.  The floor is single-threaded; ``--threads`` is passed
to geo.build_zones and geo.iter_zones.

A third process per size (second table) runs what ``geo check --json`` runs:
``read``, then ``checked and written`` — geo.registercheck.iter_checked_register,
blocks built and checked in forked worker processes where
geo.registercheck.processes_for allows (printed), the polygons dropped, each
block's JSON written (geo.checkprint.write_check, to /dev/null) as it comes
— then ``bare``.  Its peak is the
largest total proportional set size (PSS: shared pages split between the
processes sharing them) of the process and its workers, sampled every second,
as ru_maxrss counts a forked worker's shared pages in full.
"""

from __future__ import annotations

import json
import os
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
#: Circles buffered at a time by the floor, zones per block of geo.iter_zones, and the most wells built at once.
BARE_CHUNK = 20_000
BLOCK_ZONES = 5_000
WHOLE_MAX_WELLS = 200_000
#: Seconds between samples of the processes' PSS: reading smaps_rollup walks a process's page tables, which at a
#: million wells (3 processes of some 3 GB) costs the benchmark's own process CPU the check then lacks.
PSS_EVERY_S = 1.0
#: Threads for geo.build_zones and geo.iter_zones: None is geo's default.
THREADS: int | None = None


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pss_mb() -> float:
    """The proportional set size of this process and its children, in MB (0 where /proc does not tell)."""
    import os

    pids = [os.getpid()]
    try:
        for task in os.listdir("/proc/self/task"):
            with open(f"/proc/self/task/{task}/children", encoding="ascii") as handle:
                pids += [int(p) for p in handle.read().split()]
    except OSError:
        return 0.0
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                total += next(int(line.split()[1]) for line in handle if line.startswith("Pss:"))
        except (OSError, StopIteration, ValueError):
            continue
    return total / 1024


def _timed_pss(stage: str, out: dict, work):
    """:func:`_timed`, with the largest total PSS of this process and its workers while ``work`` runs."""
    import threading

    peak = [_pss_mb()]
    done = threading.Event()

    def sample():
        while not done.wait(PSS_EVERY_S):
            peak[0] = max(peak[0], _pss_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        value = _timed(stage, out, work)
    finally:
        done.set()
        sampler.join()
    out[stage]["pss_mb"] = max(peak[0], _pss_mb())
    return value


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

    from geo.circles import inverse_gk
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
    chunks = [
        (code, rows[k : k + BARE_CHUNK])
        for code in np.unique(codes)
        for rows in [np.flatnonzero(codes == code)]
        for k in range(0, len(rows), BARE_CHUNK)
    ]
    for code, pick in chunks:
        forward = Transformer.from_crs("EPSG:4490", f"EPSG:{code}", always_xy=True)
        back = inverse_gk(int(code))  # the operation build_zones projects back with
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
        geoms = shapely.transform(geoms, back.transform, interleaved=False)
        made += len(geoms)
    return made


def _streamed(approvals) -> int:
    import geo

    checked = 0
    for block in geo.iter_zones(approvals, block_zones=BLOCK_ZONES, threads=THREADS):
        checked += len(geo.check_zones(block))
    return checked


def one(wells: int, mode: str) -> dict:
    """Every stage of ``mode`` (whole or streamed) for a register of about ``wells`` wells, in this process."""
    import synthetic

    import geo

    out: dict = {"wells": wells}
    with tempfile.TemporaryDirectory() as tmp:
        folder = synthetic.write(Path(tmp) / "register", round(wells / WELLS_PER_SOURCE), level2_share=1.0)
        out["start_mb"] = _peak_mb()
        approvals = _timed("read", out, lambda: geo.read_approvals(folder))
        out["wells"] = sum(len(a.wells) for a in approvals)
        out["zones"] = sum(len(a.zones) for a in approvals)
        if mode == "whole":
            zones = _timed("build", out, lambda: geo.build_zones(approvals, threads=THREADS))
            _timed("check", out, lambda: geo.check_zones(zones))
            del zones
        elif mode == "processes":
            from geo.checkprint import block_text, write_check
            from geo.registercheck import _source_blocks_count, iter_checked_register, processes_for

            out["processes"] = processes_for(_source_blocks_count(approvals, BLOCK_ZONES))
            out["read"]["pss_mb"] = _pss_mb()
            with open(os.devnull, "w", encoding="utf-8") as sink:
                tally = _timed_pss(
                    "check_register",
                    out,
                    lambda: write_check(
                        iter_checked_register(approvals, then=block_text("json", "zh")), "json", "zh", sink
                    ),
                )
            out["checked"] = tally.zones
        else:
            out["checked"] = _timed("blocks", out, lambda: _streamed(approvals))
        _timed("bare", out, lambda: bare(approvals))
    return out


def _run(size: int, mode: str) -> dict | str:
    threads = [] if THREADS is None else ["--threads", str(THREADS)]
    done = subprocess.run(
        [sys.executable, __file__, *threads, "--one", str(size), mode], capture_output=True, text=True, check=False
    )
    if done.returncode:
        return f"failed (exit {done.returncode}): {done.stderr.strip().splitlines()[-1:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> None:
    global THREADS
    if argv[:1] == ["--threads"]:
        THREADS, argv = int(argv[1]), argv[2:]
    if argv[:1] == ["--one"]:
        print(json.dumps(one(int(argv[1]), argv[2])))
        return
    sizes = [int(a) for a in argv] or [1_000, 10_000, 100_000]
    head = (
        "| wells | zones | read s | build s | check s | read+build+check s | peak MB | bare s | build / bare "
        "| streamed: read s | blocks s | read+blocks s | peak MB | bare s | blocks / bare |"
    )
    print(head)
    print("|---" * (head.count("|") - 1) + "|")
    runs = []
    for size in sizes:
        whole = _run(size, "whole") if size <= WHOLE_MAX_WELLS else "not run: too big to hold at once"
        streamed = _run(size, "streamed")
        cells = []
        for r, stages in ((whole, ("build", "check")), (streamed, ("blocks",))):
            if isinstance(r, str):
                cells.append(f"{r} |" + " |" * (len(stages) + 4))
                continue
            total = sum(r[s]["wall_s"] for s in ("read", *stages))
            peak = max(r[s]["peak_mb"] for s in ("read", *stages))
            work = sum(r[s]["wall_s"] for s in stages[:1])
            cells.append(
                f"{r['read']['wall_s']:.1f} | "
                + "".join(f"{r[s]['wall_s']:.1f} | " for s in stages)
                + f"{total:.1f} | {peak:,.0f} | {r['bare']['wall_s']:.1f} | {work / r['bare']['wall_s']:.1f}× |"
            )
        r = streamed if not isinstance(streamed, str) else whole
        wells, zones = (f"{r['wells']:,}", f"{r['zones']:,}") if not isinstance(r, str) else (f"{size:,}", "?")
        print(f"| {wells} | {zones} | " + " ".join(cells), flush=True)
        runs.append((wells, zones, _run(size, "processes")))
    head = (
        "| wells | zones | read s | checked and written s | read+check s | processes | peak PSS MB (all processes) "
        "| bare s | checked and written / bare |"
    )
    print()
    print(head)
    print("|---" * (head.count("|") - 1) + "|")
    for wells, zones, r in runs:
        if isinstance(r, str):
            print(f"| {wells} | {zones} | {r} |" + " |" * 6)
            continue
        work = r["check_register"]["wall_s"]
        peak = max(r["read"]["pss_mb"], r["check_register"]["pss_mb"])
        print(
            f"| {wells} | {zones} | {r['read']['wall_s']:.1f} | {work:.1f} | {r['read']['wall_s'] + work:.1f} | "
            f"{r['processes']} | {peak:,.0f} | {r['bare']['wall_s']:.1f} | {work / r['bare']['wall_s']:.1f}× |",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
