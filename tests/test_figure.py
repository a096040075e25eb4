"""Tests of geo/figure.py: the printed figure, rendered to PDF and PNG and read back by poppler.

pdftotext gives the figure's words (the PDF keeps text as text); pdftoppm renders the PDF
to PNG, which is measured here and saved under test-output/figures/ for a person to look at.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import numpy as np
import pytest
from conftest import DATA, ROOT

from geo import GeoError, build_zones, read_approvals, wells_frame
from geo.validation import checked_zones

FIGURES = ROOT / "test-output" / "figures"
BEIGUAN = "DC0200141127101G0001"


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: install Debian's poppler-utils (.ci/run does)")
    return path


def run(*args):
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def words(pdf) -> str:
    return subprocess.run([poppler("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def rendered(pdf, name: str) -> np.ndarray:
    """The PDF's page as pixels (pdftoppm at 100 dpi), kept for a person to look at."""
    from PIL import Image

    FIGURES.mkdir(parents=True, exist_ok=True)
    stem = FIGURES / name
    subprocess.run([poppler("pdftoppm"), "-r", "100", "-png", "-singlefile", str(pdf), str(stem)], check=True)
    return np.asarray(Image.open(f"{stem}.png").convert("RGB")).astype(int)


def paper(rows_columns, mm, dpi) -> bool:
    """Pixels within one of the paper's size at ``dpi`` (renderers round the fraction either way)."""
    return all(abs(n - m * dpi / 25.4) <= 1 for n, m in zip(rows_columns, mm, strict=True))


def share(pixels: np.ndarray, rgb: tuple[int, int, int], within: int = 40) -> float:
    return float((np.abs(pixels - np.array(rgb)).sum(axis=2) < within).mean())


def test_the_figure_of_one_source_has_every_element(tmp_path):
    out = tmp_path / "beiguan.pdf"
    done = run(
        "figure", str(DATA / "lvzhenghan-2023-92"), "--source", BEIGUAN, "-o", str(out),
        "--unit", "吕梁市生态环境局岚县分局", "--date", "2026-12-02",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = words(out)
    for expected in (
        "北关村集中供水工程饮用水水源保护区划分图",  # title
        "吕政函〔2023〕92号《吕梁市人民政府关于划分岚县2023年农村千人以上供水工程饮用水水源保护区的批复》",
        "图例", "一级保护区", "二级保护区", "取水井", "县级行政界线（示意）", "经纬网（CGCS2000）",  # legend
        "1#",  # the well's number
        "北",  # north arrow
        "75 m",  # scale bar
        "111°42′10″E", "38°23′30″N",  # graticule in degrees, minutes, seconds
        "坐标系：2000国家大地坐标系（CGCS2000），高斯–克吕格投影 3度带第37带，中央经线 111°E（EPSG:4546）",
        "制图单位：吕梁市生态环境局岚县分局", "制图日期：2026-12-02",
    ):  # fmt: skip
        assert expected in text, expected
    # The 175 m 二级 ring fits the frame with a margin: 1:2,400 on A4 portrait.
    assert "比例尺 1:2,400（按原纸面尺寸打印）" in text
    pixels = rendered(out, "beiguan-a4")
    assert paper(pixels.shape[:2], (297, 210), 100)  # A4 portrait at 100 dpi
    # The fills at 35 % over white: 二级 #fdae61 → (254, 227, 200) over much of the page, 一级 #d7301f →
    # (241, 183, 177) over a little of it.
    assert share(pixels, (254, 227, 200), 30) > 0.05
    assert 0.001 < share(pixels, (241, 183, 177), 30) < 0.05


def test_the_figure_of_a_whole_approval_names_what_it_could_not_draw(tmp_path):
    out = tmp_path / "93.pdf"
    done = run("figure", str(DATA / "lvzhenghan-2023-93"), "-o", str(out), "--orient", "landscape", "--paper", "A3")
    assert done.returncode == 0, done.stderr
    text = words(out)
    assert "中阳县饮用水水源保护区划分图" in text
    assert "西合村集中供水水源" in text and "水峪村集中供水水源" in text  # wells labelled by source
    assert "未绘制（无法由批复表推出，见核对说明）：西合村集中供水水源 准保护区" in text
    assert "制图单位：（未填写）" in text
    pixels = rendered(out, "93-a3-landscape")
    assert paper(pixels.shape[:2], (297, 420), 100)  # A3 landscape at 100 dpi


def test_png_output(tmp_path):
    from PIL import Image

    out = tmp_path / "beiguan.png"
    done = run("figure", str(DATA / "lvzhenghan-2023-92"), "--source", BEIGUAN, "-o", str(out))
    assert done.returncode == 0, done.stderr
    image = Image.open(out)
    assert paper(image.size[::-1], (297, 210), 200)  # A4 portrait at 200 dpi
    FIGURES.mkdir(parents=True, exist_ok=True)
    shutil.copy(out, FIGURES / "beiguan-a4-direct.png")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--source", "NOPE", "-o", "x.pdf"],
            "错误: --source：应为所给批复中的水源编码（如 DC0200141127100G0001），实际为 'NOPE'",
        ),
        (["-o", "x.svg"], "错误: -o：应为 .pdf 或 .png 文件，实际为 'x.svg'"),
        (["--date", "2026-13-01", "-o", "x.pdf"], "错误: --date：应为日期，如 2026-12-02，实际为 '2026-13-01'"),
    ],
)
def test_figure_errors_say_what_was_expected(tmp_path, args, message):
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in args]
    done = run("figure", str(DATA / "lvzhenghan-2023-92"), *args)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip() == message.replace("'x.", f"'{tmp_path}/x.")
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_no_chinese_font_is_a_clear_error(monkeypatch, tmp_path):
    from matplotlib import font_manager

    from geo.figure import figure

    approvals = read_approvals(DATA / "lvzhenghan-2023-93")
    zones = checked_zones(build_zones(approvals))
    monkeypatch.setattr(
        font_manager.fontManager,
        "ttflist",
        [f for f in font_manager.fontManager.ttflist if "CJK" not in f.name and "Hei" not in f.name],
    )
    with pytest.raises(GeoError) as info:
        figure(approvals, zones, wells_frame(approvals), tmp_path / "f.pdf")
    assert str(info.value).startswith(
        "figure: expected a font with Chinese characters on this machine (Noto Sans CJK SC, "
    )
    assert not (tmp_path / "f.pdf").exists()


def test_corner_points_are_numbered_as_printed(tmp_path):
    from conftest import zone
    from test_corners import DOC, _folder, _square

    folder = _folder(
        tmp_path,
        _square(80),
        [zone(doc=DOC, code="T001", level="二级", rule="以拐点坐标连线围成的区域", area="", perimeter="")],
    )
    out = tmp_path / "corners.pdf"
    done = run("figure", str(folder), "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = words(out)
    assert all(f"J{i}" in text for i in range(1, 5)) and "拐点（点号按批复）" in text
    rendered(out, "corners-a4")
