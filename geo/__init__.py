"""Drinking-water source protection zones from approval tables.

The flow, one module per step::

    tables      approval folders (wells, zones) → frozen rows   read_approvals
    coordinates degrees-minutes-seconds, Gauss–Krüger frames     parse_dms
    rules       划定方案 words → Rule                             parse_rule
    zones       rows and rules → polygons (GeoDataFrame)         build_zones
    validation  stated figures against the zones as built        check_zones
    projects    project footprints in officers' forms            read_projects
    conflicts   projects in or near zones, with the law          find_conflicts
    maps, exports, files, cli: the outputs

Examples
--------
>>> import geo
>>> approvals = geo.read_approvals("data")
>>> zones = geo.build_zones(approvals)
>>> check = geo.check_zones(zones)
>>> check["status"].value_counts().to_dict()
{'match': 24, 'not_derivable': 2, 'mismatch': 0, 'not_stated': 0}
>>> check.loc[check["status"] == "not_derivable", ["source_name", "level"]].values.tolist()
[['瓦窑村集中供水工程', '二级'], ['西合村集中供水水源', '准保护区']]
"""

from geo.errors import CoordinateError, GeoError, InputError, Problem, RuleError, SuspiciousInputWarning

# The rest is imported when first used (PEP 562), so `python -m geo --help` loads no GIS library.
_LAZY = {
    "find_conflicts": "geo.conflicts",
    "iter_conflicts": "geo.conflicts",
    "format_dms": "geo.coordinates",
    "gk_epsg": "geo.coordinates",
    "gk_zone": "geo.coordinates",
    "parse_dms": "geo.coordinates",
    "read_projects": "geo.projects",
    "Rule": "geo.rules",
    "parse_rule": "geo.rules",
    "Approval": "geo.records",
    "Well": "geo.records",
    "ZoneSpec": "geo.records",
    "read_approvals": "geo.tables",
    "check_zones": "geo.validation",
    "check_register": "geo.registercheck",
    "build_zones": "geo.zones",
    "circle_vertex_count": "geo.zones",
    "iter_zones": "geo.zones",
    "wells_frame": "geo.zones",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'geo' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


def export(zones, path, wells=None, projects=None, conflicts=None, lang: str = "zh"):
    """Write ``zones`` (and, when given, wells, projects, conflicts) to ``path``: .gpkg, .parquet, .geojson, .kml, .csv, .xlsx.

    The writers of ``python -m geo export``, with the same guarantees (written
    under a temporary name, renamed when complete).  The check's columns are
    added to ``zones`` when missing; returns the files written.

    Examples
    --------
    >>> import geo, tempfile, pathlib
    >>> zones = geo.build_zones(geo.read_approvals("data/lvzhenghan-2023-93"))
    >>> [p.name for p in geo.export(zones, pathlib.Path(tempfile.mkdtemp()) / "zones.kml")]
    ['zones.kml']
    """
    from geo.exports import export as write
    from geo.validation import CHECK_COLUMNS, checked_zones

    if not set(CHECK_COLUMNS) <= set(zones.columns):
        zones = checked_zones(zones)
    if projects is not None and conflicts is None:
        from geo.conflicts import find_conflicts

        conflicts = find_conflicts(zones, projects)
    return write(path, zones, wells, projects, conflicts, lang=lang)


def map(zones, wells, **options):  # noqa: A001 - geo.map, as the API reads; not in __all__, so `import *` keeps map()
    """The interactive map of ``zones`` and ``wells`` (folium; inline in Jupyter, ``.save()`` to a file).

    See :func:`geo.maps.interactive_map` for the options.
    """
    from geo.maps import interactive_map

    return interactive_map(zones, wells, **options)


__all__ = [
    "Approval",
    "CoordinateError",
    "GeoError",
    "InputError",
    "Problem",
    "Rule",
    "RuleError",
    "SuspiciousInputWarning",
    "Well",
    "ZoneSpec",
    "build_zones",
    "check_register",
    "check_zones",
    "export",
    "circle_vertex_count",
    "find_conflicts",
    "format_dms",
    "iter_conflicts",
    "iter_zones",
    "gk_epsg",
    "gk_zone",
    "parse_dms",
    "parse_rule",
    "read_approvals",
    "read_projects",
    "wells_frame",
]
