"""Benchmark of the maps: file size and time until interactive in headless Chromium.

    python benchmarks/maps.py            # data/ and a synthetic set of 1,000 sources

Prints, for each set: the offline index.html size, the build time, and the
median of 5 loads from navigation start to the map being interactive
(window.geoMapReady, set when every layer and control is in place).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic  # noqa: E402

from geo import build_zones, read_approvals, wells_frame  # noqa: E402
from geo.maps import build_maps  # noqa: E402
from geo.validation import checked_zones  # noqa: E402


def build(paths, out: Path) -> float:
    start = time.perf_counter()
    approvals = read_approvals(*paths)
    zones = checked_zones(build_zones(approvals))
    build_maps(approvals, zones, wells_frame(approvals), out, offline=True)
    return time.perf_counter() - start


def load_times(path: Path, runs: int = 5) -> list[float]:
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(path.as_uri(), timeout=120_000)
            page.wait_for_function("window.geoMapReady === true", timeout=120_000)
            times.append(page.evaluate("performance.now()") / 1000)  # ms since navigation start
            page.close()
        browser.close()
    return times


def report(label: str, paths, out: Path) -> None:
    seconds = build(paths, out)
    index = out / "index.html"
    times = load_times(index)
    print(f"{label}: index.html {index.stat().st_size / 1e6:.2f} MB, build {seconds:.1f} s, "
          f"interactive after {statistics.median(times):.2f} s (median of {len(times)}; min {min(times):.2f}, max {max(times):.2f})")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        report("data/ (26 zones)", [ROOT / "data"], tmp / "data")
        for n in [int(a) for a in sys.argv[1:]] or [1000]:
            report(f"synthetic {n} sources", [synthetic.write(tmp / f"syn{n}" / "a", n)], tmp / f"syn{n}-maps")
