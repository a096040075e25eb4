"""Benchmark of the maps: file size, build time, and the map at work in headless Chromium.

    python benchmarks/maps.py              # data/ and synthetic sets of 1,000 and 10,000 sources
    python benchmarks/maps.py 3000         # data/ and a synthetic set of 3,000

Prints, for each set: the offline index.html size, the build time, the median of
5 loads from navigation start to the map being interactive (window.geoMapReady,
set when every layer and control is in place), the JavaScript heap in use once
interactive (Chromium's JSHeapUsedSize), and the median time of a zoom step and
of a pan by 300 px, each until the next frame is drawn.
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


FRAME = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done())))"


def in_browser(path: Path, runs: int = 5) -> dict:
    from playwright.sync_api import sync_playwright

    out = {"load": [], "heap": [], "zoom": [], "pan": []}
    with sync_playwright() as p:
        args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(path.as_uri(), timeout=120_000)
            page.wait_for_function("window.geoMapReady === true", timeout=120_000)
            out["load"].append(page.evaluate("performance.now()") / 1000)  # ms since navigation start
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            out["heap"].append(metrics["JSHeapUsedSize"] / 1e6)
            for step in ("zoom", "pan"):
                move = (
                    "geoMap.map.setZoom(geoMap.map.getZoom() + 1, {animate: false})"
                    if step == "zoom"
                    else "geoMap.map.panBy([300, 0], {animate: false})"
                )
                seconds = page.evaluate(
                    f"async () => {{ await {FRAME}; var t = performance.now(); {move}; await {FRAME};"
                    " return (performance.now() - t) / 1000; }"
                )
                out[step].append(seconds)
            page.close()
        browser.close()
    return out


def report(label: str, paths, out: Path) -> None:
    seconds = build(paths, out)
    index = out / "index.html"
    m = in_browser(index)
    med = {k: statistics.median(v) for k, v in m.items()}
    print(
        f"{label}: index.html {index.stat().st_size / 1e6:.2f} MB, build {seconds:.1f} s, "
        f"interactive after {med['load']:.2f} s (median of {len(m['load'])}; min {min(m['load']):.2f}, "
        f"max {max(m['load']):.2f}), JS heap {med['heap']:.0f} MB, zoom step {med['zoom'] * 1000:.0f} ms, "
        f"pan {med['pan'] * 1000:.0f} ms",
        flush=True,
    )


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        report("data/ (26 zones)", [ROOT / "data"], tmp / "data")
        for n in [int(a) for a in sys.argv[1:]] or [1000, 10000]:
            report(f"synthetic {n} sources", [synthetic.write(tmp / f"syn{n}" / "a", n)], tmp / f"syn{n}-maps")
