"""Tests of geo/validation.py: every seed figure, and the ways a figure can differ.

Expected figures are the approval's printed ones and hand calculations with
π = 3.14; statuses are what those calculations say.
"""

from __future__ import annotations

import math
import re
import warnings

import pytest
from conftest import DATA, csv_text, well, write_approval, zone
from pyproj import Geod
from test_zones import _two_wells

from geo import SuspiciousInputWarning, build_zones, check_zones, read_approvals

# (source code, level, stated km², stated m, figure by the drafters' arithmetic km², m, status)
SEED_CHECK = [
    ("DC0200141127101G0001", "一级", 0.0028, 188.4, 0.0028, 188.4, "match"),  # 3.14×30² = 2826
    ("DC0200141127101G0001", "二级", 0.0933, 1099.0, 0.0933, 1099.0, "match"),  # 3.14×(175²−30²) = 93336.5
    ("DC0200141127102G0001", "一级", 0.0028, 188.4, 0.0028, 188.4, "match"),
    ("DC0200141127102G0001", "二级", 0.0352, 690.8, 0.0352, 690.8, "match"),  # 3.14×11200 = 35168
    ("DC0200141127102G0002", "一级", 0.0056, 376.8, 0.0056, 376.8, "match"),  # 0.0028 + 0.0028
    ("DC0200141127102G0002", "二级", 0.2956, 2738.1, 0.2956, 2738.1, "match"),  # 3.14×94130 = 295568.2
    ("DC0200141127102G0003", "一级", 0.0056, 376.8, 0.0056, 376.8, "match"),
    ("DC0200141127102G0003", "二级", 0.0547, 928.0, None, None, "not_derivable"),  # terrain cut
    ("DC0200141127201G0001", "一级", 0.0579, 1205.8, 0.0579, 1205.8, "match"),  # 3.14×18434 = 57882.76
    ("DC0200141127201G0002", "一级", 0.0113, 376.8, 0.0113, 376.8, "match"),  # 3.14×3600 = 11304
    ("DC0200141127201G0003", "一级", 0.0216, 521.2, 0.0216, 521.2, "match"),  # 3.14×6889 = 21631.46
    ("DC0200141127201G0004", "一级", 0.0028, 188.4, 0.0028, 188.4, "match"),
    ("DC0200141127201G0004", "二级", 0.0678, 942.0, 0.0678, 942.0, "match"),  # 3.14×21600 = 67824
    ("DC0200141127201G0005", "一级", 0.0201, 502.4, 0.0201, 502.4, "match"),  # 3.14×6400 = 20096
    ("DC0200141127100G0001", "一级", 0.0028, 188.4, 0.0028, 188.4, "match"),
    ("DC0200141127100G0001", "二级", 0.1228, 1256.0, 0.1228, 1256.0, "match"),  # 3.14×39100 = 122774
    ("DC0200141127100G0002", "一级", 0.0028, 188.4, 0.0028, 188.4, "match"),
    ("DC0200141127100G0002", "二级", 0.1215, 1249.7, 0.1215, 1249.7, "match"),  # 3.14×38701 = 121521.14
    ("DC0200141127100G0003", "一级", 0.0028, 188.4, 0.0028, 188.4, "match"),
    ("DC0200141127100G0003", "二级", 0.0869, 1061.3, 0.0869, 1061.3, "match"),  # 3.14×27661 = 86855.54
    ("DC0200141127202G0001", "一级", 0.0028, 188.4, 0.0028, 188.4, "match"),
    ("DC0200141127202G0001", "二级", 0.1780, 1507.2, 0.1780, 1507.2, "match"),  # 3.14×56700 = 178038
    ("DB1801141129101G0002", "一级", 0.0064, 283, 0.0064, 283, "match"),  # 3.14×2025 = 6358.5; 282.6 → 283
    ("DB1801141129101G0003", "一级", 0.0079, 314, 0.0079, 314, "match"),  # 3.14×2500 = 7850 → 0.00785 → 0.0079
    ("DB1801141129101G0003", "二级", 0.7771, 3140, 0.7771, 3140, "match"),  # 0.7850 − 0.0079
    ("DB1801141129101G0003", "准保护区", 4.3076, 10888, None, None, "not_derivable"),  # ridge lines, river bank
]


@pytest.fixture(scope="module")
def seed_check():
    return check_zones(build_zones(read_approvals(DATA)))


def test_every_seed_figure(seed_check):
    got = []
    for r in seed_check.itertuples():
        area = None if math.isnan(r.expected_area_km2) else r.expected_area_km2
        perimeter = None if math.isnan(r.expected_perimeter_m) else r.expected_perimeter_m
        got.append((r.source_code, r.level, r.stated_area_km2, r.stated_perimeter_m, area, perimeter, r.status))
    assert got == SEED_CHECK


def test_seed_measured_figures_use_true_pi(seed_check):
    # 北关 一级 as built is π·30², not the drafters' 3.14·30²: a 256-gon drawn with the circle's area,
    # whose perimeter exceeds 2πr by π²/(6·256²) = 2.5e-5.
    first = seed_check.iloc[0]
    assert first.area_m2 == pytest.approx(math.pi * 900, rel=1e-7)
    assert first.perimeter_m == pytest.approx(2 * math.pi * 30 * (1 + math.pi**2 / (6 * 256**2)), rel=1e-6)


@pytest.mark.parametrize(
    ("row", "phrases"),
    [
        (1, ["3.14×(175²−30²)=93336.50 m²≈0.0933 km²", "差异仅因π取3.14", "环形区域只计外圆周长", "1288.1 m"]),
        (4, ["0.0028+0.0028=0.0056 km²", "应为0.0057 km²"]),
        (24, ["0.7850−0.0079=0.7771 km²", "应为0.7772 km²", "2×3.14×500=3140 m"]),
        (7, ["山脚", "无法由本表推出", "0.0434 km²", "大于此上限"]),
        (25, ["山脊线", "右岸", "无法由本表推出，未绘制"]),
    ],
)
def test_seed_notes_explain_the_difference(seed_check, row, phrases):
    for phrase in phrases:
        assert phrase in seed_check.note[row]


def test_notes_in_english_too(seed_check):
    assert "a ring's perimeter counts only its outer circle" in seed_check.note_en[1]
    assert "each well rounded first, then added: 0.0028+0.0028 = 0.0056 km²" in seed_check.note_en[4]
    assert "exceeds this upper bound" in seed_check.note_en[7]


def _check(tmp_path, wells, zones):
    return check_zones(build_zones(read_approvals(write_approval(tmp_path / "v", wells, zones))))


def test_overlapping_circles_make_the_stated_sum_a_mismatch(tmp_path):
    # Two 30 m circles 40 m apart: stated as if apart, 0.0028 + 0.0028 and 2 × 188.4.
    check = _check(
        tmp_path,
        _two_wells(40),
        [zone(area="0.0056", perimeter="376.8", rule="分别以1#、2#取水井为中心，以30m为半径的圆形区域")],
    )
    r = check.iloc[0]
    lens = 2 * 900 * math.acos(40 / 60) - 20 * math.sqrt(3600 - 1600)  # 619.5 m²
    assert (r.area_status, r.perimeter_status, r.status) == ("mismatch", "mismatch", "mismatch")
    overlap = float(re.search(r"各圆相互重叠([\d.]+) m²", r.note)[1])
    # The polygons have their circles' areas; the lens between them differs from the true lens by well under 0.5 m².
    assert overlap == pytest.approx(lens, abs=0.5)
    assert "the circles overlap" in r.note_en and "exceeds the zone's real area" in r.note_en
    assert r.area_m2 == pytest.approx(2 * math.pi * 900 - lens, rel=2e-4)


def test_a_mistyped_figure_is_a_mismatch(tmp_path):
    check = _check(tmp_path, [well()], [zone(area="0.0031", perimeter="198.4")])
    r = check.iloc[0]
    assert (r.area_status, r.perimeter_status, r.expected_area_km2, r.expected_perimeter_m) == (
        "mismatch",
        "mismatch",
        0.0028,
        188.4,
    )
    assert "批复面积0.0031 km²与按规则计算的0.0028 km²" in r.note
    assert "Stated perimeter 198.4 m does not follow from the rule" in r.note_en


def test_figures_computed_with_true_pi_match_as_built(tmp_path):
    check = _check(tmp_path, [well()], [zone(area="0.0028", perimeter="188.5")])
    assert (check.perimeter_status[0], check.expected_perimeter_m[0]) == ("match", 188.5)


def test_a_figure_is_judged_to_the_decimals_printed_even_when_an_equal_one_came_first(tmp_path):
    # 3.14 × 30² = 2826 m² = 0.002826 km²: 0.0028 to four decimals, 0.00283 to five, so 0.00280 is wrong.
    # The two texts are equal as numbers; the check's arithmetic, worked out once per figure, must keep them apart.
    wells = [well(code="T001"), well(code="T002", lon="111°42′21.58″")]
    check = _check(tmp_path, wells, [zone(code="T001", area="0.0028"), zone(code="T002", area="0.00280")])
    assert check.area_status.tolist() == ["match", "mismatch"]
    assert check.expected_area_km2.tolist() == [0.0028, 0.00283]
    assert "批复面积0.00280 km²与按规则计算的0.00283 km²" in check.note[1]


def test_zone_without_figures(tmp_path):
    check = _check(tmp_path, [well()], [zone(area="", perimeter="")])
    assert (check.status[0], check.note[0]) == ("not_stated", "批复未列面积与周长。")


def test_corner_zone_checked_against_its_geodesic_area(tmp_path):
    lons, lats = [111.70, 111.71, 111.71, 111.70], [38.39, 38.39, 38.40, 38.40]
    area, perimeter = Geod(ellps="GRS80").polygon_area_perimeter(lons, lats)
    corners = "; ".join(f"{x} {y}" for x, y in zip(lons, lats, strict=True))
    rule = "以拐点坐标连线所围的区域"
    good = _check(
        tmp_path / "a",
        [well()],
        [zone(area=f"{area / 1e6:.4f}", perimeter=f"{perimeter:.1f}", rule=rule, corners=corners)],
    )
    bad = _check(
        tmp_path / "b",
        [well()],
        [zone(area=f"{area / 1e6 * 1.01:.4f}", perimeter=f"{perimeter:.1f}", rule=rule, corners=corners)],
    )
    assert good.status[0] == "match"
    assert (bad.area_status[0], bad.perimeter_status[0]) == ("mismatch", "match")


def test_check_zones_returns_the_zones_checked(tmp_path):
    import geopandas as gpd
    import pyogrio

    zones = build_zones(read_approvals(DATA))
    check = check_zones(zones)
    assert isinstance(check, gpd.GeoDataFrame) and check.crs.to_epsg() == 4490
    assert check.geometry.equals(zones.geometry) and {"status", "note", "expected_area_km2"} <= set(check.columns)
    check[["source_code", "level", "status", "geometry"]].to_file(tmp_path / "z.gpkg")
    assert pyogrio.read_dataframe(tmp_path / "z.gpkg").status.value_counts().to_dict() == {
        "match": 24,
        "not_derivable": 2,
    }


def test_a_level_pushed_out_whose_figures_are_those_of_the_distance_from_the_wells_says_so(tmp_path):
    # "一级保护区外300米" is drawn 300 m out from the 30 m circle (330 m); the figures printed are those of 300 m
    # from the well: 3.14 × (300² − 30²) = 279,774 m² ≈ 0.2798 km², 2 × 3.14 × 300 = 1884.0 m.
    rows = [zone(), zone(level="二级", area="0.2798", perimeter="1884.0", rule="一级保护区外300米范围")]
    check = check_zones(build_zones(read_approvals(write_approval(tmp_path / "p", [well()], rows))))
    second = check.iloc[1]
    assert (second.radii_m, second.status) == ([330.0], "mismatch")
    assert second.note == (
        "批复面积0.2798 km²与按规则计算的0.3391 km²（3.14×(330²−30²)=339120.00 m²）不符，实测339292.0 m²（0.3393 km²），"
        "相差-0.0595 km²；批复数字是按距井300米计算的（面积按π=3.14计算：3.14×(300²−30²)=279774.00 m²≈0.2798 km²），"
        "即把“一级保护区外300米”读作以井为中心、半径300米，而划定方案写的是一级保护区边界外300米，按此绘制。"
        "批复周长1884.0 m与按规则计算的2072.4 m（2×3.14×330）不符，实测外边界2073.5 m；批复数字是按距井300米计算的"
        "（2×3.14×300=1884 m≈1884.0 m），即把“一级保护区外300米”读作以井为中心、半径300米，而划定方案写的是一级保护区"
        "边界外300米，按此绘制。"
    )
    assert "the stated figure is that of 300 m from the wells" in second.note_en
    # A figure that follows neither reading is only a mismatch.
    rows[1] = zone(level="二级", area="0.2500", perimeter="", rule="一级保护区外300米范围")
    check = check_zones(build_zones(read_approvals(write_approval(tmp_path / "q", [well()], rows))))
    assert check.iloc[1].status == "mismatch" and "距井" not in check.iloc[1].note


def test_a_hull_whose_stated_figure_adds_up_its_wells_circles_says_so(tmp_path):
    # "1#、2#井外围30米" is drawn as the hull of the two wells pushed out 30 m; the approval printed the two
    # circles added up, 3.14 × (30² + 30²) = 5652 m² ≈ 0.0057 km².
    wells = [well(no="1#"), well(no="2#", lon="111°42′12.58″", lat="38°23′31.36″")]
    rows = [zone(area="0.0057", perimeter="376.8", rule="1#、2#水源井外围30米")]
    check = check_zones(build_zones(read_approvals(write_approval(tmp_path / "h", wells, rows))))
    row = check.iloc[0]
    assert (row["shape"], row.status) == ("hull", "mismatch")
    assert row.note == (
        f"批复面积0.0057 km²与实测{row.area_m2 / 1e6:.5f} km²不符，相差{0.0057 - row.area_m2 / 1e6:+.5f} km²；批复数字是"
        "各井圆形区域按π=3.14相加的结果（3.14×(30²+30²)=5652.00 m²≈0.0057 km²），未计井间的外包范围。"
        f"批复外边界周长376.8 m与实测{row.outer_perimeter_m:.2f} m不符，相差{376.8 - row.outer_perimeter_m:+.2f} m；"
        "批复数字是各井圆形区域按π=3.14相加的结果（2×3.14×(30+30)=376.8 m≈376.8 m），未计井间的外包范围。"
    )
    assert "the stated figure adds up the wells' circles with π = 3.14" in row.note_en


def _unitless(tmp_path, name, rows):
    folder = write_approval(tmp_path / name, [well()], [])
    header = ["批复文号", "水源编码", "保护区级别", "面积", "周长", "划定方案"]
    (folder / "zones.csv").write_text(csv_text(header, rows), encoding="utf-8")
    return folder


RING = "以取水井为中心，半径300米的圆形区域，扣除一级保护区"


@pytest.mark.parametrize(
    ("areas", "perimeters", "units", "warned"),
    [
        (
            ("2826", "279774"),
            ("188.4", "1884"),
            ("m²", "m"),
            ["“面积”列未注明单位，按这些行的数字与划定方案的半径相符，全列读作 m²"],
        ),
        (
            ("0.28", "27.98"),
            ("0.19", "1.88"),
            ("公顷", "km"),
            [
                "“面积”列未注明单位，按这些行的数字与划定方案的半径相符，全列读作 公顷",
                "“周长”列未注明单位，按这些行的数字与划定方案的半径相符，全列读作 km",
            ],
        ),
        (("0.0028", "0.2798"), ("188.4", "1884"), ("km²", "m"), []),  # the defaults: nothing said
    ],
)
def test_a_column_that_prints_no_unit_is_read_in_the_unit_its_circles_tell(tmp_path, areas, perimeters, units, warned):
    # Before, 2826 beside a 30 m circle was 2826 km² and every zone a mismatch.
    rows = [
        ["测试〔2024〕1号", "T001", "一级", areas[0], perimeters[0], "以取水井为中心，30m为半径的圆形区域"],
        ["测试〔2024〕1号", "T001", "二级", areas[1], perimeters[1], RING],
    ]
    folder = _unitless(tmp_path, "u", rows)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check = check_zones(build_zones(read_approvals(folder)))
    assert check["status"].tolist() == ["match", "match"]
    assert set(check["stated_area_unit"]) == {units[0]} and set(check["stated_perimeter_unit"]) == {units[1]}
    assert [w.message.zh for w in caught] == [f"{folder / 'zones.csv'} 第2、3行：{w}" for w in warned]


def test_a_figure_printed_in_two_units_is_read_once_and_compared(tmp_path):
    # Before, the whole table was refused: "each column once; '保护区面积（km2）' is the same column".
    folder = write_approval(tmp_path / "t", [well()], [])
    header = ["批复文号", "水源编码", "保护区级别", "保护区面积（km2）", "保护区面积（亩）", "划定方案"]
    rows = [
        ["测试〔2024〕1号", "T001", "一级", "0.0028", "4.24", "以取水井为中心，30m为半径的圆形区域"],
        ["测试〔2024〕1号", "T001", "二级", "", "419.7", RING],  # only the second printed: it is the figure
    ]
    (folder / "zones.csv").write_text(csv_text(header, rows), encoding="utf-8")
    check = check_zones(build_zones(read_approvals(folder)))
    assert check[["stated_area_text", "stated_area_unit", "status"]].values.tolist() == [
        ["0.0028", "km²", "match"],
        ["419.7", "亩", "match"],
    ]
    rows[0][4] = "5.24"  # 3,493 m², not 0.0028 km²
    (folder / "zones.csv").write_text(csv_text(header, rows), encoding="utf-8")
    with pytest.warns(SuspiciousInputWarning) as caught:
        check = check_zones(build_zones(read_approvals(folder)))
    assert check["status"].tolist() == ["match", "match"]
    assert [w.message.zh for w in caught] == [
        f"{folder / 'zones.csv'} 第2行：“保护区面积（亩）”列为5.24 亩，与“保护区面积（km2）”列的0.0028 km²不是同一数字，"
        "按“保护区面积（km2）”列核对"
    ]


def test_a_unit_stated_above_or_below_the_table_is_its_unitless_columns(tmp_path):
    header = ["批复文号", "水源编码", "保护区级别", "面积", "周长", "划定方案"]
    row = ["测试〔2024〕1号", "T001", "一级", "0.28", "188.4", "以取水井为中心，30m为半径的圆形区域"]
    folder = write_approval(tmp_path / "n", [well()], [])
    title = "表1 水源保护区划分（面积单位：公顷，周长单位：米）,,,,,\r\n"
    (folder / "zones.csv").write_text(title + csv_text(header, [row]), encoding="utf-8")
    with pytest.warns(SuspiciousInputWarning) as caught:
        check = check_zones(build_zones(read_approvals(folder)))
    assert check[["stated_area_unit", "stated_perimeter_unit", "status"]].values.tolist() == [["公顷", "米", "match"]]
    assert [w.message.zh for w in caught] == [
        f"{folder / 'zones.csv'}：“面积”列未注明单位，按表中的说明读作 公顷（面积单位:公顷）",
        f"{folder / 'zones.csv'}：“周长”列未注明单位，按表中的说明读作 米（周长单位:米）",
    ]
    row[3] = "2826"  # a note below the table, in m²: not the circles' guess, the table's word
    (folder / "zones.csv").write_text(
        csv_text(header, [row, ["注：面积单位为平方米", "", "", "", "", ""]]), encoding="utf-8"
    )
    with pytest.warns(SuspiciousInputWarning) as caught:
        check = check_zones(build_zones(read_approvals(folder)))
    assert check[["stated_area_unit", "status"]].values.tolist() == [["平方米", "match"]]
    assert (
        caught[0].message.zh
        == f"{folder / 'zones.csv'}：“面积”列未注明单位，按表中的说明读作 平方米（面积单位为平方米）"
    )


def test_a_stated_ring_area_that_is_the_whole_circle_is_explained(tmp_path):
    # 3.14 × 300² = 282600 m² ≈ 0.2826 km²: the drafter left the 一级 circle in; the rule takes it out, as drawn.
    checked = _check(
        tmp_path,
        [well()],
        [
            zone(),
            zone(
                level="二级", area="0.2826", perimeter="1884", rule="以取水井为中心，300m为半径的圆形区域扣除一级保护区"
            ),
        ],
    )
    row = checked.iloc[1]
    assert (row["area_status"], row["perimeter_status"]) == ("mismatch", "match")
    assert (
        "；批复面积是未扣除一级保护区的面积（3.14×300²=282600.00 m²≈0.2826 km²），而划定方案扣除一级保护区，按扣除后绘制。"
        in row["note"]
    )
    assert "the stated area is the zone's with 一级 left in (3.14×300² = 282600.00 m² ≈ 0.2826 km²)" in row["note_en"]


def test_a_stated_corner_area_that_leaves_level1_in_is_explained(tmp_path):
    from test_corners import _folder, _square

    folder = _folder(
        tmp_path,
        _square(200),
        [
            zone(),
            zone(level="二级", rule="由4个拐点依次连线围成的区域扣除一级保护区", area="0.1600", perimeter="1600.0"),
        ],
    )
    row = check_zones(build_zones(read_approvals(folder))).iloc[1]
    assert row["area_status"] == "mismatch"
    assert re.search(
        r"；批复面积是未扣除一级保护区的面积（实测\d+\.\d m²加一级保护区2827\.\d m²为0\.1(?:599\d|600\d) km²）",
        row["note"],
    )
