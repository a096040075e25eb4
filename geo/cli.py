"""The command line: ``python -m geo check | zones | build | projects | conflicts | export``.

Exit status: 0 when the input was read (whatever the statuses), 1 with
``--strict`` when a stated figure is a mismatch, 2 when the input is invalid
(every problem listed, file by file, with no traceback).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from geo.cells import inert
from geo.errors import GeoError, InputError

__all__ = ["EXIT_INTERRUPTED", "EXIT_INVALID", "EXIT_MISMATCH", "EXIT_OK", "main"]

EXIT_OK, EXIT_MISMATCH, EXIT_INVALID = 0, 1, 2
#: Interrupted by Ctrl-C, as shells report a SIGINT.
EXIT_INTERRUPTED = 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Warnings about suspicious input (a rule the grammar cannot read, corner
    points far from their wells, 1980西安 coordinates …) are printed to
    standard error after the output, one a line.
    """
    import warnings

    from geo.errors import SuspiciousInputWarning

    for stream in (sys.stdout, sys.stderr):
        # A console that is not UTF-8 (GBK on Windows) shows what it cannot print as escapes, never fails.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    from geo.arguments import build_parser, locale_lang, requested_lang

    argv = sys.argv[1:] if argv is None else list(argv)
    said = requested_lang(argv)
    args = build_parser(said or locale_lang()).parse_args(argv)
    # What is printed follows --lang, else the locale; what is written to files, --lang, else Chinese.
    chosen = args.lang or args.top_lang
    zh = args.zh = (chosen or locale_lang()) == "zh"
    args.lang = ("zh" if zh else "en") if args.command == "check" else (chosen or "zh")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SuspiciousInputWarning)
        try:
            _paths_after_projects(args)
            _check_outputs(args)
            status = _COMMANDS[args.command](args)
        except InputError as exc:
            print(inert(f"{'错误' if zh else 'error'}: {exc.report('zh' if zh else 'en')}"), file=sys.stderr)
            status = EXIT_INVALID
        except GeoError as exc:
            from geo.messages import error_text

            print(inert(error_text(exc, "zh" if zh else "en")), file=sys.stderr)
            status = EXIT_INVALID
        except KeyboardInterrupt:
            if getattr(args, "output_begun", False):  # geo check writes as it checks: what it printed is a part
                said_zh, said_en = (
                    "中断：已输出的结果不完整，未写入任何文件。",
                    "interrupted: the output so far is incomplete; no file was written.",
                )
            else:
                said_zh, said_en = "中断：未写入任何文件。", "interrupted: nothing was written."
            print(said_zh if zh else said_en, file=sys.stderr)
            return EXIT_INTERRUPTED
        except BrokenPipeError:
            # The reader of our output went away (check --json | head): stop quietly.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_OK
        except OSError as exc:
            where = exc.filename or ""
            print(inert(f"{'错误' if zh else 'error'}: {where}: {exc.strerror or exc}"), file=sys.stderr)
            status = EXIT_INVALID
        except (MemoryError, RecursionError, ArithmeticError, ValueError, TypeError, LookupError) as exc:
            # A case no check foresaw: one line, not a traceback; it is a bug to report.
            print(
                inert(
                    f"error: the input could not be processed ({type(exc).__name__}: {exc}); please report this case"
                ),
                file=sys.stderr,
            )
            status = EXIT_INVALID
    shown = [w.message for w in caught if issubclass(w.category, SuspiciousInputWarning)]
    for message in dict.fromkeys(getattr(m, "zh", str(m)) if zh else str(m) for m in shown):
        print(inert(f"{'警告' if zh else 'warning'}: {message}"), file=sys.stderr)
    return status


def _paths_after_projects(args) -> None:
    """Give back the approval folders ``--projects`` took: ``conflicts --projects f.csv data`` reads ``data``.

    ``--projects`` takes one or more files, so argparse hands it every path
    that follows; when no PATH is left, the approval folders at the end of its
    list (a folder of approval tables, or a folder of such folders) are the PATHs.
    """
    if not hasattr(args, "projects") or args.paths:
        return
    from geo.tables import holds_approvals

    moved: list[str] = []
    while args.projects and holds_approvals(args.projects[-1]):
        moved.insert(0, args.projects.pop())
    args.paths = moved
    if args.command in ("conflicts", "export") and not args.paths:
        raise GeoError(
            f"{args.command}: expected approval folder(s) (PATH), before --projects or after its files, got none"
        )
    if args.command == "conflicts" and not args.projects:
        raise GeoError("--projects: expected at least one project file or folder besides the approval folders")


def _check_outputs(args) -> None:
    """Refuse, before any work, an output that would destroy what the user did not name."""
    target = getattr(args, "output", None)
    if target is None:
        return
    if not str(target).strip():
        raise GeoError("-o: expected a file or folder name, got ''")
    path = Path(target)
    folder = args.command == "build"
    if path.exists() and folder and not path.is_dir():
        raise GeoError(f"-o {target}: expected a folder for the maps, found a file")
    if path.exists() and not folder and not path.is_file():
        kind = "a folder" if path.is_dir() else "a device or other special file"
        raise GeoError(f"-o {target}: expected a file to write, found {kind}")
    inputs = _input_files([*getattr(args, "paths", []), *getattr(args, "projects", [])])
    for out in [path, *_beside(path)]:
        if out.exists() and out.resolve() in inputs:
            raise GeoError(f"-o {target}: expected a new output file, but {out} is one of the input tables")
    if args.command == "projects" and path.suffix.lower() != ".geojson":
        raise GeoError(
            f"-o {target}: expected a .geojson file (python -m geo export writes .gpkg, .parquet, .kml, .csv, .xlsx)"
        )
    if args.command == "zones" and path.suffix.lower() not in (".geojson", ".parquet"):
        raise GeoError(
            f"-o {target}: expected a .geojson or .parquet file (python -m geo export writes .gpkg, .kml, .csv, .xlsx)"
        )
    if not folder and not path.parent.is_dir() and path.parent.exists():
        raise GeoError(f"-o {target}: expected its folder {path.parent} to be a folder")


def _beside(path: Path) -> list[Path]:
    """The files an export writes beside the one named: ``<name>-conflicts.csv``, ``<name>-wells.parquet`` …"""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [path.with_name(f"{path.stem}-conflicts.csv")]
    if suffix == ".parquet":
        return [path.with_name(f"{path.stem}-{name}.parquet") for name in ("wells", "projects", "conflicts")]
    return []


def _input_files(paths) -> set[Path]:
    """Every file the given input paths name or hold (two folder levels deep), resolved."""
    found: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            found.add(path.resolve())
        elif path.is_dir():
            for child in [*path.glob("*"), *path.glob("*/*")]:
                if child.is_file():
                    found.add(child.resolve())
    return found


def _load(paths):
    from geo.tables import read_approvals
    from geo.validation import checked_zones
    from geo.zones import build_zones, wells_frame

    approvals = read_approvals(*paths)
    return approvals, checked_zones(build_zones(approvals)), wells_frame(approvals)


def _check(args) -> int:
    from geo.checkprint import block_text, write_check
    from geo.registercheck import iter_checked_register
    from geo.tables import read_approvals

    # Built and checked block by block, the polygons dropped, each block made into its text where it was checked
    # and written as it comes: a million wells' check holds no million polygons, nor a million zones' notes.
    form = "json" if args.json else "csv" if args.csv else "table"
    blocks = iter_checked_register(read_approvals(*args.paths), then=block_text(form, args.lang))
    tally = write_check(blocks, form, args.lang, _Noting(sys.stdout, args))
    args.output_begun = False
    if args.strict and tally.unread:
        # --strict accepts no rule that was not read: each is an input problem.
        from geo.errors import InputError, Problem

        raise InputError(
            [
                Problem(file, row, "划定方案", rule, "a 划定方案 the rule grammar reads (--strict)")
                for _, file, row, rule in tally.unread
            ]
        )
    return EXIT_MISMATCH if args.strict and tally.mismatches else EXIT_OK


def _zones(args) -> int:
    from geo.exports import zone_block
    from geo.files import write_zone_blocks_geojson
    from geo.registercheck import iter_checked_zones
    from geo.tables import read_approvals
    from geo.zones import wells_frame

    # Built, checked and made into the file's form a block of sources at a time, in worker processes where the
    # machine has them (geo.registercheck): a province's register is never held as polygons.
    approvals = read_approvals(*args.paths)
    wells = wells_frame(approvals)
    suffix = Path(args.output).suffix.lower()
    blocks = iter_checked_zones(approvals, then=zone_block(suffix))
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        from geo.exports import export_blocks

        written = export_blocks(args.output, blocks, wells)
        count = pq.read_metadata(written[0]).num_rows
        path = ("、" if args.zh else ", ").join(str(p) for p in written)
    else:
        path, count = write_zone_blocks_geojson(args.output, blocks, wells)
    print(
        f"已写出 {path}：{count} 个保护区，{len(wells)} 眼水源井"
        if args.zh
        else f"wrote {path}: {count} zones, {len(wells)} wells"
    )
    return EXIT_OK


def _load_projects(paths, epsg):
    from geo.projects import read_projects

    return read_projects(*paths, epsg=epsg)


def _build(args) -> int:
    from geo.maps import run_build

    # Without --projects, the projects folder of each approval folder given (data/projects for data).
    projects = args.projects or [
        str(Path(p) / "projects") for p in (args.paths or ["data"]) if (Path(p) / "projects").is_dir()
    ]
    return run_build(args, _load, lambda: _load_projects(projects, args.epsg) if projects else None)


def _projects(args) -> int:
    from geo.files import write_text_atomic
    from geo.projects import project_geojson

    projects = _load_projects(args.paths, args.epsg)
    write_text_atomic(args.output, project_geojson(projects))
    drawn = int(projects.geometry.notna().sum())
    print(
        f"已写出 {args.output}：{len(projects)} 个项目，{drawn} 个有坐标，{len(projects) - drawn} 个只有地名"
        if args.zh
        else f"wrote {args.output}: {len(projects)} projects, {drawn} with coordinates, {len(projects) - drawn} located by name only"
    )
    return EXIT_OK


def _conflicts(args) -> int:
    from geo.checkprint import json_value
    from geo.conflicts import find_conflicts

    _, zones, _ = _load(args.paths)
    projects = _load_projects(args.projects, args.epsg)
    found = find_conflicts(zones, projects, near_m=args.near)
    if args.json:
        records = [
            {k: json_value(v) for k, v in row.items() if k not in ("project_index", "zone_index")}
            for row in found.to_dict("records")
        ]
        print(json.dumps(records, ensure_ascii=False, indent=1))
        return EXIT_OK
    unlocated = int(projects.geometry.isna().sum())
    if not len(found):
        print(
            f"没有项目位于或接触保护区{f'（或在 {args.near:g} m 以内）' if args.near else ''}。共核对 {len(projects) - unlocated} 个有坐标的项目；{unlocated} 个项目只有地名，未参与判断。"
        )
        return EXIT_OK
    relation = {"inside": "位于", "intersects": "压占/接触", "near": "邻近"}
    for row in found.itertuples():
        where = f"{row.source_name}（{row.source_code}）{row.level}保护区"
        figures = f"重叠 {row.overlap_m2:,.1f} m²" if row.relation != "near" else f"距离 {row.distance_m:,.1f} m"
        law = "未进入保护区，不适用第六十四条至第六十七条" if row.relation == "near" else f"适用{row.law_article}"
        print(inert(f"{row.project}：{relation[row.relation]}{where}，{figures}。{law}。"))
    print(f"\n{len(found)} 条；{unlocated} 个项目只有地名，未参与判断。")
    return EXIT_OK


def _export(args) -> int:
    from geo.conflicts import find_conflicts
    from geo.exports import export

    if Path(args.output).suffix.lower() in (".gpkg", ".parquet"):
        # A GeoPackage or GeoParquet is written a block of sources at a time: a province's register is never held as polygons.
        from geo.exports import export_blocks, zone_block
        from geo.registercheck import iter_checked_zones
        from geo.tables import read_approvals
        from geo.zones import wells_frame

        approvals = read_approvals(*args.paths)
        projects = _load_projects(args.projects, args.epsg) if args.projects else None
        made = zone_block(Path(args.output).suffix, projects, args.near)  # in the workers that build the blocks
        blocks = iter_checked_zones(approvals, then=made)
        written = export_blocks(args.output, blocks, wells_frame(approvals), projects, args.near)
        for path in written:
            print(f"已写出 {path}" if args.zh else f"wrote {path}")
        return EXIT_OK
    approvals, zones, wells = _load(args.paths)
    projects = _load_projects(args.projects, args.epsg) if args.projects else None
    found = find_conflicts(zones, projects, near_m=args.near) if projects is not None else None
    for path in export(args.output, zones, wells, projects, found, lang=args.lang):
        print(f"已写出 {path}" if args.zh else f"wrote {path}")
    return EXIT_OK


def _figure(args) -> int:
    from geo.figure import figure
    from geo.geography import office_layers

    if args.date is not None:
        try:
            dt.date.fromisoformat(args.date)
        except ValueError:
            raise GeoError(f"--date: expected a date such as 2026-12-02, got {args.date!r}") from None
    approvals, zones, wells = _load(args.paths)
    out = figure(
        approvals,
        zones,
        wells,
        args.output,
        source=args.source,
        paper=args.paper,
        orient=args.orient,
        unit=args.unit,
        date=args.date,
        office=office_layers(args.basemap),
    )
    print(f"已写出 {out}" if args.zh else f"wrote {out}")
    return EXIT_OK


class _Noting:
    """Standard output that notes on ``args`` once something is written to it (for what Ctrl-C then says)."""

    def __init__(self, out, args) -> None:
        self.out, self.args = out, args

    def write(self, text: str) -> None:
        self.args.output_begun = True
        self.out.write(text)


_COMMANDS = {
    "check": _check,
    "zones": _zones,
    "build": _build,
    "projects": _projects,
    "conflicts": _conflicts,
    "export": _export,
    "figure": _figure,
}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
