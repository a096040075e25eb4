"""Tests of geo/maps.py: the built map files, opened in Debian's Chromium as an officer opens them.

Screenshots of every built map are saved under test-output/ for a person to look at.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, ROOT

from geo import GeoError, build_zones, read_approvals, wells_frame
from geo.maps import build_maps
from geo.tiles import base_layers
from geo.validation import checked_zones

SHOTS = ROOT / "test-output" / "screenshots"
TILE_HOSTS = ("tile.openstreetmap.org", "server.arcgisonline.com")
DERIVABLE_ZONES = 24  # 22 + 4 zone rows, less 瓦窑 二级 and 西合 准保护区 (terrain)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    approvals = read_approvals(DATA)
    zones = checked_zones(build_zones(approvals))
    wells = wells_frame(approvals)
    out = {}
    for name, options in {
        "online": {},
        "offline": {"offline": True},
        "english": {"offline": True, "lang": "en"},
    }.items():
        folder = tmp_path_factory.mktemp(name)
        build_maps(approvals, zones, wells, folder, **options)
        out[name] = folder
    return out


class Page:
    """A map opened in the browser, with the requests and errors it caused."""

    def __init__(self, browser, path: Path, shot: str | None = None):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def route(r):
            self.requests.append(r.request.url)
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                r.abort()  # no network here; record and refuse

        self.page.route("**/*", route)
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.geoMapReady === true", timeout=10_000)
        if shot:
            SHOTS.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(SHOTS / shot))

    def count(self, selector: str) -> int:
        return self.page.locator(selector).count()

    def zoom(self) -> int:
        return self.page.evaluate("map_zones.getZoom()")

    def go_to(self, code: str) -> None:
        self.page.click(f"li.geo-source[data-code='{code}']")
        self.page.wait_for_timeout(300)

    def close_popup(self) -> None:
        """Close the open popup and wait until it has left the page (it fades out)."""
        self.page.click(".leaflet-popup-close-button")
        self.page.wait_for_selector(".leaflet-popup", state="detached")

    def popup_text(self) -> str:
        self.page.wait_for_selector(".leaflet-popup-content")
        assert self.page.locator(".leaflet-popup").count() == 1
        return self.page.inner_text(".leaflet-popup-content")

    def close(self) -> None:
        self.page.close()


MAP_FILES = ["index.html", "lvzhenghan-2023-92.html", "lvzhenghan-2023-93.html"]


@pytest.mark.parametrize("variant", ["online", "offline", "english"])
@pytest.mark.parametrize("name", MAP_FILES)
def test_every_map_opens_without_errors(built, browser, variant, name):
    page = Page(browser, built[variant] / name, shot=f"{variant}-{name.replace('.html', '')}.png")
    assert page.errors == []
    outside = [u for u in page.requests if not u.startswith("file://")]
    if variant == "online":
        assert outside and all(any(host in u for host in TILE_HOSTS) for u in outside), outside
    else:
        assert outside == []  # offline: not one request leaves the file system
    page.close()


def test_every_derivable_zone_is_drawn_and_undrawn_ones_are_marked(built, browser):
    page = Page(browser, built["offline"] / "index.html")
    assert page.count("path.geo-zone") == DERIVABLE_ZONES
    assert page.count("path.geo-well") == 18
    assert page.count(".leaflet-marker-icon.geo-undrawn-icon") == 2
    page.close()


def test_rings_keep_their_hole_and_nearly_touching_circles_stay_apart(built, browser):
    page = Page(browser, built["offline"] / "index.html")

    def subpaths(selector):
        return len(re.findall(r"M", page.page.get_attribute(selector, "d")))

    # 北关村 二级: one ring = outer circle + hole.
    assert subpaths("path.geo-level-2.geo-zone-DC0200141127101G0001") == 2
    # 普家庄 二级: two rings 0.34 m apart = two outer circles + two holes.
    assert subpaths("path.geo-level-2.geo-zone-DC0200141127102G0002") == 4
    page.close()


def test_clicking_a_zone_opens_a_popup_with_its_figures(built, browser):
    page = Page(browser, built["offline"] / "index.html")
    page.go_to("DC0200141127101G0001")
    page.close_popup()
    zone = page.page.locator("path.geo-level-1.geo-zone-DC0200141127101G0001")
    box = zone.bounding_box()
    zone.click(position={"x": box["width"] / 2, "y": box["height"] * 0.2})  # inside, clear of the well
    popup = page.popup_text()
    for text in (
        "北关村集中供水工程 · 一级",
        "0.0028 km²",
        "188.4 m",
        "以取水井为中心，30m 为半径的圆形区域",
        "一致",
        "吕政函〔2023〕92号 · 2023-12-12",
        "3.14×30²=2826.00 m²",
    ):
        assert text in popup, text
    page.close()


def test_clicking_a_well_shows_its_attributes(built, browser):
    page = Page(browser, built["offline"] / "index.html")
    page.go_to("DC0200141127102G0002")
    page.close_popup()
    page.page.click("path.geo-well-DC0200141127102G0002-1_")
    popup = page.popup_text()
    for text in (
        "普家庄村集中供水工程 · 1#",
        "普明镇普家庄村北",
        "120 m",
        "111°32′04.38″ , 38°14′59.12″",
        "4.976 万m³/年",
        "全水源合计",
    ):
        assert text in popup, text
    page.close()


def test_source_list_zooms_to_the_source(built, browser):
    page = Page(browser, built["offline"] / "index.html")
    before = page.zoom()
    page.go_to("DB1801141129101G0003")  # 西合村: 500 m 二级
    assert page.zoom() > before + 3
    centre = page.page.evaluate("map_zones.getCenter()")
    assert (
        abs(centre["lat"] - (37 + 27 / 60 + 22.27 / 3600)) < 0.01
        and abs(centre["lng"] - (111 + 6 / 60 + 35.44 / 3600)) < 0.01
    )
    assert "西合村集中供水水源" in page.popup_text()
    page.close()


def test_search_filters_the_source_list(built, browser):
    page = Page(browser, built["offline"] / "index.html")
    page.page.fill("input.geo-search", "西合")
    assert page.page.locator("li.geo-source:visible").all_inner_texts()[0].startswith("西合村集中供水水源")
    assert page.page.locator("li.geo-source:visible").count() == 1
    page.page.fill("input.geo-search", "102G0003")
    assert page.page.locator("li.geo-source:visible").count() == 1
    page.page.fill("input.geo-search", "不存在")
    assert page.page.locator("li.geo-source:visible").count() == 0
    assert page.page.is_visible("text=没有匹配的水源")
    page.close()


def test_switching_layers_hides_and_shows_them(built, browser):
    page = Page(browser, built["offline"] / "index.html")
    control = page.page.locator(".leaflet-control-layers-overlays label")
    control.filter(has_text="二级").locator("input").uncheck()
    assert page.count("path.geo-level-2") == 0 and page.count("path.geo-level-1") == 15
    control.filter(has_text="二级").locator("input").check()
    assert page.count("path.geo-level-2") == 9  # 8 in 92号 (瓦窑's is terrain-bound), 西合 in 93号
    control.filter(has_text="吕政函〔2023〕92号").locator("input").uncheck()
    assert page.count("path.geo-zone") == 3  # 93号: 水峪 一级, 西合 一级 and 二级
    control.filter(has_text="水源井").locator("input").uncheck()
    assert page.count("path.geo-well") == 0
    page.close()


def test_measure_reports_distance_and_area(built, browser):
    page = Page(browser, built["offline"] / "index.html")
    page.page.click(".geo-measure-button")
    for x, y in ((600, 400), (800, 400), (800, 600)):
        page.page.mouse.click(x, y)
    text = page.page.inner_text(".geo-measure-readout")
    assert re.search(r"距离 [\d,.]+ m · 面积 [\d,.]+ m²", text), text
    page.close()


def test_mouse_position_in_decimal_degrees_dms_and_gauss_kruger(built, browser):
    from pyproj import Transformer

    page = Page(browser, built["offline"] / "index.html")
    page.page.mouse.move(700, 450)
    text = page.page.inner_text(".geo-mouse")
    found = re.fullmatch(
        r"(1\d\d\.\d{6}), (\d\d\.\d{6}) \| 1\d\d°\d\d′\d\d\.\d\d″E \d\d°\d\d′\d\d\.\d\d″N"
        r" \| 3度带37 X=(\d+\.\d\d) Y=(37\d{6}\.\d\d)",
        text,
    )
    assert found, text
    lon, lat, x, y = map(float, found.groups())
    # CGCS2000 3° Gauss–Krüger zone 37 with the zone number before Y (EPSG:4525).
    east, north = Transformer.from_crs(4490, 4525, always_xy=True).transform(lon, lat)
    assert abs(north - x) < 0.2 and abs(east - y) < 0.2  # degrees are printed to 1e-6° (≤ 0.1 m)
    page.close()


def test_scale_fullscreen_minimap_and_legend_are_there(built, browser):
    page = Page(browser, built["english"] / "index.html")
    assert page.count(".leaflet-control-scale") == 1
    assert page.count(".geo-fullscreen") == 1
    assert page.count(".geo-minimap.leaflet-container") == 1
    assert "Legend" in page.page.inner_text(".geo-legend") and "Level 1 (一级)" in page.page.inner_text(".geo-legend")
    page.close()


def test_base_layers_offered():
    assert [b["name"] for b in base_layers(False, None, "zh")] == ["OpenStreetMap 街道图", "卫星影像（Esri）"]
    assert base_layers(True, None, "zh") == []


def test_tianditu_needs_its_key(monkeypatch):
    monkeypatch.setenv("TIANDITU_KEY", "abc123")
    layers = base_layers(False, None, "zh")
    assert [b["name"] for b in layers][-2:] == ["天地图 矢量", "天地图 影像"]
    vec, img = layers[-2:]
    assert "LAYER=vec&" in vec["url"] and vec["url"].endswith("&tk=abc123")
    assert "LAYER=cva&" in vec["labels"]["url"] and "LAYER=cia&" in img["labels"]["url"]
    assert all("TILEMATRIXSET=w&" in u for u in (vec["url"], img["url"], vec["labels"]["url"]))


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "http://tiles.local/{z}/{x}.png",
            "--tiles: expected a tile URL template with {z}, {x} and {y} (such as http://tiles.local/{z}/{x}/{y}.png or tiles/{z}/{x}/{y}.png), or a WMTS one with {TileMatrix}, {TileRow} and {TileCol}, got 'http://tiles.local/{z}/{x}.png'",
        ),
        (
            "https://webrd01.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}",
            "--tiles: expected tiles in WGS84/CGCS2000; 'https://webrd01.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}' serves GCJ-02 (Gaode/AMap, Tencent, Sogou), on which the zones would be drawn about 550 m out of place",
        ),
        (
            "http://t0.tianditu.gov.cn/vec_c/wmts?SERVICE=WMTS&TILEMATRIXSET=c&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}",
            "--tiles: expected the Web-Mercator tile matrix set (w, EPSG:3857, GoogleMapsCompatible); 'http://t0.tianditu.gov.cn/vec_c/wmts?SERVICE=WMTS&TILEMATRIXSET=c&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}' asks for the longitude/latitude set (c), whose tiles Leaflet would draw out of place",
        ),
    ],
)
def test_tile_urls_are_checked(url, message):
    with pytest.raises(GeoError) as info:
        base_layers(True, url, "zh")
    assert str(info.value) == message


def test_intranet_tiles_are_the_only_requests_offline(tmp_path, browser):
    approvals = read_approvals(DATA / "lvzhenghan-2023-93")
    zones = checked_zones(build_zones(approvals))
    build_maps(
        approvals,
        zones,
        wells_frame(approvals),
        tmp_path,
        offline=True,
        tiles="http://tiles.intranet.local/{z}/{x}/{y}.png",
    )
    page = Page(browser, tmp_path / "index.html")
    outside = [u for u in page.requests if not u.startswith("file://")]
    assert outside and all(u.startswith("http://tiles.intranet.local/") for u in outside)
    page.close()


def test_build_command_writes_index_maps_and_geojson(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "geo", "build", str(DATA), "-o", str(tmp_path / "out"), "--offline"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [
        "index.html",
        "lvzhenghan-2023-92.geojson",
        "lvzhenghan-2023-92.html",
        "lvzhenghan-2023-93.geojson",
        "lvzhenghan-2023-93.html",
        "zones.geojson",
    ]
    collection = json.loads((tmp_path / "out" / "lvzhenghan-2023-93.geojson").read_text(encoding="utf-8"))
    assert [f["properties"]["kind"] for f in collection["features"]].count("zone") == 4


def test_committed_maps_are_up_to_date(tmp_path):
    """maps/ holds `python -m geo build` of data/; rebuild and compare byte for byte."""
    done = subprocess.run(
        [sys.executable, "-m", "geo", "build", "-o", str(tmp_path)], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    committed = ROOT / "maps"
    stale = [
        p.name
        for p in sorted(tmp_path.iterdir())
        if not (committed / p.name).exists() or (committed / p.name).read_bytes() != p.read_bytes()
    ]
    extra = [p.name for p in committed.iterdir() if not (tmp_path / p.name).exists() and p.name != "README.md"]
    assert not stale and not extra, f"maps/ is stale ({stale + extra}): run python -m geo build"


def test_projects_on_the_map_with_conflicts_highlighted(tmp_path, browser):
    import pyogrio
    from test_projects import _frame

    from geo.projects import read_projects

    path = tmp_path / "p.gpkg"
    pyogrio.write_dataframe(_frame(), path, driver="GPKG")
    approvals = read_approvals(DATA)
    zones = checked_zones(build_zones(approvals))
    projects = read_projects(path, DATA / "projects")
    build_maps(approvals, zones, wells_frame(approvals), tmp_path / "out", offline=True, projects=projects)
    page = Page(browser, tmp_path / "out" / "index.html", shot="offline-projects.png")
    assert page.errors == []
    assert page.count("path.geo-project") == 6  # 4 synthetic + 2 parcels of 吕政发〔2022〕4号 and 5号
    assert page.count("path.geo-project-conflict") == 2  # inside 一级, across the 二级 edge (near is not a conflict)
    page.go_to("DC0200141127101G0001")
    page.close_popup()
    page.page.evaluate("map_zones.setZoom(18, {animate: false})")
    page.page.locator("path.geo-project-conflict").first.click()
    popup = page.popup_text()
    assert "位于 北关村集中供水工程 一级保护区 · 重叠 100.0 m² · 第六十五条" in popup
    page.page.click("summary >> text=只有地名的项目")
    assert "只有地名的项目（未定位，不作冲突判断） (170)" in page.page.inner_text(".geo-unlocated > summary")
    page.page.click("summary >> text=岚县 (6)")
    assert "岚县“四好农村路”建设PPP项目" in page.page.inner_text(".geo-unlocated")
    page.close()


def test_sources_whose_wells_have_no_coordinates_are_listed_not_drawn(tmp_path, browser):
    """A zone with no position at all had a marker at null and stopped the map ("Cannot read properties of null")."""
    from conftest import well, write_approval, zone

    folder = write_approval(
        tmp_path / "u",
        [well(), well(code="T002", name="无坐标村", lon="待测", lat="待测")],
        [zone(), zone(code="T002")],
    )
    with pytest.warns(Warning):
        approvals = read_approvals(folder)
    zones = checked_zones(build_zones(approvals))
    build_maps(approvals, zones, wells_frame(approvals), tmp_path / "out", offline=True)
    page = Page(browser, tmp_path / "out" / "u.html", shot="offline-unplaced.png")
    assert page.errors == []
    assert page.count("path.geo-zone") == 1
    assert page.count("li.geo-source") == 1
    assert page.page.inner_text(".geo-unplaced > summary") == "井表中没有坐标的水源（未上图） (1)"
    assert "无坐标村" in page.page.inner_text(".geo-source-unplaced")
    assert "一级无法推出" in page.page.inner_text(".geo-source-unplaced")
    page.close()


def test_a_register_of_many_approvals_names_each_map_after_its_document(tmp_path):
    """130 approvals in one folder: before, each took the folder's name plus one more "-2" than the
    last, and the 126th name was longer than a file name may be."""
    from conftest import well, write_approval, zone

    docs = [f"测试〔2024〕{k}号" for k in range(1, 131)]
    lon = [f"111°{k % 60:02d}′11.58″" for k in range(130)]
    folder = write_approval(
        tmp_path / "某县登记册",
        [well(code=f"T{k:03d}", doc=d, lon=lon[k]) for k, d in enumerate(docs)],
        [zone(code=f"T{k:03d}", doc=d) for k, d in enumerate(docs)],
    )
    approvals = read_approvals(folder)
    zones = checked_zones(build_zones(approvals))
    written = build_maps(approvals, zones, wells_frame(approvals), tmp_path / "out", offline=True)
    names = [p.name for p in written]
    assert names[:2] == ["index.html", "zones.geojson"]
    assert names[2:6] == [
        "ceshi-2024-1-hao.html",
        "ceshi-2024-1-hao.geojson",
        "ceshi-2024-2-hao.html",
        "ceshi-2024-2-hao.geojson",
    ]
    assert len(set(names)) == 2 + 2 * 130 and max(len(n) for n in names) == len("ceshi-2024-130-hao.geojson")
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    data = re.search(r'<script type="application/octet-stream" id="geo-data"[^>]*>([^<]+)</script>', index).group(1)
    links = json.loads(gzip.decompress(base64.b64decode(data)))["links"]
    assert [(a["href"], a["doc_no"]) for a in links] == [(f"ceshi-2024-{k}-hao.html", d) for k, d in enumerate(docs, 1)]
    page = (tmp_path / "out" / "ceshi-2024-77-hao.geojson").read_text(encoding="utf-8")
    assert "测试〔2024〕77号" in page and "测试〔2024〕78号" not in page


def test_a_page_that_fails_in_its_thread_fails_the_build_and_leaves_the_maps_as_they_were(tmp_path, monkeypatch):
    import geo.maps

    approvals = read_approvals(DATA)
    zones, wells = checked_zones(build_zones(approvals)), wells_frame(approvals)
    out = tmp_path / "maps"
    out.mkdir()
    (out / "index.html").write_text("earlier", encoding="utf-8")
    made = []
    real = geo.maps.map_html

    def failing(payload, **kw):
        made.append(kw["title"])
        if len(made) == 2:
            raise MemoryError("the second page")
        return real(payload, **kw)

    monkeypatch.setattr(geo.maps, "map_html", failing)
    with pytest.raises(MemoryError, match="the second page"):
        build_maps(approvals, zones, wells, out, offline=True)
    assert len(made) >= 2  # the third page too, unless it was cancelled before its thread took it
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["maps"]  # no half-built folder beside it


def test_a_folder_written_file_by_file_replaces_the_old_one_only_when_complete(tmp_path):
    from geo.files import GrowingCollection, atomic_folder, collection_text

    out = tmp_path / "maps"
    out.mkdir()
    (out / "index.html").write_text("earlier", encoding="utf-8")
    (out / "notes.txt").write_text("the office's own", encoding="utf-8")
    with pytest.raises(RuntimeError, match="stopped"), atomic_folder(out) as new:
        new.write("index.html", "new")
        new.append("all.geojson", ["{"])
        raise RuntimeError("stopped")
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "notes.txt"]
    assert (out / "index.html").read_text(encoding="utf-8") == "earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["maps"]  # nothing half-written beside it
    collection = GrowingCollection()
    with atomic_folder(out) as new:
        new.write("index.html", ["n", "ew"])
        new.append("all.geojson", collection.head())
        new.write("a.geojson", "a")
        for part in (['{"a":1}'], [], ['{"b":2}', '{"c":3}']):
            new.append("all.geojson", collection.features(part))
        new.append("all.geojson", collection.tail())
        with pytest.raises(ValueError) as caught:
            new.write("a.geojson", "again")
        assert str(caught.value) == f"'a.geojson' is written twice into {out}"
    assert new.paths == [out / "index.html", out / "all.geojson", out / "a.geojson"]
    assert (out / "all.geojson").read_text(encoding="utf-8") == collection_text(['{"a":1}', '{"b":2}', '{"c":3}'])
    assert (out / "index.html").read_text(encoding="utf-8") == "new"
    assert (out / "notes.txt").read_text(encoding="utf-8") == "the office's own"
    assert [p.name for p in tmp_path.iterdir()] == ["maps"]


@pytest.mark.parametrize("shuffled", [False, True])
def test_the_maps_geojson_are_the_features_of_the_frames_rows_in_their_order(tmp_path, shuffled):
    from geo.files import WELL_PROPERTIES, ZONE_PROPERTIES, collection_text, feature_texts

    approvals = read_approvals(DATA, ROOT / "tests" / "fixtures" / "register")
    zones, wells = checked_zones(build_zones(approvals)), wells_frame(approvals)
    if shuffled:  # a frame of the API not in the approvals' order: its GeoJSON are made all at once, in its order
        zones = zones.sample(frac=1.0, random_state=5)
    written = build_maps(approvals, zones, wells, tmp_path / "out", offline=True)
    assert [p.name for p in written[:2]] == ["index.html", "zones.geojson"]
    zone_texts, well_texts = (
        feature_texts(zones, "zone", ZONE_PROPERTIES),
        feature_texts(wells, "well", WELL_PROPERTIES),
    )
    assert (tmp_path / "out" / "zones.geojson").read_text(encoding="utf-8") == collection_text(
        [*zone_texts, *well_texts]
    )
    pages = [p for p in written[2:] if p.suffix == ".geojson"]
    assert len(pages) == len(approvals)
    for page, approval in zip(pages, approvals, strict=True):
        in_z, in_w = (zones.doc_no == approval.doc_no).to_numpy(), (wells.doc_no == approval.doc_no).to_numpy()
        expected = [t for t, keep in zip(zone_texts, in_z, strict=True) if keep]
        expected += [t for t, keep in zip(well_texts, in_w, strict=True) if keep]
        assert page.read_text(encoding="utf-8") == collection_text(expected)


def test_a_register_of_many_approvals_folds_their_switches_and_its_symbols_follow_them(tmp_path, browser):
    """More approvals than fit among the layers: before, their switches ran on under the legend and the
    mini-map (1,667 of them for a province), and a source's symbol and label stayed when its approval was
    switched off."""
    from conftest import well, write_approval, zone

    docs = [f"测试〔2024〕{k}号" for k in range(1, 13)]
    folder = write_approval(
        tmp_path / "登记册",
        [
            well(code=f"T{k:03d}", name=f"第{k}村", doc=d, lon=f"111°{10 + 2 * k:02d}′11.58″")
            for k, d in enumerate(docs)
        ],
        [zone(code=f"T{k:03d}", doc=d) for k, d in enumerate(docs)],
    )
    approvals = read_approvals(folder)
    build_maps(approvals, checked_zones(build_zones(approvals)), wells_frame(approvals), tmp_path / "out", offline=True)
    page = Page(browser, tmp_path / "out" / "index.html")
    layers = page.page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert not [t for t in layers if "测试" in t], layers
    fold = page.page.locator(".geo-approval-switches")
    assert fold.locator("summary").inner_text().strip() == "批复 (12)"
    assert not page.page.is_visible(".geo-approval-switch-list")  # folded until opened
    fold.locator("summary").click()
    switches = fold.locator(".geo-approval-switch-list label")
    assert [t.strip() for t in switches.all_inner_texts()] == ["全部批复", *docs]
    assert page.count("path.geo-zone") == 12 and page.count("path.geo-symbol") == 12
    assert page.count(".geo-label-source") >= 3  # as many as have room
    switches.nth(0).locator("input").uncheck()
    assert page.count("path.geo-zone") == 0 and page.count("path.geo-symbol") == 0
    assert page.count(".geo-label-source") == 0
    switches.nth(3).locator("input").check()  # 测试〔2024〕3号 alone
    assert page.count("path.geo-zone") == 1 and page.count("path.geo-symbol") == 1
    assert page.count("path.geo-symbol-T002") == 1
    assert page.page.locator(".geo-label-source").all_inner_texts() == ["第2村"]
    assert not switches.nth(0).locator("input").is_checked()
    switches.nth(0).locator("input").check()
    assert page.count("path.geo-zone") == 12 and page.count("path.geo-symbol") == 12
    assert all(s.locator("input").is_checked() for s in switches.all())
    page.page.screenshot(path=str(SHOTS / "register-approval-switches.png"))
    assert page.errors == []
    page.close()
