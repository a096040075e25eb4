"""Synthetic approval folders for benchmarks: N sources around Lüliang, as officers' tables look.

Each source has one or two wells, a 一级 circle (30–80 m) and, for most, a 二级 ring
(150–500 m) that removes the 一级 circle, with stated figures by the drafters'
arithmetic (π = 3.14).  Deterministic for a given seed.

    python benchmarks/synthetic.py 1000 /tmp/synthetic-1000
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

WELLS = [
    "批复文号",
    "县区",
    "水源名称",
    "水源编码",
    "水源井编号",
    "位置",
    "井深（m）",
    "含水层类型",
    "经度",
    "纬度",
    "设计供水量（万m3/年）",
]
ZONES = ["批复文号", "水源编码", "保护区级别", "保护区面积（km2）", "保护区周长（m）", "划定方案"]


def dms(value: float) -> str:
    total = round(value * 360000)
    d, rest = divmod(total, 360000)
    m, s = divmod(rest, 6000)
    return f"{d}°{m:02d}′{s / 100:05.2f}″"


#: Where the sources lie by default: around Lüliang (one Gauss–Krüger zone, 37); PROVINCE spans Shanxi (37 and 38).
LULIANG = (110.6, 36.8, 112.2, 38.8)
PROVINCE = (110.2, 34.6, 114.6, 40.7)


def write(folder: str | Path, sources: int, seed: int = 7, level2_share: float = 0.8, box: tuple = LULIANG) -> Path:
    rng = random.Random(seed)
    west, south, east, north = box
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    doc = "合成〔2026〕1号"
    wells, zones = [], []
    for i in range(sources):
        code = f"SYN{i:06d}"
        lon, lat = rng.uniform(west, east), rng.uniform(south, north)
        count = 2 if rng.random() < 0.2 else 1
        r1 = rng.choice([30, 45, 50, 60, 80])
        for k in range(count):
            no = f"{k + 1}#" if count > 1 else ""
            wells.append(
                [
                    doc,
                    "合成县",
                    f"合成{i}村集中供水工程",
                    code,
                    no,
                    f"合成{i}村",
                    "120",
                    "松散岩类孔隙水",
                    dms(lon + k * 0.004),
                    dms(lat),
                    "2.5" if k == 0 else "",
                ]
            )
        area1 = sum(round(3.14 * r1 * r1 / 1e6, 4) for _ in range(count))
        wells_text = "以取水井为中心，" if count == 1 else "分别以1#、2#取水井为中心，以"
        zones.append(
            [doc, code, "一级", f"{area1:.4f}", f"{2 * 3.14 * r1 * count:.1f}", f"{wells_text}{r1}m为半径的圆形区域"]
        )
        if rng.random() < level2_share:
            r2 = rng.randrange(150, 500)
            area2 = 3.14 * (r2 * r2 - r1 * r1) * count / 1e6
            zones.append(
                [
                    doc,
                    code,
                    "二级",
                    f"{area2:.4f}",
                    f"{2 * 3.14 * r2 * count:.1f}",
                    f"{wells_text}{r2}m为半径的圆形区域扣除一级保护区范围所形成的环形区域",
                ]
            )
    for name, header, rows in (("wells.csv", WELLS, wells), ("zones.csv", ZONES, zones)):
        with open(folder / name, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
    return folder


if __name__ == "__main__":
    print(write(sys.argv[2], int(sys.argv[1])))


def parcels(count: int, seed: int = 11, box: tuple = PROVINCE, start: int = 0):
    """``count`` square parcels of 20–200 m a side, uniform over ``box``: a cadastre as a GeoDataFrame (EPSG:4490).

    Numbered from ``start`` (``name`` 宗地<n>), so that batches of a big cadastre can be made one at a time.
    """
    import geopandas as gpd
    import numpy as np
    import shapely

    rng = np.random.default_rng(seed + start)
    west, south, east, north = box
    lon = rng.uniform(west, east, count)
    lat = rng.uniform(south, north, count)
    half = rng.uniform(10.0, 100.0, count)
    dlat = half / 110_540.0
    dlon = half / (111_320.0 * np.cos(np.radians(lat)))
    geometry = shapely.box(lon - dlon, lat - dlat, lon + dlon, lat + dlat, ccw=True)
    names = np.char.add("宗地", np.arange(start, start + count).astype(str))
    return gpd.GeoDataFrame(
        {"name": names.astype(object), "doc_no": "合成〔2026〕2号"},
        geometry=geometry,
        crs="EPSG:4490",
        index=np.arange(start, start + count),
    )
