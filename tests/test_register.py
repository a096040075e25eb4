"""Registers of several approvals, zone parts and other levels (geo/tables.py, geo/zonespecs.py),
on the typed register of tests/fixtures/register and on small folders made here."""

from __future__ import annotations

import math
import subprocess
import sys
import warnings

import pytest
from conftest import ROOT, WELL_HEADER, ZONE_HEADER, csv_text, well, write_approval, zone

from geo import InputError, SuspiciousInputWarning, build_zones, check_zones, read_approvals

REGISTER = ROOT / "tests" / "fixtures" / "register"


@pytest.fixture(scope="module")
def register():
    with pytest.warns(SuspiciousInputWarning):
        approvals = read_approvals(REGISTER)
    zones = build_zones(approvals)
    return approvals, zones, check_zones(zones)


def test_a_register_holds_two_approvals_each_with_its_record(register):
    approvals, _, _ = register
    assert [(a.doc_no, a.title, len(a.wells), len(a.zones)) for a in approvals] == [
        ("示例〔2024〕5号", "示例县人民政府关于河流型水源保护区的批复（测试用）", 5, 6),
        ("示例〔2024〕9号", "示例县人民政府关于地下水水源保护区的批复（测试用）", 2, 4),
    ]


# Each stated figure of the register, worked out by hand (π true unless the drafters' 3.14 is named):
# S1 二级 水域, a hexagon of half-width 400 m and height 600 m: 2 × (800 + 400) / 2 × 300 = 360 000 m²,
#   800 + 4√(200² + 300²) = 2242.2 m.  S1 二级 陆域, 1000 m × 200 m: 0.2000 km², 2400.0 m.
# S2, four wells on a 100 m × 60 m rectangle (A = 6000 m², P = 320 m) pushed out by R (Steiner):
#   一级 R = 50: 6000 + 320·50 + π·50² = 29 854.0 m² → 0.0299; 320 + 2π·50 = 634.2 m.
#   二级 R = 300, less 一级: 6000 + 320·300 + π·300² − 29 854.0 = 354 889.4 m² → 0.3549; 320 + 600π = 2205.0 m.
# S3 with π = 3.14: 一级 3.14 × 30² = 2826 m² = 0.28 公顷, 188.4 m; 二级 3.14 × (300² − 30²) = 27.98 公顷, 1884.0 m.
EXPECTED = [
    ("S1", "一级", "水域", "not_derivable", math.nan, math.nan),
    ("S1", "一级", "陆域", "not_derivable", math.nan, math.nan),
    ("S1", "二级", "水域", "match", 360_000.0, 800 + 4 * math.hypot(200, 300)),
    ("S1", "二级", "陆域", "match", 200_000.0, 2400.0),
    ("S2", "一级", "", "match", 6000 + 320 * 50 + math.pi * 50**2, 320 + 2 * math.pi * 50),
    ("S2", "二级", "", "match", 320 * 250 + math.pi * (300**2 - 50**2), 320 + 2 * math.pi * 300),
    ("S3", "一级", "", "match", math.pi * 30**2, 2 * math.pi * 30),
    ("S3", "二级", "", "match", math.pi * (300**2 - 30**2), 2 * math.pi * 300),
    ("S3", "准保护区", "", "not_derivable", math.nan, math.nan),
    ("S4", "一级", "", "not_derivable", math.nan, math.nan),
]


def test_every_zone_of_the_register_is_read_and_checked(register):
    _, zones, check = register
    got = list(zip(zones["source_code"], zones["level"], zones["part"], check["status"], strict=True))
    assert got == [row[:4] for row in EXPECTED]
    for (_, _, _, _, area, outer), built, perimeter in zip(
        EXPECTED, zones["area_m2"], zones["outer_perimeter_m"], strict=True
    ):
        if math.isnan(area):
            assert math.isnan(built)
            continue
        # Corner tables to the millimetre and circles of 256 vertices or more: within 0.01 % of the hand figure.
        assert built == pytest.approx(area, rel=1e-4)
        assert perimeter == pytest.approx(outer, rel=1e-4)


def test_not_derivable_zones_say_why(register):
    _, _, check = register
    _, zones, _ = register
    keys = zip(zones["source_code"], zones["level"], zones["part"], strict=True)
    notes = dict(zip(keys, check["note"], strict=True))
    assert "河段范围须沿河道量取" in notes[("S1", "一级", "水域")]
    assert "陆域范围自岸线或水域边界量起" in notes[("S1", "一级", "陆域")]
    assert notes[("S3", "准保护区", "")].startswith(
        "边界依据分水岭划定（山脊线、分水岭等地形界线表中没有），无法由本表推出，未绘制。"
    )
    assert "批复面积2.5000 km²为其80%" in notes[("S3", "准保护区", "")]
    assert notes[("S4", "一级", "")] == "划定方案无法解读：“按照县人民政府有关规定划定的区域”，未绘制。"


def test_an_area_printed_in_hectares_is_checked_in_hectares(register):
    _, _, check = register
    row = check[(check["source_code"] == "S3") & (check["level"] == "二级")].iloc[0]
    assert row["note"].startswith("面积按π=3.14计算：3.14×(300²−30²)=279774.00 m²≈27.98 公顷")
    assert row["expected_area_km2"] == pytest.approx(0.2798)


def test_the_check_command_prints_every_zone_and_warns(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "geo", "check", str(REGISTER)], capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-1] == "10 个保护区：一致 6，无法推出 4"
    assert " 一级（水域） " in run.stdout and " 二级（陆域） " in run.stdout
    assert (
        f"警告: {REGISTER / 'zones.csv'} 第11行：划定方案无法解读：“按照县人民政府有关规定划定的区域”，未绘制。"
        in run.stderr
    )
    assert "Traceback" not in run.stderr


def test_strict_refuses_a_rule_it_could_not_read():
    run = subprocess.run(
        [sys.executable, "-m", "geo", "check", "--strict", str(REGISTER)], capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 2
    assert (
        f"{REGISTER / 'zones.csv'} 第11行，划定方案列：应为可解读的划定方案（--strict），实际为 '按照县人民政府有关规定划定的区域'"
        in run.stderr
    )


# --- registers made here ---------------------------------------------------------------


def _problems(*folders) -> list[str]:
    with pytest.raises(InputError) as info:
        read_approvals(*folders)
    return [str(p) for p in info.value.problems]


def test_one_source_from_two_folders_is_an_error_naming_both(tmp_path):
    a = write_approval(tmp_path / "a", [well()], [zone()])
    b = write_approval(tmp_path / "b", [well(lon="111°50′00″")], [zone()])
    assert _problems(a, b) == [
        f"{b / 'wells.csv'} row 2: expected each source (批复文号, 水源编码) in one folder only, but {a / 'wells.csv'} also lists 测试〔2024〕1号 T001, got 'T001'"
    ]


def test_the_same_folder_given_twice_is_read_once(tmp_path):
    a = write_approval(tmp_path / "a", [well()], [zone()])
    assert len(read_approvals(a, tmp_path / "a" / ".." / "a", tmp_path)) == 1


def test_zone_rows_without_a_number_take_it_from_their_source(tmp_path):
    folder = write_approval(
        tmp_path / "r",
        [well(doc="甲〔2024〕1号"), well(code="T002", doc="乙〔2024〕2号", lon="111°42′30″")],
        [zone(doc=""), zone(code="T002", doc="")],
    )
    approvals = read_approvals(folder)
    assert [(a.doc_no, [z.source_code for z in a.zones]) for a in approvals] == [
        ("甲〔2024〕1号", ["T001"]),
        ("乙〔2024〕2号", ["T002"]),
    ]


def test_the_same_code_in_two_approvals_of_a_register_needs_the_number(tmp_path):
    folder = write_approval(
        tmp_path / "r",
        [well(doc="甲〔2024〕1号"), well(doc="乙〔2024〕2号", lon="111°42′30″")],
        [zone(doc="乙〔2024〕2号"), zone(doc="")],
    )
    z = folder / "zones.csv"
    assert _problems(folder) == [
        f"{z} row 3, column 批复文号: expected a 批复文号 for this row: the folder holds several approvals (乙〔2024〕2号、甲〔2024〕1号), got ''"
    ]


def test_several_approval_records_and_a_row_without_its_number(tmp_path):
    folder = write_approval(tmp_path / "r", [well(doc="")], [zone(doc="")])
    (folder / "approval.csv").write_text("批复文号,标题\n甲〔2024〕1号,甲\n乙〔2024〕2号,乙\n", encoding="utf-8")
    problems = _problems(folder)
    assert problems[0] == (
        f"{folder / 'wells.csv'} row 2, column 批复文号: expected a 批复文号 for this row: the folder holds several approvals (甲〔2024〕1号、乙〔2024〕2号), got ''"
    )


# --- parts and levels -------------------------------------------------------------------


def test_a_level_split_in_parts_is_checked_part_by_part(tmp_path):
    rule = "以取水井为中心，30m为半径的圆形区域"
    folder = write_approval(
        tmp_path / "p",
        [well(code="A", no="1#"), well(code="A", no="2#", lon="111°42′30″", supply="")],
        [
            # Two separate polygons of one level, each a row of its own, each with its own figures.
            zone(code="A", rule="以1#取水井为中心，30m为半径的圆形区域"),
            zone(code="A", rule="以2#取水井为中心，50m为半径的圆形区域", area="0.0079", perimeter="314.0"),
            zone(
                code="A",
                level="二级",
                rule="以取水井为中心，100m为半径的圆形区域扣除一级保护区",
                area="0.0521",
                perimeter="1256.0",
            ),
        ],
    )
    del rule
    zones = build_zones(read_approvals(folder))
    check = check_zones(zones)
    assert check["status"].tolist() == ["match", "match", "match"]
    # The 二级 ring removes both 一级 parts: 3.14 × (2·100² − 30² − 50²) = 52 124 m² → 0.0521 by the drafters,
    # π (2·100² − 30² − 50²) = 52 150.4 m² as built.
    assert check["note"].iloc[2].startswith("面积按π=3.14计算：3.14×(100²−30²+100²−50²)=52124.00 m²≈0.0521 km²")
    assert zones["area_m2"].iloc[2] == pytest.approx(math.pi * (2 * 100**2 - 30**2 - 50**2), rel=1e-4)


def test_the_same_zone_row_twice_is_an_error(tmp_path):
    folder = write_approval(tmp_path / "d", [well()], [zone(), zone()])
    assert _problems(folder) == [
        f"{folder / 'zones.csv'} row 3, column 保护区级别: expected each zone once, but row 2 gives the same 一级 of T001, got '一级'"
    ]


def test_a_part_named_twice_differently_is_an_error(tmp_path):
    folder = tmp_path / "pp"
    folder.mkdir()
    (folder / "wells.csv").write_text(csv_text(WELL_HEADER, [well()]), encoding="utf-8")
    header = [*ZONE_HEADER, "分区"]
    (folder / "zones.csv").write_text(csv_text(header, [[*zone(level="一级（水域）"), "陆域"]]), encoding="utf-8")
    assert _problems(folder) == [
        f"{folder / 'zones.csv'} row 2, column 分区: expected the part the level names, 水域 ('一级（水域）'), got '陆域'"
    ]


def test_other_levels_are_kept_under_their_name_and_carry_no_article(tmp_path):
    from geo.conflicts import find_conflicts
    from geo.maps import map_payload
    from geo.projects import read_projects
    from geo.validation import checked_zones
    from geo.zones import wells_frame

    folder = write_approval(
        tmp_path / "o",
        [well()],
        [zone(), zone(level="监控区", rule="以取水井为中心，2000m为半径的圆形区域", area="12.5600", perimeter="12560")],
    )
    approvals = read_approvals(folder)
    zones = checked_zones(build_zones(approvals))
    assert zones[["level", "status"]].values.tolist() == [["一级", "match"], ["监控区", "match"]]
    point = tmp_path / "p.csv"
    point.write_text("名称,经度,纬度\n监控区内的项目,111°42′40″,38°23′30.36″\n", encoding="utf-8")
    found = find_conflicts(zones, read_projects(point))
    assert found[["level", "relation", "law_article"]].values.tolist() == [["监控区", "inside", "—"]]
    assert found["law"].iloc[0].startswith("监控区不是《水污染防治法》（2017年修正）第六十三条规定的保护区级别")
    payload = map_payload(approvals, zones, wells_frame(approvals), title="t")
    assert '"level":"监控区","key":"o1"' in payload


def test_a_row_without_a_rule_or_figures_is_kept(tmp_path):
    folder = write_approval(tmp_path / "e", [well()], [zone(), zone(level="二级", rule="", area="—", perimeter="/")])
    with pytest.warns(SuspiciousInputWarning, match="the row gives no 划定方案 and no corner points"):
        zones = build_zones(read_approvals(folder))
    check = check_zones(zones)
    assert check[["level", "status"]].values.tolist() == [["一级", "match"], ["二级", "not_derivable"]]
    assert check["note"].iloc[1] == "表中没有划定方案，也没有拐点坐标，未绘制。"


def test_an_approval_without_source_codes_is_read_by_name(tmp_path):
    folder = tmp_path / "n"
    folder.mkdir()
    (folder / "wells.csv").write_text(
        csv_text(["水源名称", "经度", "纬度"], [["北村水源", "111°42′11.58″", "38°23′30.36″"]]), encoding="utf-8"
    )
    header = ["水源名称", "保护区级别", "面积/km²", "周长/m", "划定方案"]
    rows = [["北村水源", "饮用水水源一级保护区", "0.0028", "188.4", "以取水井为中心，30m为半径的圆形区域"]]
    (folder / "zones.csv").write_text(csv_text(header, rows), encoding="utf-8")
    zones = build_zones(read_approvals(folder))
    assert zones[["source_code", "source_name", "level"]].values.tolist() == [["北村水源", "北村水源", "一级"]]
    assert check_zones(zones)["status"].tolist() == ["match"]


def _two_well_source(tmp_path, zones):
    wells = [well(no="1#"), well(no="2#", lon="111°42′21.58″", supply="")]
    return read_approvals(write_approval(tmp_path / "a", wells, zones))


def test_a_level_that_names_only_some_wells_says_which_are_left_out(tmp_path):
    with pytest.warns(SuspiciousInputWarning) as caught:
        (approval,) = _two_well_source(tmp_path, [zone(rule="以1#取水井为中心，半径30米的圆形区域")])
    where = tmp_path / "a" / "zones.csv"
    message = f"{where} row 2: the 划定方案 of 一级 names only 1#: well(s) 2# of source T001 get no 一级 zone"
    assert [str(w.message) for w in caught] == [message]
    assert approval.zones[0].warnings[-1][0] == "一级的划定方案只提到1#，本水源的2#未划入一级，请核对。"


@pytest.mark.parametrize(
    "rules",
    [
        ["以取水井为中心，半径30米的圆形区域"],  # every well
        ["以1#取水井为中心，半径30米的圆形区域", "以2#取水井为中心，半径30米的圆形区域"],  # a row for each
    ],
)
def test_a_level_that_reaches_every_well_is_not_warned_about(tmp_path, rules):
    with warnings.catch_warnings():
        warnings.simplefilter("error", SuspiciousInputWarning)
        (approval,) = _two_well_source(tmp_path, [zone(rule=r, area="0.0028") for r in rules])
    assert all(not z.warnings for z in approval.zones)
