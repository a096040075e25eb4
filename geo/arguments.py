"""The command line's arguments, with their help and examples in Chinese and in English.

The help is in Chinese unless ``--lang en`` is on the command line or the
locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, the first one set) is an English
one (``en_US.UTF-8``); argparse's own words (usage, sections, errors) are
given in the same language.  Nothing here imports more than the standard
library, so ``python -m geo --help`` answers at once.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import unicodedata
from collections.abc import Sequence

__all__ = ["LANGS", "build_parser", "locale_lang", "requested_lang"]

LANGS = ("zh", "en")

#: What every subcommand is for, and examples an officer can copy: (zh, en).
COMMANDS = {
    "check": (
        "核对批复面积、周长与按坐标绘制的保护区",
        "compare stated areas and perimeters with the zones as built",
        [
            "python -m geo check data",
            "python -m geo check data/lvzhenghan-2023-92 --csv > 核对.csv",
            "python -m geo check data --strict",
        ],
    ),
    "zones": (
        "把保护区和水源井写成 GeoJSON（RFC 7946），或大批量时写成 GeoParquet",
        "write zones and wells as GeoJSON (RFC 7946), or GeoParquet for big registers",
        ["python -m geo zones data -o zones.geojson", "python -m geo zones 全省 -o 保护区.parquet"],
    ),
    "build": (
        "绘制 HTML 地图：总图 index.html、每个批复一张图及其 GeoJSON",
        "write the HTML maps: index.html, one per approval, and their GeoJSON",
        [
            "python -m geo build",
            "python -m geo build data -o maps --offline --basemap 乡镇界.zip",
            "python -m geo build data --tiles http://tiles.local/{z}/{x}/{y}.png",
        ],
    ),
    "projects": (
        "读取建设项目范围并核对其面积，写成 GeoJSON",
        "write project footprints as GeoJSON, with their area checks",
        [
            "python -m geo projects data/projects -o projects.geojson",
            "python -m geo projects 红线.csv --epsg 4546 -o p.geojson",
        ],
    ),
    "conflicts": (
        "列出位于、压占或邻近保护区的建设项目，及适用的法律条款",
        "list projects that lie in, touch or come near a zone, with the law",
        [
            "python -m geo conflicts data --projects data/projects",
            "python -m geo conflicts data --projects 项目1.kml --projects 项目2.csv --near 100",
        ],
    ),
    "export": (
        "导出保护区、水源井、建设项目和冲突：.gpkg、.parquet、.geojson、.kml、.csv 或 .xlsx",
        "write zones, wells, projects and conflicts as .gpkg, .parquet, .geojson, .kml, .csv or .xlsx",
        [
            "python -m geo export data -o 保护区核对.xlsx",
            "python -m geo export data --projects data/projects --near 100 -o 保护区.gpkg",
            "python -m geo export data -o 保护区.kml",
        ],
    ),
    "figure": (
        "绘制批复或单个水源的图件（PDF 或 PNG，按比例尺）",
        "draw the printed figure (图件) of an approval or a source as PDF or PNG",
        [
            "python -m geo figure data/lvzhenghan-2023-92 -o 图件.pdf --paper A3 --orient landscape",
            'python -m geo figure data --source DC0200141127101G0001 -o 北关村.pdf --unit "某某县生态环境局"',
        ],
    ),
}

#: The help of every option: (zh, en).
HELP = {
    "description": (
        "由饮用水水源保护区划分批复的坐标表生成一级、二级和准保护区，核对批复面积与周长，"
        "绘制离线可用的地图和图件，并导出 GIS 文件。",
        "Drinking-water source protection zones from approval tables (饮用水水源保护区划分批复): "
        "build the zones, check the stated figures, draw maps and figures, export GIS files.",
    ),
    "commands": ("命令", "commands"),
    "more": (
        "各命令的说明与示例：python -m geo 命令 --help。English: --lang en。\n"
        "未指定 --lang 时，屏幕上的文字随系统区域设置（LANG 等以 en 开头为英文，否则为中文）；"
        "写出的文件默认用中文。",
        "Each command's options and examples: python -m geo COMMAND --help. 中文：--lang zh.\n"
        "Without --lang, what is printed follows the locale (English where LANG & c. start with en, "
        "else Chinese); files are written in Chinese unless --lang en.",
    ),
    "examples": ("示例：", "examples:"),
    "usage": ("用法：", "usage: "),
    "positionals": ("位置参数", "positional arguments"),
    "options": ("选项", "options"),
    "-h": ("显示此帮助并退出", "show this help message and exit"),
    "approvals": (
        "批复文件夹，或包含多个批复文件夹的文件夹（如 data），或表格文件本身（如 附表1.xlsx）",
        "approval folder(s), or a folder of them such as data, or the table files themselves (附表1.xlsx)",
    ),
    "check --json": ("输出 JSON 数组，每个保护区一个对象", "print a JSON array, one object per zone"),
    "check --csv": (
        "以 CSV 输出核对表（与导出的报表相同），可直接存为表格",
        "print the zone check as CSV (the export's report) for a spreadsheet",
    ),
    "--strict": (
        "有面积或周长不一致时退出码为 1；有划定方案无法解读时为 2",
        "exit 1 when any stated figure is a mismatch, 2 when any 划定方案 could not be read",
    ),
    "--lang": (
        "语言：zh 中文或 en 英文（默认随区域设置，见 python -m geo --help）",
        "language: zh Chinese or en English (default: the locale's, see python -m geo --help)",
    ),
    "geojson -o": ("要写出的 GeoJSON 文件", "the GeoJSON file to write"),
    "zones -o": (
        "要写出的 .geojson 文件，或 .parquet（GeoParquet；水源井写在旁边的 <名>-wells.parquet）",
        "the .geojson file to write, or .parquet (GeoParquet; the wells beside it in <name>-wells.parquet)",
    ),
    "build paths": (
        "批复文件夹、其上级文件夹或表格文件（默认 data）",
        "approval folder(s), a folder of them, or table files (default: data)",
    ),
    "build -o": ("地图文件夹（默认 maps）", "folder for the maps (default: maps)"),
    "--offline": (
        "不发出任何网络请求：底图只用 --tiles 给出的瓦片",
        "make no network request: base tiles only from --tiles",
    ),
    "--tiles": (
        "底图瓦片：URL 模板，如 http://tiles.local/{z}/{x}/{y}.png（内网服务器或 WMTS，"
        "也可用 {TileMatrix}/{TileRow}/{TileCol}），或地图旁的瓦片文件夹 tiles/{z}/{x}/{y}.png",
        "base tiles: a URL template such as http://tiles.local/{z}/{x}/{y}.png (an intranet server or "
        "WMTS node, {TileMatrix}/{TileRow}/{TileCol} too) or a folder beside the maps, tiles/{z}/{x}/{y}.png",
    ),
    "build --basemap": (
        "本单位的图层（乡镇界、道路、河流：.zip/.shp、.gpkg、.geojson、.kml），画在每张图上；多个文件重复此选项",
        "one of the office's own layers (townships, roads, rivers: .zip/.shp, .gpkg, .geojson, .kml) drawn on "
        "every map; repeat the option for more files",
    ),
    "build --projects": (
        "要显示的建设项目文件或文件夹（默认：每个 PATH 下的 projects 文件夹，如 data/projects）",
        "project files or folders to show (default: the projects folder of each PATH, such as data/projects)",
    ),
    "--projects": ("建设项目文件或文件夹（可重复）", "project files or folders (repeatable)"),
    "--epsg": (
        "顶点坐标表的坐标系 EPSG 代码，东坐标不带带号时需要（如 4546）",
        "CRS of vertex lists whose eastings lack the zone number (such as 4546)",
    ),
    "projects paths": (
        "建设项目文件（.csv .geojson .kml .kmz .gpkg .zip .dxf）或文件夹",
        "project files (.csv .geojson .kml .kmz .gpkg .zip .dxf) or folders",
    ),
    "--near": ("同时列出距保护区不超过此距离（米）的项目", "also list projects within this distance of a zone"),
    "conflicts --json": (
        "输出 JSON 数组，每个项目与保护区一个对象",
        "print a JSON array, one object per project and zone",
    ),
    "export -o": (
        "FILE.gpkg、.parquet、.geojson、.kml、.csv 或 .xlsx",
        "FILE.gpkg, .parquet, .geojson, .kml, .csv or .xlsx",
    ),
    "figure -o": ("FILE.pdf 或 FILE.png", "FILE.pdf or FILE.png"),
    "--source": ("只画此水源（水源编码）", "only this source (水源编码)"),
    "--paper": ("纸张大小（默认 A4）", "paper size (default A4)"),
    "--orient": ("方向：portrait 纵向（默认）或 landscape 横向", "portrait (default) or landscape"),
    "--unit": ("图上注明的制图单位", "the producing unit (制图单位) printed on the figure"),
    "--date": ("图上注明的日期（默认今天）", "the date printed on the figure (default today)"),
    "figure --basemap": ("画在保护区下面的本单位图层（可重复）", "an office layer drawn under the zones (repeatable)"),
    "distance": (
        "应为 0 到 100000 之间的距离（米），而不是 {value!r}",
        "expected a distance in metres from 0 to 100000, got {value!r}",
    ),
}

#: argparse's own error messages, as patterns, and their Chinese.
_ERRORS_ZH = (
    (r"the following arguments are required: (.*)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"one of the arguments (.*) is required", r"参数 \1 必须给出其中之一"),
    (r"argument (\S+): not allowed with argument (.*)", r"参数 \1 不能与 \2 同时使用"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", r"参数 \1：无效的选项 \2（可选：\3）"),
    (r"argument (\S+): expected one argument", r"参数 \1：需要一个值"),
    (r"argument (\S+): expected at least one argument", r"参数 \1：至少需要一个值"),
    (r"argument (\S+): invalid int value: (.*)", r"参数 \1：应为整数，而不是 \2"),
    (r"argument (\S+): invalid float value: (.*)", r"参数 \1：应为数字，而不是 \2"),
    (r"argument (\S+): (.*)", r"参数 \1：\2"),
)


def locale_lang(environ=None) -> str:
    """The language the locale asks for: "en" for an English locale, else "zh".

    Examples
    --------
    >>> locale_lang({"LANG": "en_US.UTF-8"}), locale_lang({"LANG": "zh_CN.UTF-8"}), locale_lang({"LANG": "C.UTF-8"})
    ('en', 'zh', 'zh')
    >>> locale_lang({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_GB.UTF-8"})
    'zh'
    """
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def requested_lang(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` on the command line, if it is one of :data:`LANGS`, else None.

    Examples
    --------
    >>> requested_lang(["check", "data", "--lang", "en"]), requested_lang(["--lang=zh"]), requested_lang(["data"])
    ('en', 'zh', None)
    """
    argv = list(argv)
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = (
            arg.split("=", 1)[1]
            if arg.startswith("--lang=")
            else argv[i + 1]
            if arg == "--lang" and i + 1 < len(argv)
            else None
        )
        if value in LANGS:
            return value
    return None


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns (CJK characters count two), broken at spaces or between CJK characters."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, size = "", 0
        for token in re.findall(r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]|\S+|\s+", paragraph):
            w = _width(token)
            if token.isspace():
                if line and size + w <= width:
                    line, size = line + token, size + w
                continue
            if line and size + w > width:
                lines.append(line.rstrip())
                line, size = "", 0
            line, size = line + token, size + w
        lines.append(line.rstrip())
    return lines


def _formatter(lang: str):
    class Formatter(argparse.RawDescriptionHelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=None):
            super().add_usage(usage, actions, groups, HELP["usage"][LANGS.index(lang)] if prefix is None else prefix)

        def _split_lines(self, text, width):
            return _wrap(text, width)

    return Formatter


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks ``lang``: its sections, usage and errors too."""

    def __init__(self, *args, lang: str = "zh", **kwargs):
        kwargs.setdefault("formatter_class", _formatter(lang))
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.lang = lang
        self._positionals.title = _text("positionals", lang)
        self._optionals.title = _text("options", lang)
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=_text("-h", lang))

    def error(self, message: str):
        if self.lang == "zh":
            for pattern, replacement in _ERRORS_ZH:
                if re.fullmatch(pattern, message):
                    message = re.sub(pattern, replacement, message)
                    break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {'错误' if self.lang == 'zh' else 'error'}: {message}\n")


def _text(key: str, lang: str) -> str:
    return HELP[key][LANGS.index(lang)]


def _examples(command: str, lang: str) -> str:
    return f"{_text('examples', lang)}\n" + "\n".join(f"  {line}" for line in COMMANDS[command][2])


def build_parser(lang: str = "zh") -> argparse.ArgumentParser:
    """The parser of ``python -m geo``, its help in ``lang``.

    ``--lang`` is None when not given (the caller then takes the locale's
    language for what is printed, and Chinese for files).

    Examples
    --------
    >>> args = build_parser("zh").parse_args(["check", "data", "--csv"])
    >>> args.command, args.paths, args.csv, args.lang
    ('check', ['data'], True, None)
    """
    t = lambda key: _text(key, lang)  # noqa: E731 - the one-word lookup every help line uses
    k = LANGS.index(lang)
    every = "\n".join(f"  {line}" for c in ("check", "build", "export") for line in COMMANDS[c][2][:1])
    parser = Parser(
        prog="python -m geo",
        description=t("description"),
        epilog=f"{t('examples')}\n{every}\n\n{t('more')}",
        lang=lang,
    )
    # Also before the command (python -m geo --lang en --help); the command's own --lang wins.
    parser.add_argument("--lang", dest="top_lang", choices=LANGS, default=None, help=t("--lang"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", title=t("commands"))

    def command(name: str) -> Parser:
        return sub.add_parser(
            name,
            help=COMMANDS[name][k],
            description=COMMANDS[name][k],
            epilog=_examples(name, lang),
            lang=lang,
        )

    def languages(p) -> None:
        p.add_argument("--lang", choices=LANGS, default=None, help=t("--lang"))

    def projects_options(p, help_key: str, required: bool = False) -> None:
        p.add_argument(
            "--projects", action="extend", nargs="+", default=[], required=required, metavar="FILE", help=t(help_key)
        )
        p.add_argument("--epsg", type=int, metavar="CODE", help=t("--epsg"))

    def distance(text: str) -> float:
        """A --near distance: a finite number of metres, zero or more."""
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and 0 <= value <= 100_000):
            raise argparse.ArgumentTypeError(t("distance").format(value=text))
        return value

    check = command("check")
    check.add_argument("paths", nargs="+", metavar="PATH", help=t("approvals"))
    shown = check.add_mutually_exclusive_group()
    shown.add_argument("--json", action="store_true", help=t("check --json"))
    shown.add_argument("--csv", action="store_true", help=t("check --csv"))
    check.add_argument("--strict", action="store_true", help=t("--strict"))
    languages(check)

    zones = command("zones")
    zones.add_argument("paths", nargs="+", metavar="PATH", help=t("approvals"))
    zones.add_argument("-o", "--output", required=True, metavar="FILE.geojson|.parquet", help=t("zones -o"))
    languages(zones)

    build = command("build")
    build.add_argument("paths", nargs="*", metavar="PATH", help=t("build paths"))
    build.add_argument("-o", "--output", default="maps", metavar="OUTDIR", help=t("build -o"))
    build.add_argument("--offline", action="store_true", help=t("--offline"))
    build.add_argument("--tiles", metavar="URL", help=t("--tiles"))
    build.add_argument("--basemap", action="append", default=[], metavar="FILE", help=t("build --basemap"))
    projects_options(build, "build --projects")
    languages(build)

    projects = command("projects")
    projects.add_argument("paths", nargs="+", metavar="PATH", help=t("projects paths"))
    projects.add_argument("-o", "--output", required=True, metavar="FILE.geojson", help=t("geojson -o"))
    projects.add_argument("--epsg", type=int, metavar="CODE", help=t("--epsg"))
    languages(projects)

    conflicts = command("conflicts")
    conflicts.add_argument("paths", nargs="*", metavar="ZONES_PATH", help=t("approvals"))
    projects_options(conflicts, "--projects", required=True)
    conflicts.add_argument("--near", type=distance, metavar="METRES", help=t("--near"))
    conflicts.add_argument("--json", action="store_true", help=t("conflicts --json"))
    languages(conflicts)

    export = command("export")
    export.add_argument("paths", nargs="*", metavar="PATH", help=t("approvals"))
    projects_options(export, "--projects")
    export.add_argument("--near", type=distance, metavar="METRES", help=t("--near"))
    export.add_argument("-o", "--output", required=True, metavar="FILE", help=t("export -o"))
    languages(export)

    fig = command("figure")
    fig.add_argument("paths", nargs="+", metavar="PATH", help=t("approvals"))
    fig.add_argument("-o", "--output", required=True, metavar="FILE", help=t("figure -o"))
    fig.add_argument("--source", metavar="CODE", help=t("--source"))
    fig.add_argument("--paper", choices=("A4", "A3"), default="A4", help=t("--paper"))
    fig.add_argument("--orient", choices=("portrait", "landscape"), default="portrait", help=t("--orient"))
    fig.add_argument("--unit", default="", metavar="TEXT", help=t("--unit"))
    fig.add_argument("--date", metavar="YYYY-MM-DD", help=t("--date"))
    fig.add_argument("--basemap", action="append", default=[], metavar="FILE", help=t("figure --basemap"))
    languages(fig)
    return parser
