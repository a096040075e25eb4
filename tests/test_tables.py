"""Tests of geo/tables.py: the seed data against the bulletin, every input form, every error."""

from __future__ import annotations

import re

import openpyxl
import pytest
from conftest import DATA, WELL_HEADER, ZONE_HEADER, csv_text, well, write_approval, zone

from geo import InputError, SuspiciousInputWarning, build_zones, read_approvals
from geo.coordinates import parse_dms
from geo.messages import problem_text

# --- the seed approvals, checked against the bulletin text they cite ----------

#: Every well of the seeds, typed from the bulletin (002_7ebb9066d2dea3ea.txt).
#: (source code, well, lon, lat, depth, design supply as printed or "" where the merged cell is on 1#)
SEED_WELLS = [
    ("DC0200141127101G0001", "1#", "111°42′11.58″", "38°23′30.36″", 120, "5.4"),
    ("DC0200141127102G0001", "1#", "111°33′37.62″", "38°16′59.33″", 142, "1.953"),
    ("DC0200141127102G0002", "1#", "111°32′04.38″", "38°14′59.12″", 120, "4.976"),
    ("DC0200141127102G0002", "2#", "111°32′10.15″", "38°14′45.72″", 132, ""),
    ("DC0200141127102G0003", "1#", "111°35′46.29″", "38°13′50.52″", 134, "2.01"),
    ("DC0200141127102G0003", "2#", "111°35′45.62″", "38°13′53.24″", 110, ""),
    ("DC0200141127201G0001", "1#", "111°36′52.97″", "38°18′45.42″", 146, "2.866"),
    ("DC0200141127201G0001", "2#", "111°36′41.63″", "38°18′59.68″", 135, ""),
    ("DC0200141127201G0002", "1#", "111°36′37.29″", "38°17′53.48″", 120, "2.7"),
    ("DC0200141127201G0003", "1#", "111°35′27.56″", "38°18′42.57″", 136, "2.775"),
    ("DC0200141127201G0004", "1#", "111°37′27.40″", "38°18′20.03″", 145, "2.451"),
    ("DC0200141127201G0005", "1#", "111°34′26.31″", "38°18′53.04″", 130, "3.865"),
    ("DC0200141127100G0001", "1#", "111°41′03.89″", "38°14′50.55″", 120, "8.521"),
    ("DC0200141127100G0002", "1#", "111°38′19.17″", "38°16′40.10″", 135, "4.4"),  # printed "16′4" / "0.10″"
    ("DC0200141127100G0003", "1#", "111°38′26.46″", "38°17′32.13″", 120, "3.306"),
    ("DC0200141127202G0001", "1#", "111°31′19.16″", "38°14′33.02″", 120, "4.066"),
    ("DB1801141129101G0002", "", "111°8′58.21″", "37°25′46.89″", 815.13, "4"),
    ("DB1801141129101G0003", "", '111°6′35.44"', '37°27′22.27"', 12, "4.88"),
]


def _dms(text: str) -> float:
    d, m, s = (float(x) for x in re.findall(r"[\d.]+", text))
    return d + m / 60 + s / 3600


def test_seed_wells_are_read_as_printed():
    wells = [w for a in read_approvals(DATA) for w in a.wells]
    got = [(w.source_code, w.well_no, w.lon_text, w.lat_text, w.depth_m, w.design_supply) for w in wells]
    assert got == SEED_WELLS
    for w, (_, _, lon, lat, _, _) in zip(wells, SEED_WELLS, strict=True):
        assert w.lon_deg == pytest.approx(_dms(lon), abs=1e-12)
        assert w.lat_deg == pytest.approx(_dms(lat), abs=1e-12)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _cited(seeds, cite: str) -> str:
    name, lines = cite.split(":")
    first, last = (int(x) for x in lines.split("-"))
    text = (seeds / name).read_text(encoding="utf-8").splitlines()
    return _flat("".join(text[first - 1 : last]))


def test_every_seed_well_cites_lines_that_print_its_figures(seeds):
    for approval in read_approvals(DATA):
        first_rows = {}
        for w in approval.wells:
            cited = _cited(seeds, w.cite)
            for figure in (w.lon_text, w.lat_text, w.well_no, f"{w.depth_m:g}", w.design_supply, w.location):
                assert _flat(figure) in cited, (w.cite, figure)
            first_rows.setdefault(w.source_code, cited)
        # Merged cells (name, code, count) print once, on the source's first row.
        for code, cited in first_rows.items():
            assert code in cited


def test_every_seed_zone_cites_lines_that_print_its_figures(seeds):
    for approval in read_approvals(DATA):
        for z in approval.zones:
            cited = _cited(seeds, z.cite)
            for figure in (str(z.stated_area_km2), str(z.stated_perimeter_m), z.rule.text):
                assert _flat(figure) in cited, (z.cite, figure)
            assert z.level[:2] in cited.replace("准保护区", "准保")


def test_seed_approvals_record_number_date_and_issuer(seeds):
    got = [(a.doc_no, a.date, a.issuer, a.addressee, a.request) for a in read_approvals(DATA)]
    assert got == [
        ("吕政函〔2023〕92号", "2023-12-12", "吕梁市人民政府", "岚县人民政府", "岚政报〔2023〕21号"),
        ("吕政函〔2023〕93号", "2023-11-20", "吕梁市人民政府", "中阳县人民政府", "中政字〔2023〕41号"),
    ]
    text = (seeds / "002_7ebb9066d2dea3ea.txt").read_text(encoding="utf-8").splitlines()
    assert _flat(text[41]) == "吕政函〔2023〕92号" and _flat(text[71]) == "2023年12月12日"
    assert _flat(text[1394]) == "吕政函〔2023〕93号" and _flat(text[1438]) == "2023年11月20日"


def test_seed_zone_levels_per_source():
    zones = [(z.source_code[-8:], z.level) for a in read_approvals(DATA) for z in a.zones]
    no_level2 = {"201G0001", "201G0002", "201G0003", "201G0005", "101G0002"}
    for code in {c for c, _ in zones}:
        levels = [lvl for c, lvl in zones if c == code]
        assert levels[0] == "一级"
        assert ("二级" in levels) == (code not in no_level2), code
    assert ("101G0003", "准保护区") in zones


# --- input forms ---------------------------------------------------------------


def _summary(folder):
    [approval] = read_approvals(folder)
    return [(w.source_code, round(w.lon_deg, 9), round(w.lat_deg, 9)) for w in approval.wells], [
        (z.level, str(z.stated_area_km2), z.rule.radii_m) for z in approval.zones
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_every_encoding_excel_saves(tmp_path, encoding):
    write_approval(tmp_path / "a", [well()], [zone()], encoding=encoding)
    assert _summary(tmp_path / "a") == (
        [("T001", round(_dms("111°42′11.58″"), 9), round(_dms("38°23′30.36″"), 9))],
        [("一级", "0.0028", (30,))],
    )


def test_xlsx_first_sheet_keeps_printed_decimals(tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()
    for name, header, rows in (("wells", WELL_HEADER, [well()]), ("zones", ZONE_HEADER, [zone(perimeter="188.4")])):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        if name == "zones":
            sheet["D2"] = 0.1780  # a number formatted to four places, as Excel shows 0.1780
            sheet["D2"].number_format = "0.0000"
            sheet["E2"] = 1099.0
            sheet["E2"].number_format = "0.0"
        book.save(folder / f"{name}.xlsx")
    [approval] = read_approvals(folder)
    assert str(approval.zones[0].stated_area_km2) == "0.1780"
    assert str(approval.zones[0].stated_perimeter_m) == "1099.0"


def test_english_headers_are_accepted(tmp_path):
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "wells.csv").write_text(
        csv_text(["source_name", "source_code", "well_no", "lon", "lat"], [["A", "S1", "1#", "111.5", "38.2"]]),
        encoding="utf-8",
    )
    (folder / "zones.csv").write_text(
        csv_text(
            ["source_code", "level", "rule", "stated_area_km2"],
            [["S1", "一级保护区", "以取水井为中心，30m为半径的圆形区域", "0.0028"]],
        ),
        encoding="utf-8",
    )
    [approval] = read_approvals(folder)
    assert (approval.doc_no, approval.wells[0].lon_deg, approval.zones[0].level) == ("en", 111.5, "一级")


def test_a_folder_of_approval_folders(tmp_path):
    write_approval(tmp_path / "b", [well(code="B")], [zone(code="B")])
    write_approval(tmp_path / "a", [well(code="A")], [zone(code="A")])
    (tmp_path / "notes").mkdir()
    assert [a.wells[0].source_code for a in read_approvals(tmp_path)] == ["A", "B"]


def test_design_supply_printed_once_for_two_wells_is_a_figure_of_the_source():
    wells = [w for a in read_approvals(DATA) for w in a.wells if w.source_code == "DC0200141127102G0002"]
    assert [w.design_supply for w in wells] == ["4.976", ""]


# --- errors, with their exact messages -------------------------------------------


def _problems(folder) -> list[str]:
    with pytest.raises(InputError) as info:
        read_approvals(folder)
    return [str(p) for p in info.value.problems]


def test_every_problem_of_a_file_in_one_pass(tmp_path):
    folder = write_approval(
        tmp_path / "bad",
        [
            well(code="A", lat="111°42′11.58″"),
            well(code="B", lon="111°62′00″"),
            well(code="C", depth="深"),
            well(code="C"),
        ],
        [
            zone(code="X"),
            zone(code="A", level="一及"),
            zone(code="A", area="0,003"),
            zone(code="A", rule="以取水井为中心，0m为半径的圆形区域"),
        ],
    )
    w, z = folder / "wells.csv", folder / "zones.csv"
    levels = "一级 / 二级 / 准保护区 / 三级 / 监控区 / 缓冲区 / 过渡区 / 控制区 / 补给区 / 涵养区"
    assert _problems(folder) == [
        f"{w} row 2, column 纬度: expected a latitude in China, 3° to 54°, such as 38°23′30.36″, got '111°42′11.58″' (longitude and latitude swapped?)",
        f"{w} row 3, column 经度: expected minutes below 60, got '111°62′00″'",
        f"{w} row 4, column 井深（m）: expected a depth in metres such as 120, got '深'",
        f"{w} row 5, column 水源井编号: expected each well once, but row 4 already lists a single unnumbered well of source C, got ''",
        f"{z} row 2, column 水源编码: expected a 水源编码 listed in the wells table for 测试〔2024〕1号 (A, B, C), got 'X'",
        f"{z} row 3, column 保护区级别: expected a 保护区级别: {levels} (with 水域 or 陆域 where the level is split), got '一及'",
        f"{z} row 4, column 保护区面积（km2）: expected an area above zero such as 0.0028 (km²), got '0,003' (a comma inside a number: write a decimal point, 0.003, or group thousands as 1,234.5)",
        f"{z} row 5, column 划定方案: expected a radius above zero, not 0m, got '以取水井为中心，0m为半径的圆形区域'",
    ]


def test_degrees_minutes_seconds_written_together_are_refused_with_the_reading_they_would_have(tmp_path):
    # Some spreadsheets keep 111°08′58.21″ as the number 1110858.21: not a longitude, but the message says what it
    # would be, in the officer's language, and the cell is not guessed at (372722 could be a Gauss–Krüger easting).
    folder = write_approval(tmp_path / "a", [well(lon="1110858.21", lat="372722")], [zone()])
    with pytest.raises(InputError) as info:
        read_approvals(folder)
    w = folder / "wells.csv"
    assert [problem_text(p, "zh") for p in info.value.problems] == [
        f"{w} 第2行，经度列：应为中国境内的经度（73°至136°），如 111°42′11.58″，实际为 '1110858.21'"
        "（是否把度分秒连写成了一个数？若是，应写作 111°08′58.21″）",
        f"{w} 第2行，纬度列：应为中国境内的纬度（3°至54°），如 38°23′30.36″，实际为 '372722'"
        "（是否把度分秒连写成了一个数？若是，应写作 37°27′22″）",
    ]


def test_excel_unicode_text_utf16_with_tabs(tmp_path):
    folder = tmp_path / "u"
    folder.mkdir()
    for name, header, rows in (("wells", WELL_HEADER, [well()]), ("zones", ZONE_HEADER, [zone()])):
        text = "\r\n".join("\t".join(r) for r in [header, *rows]) + "\r\n"
        (folder / f"{name}.csv").write_bytes(text.encode("utf-16"))  # with its byte-order mark
    assert _summary(folder) == (
        [("T001", round(_dms("111°42′11.58″"), 9), round(_dms("38°23′30.36″"), 9))],
        [("一级", "0.0028", (30,))],
    )


def test_one_mistake_one_message(tmp_path):
    """A comma in a latitude is reported once: not again as a wrong well count or a rule naming a missing well."""
    folder = tmp_path / "one"
    folder.mkdir()
    header = ["批复文号", "水源名称", "水源编码", "水源井数量（眼）", "水源井编号", "经度", "纬度"]
    rows = [
        ["测试〔2024〕1号", "测试村", "T001", "2", "1#", "111°42′11.58″", "38°23′30,36″"],
        ["测试〔2024〕1号", "测试村", "T001", "2", "2#", "111°42′20″", "38°23′30.36″"],
    ]
    (folder / "wells.csv").write_text(csv_text(header, rows), encoding="utf-8")
    zones = [zone(rule="以1#、2#取水井为中心，以30m为半径的圆形区域", area="0.0056", perimeter="376.8")]
    (folder / "zones.csv").write_text(csv_text(ZONE_HEADER, zones), encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_approvals(folder)
    assert [str(p) for p in info.value.problems] == [
        f"{folder / 'wells.csv'} row 2, column 纬度: expected degrees-minutes-seconds such as 38°23′30.36″ or decimal degrees, got '38°23′30,36″'"
    ]


def test_readers_take_paths_or_lists_and_say_what_else_they_got():
    from pathlib import Path

    from geo import GeoError, read_projects

    one = read_approvals([DATA / "lvzhenghan-2023-92", str(DATA / "lvzhenghan-2023-93")])
    two = read_approvals(DATA / "lvzhenghan-2023-92", [Path(DATA / "lvzhenghan-2023-93")])
    assert [a.doc_no for a in one] == [a.doc_no for a in two] == ["吕政函〔2023〕92号", "吕政函〔2023〕93号"]
    assert len(read_projects([DATA / "projects"])) == len(read_projects(DATA / "projects")) == 172
    for bad, shown in ((42, "int 42"), ([None], "NoneType None"), ((), "none"), ("", "an empty path")):
        with pytest.raises(GeoError) as info:
            read_approvals(*([bad] if bad != () else []))
        assert (
            str(info.value) == f"read_approvals: expected a path (str or pathlib.Path) or a list of paths, got {shown}"
        )
    with pytest.raises(GeoError, match=r"^read_projects: expected a path .* got dict \{'a': 1\}$"):
        read_projects({"a": 1})


@pytest.mark.parametrize(
    ("first", "second"), [("一号井", "二号井"), ("1号井", "2号"), ("J1", "J-02"), ("十一号", "十二#")]
)
def test_wells_numbered_any_way_are_the_wells_a_rule_names(tmp_path, first, second):
    """A wells table numbering its wells 一号井、二号井 and a rule naming 1#、2# speak of the same wells."""
    lon2 = "111°42′21.58″"
    rule = "分别以1#、2#取水井为中心，以30m为半径的圆形区域"
    if first.startswith("十"):
        rule = "分别以11#、12#取水井为中心，以30m为半径的圆形区域"
    folder = write_approval(
        tmp_path / "a", [well(no=first), well(no=second, lon=lon2, supply="")], [zone(area="0.0057", rule=rule)]
    )
    (approval,) = read_approvals(folder)
    assert [w.key for w in approval.wells] == (["11#", "12#"] if first.startswith("十") else ["1#", "2#"])
    assert [w.well_no for w in approval.wells] == [first, second]  # kept as printed
    assert approval.zones[0].well_keys == tuple(w.key for w in approval.wells)


@pytest.mark.parametrize(
    ("lon", "lat"),
    [
        ("经度坐标", "纬度坐标"),
        ("井口经度", "井口纬度"),
        ("水源井经度", "水源井纬度"),
        ("经度（E）", "纬度（N）"),
        ("东经", "北纬"),
        # Any header ending in 经度 or 纬度 names it.
        ("中心点经度", "中心点纬度"),
        ("井位经度（度分秒）", "井位纬度（度分秒）"),
        ("水源地经度", "水源地纬度"),
    ],
)
def test_coordinate_headers_officers_write(tmp_path, lon, lat):
    header = [lon if h == "经度" else lat if h == "纬度" else h for h in WELL_HEADER]
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "wells.csv").write_text(csv_text(header, [well()]), encoding="utf-8")
    (folder / "zones.csv").write_text(csv_text(ZONE_HEADER, [zone()]), encoding="utf-8")
    [approval] = read_approvals(folder)
    assert (round(approval.wells[0].lon_deg, 6), round(approval.wells[0].lat_deg, 6)) == (111.703217, 38.391767)


@pytest.mark.parametrize("header", ["保护区划分范围", "保护区边界", "具体范围", "划分依据及范围"])
def test_a_rule_column_under_a_header_of_its_own_is_read_and_said(tmp_path, header):
    """Not '表中没有划定方案' for a table whose rule column is headed in the office's own words."""
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "wells.csv").write_text(csv_text(WELL_HEADER, [well()]), encoding="utf-8")
    zones_header = [header if h == "划定方案" else h for h in ZONE_HEADER]
    (folder / "zones.csv").write_text(csv_text(zones_header, [zone()]), encoding="utf-8")
    with pytest.warns(SuspiciousInputWarning) as caught:
        [approval] = read_approvals(folder)
    assert [str(w.message) for w in caught] == [
        f"{folder / 'zones.csv'}: the 划定方案 is read from the column '{header}'"
    ]
    assert approval.zones[0].rule.radii_m == (30,)


# --- a row naming several wells ----------------------------------------------------


def _two_wells_zone(**kw):
    return zone(rule="以1#、2#取水井为中心，30m为半径的圆形区域", area="", perimeter="", **kw)


def test_a_row_naming_several_wells_gives_each_its_coordinates_in_order(tmp_path):
    apart = write_approval(
        tmp_path / "apart",
        [well(no="1#", depth="120"), well(no="2#", lon="111°42′14.58″", depth="150")],
        [_two_wells_zone()],
    )
    one = write_approval(
        tmp_path / "one",
        [well(no="1#、2#", lon="111°42′11.58″\n111°42′14.58″", lat="38°23′30.36″\n38°23′30.36″", depth="120\n150")],
        [_two_wells_zone()],
    )
    a, b = (read_approvals(f)[0].wells for f in (apart, one))
    assert [(w.well_no, w.lon_deg, w.lat_deg, w.depth_m, w.row) for w in b] == [
        ("1#", a[0].lon_deg, a[0].lat_deg, 120.0, 2),
        ("2#", a[1].lon_deg, a[1].lat_deg, 150.0, 2),
    ]
    za, zb = (build_zones(read_approvals(f)) for f in (apart, one))
    assert za.geometry.iloc[0].equals(zb.geometry.iloc[0])


def test_several_wells_in_one_coordinate_cell_are_placed_by_their_labels(tmp_path):
    header = [h for h in WELL_HEADER if h not in ("经度", "纬度")] + ["经纬度"]
    row = [c for i, c in enumerate(well(no="1号井、2号井")) if WELL_HEADER[i] not in ("经度", "纬度")]
    folder = write_approval(tmp_path / "l", [], [_two_wells_zone()])
    cell = "2号井：E111°42′14.58″ N38°23′30.36″；1号井：E111°42′11.58″ N38°23′30.36″"
    (folder / "wells.csv").write_text(csv_text(header, [row + [cell]]), encoding="utf-8")
    wells = read_approvals(folder)[0].wells
    assert [(w.well_no, w.lon_text) for w in wells] == [("1号井", "E111°42′11.58″"), ("2号井", "E111°42′14.58″")]


def test_a_row_of_several_wells_with_too_few_coordinates_is_reported_once(tmp_path):
    folder = write_approval(tmp_path / "f", [well(no="1#、2#、3#", lon="111°42′11.58″\n111°42′14.58″")], [zone()])
    with pytest.raises(InputError) as info:
        read_approvals(folder)
    w = folder / "wells.csv"
    assert [str(p) for p in info.value.problems] == [
        f"{w} row 2, column 经度: expected one coordinate per well named in 水源井编号 (3: 1#、2#、3#), one a line, "
        "not 2, got '111°42′11.58″\\n111°42′14.58″'"
    ]
    assert problem_text(info.value.problems[0], "zh") == (
        f"{w} 第2行，经度列：应为水源井编号所列每眼井一个坐标（3 眼：1#、2#、3#），每行一个，而不是 2 个，"
        "实际为 '111°42′11.58″\\n111°42′14.58″'"
    )


def test_a_rule_cell_describing_both_levels_is_read_for_each_rows_level(tmp_path):
    text = "一级保护区：以取水井为中心，半径30米的圆形区域；二级保护区：以取水井为中心，半径300米的圆形区域（不含一级保护区）。"
    folder = write_approval(
        tmp_path / "b", [well()], [zone(rule=text), zone(level="二级", rule=text, area="0.2798", perimeter="1884")]
    )
    with pytest.warns(SuspiciousInputWarning) as caught:
        zones = build_zones(read_approvals(folder))
    assert [(z.radii_m, z.inner_radii_m, z.rule) for z in zones.itertuples()] == [
        ([30.0], [], "以取水井为中心，半径30米的圆形区域"),
        ([300.0], [30.0], "以取水井为中心，半径300米的圆形区域（不含一级保护区）"),
    ]
    assert (
        f"{folder / 'zones.csv'} 第3行：划定方案写有多级保护区，本行（二级）按“二级保护区：”一段读取："
        "以取水井为中心，半径300米的圆形区域（不含一级保护区）" in [w.message.zh for w in caught]
    )


NAMED_WELLS = ["批复文号", "水源名称", "水源井编号", "经度", "纬度"]
NAMED_ZONES = ["批复文号", "水源名称", "保护区级别", "保护区面积（km2）", "划定方案"]
CIRCLE = "以取水井为中心，30m为半径的圆形区域"


def _named(tmp_path, zone_names: list[str]):
    folder = tmp_path / "names"
    folder.mkdir()
    wells = [
        ["A号", "甲村集中供水工程", "1#", "111°08′58.21″", "37°30′12.5″"],
        ["A号", "乙村集中供水工程", "1#", "111°18′58.21″", "37°35′12.5″"],
    ]
    (folder / "wells.csv").write_text(csv_text(NAMED_WELLS, wells), encoding="utf-8")
    zones = [["A号", name, "一级", "0.0028", CIRCLE] for name in zone_names]
    (folder / "zones.csv").write_text(csv_text(NAMED_ZONES, zones), encoding="utf-8")
    return folder


def test_a_source_named_short_in_the_zones_table_is_the_one_whose_name_holds_it(tmp_path):
    folder = _named(tmp_path, ["甲村", "乙村集中供水工程水源地"])
    with pytest.warns(SuspiciousInputWarning) as caught:
        approvals = read_approvals(folder)
    assert [(z.source_code, z.level) for z in approvals[0].zones] == [
        ("甲村集中供水工程", "一级"),
        ("乙村集中供水工程", "一级"),
    ]
    assert [w.message.zh for w in caught] == [
        f"{folder / 'zones.csv'} 第2、3行：水源名称与井表不完全相同，按井表中唯一与之互相包含的水源读取"
        "（甲村 → 甲村集中供水工程；乙村集中供水工程水源地 → 乙村集中供水工程），请核对"
    ]


def test_a_source_name_the_wells_table_does_not_hold_names_the_name_column(tmp_path):
    # Before, the message named a column "source_code" the table does not have, and listed codes.
    folder = _named(tmp_path, ["丙村", "村"])  # "村" is in both names, and too short to stand for either
    with pytest.raises(InputError) as info:
        read_approvals(folder)
    assert [problem_text(p) for p in info.value.problems] == [
        f"{folder / 'zones.csv'} 第{row}行，水源名称列：应为井表中 A号 所列的水源名称（乙村集中供水工程, 甲村集中供水工程），"
        f"实际为 '{name}'"
        for row, name in ((2, "丙村"), (3, "村"))
    ]


def test_a_well_far_outside_the_county_its_row_names_is_warned(tmp_path):
    # 乙村's longitude was typed 111°12′ for 111°42′: 16 km west, in 兴县, and no other well of its source to tell.
    folder = tmp_path / "county"
    folder.mkdir()
    header = ["批复文号", "县区", "水源名称", "水源井编号", "经度", "纬度"]
    wells = [
        ["A号", "岚县", "甲村", "1#", "111°42′11.58″", "38°23′30.36″"],  # 北关村, in 岚县
        ["A号", "岚县", "乙村", "1#", "111°12′11.58″", "38°23′30.36″"],
        ["A号", "吕梁市", "丙村", "1#", "111°12′11.58″", "38°23′30.36″"],  # a city: not a county the layer holds
    ]
    (folder / "wells.csv").write_text(csv_text(header, wells), encoding="utf-8")
    zones = [
        ["A号", name, "一级", "0.0028", "以取水井为中心，30m为半径的圆形区域"] for name in ("甲村", "乙村", "丙村")
    ]
    (folder / "zones.csv").write_text(csv_text(NAMED_ZONES, zones), encoding="utf-8")
    with pytest.warns(SuspiciousInputWarning) as caught:
        read_approvals(folder)
    assert [w.message.zh for w in caught] == [
        f"{folder / 'wells.csv'} 第3行：井位远在所填县区之外：乙村1#（111°12′11.58″, 38°23′30.36″）在兴县，"
        "距岚县边界约16 km——坐标是否有误？"
    ]


def _dms_header(tmp_path, lon_header, lat_header, wells, xlsx=False):
    header = [lon_header if h == "经度" else lat_header if h == "纬度" else h for h in WELL_HEADER]
    folder = tmp_path / "packed"
    folder.mkdir()
    if xlsx:
        book = openpyxl.Workbook()
        book.active.append(header)
        for row in wells:
            book.active.append(row)
        book.save(folder / "wells.xlsx")
    else:
        (folder / "wells.csv").write_text(csv_text(header, wells), encoding="utf-8")
    (folder / "zones.csv").write_text(csv_text(ZONE_HEADER, [zone(code=w[2]) for w in wells]), encoding="utf-8")
    return folder


def test_bare_numbers_under_a_header_that_says_dms_are_read_as_degrees_dot_minutes_seconds(tmp_path):
    # A spreadsheet cannot hold ° ′ ″ in a number, so 111°42′11.58″ is typed 111.421158 under 经度（度分秒）:
    # read as decimal degrees it would lie 24 km off, with nothing in the cell to tell.
    folder = _dms_header(
        tmp_path,
        "经度（度分秒）",
        "纬度（度分秒）",
        [well(lon="111.421158", lat="38.233036"), well(code="T002", lon="111°42′11.58″", lat="38.2330")],
    )
    with pytest.warns(SuspiciousInputWarning) as caught:
        [approval] = read_approvals(folder)
    assert [(w.lon_deg, w.lat_deg) for w in approval.wells] == [
        (parse_dms("111°42′11.58″"), parse_dms("38°23′30.36″")),
        (parse_dms("111°42′11.58″"), parse_dms("38°23′30″")),  # 38.2330: the spreadsheet dropped the trailing zeros
    ]
    assert approval.wells[0].lon_text == "111.421158"  # as printed
    assert [w.message.zh for w in caught] == [
        f"{folder / 'wells.csv'} 第2、3行：表头“经度（度分秒）”、“纬度（度分秒）”标明度分秒，不带度分秒符号的数值按度.分秒读"
        "（111.421158 → 111°42′11.58″；38.233036 → 38°23′30.36″），而非十进制度"
    ]


def test_excel_numbers_under_degree_marks_in_the_header_are_degrees_minutes_seconds(tmp_path):
    folder = _dms_header(tmp_path, "经度(°′″)", "纬度(°′″)", [[*well()[:6], 111.4211, 38.233036, "1.5"]], xlsx=True)
    with pytest.warns(
        SuspiciousInputWarning, match=r"headers '经度\(°′″\)', '纬度\(°′″\)' say degrees-minutes-seconds"
    ):
        [approval] = read_approvals(folder)
    assert (approval.wells[0].lon_deg, approval.wells[0].lat_deg) == (
        parse_dms("111°42′11″"),
        parse_dms("38°23′30.36″"),
    )


def test_a_number_that_cannot_be_dms_shows_the_column_is_decimal_degrees_whatever_its_header(tmp_path):
    # 111.7032 would have 70 minutes: the column is decimal degrees after all, and its header is said to be wrong.
    folder = _dms_header(
        tmp_path, "经度（度分秒）", "纬度", [well(lon="111.421158"), well(code="T002", lon="111.7032", no="1#")]
    )
    with pytest.warns(SuspiciousInputWarning) as caught:
        [approval] = read_approvals(folder)
    assert [w.lon_deg for w in approval.wells] == [111.421158, 111.7032]
    assert [w.message.zh for w in caught] == [
        f"{folder / 'wells.csv'} 第3行：表头“经度（度分秒）”标明度分秒，但111.7032不可能是度.分秒（分或秒不小于60），"
        "本列不带符号的数值按十进制度读"
    ]


def test_dms_run_together_under_a_header_that_says_dms_is_read(tmp_path):
    # Unlabelled, 1110858.21 is refused (above); under 经度（度.分秒） it can only be 111°08′58.21″.
    folder = _dms_header(tmp_path, "经度（度.分秒）", "纬度（dd.mmss）", [well(lon="1114211.58", lat="382330.36")])
    with pytest.warns(SuspiciousInputWarning, match="1114211.58 → 111°42′11.58″; 382330.36 → 38°23′30.36″"):
        [approval] = read_approvals(folder)
    assert (approval.wells[0].lon_deg, approval.wells[0].lat_deg) == (
        parse_dms("111°42′11.58″"),
        parse_dms("38°23′30.36″"),
    )


def test_bare_numbers_under_a_header_that_says_nothing_stay_decimal_degrees(tmp_path, recwarn):
    folder = _dms_header(tmp_path, "经度", "纬度（°）", [well(lon="111.421158", lat="38.233036")])
    [approval] = read_approvals(folder)
    assert (approval.wells[0].lon_deg, approval.wells[0].lat_deg) == (111.421158, 38.233036)
    assert not [w for w in recwarn if issubclass(w.category, SuspiciousInputWarning)]


def test_a_well_far_outside_its_county_says_where_degrees_dot_minutes_seconds_would_put_it(tmp_path):
    # 普家庄村's 1# (111°32′04.38″, 38°14′59.12″) typed 111.320438, 38.145912 under a header that says nothing:
    # decimal degrees, in 兴县; the warning says that as 度.分秒 it lies in 岚县, and the officer can mark the header.
    folder = tmp_path / "county"
    folder.mkdir()
    header = ["批复文号", "县区", "水源名称", "水源井编号", "经度", "纬度"]
    (folder / "wells.csv").write_text(
        csv_text(header, [["A号", "岚县", "甲村", "1#", "111.320438", "38.145912"]]), encoding="utf-8"
    )
    zones = [["A号", "甲村", "一级", "0.0028", "以取水井为中心，30m为半径的圆形区域"]]
    (folder / "zones.csv").write_text(csv_text(NAMED_ZONES, zones), encoding="utf-8")
    with pytest.warns(SuspiciousInputWarning) as caught:
        [approval] = read_approvals(folder)
    assert approval.wells[0].lon_deg == 111.320438
    assert [w.message.zh for w in caught] == [
        f"{folder / 'wells.csv'} 第2行：井位远在所填县区之外：甲村1#（111.320438, 38.145912）在兴县，距岚县边界约"
        "4 km；若按度.分秒读作111°32′04.38″, 38°14′59.12″，则在岚县境内——坐标是否有误？"
    ]


def test_a_level_cell_naming_both_levels_is_a_row_per_level_where_the_rule_labels_them(tmp_path):
    # 保护区级别 "一、二级" on one row was read as 二级 alone (the 一级 lost, its 30 m circle drawn as 二级).
    text = "一级保护区：以取水井为中心，半径30米的圆形区域；二级保护区：以取水井为中心，半径300米的圆形区域（不含一级保护区）"
    folder = write_approval(
        tmp_path / "b", [well()], [zone(level="一、二级", rule=text, area="0.0028/0.2798", perimeter="")]
    )
    with pytest.warns(SuspiciousInputWarning) as caught:
        [approval] = read_approvals(folder)
    assert [(z.level, str(z.stated_area.value), z.rule.radii_m) for z in approval.zones] == [
        ("一级", "0.0028", (30,)),
        ("二级", "0.2798", (300,)),
    ]
    assert (
        f"{folder / 'zones.csv'} 第2行：“保护区级别”一格写有多个级别，各级保护区按“划定方案”列中的标注（一级保护区：…）分行读取"
        in [w.message.zh for w in caught]
    )


@pytest.mark.parametrize("level", ["一、二级", "一级和二级保护区", "Ⅰ、Ⅱ级"])
def test_a_level_cell_naming_two_levels_with_one_unlabelled_rule_is_refused(tmp_path, level):
    folder = write_approval(tmp_path / "b", [well()], [zone(level=level)])
    with pytest.raises(InputError) as info:
        read_approvals(folder)
    assert [str(p) for p in info.value.problems] == [
        f"{folder / 'zones.csv'} row 2, column 保护区级别: expected one level a row (write a row for each level), "
        f"got '{level}'"
    ]
    assert problem_text(info.value.problems[0], "zh").endswith(f"应为每行一个级别（每一级写一行），实际为 '{level}'")


def test_a_level_that_holds_both_parts_is_the_whole_level():
    from geo.cells import parse_level

    assert parse_level("一级保护区（含水域和陆域）") == ("一级", "")
    assert parse_level("二级保护区（水域、陆域）") == ("二级", "")


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("所在县（市、区）", "county"),
        ("所属县区", "county"),
        ("批准文号", "doc_no"),
        ("水源代码", "source_code"),
        ("取水井位置", "location"),
    ],
)
def test_more_headers_officers_write(header, column):
    from geo.cells import fold
    from geo.columns import TABLES
    from geo.headers import header_map

    assert header_map(TABLES["wells"])[fold(header)] == column
