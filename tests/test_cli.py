"""Tests of geo/cli.py: run as a user runs it, in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pyogrio
import pytest
from conftest import DATA, ROOT, well, write_approval, zone


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_check_prints_a_table_and_the_notes():
    done = run("check", str(DATA))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == [
        "#",
        "批复文号",
        "水源",
        "级别",
        "批复面积km²",
        "实测面积m²",
        "批复周长m",
        "实测外周长m",
        "结果",
    ]
    assert lines[2].split() == [
        "1",
        "吕政函〔2023〕92号",
        "北关村集中供水工程",
        "一级",
        "0.0028",
        "2,827.4",
        "188.4",
        "188.5",
        "一致",
    ]
    assert lines[-1] == "26 个保护区：一致 24，无法推出 2"
    assert any(
        line.startswith("[26] 边界依据山脊线、右岸划定（山脊线、分水岭等地形界线表中没有；河岸线表中没有）")
        for line in lines
    )


def test_check_in_english():
    done = run("check", str(DATA), "--lang", "en")
    assert done.stdout.splitlines()[-1] == "26 zones: match 24, not_derivable 2"


def test_check_json_has_one_object_per_zone():
    done = run("check", str(DATA / "lvzhenghan-2023-93"), str(DATA / "lvzhenghan-2023-92"), "--json")
    records = json.loads(done.stdout)
    assert len(records) == 26
    first = records[0]
    for key in (
        "doc_no",
        "source_code",
        "source_name",
        "level",
        "stated_area_km2",
        "stated_perimeter_m",
        "area_m2",
        "perimeter_m",
        "status",
        "note",
    ):
        assert key in first
    assert (first["doc_no"], first["level"], first["stated_area_km2"], first["status"]) == (
        "吕政函〔2023〕93号",
        "一级",
        0.0064,
        "match",
    )
    assert records[3]["area_m2"] is None and records[3]["status"] == "not_derivable"


def test_strict_exits_1_on_a_mismatch(tmp_path):
    folder = write_approval(tmp_path / "m", [well()], [zone(area="0.0031")])
    assert run("check", str(folder)).returncode == 0
    assert run("check", str(folder), "--strict").returncode == 1
    assert run("check", str(DATA), "--strict").returncode == 0


def test_invalid_input_exits_2_listing_every_problem_without_traceback(tmp_path):
    folder = write_approval(tmp_path / "bad", [well(lat="38°23′61″"), well(code="T002", lon="")], [zone(level="一及")])
    done = run("check", str(folder))
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    # In Chinese by default, each problem still naming file, row, column, value and what was expected.
    assert done.stderr.splitlines() == [
        "错误: 输入有 3 处问题：",
        f"  {folder / 'wells.csv'} 第2行，纬度列：应为小于60的秒，实际为 '38°23′61″'",
        f"  {folder / 'wells.csv'} 第3行，经度列：应为坐标，如 111°42′11.58″，实际为 ''",
        f"  {folder / 'zones.csv'} 第2行，保护区级别列：应为保护区级别：一级 / 二级 / 准保护区 / 三级 / 监控区 / 缓冲区 / 过渡区 / 控制区 / 补给区 / 涵养区（分水域、陆域时可带“水域”“陆域”），实际为 '一及'",
    ]
    done = run("check", "--lang", "en", str(folder))
    assert done.stderr.splitlines() == [
        "error: 3 problems in the input:",
        f"  {folder / 'wells.csv'} row 2, column 纬度: expected seconds below 60, got '38°23′61″'",
        f"  {folder / 'wells.csv'} row 3, column 经度: expected a coordinate such as 111°42′11.58″, got ''",
        f"  {folder / 'zones.csv'} row 2, column 保护区级别: expected a 保护区级别: 一级 / 二级 / 准保护区 / 三级 / 监控区 / 缓冲区 / 过渡区 / 控制区 / 补给区 / 涵养区 (with 水域 or 陆域 where the level is split), got '一及'",
    ]


def test_usage_errors_exit_2():
    assert run("check").returncode == 2
    assert run("frobnicate", "data").returncode == 2


def test_zones_geojson_reads_back_through_gdal(tmp_path):
    out = tmp_path / "zones.geojson"
    done = run("zones", str(DATA), "-o", str(out))
    assert done.returncode == 0, done.stderr
    frame = pyogrio.read_dataframe(out)
    zones, wells = frame[frame.kind == "zone"], frame[frame.kind == "well"]
    assert (len(zones), len(wells)) == (26, 18)
    assert frame.crs.to_epsg() == 4326  # RFC 7946: GDAL reads GeoJSON as WGS84 longitude/latitude
    assert zones.geometry.isna().sum() == 2
    beiguan = zones.iloc[0]
    assert (beiguan.source_name, beiguan.level, beiguan.stated_area_km2, beiguan.status) == (
        "北关村集中供水工程",
        "一级",
        0.0028,
        "match",
    )
    assert set(wells.well_no.fillna("")) == {"1#", "2#", ""}
    raw = json.loads(out.read_text(encoding="utf-8"))
    assert "crs" not in raw and raw["features"][0]["properties"]["kind"] == "zone"


def test_failed_run_leaves_the_previous_output_untouched(tmp_path):
    out = tmp_path / "zones.geojson"
    assert run("zones", str(DATA), "-o", str(out)).returncode == 0
    before = out.read_bytes()
    bad = write_approval(tmp_path / "bad", [well(lon="x")], [zone()])
    assert run("zones", str(bad), "-o", str(out)).returncode == 2
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "zones.geojson"]


@pytest.mark.parametrize(
    "module",
    [
        "geo",
        "geo.coordinates",
        "geo.rules",
        "geo.tables",
        "geo.zones",
        "geo.validation",
        "geo.files",
        "geo.atomic",
        "geo.holes",
        "geo.mapshapes",
        "geo.xlsxcells",
        "geo.maps",
        "geo.projects",
        "geo.conflicts",
        "geo.exports",
        "geo.cli",
    ],
)
def test_public_names_are_listed(module):
    mod = __import__(module, fromlist=["__all__"])
    for name in mod.__all__:
        assert hasattr(mod, name), name


@pytest.mark.parametrize(
    "argv",
    [
        ["conflicts", "--projects", "PROJECTS", "DATA", "--near", "50"],
        ["conflicts", "--near", "50", "--projects", "PROJECTS", "DATA"],
        ["conflicts", "DATA", "--projects", "PROJECTS", "--near", "50"],
        ["conflicts", "--projects", "PROJECTS", "--projects", "DATA/projects", "DATA", "--near", "50"],
    ],
)
def test_projects_never_swallow_the_approval_folders(argv, tmp_path):
    import pyogrio
    from test_projects import _frame

    path = tmp_path / "p.gpkg"
    pyogrio.write_dataframe(_frame(), path, driver="GPKG")
    argv = [str(path) if a == "PROJECTS" else a.replace("DATA", str(DATA)) for a in argv]
    done = subprocess.run([sys.executable, "-m", "geo", *argv], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:3] == [
        "井旁泵房：位于北关村集中供水工程（DC0200141127101G0001）一级保护区，重叠 100.0 m²。适用第六十五条。",
        "跨二级边界厂房：压占/接触北关村集中供水工程（DC0200141127101G0001）二级保护区，重叠 784.8 m²。适用第六十六条。",
        "二级外侧仓库：邻近北关村集中供水工程（DC0200141127101G0001）二级保护区，距离 30.0 m。未进入保护区，不适用第六十四条至第六十七条。",
    ]


def test_conflicts_without_approval_folders_say_so(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "geo", "conflicts", "--projects", str(DATA / "projects")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().endswith(
        "conflicts：应给出批复文件夹（PATH），写在 --projects 之前或其文件之后，实际没有"
    )
    done = subprocess.run(
        [sys.executable, "-m", "geo", "conflicts", "--projects", str(DATA)], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stderr.strip().endswith("--projects：除批复文件夹外，应至少给出一个项目文件或文件夹")


def test_build_data_and_build_show_the_same_projects(tmp_path):
    import base64
    import gzip
    import re

    def unlocated(args):
        done = run("build", *args, "-o", str(tmp_path / "m"), "--offline")
        assert done.returncode == 0, done.stderr
        html = (tmp_path / "m" / "index.html").read_text(encoding="utf-8")
        data = re.search(r'<script type="application/octet-stream" id="geo-data"[^>]*>([^<]+)</script>', html).group(1)
        payload = json.loads(gzip.decompress(base64.b64decode(data)))
        return sum(len(g["items"]) for g in payload["unlocated"])

    assert unlocated([]) == unlocated([str(DATA)]) == 170  # data/projects either way
    assert unlocated([str(DATA / "lvzhenghan-2023-92")]) == 0  # a folder with no projects/ beside its tables


@pytest.mark.parametrize(("lang", "first", "status"), [("zh", "批复文号", "核对结论"), ("en", "approval", "status")])
def test_check_csv_is_the_report_on_standard_output(lang, first, status):
    import csv
    import io

    done = run("check", str(DATA), "--csv", "--lang", lang)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 26 and list(rows[0])[0] == first
    assert [r[status] for r in rows].count("一致" if lang == "zh" else "match") == 24


COMMANDS = ("check", "zones", "build", "projects", "conflicts", "export", "figure")


def _help(*argv: str, lang_env: str = "C.UTF-8") -> str:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")} | {"LANG": lang_env}
    done = subprocess.run(
        [sys.executable, "-m", "geo", *argv], cwd=ROOT, capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_help_is_chinese_by_default_with_every_command_and_examples():
    text = _help("--help")
    assert text.startswith("用法：python -m geo [-h] [--lang {zh,en}] COMMAND ...")
    assert "由饮用水水源保护区划分批复的坐标表生成一级、二级和准保护区" in text
    assert "  -h, --help      显示此帮助并退出" in text
    for command in COMMANDS:
        assert f"    {command}" in text
    assert "示例：\n  python -m geo check data\n" in text
    assert "usage" not in text and "options" not in text


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_an_example_in_both_languages(command):
    from geo.arguments import COMMANDS as TEXTS

    zh, en, examples = TEXTS[command]
    chinese = _help(command, "--help")
    assert chinese.startswith(f"用法：python -m geo {command} [-h]")
    assert f"\n{zh}\n" in chinese and "\n位置参数:\n" in chinese and "\n选项:\n" in chinese
    assert f"示例：\n  {examples[0]}\n" in chinese
    for english in (_help(command, "--help", "--lang", "en"), _help(command, "--help", lang_env="en_US.UTF-8")):
        assert english.startswith(f"usage: python -m geo {command} [-h]")
        assert f"\n{en}\n" in english and "\npositional arguments:\n" in english and "\noptions:\n" in english
        assert f"examples:\n  {examples[0]}\n" in english and "显示此帮助" not in english
    # The command's own --lang beats the locale.
    assert _help(command, "--help", "--lang", "zh", lang_env="en_US.UTF-8").startswith("用法：")


def test_every_example_in_the_help_names_options_the_command_has():
    """The examples are parsed by the parser they are shown in, so none goes stale."""
    import shlex

    from geo.arguments import COMMANDS as TEXTS
    from geo.arguments import build_parser

    parser = build_parser("zh")
    for command, (_, _, examples) in TEXTS.items():
        for example in examples:
            argv = shlex.split(example.split(" > ")[0])[3:]
            assert parser.parse_args(argv).command == command, example


def test_argparse_errors_are_in_the_language_asked_for():
    done = run("check")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == "python -m geo check: 错误: 缺少必需的参数：PATH"
    done = run("conflicts", str(DATA), "--projects", str(DATA / "projects"), "--near", "far")
    assert done.stderr.splitlines()[-1] == (
        "python -m geo conflicts: 错误: 参数 --near：应为 0 到 100000 之间的距离（米），而不是 'far'"
    )
    done = run("figure", str(DATA), "-o", "x.pdf", "--paper", "B5")
    assert done.stderr.splitlines()[-1] == (
        "python -m geo figure: 错误: 参数 --paper：无效的选项 'B5'（可选：'A4', 'A3'）"
    )
    done = run("check", "--lang", "en")
    assert done.stderr.splitlines()[-1] == "python -m geo check: error: the following arguments are required: PATH"


def test_the_locale_sets_the_language_of_what_is_printed_not_of_the_files(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")} | {"LANG": "en_GB.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-m", "geo", "check", str(DATA)], cwd=ROOT, capture_output=True, text=True, env=env
    )
    assert done.returncode == 0 and done.stdout.splitlines()[-1] == "26 zones: match 24, not_derivable 2"
    done = subprocess.run(
        [sys.executable, "-m", "geo", "export", str(DATA), "-o", str(tmp_path / "z.csv")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "z.csv").read_text(encoding="utf-8-sig").startswith("批复文号,")


def test_help_loads_no_gis_library():
    code = "import sys; from geo.cli import main\ntry: main(['--help'])\nexcept SystemExit: pass\n"
    code += (
        "print(sorted(m for m in ('geopandas', 'pandas', 'shapely', 'pyproj', 'folium', 'numpy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.stdout.splitlines()[-1] == "[]"


def test_check_table_shows_a_figure_printed_in_another_unit_with_its_unit(tmp_path):
    # 0.2827 under 批复面积km² read as 0.2827 km² — a hundred times the zone; it is 0.2827 公顷.
    from conftest import WELL_HEADER, csv_text

    folder = tmp_path / "u"
    folder.mkdir()
    (folder / "wells.csv").write_text(csv_text(WELL_HEADER, [well()]), encoding="utf-8")
    header = ["批复文号", "水源编码", "保护区级别", "面积（hm²）", "周长（km）", "划定方案"]
    rows = [["测试〔2024〕1号", "T001", "一级", "0.2827", "0.1884", "以取水井为中心，30m为半径的圆形区域"]]
    (folder / "zones.csv").write_text(csv_text(header, rows), encoding="utf-8")
    done = run("check", str(folder))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[2].split()[4:9] == ["0.2827", "hm²", "2,827.4", "0.1884", "km"]
