"""Benchmark of finding the projects (here a cadastre of parcels) that lie in or touch a zone.

    python benchmarks/conflicts.py                        # 10^6 parcels against the zones of 50,000 sources
    python benchmarks/conflicts.py --sources 5000 100000  # smaller: any number of parcels
    python benchmarks/conflicts.py --chunked 10000000     # 10^7 parcels read from a GeoPackage in batches

The zones are those of a synthetic register spread over a province
(benchmarks/synthetic.py, PROVINCE: Gauss–Krüger zones 37 and 38), a 一级
circle and a 二级 ring per source, so 50,000 sources give 100,000 zones.  The
parcels are squares of 20–200 m a side, uniform over the same box.  Each size
runs in its own process, which loads the zones (built and pickled by another
process, so that building them is not counted) and prints wall and CPU
seconds and its peak resident memory (ru_maxrss) after each stage:

- ``read``       geo.read_projects of the parcels' GeoPackage (in memory at once)
- ``conflicts``  geo.find_conflicts of the zones and the parcels
- ``bare``       the floor: the zones' tree queried with every parcel
  (``intersects``), each pair's zone and parcel projected to the zone's
  Gauss–Krüger frame (by the operation find_conflicts uses,
  geo.circles.forward_gk) and their intersection's area taken — sjoin plus overlap
  areas, no law, no table
- ``chunked``    (with --chunked) geo.projects.iter_projects of the GeoPackage
  in batches of 200,000 and geo.iter_conflicts of each: read and screened in
  bounded memory, the parcels never held at once

``conflicts / bare`` is the ratio of the two in the same run; with --chunked,
``zones held MB`` is the resident memory once the zones are loaded, before
any parcel is read, so that the peak less it is what screening takes.
"""

from __future__ import annotations

import gc
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

BATCH = 200_000


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mb() -> float:
    """The process's resident memory now (VmRSS), not its peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _timed(stage: str, out: dict, work):
    wall, cpu = time.perf_counter(), time.process_time()
    value = work()
    out[stage] = {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu, "peak_mb": _peak_mb()}
    return value


def bare(zones, parcels) -> int:
    """sjoin plus overlap areas: the tree query, each pair projected to its zone's frame, intersection areas."""
    import numpy as np
    import shapely

    from geo.circles import forward_gk

    zone_geoms = np.asarray(zones.geometry.array, dtype=object)
    ok = np.flatnonzero(zones.geometry.notna().to_numpy())
    tree = shapely.STRtree(zone_geoms[ok])
    p, z = tree.query(np.asarray(parcels.geometry.array, dtype=object), predicate="intersects")
    z = ok[z]
    epsg = zones["gk_epsg"].to_numpy()[z]
    area = np.zeros(len(z))
    parcel_geoms = np.asarray(parcels.geometry.array, dtype=object)
    for code in np.unique(epsg):
        pick = epsg == code
        move = forward_gk(int(code)).transform  # the operation find_conflicts projects with
        zs, zi = np.unique(z[pick], return_inverse=True)
        ps, pi = np.unique(p[pick], return_inverse=True)
        a = shapely.transform(zone_geoms[zs], move, interleaved=False)[zi]
        b = shapely.transform(parcel_geoms[ps], move, interleaved=False)[pi]
        area[pick] = shapely.area(shapely.intersection(a, b))
    return len(z)


def _zones(sources: int, path: Path) -> None:
    """The synthetic register's zones, built (in a process of their own) and pickled to ``path``."""
    import pickle

    import synthetic

    import geo

    with tempfile.TemporaryDirectory() as tmp:
        folder = synthetic.write(Path(tmp) / "register", sources, level2_share=1.0, box=synthetic.PROVINCE)
        path.write_bytes(pickle.dumps(geo.build_zones(geo.read_approvals(folder))))


def _write_parcels(path: Path, count: int) -> None:
    """The cadastre as a GeoPackage, written a batch at a time."""
    import pyogrio
    import synthetic

    for start in range(0, count, BATCH):
        batch = synthetic.parcels(min(BATCH, count - start), start=start)
        pyogrio.write_dataframe(batch, path, layer="parcels", append=start > 0)


def one(zones_path: Path, parcels: int, chunked: bool) -> dict:
    """The stages for ``parcels`` parcels, in this process: the zones come pickled, so that their build's memory is not counted."""
    import pickle

    import geo
    from geo.projects import iter_projects

    out: dict = {"parcels": parcels}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "parcels.gpkg"
        _write_parcels(path, parcels)
        with zones_path.open("rb") as handle:
            zones = pickle.load(handle)
        gc.collect()
        out["zones"] = len(zones)
        out["file_mb"] = path.stat().st_size / 1e6
        out["start_mb"] = _rss_mb()  # the zones held, before any parcel is read
        if chunked:
            found = _timed(
                "chunked",
                out,
                lambda: sum(len(c) for c in geo.iter_conflicts(zones, iter_projects(path, batch_size=BATCH))),
            )
            out["conflicts_found"] = found
            return out
        projects = _timed("read", out, lambda: geo.read_projects(path))
        found = _timed("conflicts", out, lambda: geo.find_conflicts(zones, projects))
        out["conflicts_found"] = len(found)
        out["relations"] = found["relation"].value_counts().to_dict()
        del found
        out["pairs"] = _timed("bare", out, lambda: bare(zones, projects))
    return out


def main(argv: list[str]) -> None:
    if argv[:1] == ["--zones"]:
        _zones(int(argv[1]), Path(argv[2]))
        return
    if argv[:1] == ["--one"]:
        print(json.dumps(one(Path(argv[1]), int(argv[2]), argv[3] == "chunked")))
        return
    sources = 50_000
    if "--sources" in argv:
        at = argv.index("--sources")
        sources = int(argv[at + 1])
        del argv[at : at + 2]
    chunked = "--chunked" in argv
    sizes = [int(a) for a in argv if a != "--chunked"] or [1_000_000]
    if chunked:
        head = "| parcels | zones | GeoPackage MB | conflicts | chunked read + screen s | CPU s | peak MB | zones held MB |"
    else:
        head = "| parcels | zones | conflicts | read s | find_conflicts s | peak MB | bare s | find_conflicts / bare |"
    print(head)
    print("|---" * (head.count("|") - 1) + "|")
    folder = tempfile.TemporaryDirectory()
    zones_path = Path(folder.name) / "zones.pickle"
    subprocess.run([sys.executable, __file__, "--zones", str(sources), str(zones_path)], check=True)
    for size in sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(zones_path), str(size), "chunked" if chunked else "whole"],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            print(f"| {size:,} | failed (exit {done.returncode}): {done.stderr.strip().splitlines()[-1:]} |")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        if chunked:
            c = r["chunked"]
            print(
                f"| {size:,} | {r['zones']:,} | {r['file_mb']:,.0f} | {r['conflicts_found']:,} | {c['wall_s']:.1f} | "
                f"{c['cpu_s']:.1f} | {c['peak_mb']:,.0f} | {r['start_mb']:,.0f} |",
                flush=True,
            )
        else:
            print(
                f"| {size:,} | {r['zones']:,} | {r['conflicts_found']:,} | {r['read']['wall_s']:.1f} | "
                f"{r['conflicts']['wall_s']:.1f} | {r['conflicts']['peak_mb']:,.0f} | {r['bare']['wall_s']:.1f} | "
                f"{r['conflicts']['wall_s'] / r['bare']['wall_s']:.1f}× |",
                flush=True,
            )


if __name__ == "__main__":
    main(sys.argv[1:])
