"""Columns, levels, parts and units: the vocabulary of approval tables, as data.

Each table maps a canonical name to the headers (or words) approvals use for
it.  A new province's header, level name or unit is one more entry here; the
readers in :mod:`geo.sheets`, :mod:`geo.cells` and :mod:`geo.tables` walk
these tables and hold no spelling of their own.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = [
    "APPROVAL_COLUMNS",
    "AREA_UNITS",
    "CORNER_COLUMNS",
    "CORNER_CRS",
    "LENGTH_UNITS",
    "LEVELS",
    "OTHER_LEVELS",
    "PARTS",
    "REQUIRED",
    "TABLES",
    "WELL_COLUMNS",
    "ZONE_COLUMNS",
]

#: Canonical column name → accepted headers (besides the canonical name itself).
#: Headers are compared after NFKC folding, without spaces, case-blind; a
#: bracketed unit after a header ("经度(°)", "面积（公顷）") is read separately.
WELL_COLUMNS = {
    "doc_no": ("批复文号", "文号", "批复文件", "批复文件号", "批准文号", "批复号", "划分批复文号"),
    "county": (
        "县区",
        "县（市、区）",
        "县(市、区)",
        "县",
        "县（区）",
        "所在县区",
        "行政区",
        "区县",
        "县市区",
        "所属县区",
        "所在县",
        "所属县",
        "所在县（市、区）",
        "所属县（市、区）",
        "县（市）",
    ),
    "source_name": ("水源名称", "水源地名称", "水源地", "饮用水水源名称", "水源"),
    "source_code": ("水源编码", "水源地编码", "水源编号", "编码", "水源代码", "水源地代码", "水源地编号"),
    "well_count": ("水源井数量（眼）", "水源井数量", "井数", "井数量"),
    "well_no": ("水源井编号", "井号", "井编号", "取水井编号", "取水口编号"),
    "location": (
        "位置",
        "地点",
        "所在位置",
        "取水口位置",
        "取水井位置",
        "水源井位置",
        "水源地位置",
        "井位置",
        "详细位置",
        "具体位置",
    ),
    "source_type": ("水源类型", "类型"),
    "depth_m": ("井深（m）", "井深"),
    "aquifer": ("含水层类型", "含水层"),
    "lon": (
        "经度",
        "东经",
        "经度（e）",
        "e",
        "longitude",
        "取水口经度",
        "取水井经度",
        "水源井经度",
        "井口经度",
        "经度坐标",
    ),
    "lat": (
        "纬度",
        "北纬",
        "纬度（n）",
        "n",
        "latitude",
        "取水口纬度",
        "取水井纬度",
        "水源井纬度",
        "井口纬度",
        "纬度坐标",
    ),
    # Both coordinates in one cell ("111°42′11.58″, 38°23′30.36″"), where no column holds each alone.
    "lonlat": (
        "经纬度",
        "经纬度坐标",
        "地理坐标",
        "坐标",
        "坐标位置",
        "位置坐标",
        "井位坐标",
        "井口坐标",
        "取水口坐标",
        "取水井坐标",
        "水源井坐标",
        "中心坐标",
        "中心点坐标",
        "gps坐标",
        "经度、纬度",
        "经度,纬度",
        "经度/纬度",
        "lon/lat",
        "lonlat",
        "coordinates",
    ),
    # Wells printed in Gauss–Krüger metres instead of degrees (X northing, Y easting), with their system.
    "x": ("x坐标", "纵坐标", "北坐标", "纵坐标x", "北坐标x", "x(北)", "x（m）"),
    "y": ("y坐标", "横坐标", "东坐标", "横坐标y", "东坐标y", "y(东)", "y（m）"),
    "crs": ("坐标系", "坐标系统", "坐标系名称"),
    "design_supply": ("设计供水量（万m3/年）", "设计供水量", "设计取水量"),
    "actual_supply": ("实际供水量（万m3/年）", "实际供水量", "实际取水量"),
    "source_file": ("来源文件",),
    "source_lines": ("来源行",),
    "note": ("备注", "说明"),
}
ZONE_COLUMNS = {
    "doc_no": WELL_COLUMNS["doc_no"],
    "source_code": WELL_COLUMNS["source_code"],
    "source_name": ("水源名称", "水源地名称", "饮用水水源名称"),  # for sources known only by corner points
    "level": ("保护区级别", "级别", "保护区", "保护区类别", "保护区类型", "保护级别", "保护区等级", "保护区名称"),
    "part": ("分区", "水域/陆域", "水陆域", "区域", "区域类型", "部分", "范围类型"),
    "stated_area": ("保护区面积", "面积", "划定面积"),
    "stated_perimeter": ("保护区周长", "周长", "边界长度"),
    "rule": (
        "划定方案",
        "划分方案",
        "保护区范围",
        "范围",
        "划定范围",
        "划分范围",
        "范围描述",
        "边界描述",
        "保护范围",
        "保护区范围描述",
        "区域范围",
        "保护区划分方案",
        "保护区划定方案",
        "划定方案（范围）",
    ),
    "corners": ("拐点坐标", "边界拐点坐标", "保护区拐点坐标", "拐点坐标（经纬度）"),
    # A radius alone, where a register gives no 划定方案 words: drawn around every well of the source.
    "radius": ("半径", "保护半径", "保护区半径", "划定半径", "划分半径", "半径距离"),
    "source_file": ("来源文件",),
    "source_lines": ("来源行",),
    "note": ("备注", "说明"),
}
APPROVAL_COLUMNS = {
    "doc_no": WELL_COLUMNS["doc_no"],
    "title": ("标题", "文件名称"),
    "issuer": ("发文机关",),
    "addressee": ("主送",),
    "request": ("请示文号",),
    "date": ("日期", "成文日期", "批复日期"),
    "county": ("县区",),
    "bulletin": ("公报",),
    "source_file": ("来源文件",),
    "source_lines": ("来源行",),
    "note": ("备注",),
}
#: The corner-point table (拐点坐标表): one row per point.
CORNER_COLUMNS = {
    "doc_no": WELL_COLUMNS["doc_no"],
    "source_code": WELL_COLUMNS["source_code"],
    "source_name": ZONE_COLUMNS["source_name"],
    "level": ZONE_COLUMNS["level"],
    "part": ZONE_COLUMNS["part"],
    "ring": ("环", "圈", "环号", "块", "地块", "范围号", "ring"),
    "point_no": ("点号", "拐点编号", "拐点号", "界桩号", "序号", "编号", "point"),
    "lon": WELL_COLUMNS["lon"],
    "lat": WELL_COLUMNS["lat"],
    "lonlat": WELL_COLUMNS["lonlat"],
    "x": ("x坐标", "纵坐标", "北坐标", "纵坐标x", "北坐标x", "x(北)", "x（m）", "north", "northing"),
    "y": ("y坐标", "横坐标", "东坐标", "横坐标y", "东坐标y", "y(东)", "y（m）", "east", "easting"),
    "crs": ("坐标系", "坐标系统", "坐标系名称", "crs", "epsg"),
    "note": ("备注",),
}
#: Columns each table must have; a corner table needs lon/lat or x/y (checked by the reader).
REQUIRED = {
    "wells": (),  # lon/lat or x/y, and a source_code or a source_name (checked by the reader)
    "zones": ("level",),  # likewise
    "approval": ("doc_no",),
    "corners": ("level",),  # and a source_code or source_name, and lon/lat or x/y
}
TABLES = {"wells": WELL_COLUMNS, "zones": ZONE_COLUMNS, "approval": APPROVAL_COLUMNS, "corners": CORNER_COLUMNS}

#: The levels of the law (《水污染防治法》2017年修正, 第六十三条), in the order they nest,
#: with the spellings accepted for each.
LEVELS = {
    "一级": ("一级", "一级保护区", "一级区", "1级", "一", "i级", "ⅰ级", "level1", "first"),
    "二级": ("二级", "二级保护区", "二级区", "2级", "二", "ii级", "ⅱ级", "level2", "second"),
    "准保护区": ("准保护区", "准", "准级", "准级保护区", "准保护", "quasi", "buffer"),
}
#: Zones approvals draw besides the three of the law: kept, drawn and checked
#: under their own name; no article of the law is attached to them.
OTHER_LEVELS = {
    "三级": ("三级", "三级保护区", "3级"),
    "监控区": ("监控区", "监测区", "监控范围"),
    "缓冲区": ("缓冲区", "缓冲带"),
    "过渡区": ("过渡区",),
    "控制区": ("控制区", "控制范围"),
    "补给区": ("补给区", "补给保护区"),
    "涵养区": ("涵养区", "水源涵养区"),
}
#: Parts of a level (水域 and 陆域 of surface-water sources): canonical → spellings.
PARTS = {
    "水域": ("水域", "水域部分", "水域范围", "water"),
    "陆域": ("陆域", "陆域部分", "陆域范围", "land"),
}

#: Area units → square metres per unit.  亩 is 1/15 公顷 (666.67 m²).
AREA_UNITS = {
    "km²": Decimal(1_000_000),
    "km2": Decimal(1_000_000),
    "平方公里": Decimal(1_000_000),
    "平方千米": Decimal(1_000_000),
    "公顷": Decimal(10_000),
    "ha": Decimal(10_000),
    "hm²": Decimal(10_000),
    "hm2": Decimal(10_000),
    "亩": Decimal(10_000) / Decimal(15),
    "m²": Decimal(1),
    "m2": Decimal(1),
    "平方米": Decimal(1),
    "平米": Decimal(1),
    "万m²": Decimal(10_000),
    "万m2": Decimal(10_000),
    "万平方米": Decimal(10_000),
    "万平米": Decimal(10_000),
}
#: Length units → metres per unit.
LENGTH_UNITS = {"m": Decimal(1), "米": Decimal(1), "km": Decimal(1000), "千米": Decimal(1000), "公里": Decimal(1000)}

#: Coordinate systems of corner tables: words → (geographic EPSG, name, accurate).
#: 1980西安 and 北京54 positions need the office's own conversion parameters;
#: without them pyproj moves no datum (see geo.corners for what that costs).
CORNER_CRS = {
    "cgcs2000": (4490, "CGCS2000", True),
    "2000国家大地坐标系": (4490, "CGCS2000", True),
    "2000坐标系": (4490, "CGCS2000", True),
    "国家2000": (4490, "CGCS2000", True),
    "wgs84": (4326, "WGS 84", True),
    "1980西安坐标系": (4610, "1980西安", False),
    "1980西安": (4610, "1980西安", False),
    "西安80": (4610, "1980西安", False),
    "西安1980": (4610, "1980西安", False),
    "xian1980": (4610, "1980西安", False),
    "1954北京坐标系": (4214, "北京54", False),
    "北京54": (4214, "北京54", False),
    "北京1954": (4214, "北京54", False),
    "beijing1954": (4214, "北京54", False),
}
