"""Messages: the Chinese of every input problem, as data.

Problems are raised with an English ``expected`` text (what the Python API
and its tests see); the command line shows them in Chinese by default.  Each
row of :data:`MESSAGES` is an English pattern and its Chinese, with the
pattern's named groups carried over; a message without a row is shown in
English.  A new message is one more row.
"""

from __future__ import annotations

import re

__all__ = ["MESSAGES", "error_text", "problem_text", "translate"]

#: (English pattern of an ``expected`` text or hint, its Chinese), tried in order; ``{name}`` takes a group.
MESSAGES: tuple[tuple[str, str], ...] = (
    # Coordinates.
    (
        r"a (?P<axis>longitude|latitude) in China, (?P<low>\S+) to (?P<high>\S+), such as (?P<ex>\S+)",
        "中国境内的{axis_zh}（{low}至{high}），如 {ex}",
    ),
    (r" \(longitude and latitude swapped\?\)", "（经度、纬度是否颠倒？）"),
    (
        r" \(degrees, minutes and seconds written together\? that would be (?P<dms>\S+)\)",
        "（是否把度分秒连写成了一个数？若是，应写作 {dms}）",
    ),
    (r"degrees-minutes-seconds such as (?P<ex>\S+) or decimal degrees", "度分秒（如 {ex}）或十进制度"),
    (r"a coordinate such as (?P<ex>\S+)", "坐标，如 {ex}"),
    (
        r"one coordinate per well named in (?P<col>.+) \((?P<n>\d+): (?P<wells>.+)\), one a line, not (?P<k>\d+)",
        "{col}所列每眼井一个坐标（{n} 眼：{wells}），每行一个，而不是 {k} 个",
    ),
    (
        r"a longitude and a latitude in one cell, such as (?P<lon>\S+), (?P<lat>\S+)",
        "同一格中的经度和纬度，如 {lon}, {lat}",
    ),
    (r"minutes below 60", "小于60的分"),
    (r"seconds below 60", "小于60的秒"),
    (r"minutes \(′\) before the seconds", "秒之前先写分（′）"),
    (r"whole minutes when seconds follow", "后面有秒时，分应为整数"),
    (r"whole degrees when minutes follow", "后面有分时，度应为整数"),
    (r"a finite number of degrees", "有限的度数"),
    (r"corner points as 'lon lat; lon lat; …'", "拐点坐标，格式为“经度 纬度; 经度 纬度; …”"),
    # Rules.
    (r"a 划定方案 such as (?P<ex>.+)", "划定方案，如 {ex}"),
    (r"a unit \(m, 米, km, 公里\) after the radius (?P<n>.+)", "半径 {n} 之后的单位（m、米、km、公里）"),
    (r"a radius above zero, not (?P<r>.+)", "大于零的半径，而不是 {r}"),
    (r"a radius of at most (?P<km>\d+) km, not (?P<r>.+)", "不超过 {km} km 的半径，而不是 {r}"),
    (
        r"the inner radius of a ring below its outer radius \((?P<a>.+) m to (?P<b>.+) m\)",
        "环形区域的内半径小于外半径（{a} m 至 {b} m）",
    ),
    (
        r"one radius per well named \((?P<n>\d+): (?P<wells>.+)\), not (?P<r>\d+) radii",
        "所列每眼井一个半径（{n} 眼：{wells}），而不是 {r} 个半径",
    ),
    (r"a radius for every well named, none for (?P<wells>.+)", "所列每眼井的半径，但 {wells} 没有给出半径"),
    (
        r"one radius for the other wells beside the exceptions, not (?P<r>\d+) radii",
        "除特别列出的井外，其余井共用一个半径，而不是 {r} 个",
    ),
    (
        r"one radius for every well or one per well \((?P<n>\d+) wells\), not (?P<r>\d+) radii",
        "所有井一个半径，或每眼井一个半径（{n} 眼井），而不是 {r} 个半径",
    ),
    (
        r"wells of this source \((?P<listed>.*)\); the rule names (?P<unknown>.+)",
        "本水源的井（{listed}）；划定方案提到的 {unknown} 不在其中",
    ),
    (
        r"a (?P<level>\S+) radius larger than the 一级 radius it removes \((?P<r1>.+) m at (?P<well>.+)\), not (?P<r>.+) m",
        "{level}半径大于其扣除的一级半径（{well}为 {r1} m），而不是 {r} m",
    ),
    (
        r"as many corner points as the rule states \((?P<n>\d+)\), but (?P<g>\d+) are given",
        "与划定方案所述相同数目的拐点（{n} 个），实际给出 {g} 个",
    ),
    (r"a 划定方案 the rule grammar reads \(--strict\)", "可解读的划定方案（--strict）"),
    (r"a 划定方案 of at most (?P<n>\d+) characters, found (?P<f>\d+)", "不超过 {n} 个字符的划定方案，实际 {f} 个"),
    # Cells.
    (r"a cell of at most (?P<n>\d+) characters, found (?P<f>\d+)", "不超过 {n} 个字符的单元格，实际 {f} 个"),
    (
        r"a sheet of at most (?P<r>\d+) rows and (?P<c>\d+) columns, but sheet (?P<t>.+) reaches row (?P<rr>\d+), column (?P<cc>\d+)",
        "不超过 {r} 行、{c} 列的工作表，但工作表 {t} 达到第 {rr} 行、第 {cc} 列",
    ),
    (r"an area above zero such as 0\.0028 \(km²\)", "大于零的面积，如 0.0028（km²）"),
    (r"a perimeter above zero such as 188\.4 \(m\)", "大于零的周长，如 188.4（m）"),
    (r"a radius above zero such as 30 \(m\)", "大于零的半径，如 30（m）"),
    (
        r"a zones table \(zones\.csv, \.xlsx or \.xls\) beside wells, or a level column or a column per level in this table",
        "与 wells 表并列的 zones 表（zones.csv、.xlsx 或 .xls），或在本表中列出保护区级别或各级保护区的列",
    ),
    (r"(?P<what>.+), in (?P<units>.+)", "{what_zh}，单位为 {units}"),
    (
        r" \(the figure in brackets, (?P<inside>.+), differs from (?P<before>.+) before them\)",
        "（括号中的 {inside} 与括号前的 {before} 换算后不一致）",
    ),
    (
        r" \(a comma inside a number: write a decimal point(?P<ex>.*), or group thousands as 1,234\.5\)",
        "（数字中有逗号：请写小数点{ex}，或按千位分组如 1,234.5）",
    ),
    (r"(?P<what>.+), of at most (?P<n>\d+) characters", "{what_zh}（不超过 {n} 个字符）"),
    (r"a depth in metres such as 120", "以米计的井深，如 120"),
    (r"a supply in 万m3/年 such as 4\.976", "以万m³/年计的供水量，如 4.976"),
    (r"a whole number of wells such as 2", "井数（整数），如 2"),
    (r"a 水源编码 \(source code\)", "水源编码"),
    (r"one level a row \(write a row for each level\)", "每行一个级别（每一级写一行）"),
    (
        r"a 保护区级别: (?P<names>.+) \(with 水域 or 陆域 where the level is split\)",
        "保护区级别：{names}（分水域、陆域时可带“水域”“陆域”）",
    ),
    (r"the part the level names, (?P<part>.+) \((?P<raw>.+)\)", "与级别所写一致的分区：{part}（{raw}）"),
    # Tables and sheets.
    (
        r"one (?P<stem>\w+) table per folder, found (?P<names>.+) \(remove one\)",
        "每个文件夹只有一张{stem}表，实际有 {names}（请删除其一）",
    ),
    (
        r"one (?P<stem>\w+) table per folder, found (?P<names>.+) \(each has the header of a \w+ table; name the one "
        r"to read .+\)",
        "每个文件夹只有一张{stem}表，实际有 {names}（表头都是{stem}表的表头；请把要读取的一张命名为 {stem}.csv、.xlsx 或 .xls）",
    ),
    (
        r"the header of one of an approval's tables \(wells: .+\)",
        "批复表格的表头（井表：经度、纬度或 X、Y 坐标列，及水源编码或水源名称列；保护区表：水源列，及保护区级别列或各级保护区的列；"
        "拐点坐标表：点号、级别、水源和坐标列；批复表：批复文号，及标题、发文机关或日期列）",
    ),
    (
        r"a rule that names its levels \(一级保护区：…；二级保护区：…\), as the table has no 保护区级别 column",
        "标明各级保护区的划定方案（一级保护区：…；二级保护区：…），因表中没有保护区级别列",
    ),
    (r"a header row naming the (?P<kind>\w+) columns, found an empty file", "列出{kind}表各列的表头，实际是空文件"),
    (r"a header row naming the (?P<kind>\w+) columns, found none", "列出{kind}表各列的表头，未找到"),
    (
        r"the required column\(s\) (?P<cols>.+?) \(accepted headers — (?P<acc>.+)\)(?P<rest>.*)",
        "必需的列 {cols}（可用的表头：{acc_zh}）{rest}",
    ),
    (r"each column once; (?P<other>.+) is the same column \((?P<c>.+)\)", "每列只出现一次；{other} 是同一列（{c}）"),
    (r"at most (?P<n>\d+) cells, as many as the header has", "最多 {n} 个单元格，与表头列数相同"),
    (r"a readable file \((?P<why>.+)\)", "可读取的文件（{why}）"),
    (r"well-formed CSV \((?P<why>.+)\)", "格式正确的 CSV（{why}）"),
    (
        r"a text file \(CSV in UTF-8 or GBK\), found binary data \(a NUL byte at offset (?P<n>\d+)\)",
        "文本文件（UTF-8 或 GBK 编码的 CSV），实际是二进制数据（第 {n} 字节为 NUL）",
    ),
    (
        r"one encoding throughout; the file is UTF-8 up to byte (?P<n>\d+) \(row (?P<row>\d+)\), where bytes (?P<b>.+) are not UTF-8 \(a row pasted from a GBK file\?\)",
        "全文件使用同一种编码；文件到第 {n} 字节（第 {row} 行）为 UTF-8，此处字节 {b} 不是 UTF-8（是否从 GBK 文件粘贴了一行？）",
    ),
    (
        r"text in UTF-8, UTF-8 with BOM or GBK/GB18030 \(byte (?P<n>\d+), row (?P<row>\d+), is neither\)",
        "UTF-8、带 BOM 的 UTF-8 或 GBK/GB18030 编码的文本（第 {n} 字节、第 {row} 行两者都不是）",
    ),
    (r"UTF-16 text throughout \(bytes at offset (?P<n>\d+) are not\)", "全文件为 UTF-16 文本（第 {n} 字节起不是）"),
    (r"an? (?P<kind>.+) that opens \((?P<why>.+)\)", "能打开的 {kind}（{why}）"),
    (
        r" \(from the merged cell (?P<span>\S+), which applies to every row it covers\)",
        "（来自合并单元格 {span}，其值适用于所覆盖的每一行）",
    ),
    (
        r"a folder of approval tables .+",
        "批复表格所在的文件夹（含 wells 和 zones 表，.csv、.xlsx、.xls 或 .ods），或这类文件夹的上级文件夹",
    ),
    (
        r"a table as \.csv, \.xlsx, \.xlsm, \.xls or \.ods \((?P<book>.+) is not a format read here; save it as \.xlsx or \.csv\)",
        "表格文件（.csv、.xlsx、.xlsm、.xls 或 .ods；{book_zh}不是本工具能读取的格式，请另存为 .xlsx 或 .csv）",
    ),
    # Sources, registers, zones.
    (
        r"each source \(批复文号, 水源编码\) in one folder only, but (?P<first>.+) also lists (?P<key>.+)",
        "每个水源（批复文号、水源编码）只在一个文件夹中，但 {first} 也列出了 {key}",
    ),
    (
        r"a 批复文号 for this row: the folder holds several approvals \((?P<docs>.+)\)",
        "本行的批复文号：该文件夹含多个批复（{docs}）",
    ),
    (
        r"each well once, but row (?P<row>\d+) already lists (?P<what>.+) of source (?P<code>.+)",
        "每眼井只列一次，但第 {row} 行已列出水源 {code} 的{what_zh}",
    ),
    (
        r"a (?P<what>水源编码|水源名称) listed in the wells table for (?P<doc>.+) \((?P<known>.*)\)",
        "井表中 {doc} 所列的{what}（{known_zh}）",
    ),
    (
        r"each zone once, but row (?P<row>\d+) gives the same (?P<what>.+) of (?P<code>.+)",
        "每个保护区只列一次，但第 {row} 行已给出 {code} 的同一{what}",
    ),
    (r"a zones row for these corner points \((?P<key>.+)\)", "这些拐点对应的保护区行（{key}）"),
    (r"at least 3 corner points, got (?P<n>\d+)", "至少 3 个拐点，实际 {n} 个"),
    (
        r"corner points within (?P<km>\S+) km of the source's wells; point (?P<p>.+) lies (?P<d>\S+) km away",
        "距本水源的井 {km} km 以内的拐点；拐点 {p} 相距 {d} km",
    ),
    (
        r"corner points that outline a simple polygon in 点号 order: (?P<edges>.+)",
        "按点号顺序连成的简单多边形：{edges_zh}",
    ),
    (
        r"the same 水源名称 for every well of source (?P<code>.+?), (?P<name>.+) \(row (?P<row>\d+)\)",
        "水源 {code} 的每眼井水源名称相同，即 {name}（第 {row} 行）",
    ),
    (r"the number of wells listed for source (?P<code>.+), (?P<n>\d+)", "与水源 {code} 所列井数一致：{n}"),
    (
        r"one 设计供水量 per source \(it is a figure of the source, printed once\), as row (?P<row>\d+) gives",
        "每个水源一个设计供水量（是水源的数字，只印一次），以第 {row} 行为准",
    ),
    (r"a 水源井编号 for each of the (?P<n>\d+) wells of source (?P<code>.+)", "水源 {code} 的 {n} 眼井各有水源井编号"),
    (
        r"a well within (?P<km>\S+) km of another well of source (?P<code>.+?); the nearest, row (?P<row>\d+), lies (?P<d>\S+) km away \(typing error\?\)",
        "与水源 {code} 的其他井相距 {km} km 以内；最近的第 {row} 行相距 {d} km（是否录入错误？）",
    ),
    # Corner tables.
    (
        r"a coordinate system: (?P<names>.+), or an EPSG code such as EPSG:4546",
        "坐标系：{names}，或 EPSG 代码，如 EPSG:4546",
    ),
    (r"an X \(northing\) in metres such as (?P<ex>\S+)", "以米计的 X（北坐标），如 {ex}"),
    (r"a Y \(easting\) in metres such as (?P<ex>.+)", "以米计的 Y（东坐标），如 {ex}"),
    (
        r"an X \(northing\) in China, 300000 to 6000000 m \(X and Y swapped\?\)",
        "中国境内的 X（北坐标），300000 至 6000000 m（X、Y 是否颠倒？）",
    ),
    (
        r"a Y with its zone number in front .+",
        "带带号的 Y（如 37560123.456），或在坐标系列写明带号（EPSG:4546）：没有本水源的井可确定带号",
    ),
    (r"an easting of 100000 to 900000 m within its zone", "带内东坐标 100000 至 900000 m"),
    (r"a Gauss–Krüger zone number, .+", "高斯–克吕格带号：25…45（3度带）或 13…23（6度带）"),
    (r"an X/Y within (?P<crs>.+)", "{crs} 范围内的 X/Y"),
    # GIS files (geo.gisfiles).
    (
        r"GeoJSON: an object whose type is FeatureCollection, Feature or a geometry",
        "GeoJSON：类型为 FeatureCollection、Feature 或几何体的对象",
    ),
    (r"GeoJSON: JSON text in UTF-8 \((?P<why>.+)\)", "GeoJSON：UTF-8 编码的 JSON 文本（{why}）"),
    (r"GeoJSON without (?P<n>\S+) \(JSON has no such number\)", "不含 {n} 的 GeoJSON（JSON 没有这种数）"),
    (
        r'GeoJSON: a "crs" of type "name" such as EPSG:4547 \(a linked CRS is not followed\)',
        "GeoJSON：类型为 name 的 crs，如 EPSG:4547（不跟随链接的坐标系）",
    ),
    (r"KML without NetworkLink \(linked documents are not fetched\)", "不含 NetworkLink 的 KML（不读取链接的文档）"),
    (
        r"KML without a DOCTYPE or entities \(external entities are not read\)",
        "不含 DOCTYPE 或实体的 KML（不读取外部实体）",
    ),
    (r"KML: a document whose root is <kml>, found (?P<root>.+)", "KML：根元素为 <kml> 的文档，实际为 {root}"),
    (r"KML: well-formed XML \((?P<why>.+)\)", "KML：格式正确的 XML（{why}）"),
    (r"a \.kmz holding a \.kml document", "含 .kml 文档的 .kmz"),
    (r"a \.kmz that is a zip archive \((?P<why>.+)\)", "zip 格式的 .kmz（{why}）"),
    (
        r"a GeoPackage \(an SQLite database\), found other content under a \.gpkg name",
        "GeoPackage（SQLite 数据库），实际是以 .gpkg 命名的其他内容",
    ),
    (r"a zip holding a shapefile \(\.shp\)", "含 shapefile（.shp）的 zip"),
    (r"a zip of at most (?P<n>\d+) shapefiles, found (?P<f>\d+)", "最多含 {n} 个 shapefile 的 zip，实际 {f} 个"),
    (
        r"a zip of shapefile parts \(\.shp \.shx \.dbf \.prj \.cpg\), found (?P<name>.+)",
        "只含 shapefile 组成文件（.shp .shx .dbf .prj .cpg）的 zip，实际含 {name}",
    ),
    (r"a zip archive \((?P<why>.+)\)", "zip 压缩文件（{why}）"),
    (r"a zipped shapefile of at most (?P<n>\d+) MB unpacked", "解压后不超过 {n} MB 的 shapefile 压缩包"),
    (
        r"a shapefile \(\.shp\) whose header is a shapefile's, in (?P<name>.+)",
        "文件头为 shapefile 格式的 .shp（{name}）",
    ),
    (r"a GIS file GDAL can read \((?P<why>.+)\)", "GDAL 能读取的 GIS 文件（{why}）"),
    (r"a GIS file of a known kind, not (?P<s>.+)", "已知类型的 GIS 文件，而不是 {s}"),
    (r"a project file of at most (?P<n>\d+) MB, found (?P<f>\d+) MB", "不超过 {n} MB 的项目文件，实际 {f} MB"),
    (r"a \.kml of at most (?P<n>\d+) MB inside the \.kmz", ".kmz 中不超过 {n} MB 的 .kml"),
    # Command-line outputs and options.
    (r"-o: expected a file or folder name, got ''", "-o：应为文件或文件夹名，实际为空"),
    (
        r"-o (?P<t>.+): expected a \.geojson file \(python -m geo export writes \.gpkg, \.parquet, \.kml, \.csv, \.xlsx\)",
        "-o {t}：应为 .geojson 文件（python -m geo export 可写 .gpkg、.parquet、.kml、.csv、.xlsx）",
    ),
    (
        r"-o (?P<t>.+): expected a \.geojson or \.parquet file \(python -m geo export writes \.gpkg, \.kml, \.csv, \.xlsx\)",
        "-o {t}：应为 .geojson 或 .parquet 文件（python -m geo export 可写 .gpkg、.kml、.csv、.xlsx）",
    ),
    (r"-o (?P<t>.+): expected a file to write, found a folder", "-o {t}：应为要写入的文件，实际是文件夹"),
    (
        r"-o (?P<t>.+): expected a file to write, found a device or other special file",
        "-o {t}：应为要写入的文件，实际是设备或其他特殊文件",
    ),
    (r"-o (?P<t>.+): expected a folder for the maps, found a file", "-o {t}：应为存放地图的文件夹，实际是文件"),
    (
        r"-o (?P<t>.+): expected a new output file, but (?P<f>.+) is one of the input tables",
        "-o {t}：应为新的输出文件，但 {f} 是输入表格之一",
    ),
    (r"-o (?P<t>.+): expected its folder (?P<f>.+) to be a folder", "-o {t}：其上级 {f} 应为文件夹"),
    (
        r"-o: expected a file ending in \.gpkg or \.parquet for zones written block by block, got (?P<t>.+)",
        "-o：分块写出保护区时应为以 .gpkg 或 .parquet 结尾的文件，实际为 {t}",
    ),
    (r"-o: expected a file ending in (?P<s>.+), got (?P<t>.+)", "-o：应为以 {s} 结尾的文件，实际为 {t}"),
    (
        r"-o: (?P<f>.+) exists and was not written by an export \(its header differs\); move it or choose another -o",
        "-o：{f} 已存在且不是导出生成的（表头不同）；请移走它或另选 -o",
    ),
    (
        r"-o: (?P<f>.+) exists and was not written by an export \(it holds no (?P<layer>\w+) layer\); move it or choose another -o",
        "-o：{f} 已存在且不是导出生成的（其中没有 {layer} 图层）；请移走它或另选 -o",
    ),
    (
        r"--epsg: expected an EPSG code of a projected CRS such as 4546, got (?P<c>.+)",
        "--epsg：应为投影坐标系的 EPSG 代码，如 4546，实际为 {c}",
    ),
    (
        r"--epsg: expected a projected CRS in metres such as 4546 \((?P<n>.+)\), not (?P<c>.+), which is in degrees",
        "--epsg：应为以米为单位的投影坐标系，如 4546（{n}），而不是以度为单位的 {c}",
    ),
    (
        r"--tiles: expected a tile URL template with \{z\}, \{x\} and \{y\} \(such as (?P<a>\S+) or (?P<b>\S+)\), "
        r"or a WMTS one with \{TileMatrix\}, \{TileRow\} and \{TileCol\}, got (?P<got>.+)",
        "--tiles：应为含 {{z}}、{{x}}、{{y}} 的瓦片地址模板（如 {a} 或 {b}），或含 {{TileMatrix}}、{{TileRow}}、{{TileCol}} 的 WMTS 模板，实际为 {got}",
    ),
    (
        r"--tiles: expected tiles in WGS84/CGCS2000; (?P<got>.+) serves GCJ-02 \(Gaode/AMap, Tencent, Sogou\), "
        r"on which the zones would be drawn about 550 m out of place",
        "--tiles：应为 WGS84/CGCS2000 瓦片；{got} 提供的是 GCJ-02（高德、腾讯、搜狗）瓦片，保护区会偏移约 550 m",
    ),
    (
        r"--tiles: expected the Web-Mercator tile matrix set \(w, EPSG:3857, GoogleMapsCompatible\); (?P<got>.+) "
        r"asks for the longitude/latitude set \(c\), whose tiles Leaflet would draw out of place",
        "--tiles：应为球面墨卡托瓦片矩阵集（w、EPSG:3857、GoogleMapsCompatible）；{got} 请求的是经纬度矩阵集（c），地图会画错位置",
    ),
    (r"--basemap (?P<f>.+): expected (?P<why>a GIS file .+)", "--basemap {f}：应为{why_zh}"),
    (
        r"--basemap (?P<f>.+): expected a file that declares its CRS \(layer (?P<layer>.+) has none\)",
        "--basemap {f}：应为声明了坐标系的文件（图层 {layer} 没有坐标系）",
    ),
    (
        r"(?P<cmd>conflicts|export): expected approval folder\(s\) \(PATH\), before --projects or after its files, got none",
        "{cmd}：应给出批复文件夹（PATH），写在 --projects 之前或其文件之后，实际没有",
    ),
    (
        r"--projects: expected at least one project file or folder besides the approval folders",
        "--projects：除批复文件夹外，应至少给出一个项目文件或文件夹",
    ),
    # The Python API.
    (
        r"(?P<f>read_approvals|read_projects): expected a path \(str or pathlib\.Path\) or a list of paths, got (?P<got>.+)",
        "{f}：应为路径（str 或 pathlib.Path）或路径列表，实际为 {got}",
    ),
    # The figure.
    (r"-o: expected a \.pdf or \.png file, got (?P<got>.+)", "-o：应为 .pdf 或 .png 文件，实际为 {got}"),
    (
        r"--source: expected a 水源编码 of the approvals, such as (?P<eg>\S+), got (?P<got>.+)",
        "--source：应为所给批复中的水源编码（如 {eg}），实际为 {got}",
    ),
    (
        r"figure: expected a font with Chinese characters on this machine \((?P<fonts>.+)\), found none; "
        r"install one \(Debian: apt-get install fonts-noto-cjk\)",
        "figure：本机应有含中文字形的字体（{fonts}），一个也没有找到；请安装一种（Debian：apt-get install fonts-noto-cjk）",
    ),
    (
        r"figure: expected at least one drawn zone or well, found none",
        "figure：应至少有一个可绘制的保护区或水源井，实际没有",
    ),
    (r"--date: expected a date such as 2026-12-02, got (?P<got>.+)", "--date：应为日期，如 2026-12-02，实际为 {got}"),
    # Project files.
    (
        r"a CGCS2000 3-degree zone number from 25 to 45 in front of the easting, got (?P<n>\d+)",
        "东坐标前的 CGCS2000 3度带带号（25 至 45），实际为 {n}",
    ),
    (r"a coordinate in metres such as (?P<ex>.+)", "以米计的坐标，如 {ex}"),
    (r"a file that declares its CRS \((?P<why>.+)\)", "声明了坐标系的文件（{why}）"),
    (
        r"a project file: \.csv, \.geojson, \.json, \.gpkg, \.kml, \.kmz, a zipped shapefile \(\.zip\), \.shp or "
        r"\.dxf(?P<dwg> \(a \.dwg drawing: save it as \.dxf\))?",
        "项目文件：.csv、.geojson、.json、.gpkg、.kml、.kmz、压缩的 shapefile（.zip）、.shp 或 .dxf{dwg_zh}",
    ),
    (r"a project file: (?P<kinds>.+)", "项目文件：{kinds}"),
    (
        r"an easting with its Gauss–Krüger zone number in front \(such as (?P<ex>\S+)\), or the CRS given with --epsg"
        r" \(the table states '(?P<said>.+)': --epsg (?P<code>\d+) if it is CGCS2000\)",
        "带高斯–克吕格带号的东坐标（如 {ex}），或用 --epsg 指定坐标系（表中写有“{said}”：若为2000国家大地坐标系，用 --epsg {code}）",
    ),
    (
        r"an easting with its Gauss–Krüger zone number in front \(such as (?P<ex>\S+)\), or the CRS given with --epsg",
        "带高斯–克吕格带号的东坐标（如 {ex}），或用 --epsg 指定坐标系",
    ),
    (r"an existing project file or folder", "存在的项目文件或文件夹"),
    (r"a feature with a geometry", "有几何图形的要素"),
    (r"a valid footprint; (?P<why>.+)", "有效的用地范围（GEOS：{why}）"),
    (
        r"a CRS that converts to CGCS2000 \(EPSG:4490\); layer (?P<layer>.+) is in (?P<crs>.+), which cannot be placed on the earth \((?P<why>.+)\)",
        "可转换到 CGCS2000（EPSG:4490）的坐标系；图层 {layer} 的坐标系为 {crs}，无法定位到地球上（{why}）",
    ),
    (
        r"coordinates in China \((?P<range>.+)\) once read in the file's CRS \((?P<crs>.+)\); numbers in metres need the file to declare its projected CRS",
        "按文件声明的坐标系（{crs}）读取后位于中国境内的坐标（{range}）；以米计的数字须在文件中声明投影坐标系",
    ),
    (
        r"parcel (?P<name>.+) closed by repeating its first vertex as the last, with at least 3 vertices before it",
        "地块 {name} 以重复首点作为末点闭合，且之前至少 3 个顶点",
    ),
    (r"vertices that outline a simple polygon; (?P<why>.+)", "围成简单多边形的顶点；{why}"),
)

_WORDS = {
    "none": "无",
    " (a .dwg drawing: save it as .dxf)": "（.dwg 图纸请在 CAD 中另存为 .dxf）",
    "longitude": "经度",
    "latitude": "纬度",
    "a single unnumbered well": "唯一一眼未编号的井",
    "an area": "面积",
    "a perimeter": "周长",
}
_COMPILED = tuple((re.compile(en), zh) for en, zh in MESSAGES)


def translate(text: str) -> str:
    """The Chinese of an English ``expected`` text or hint, or the text itself when no row knows it.

    Examples
    --------
    >>> translate("minutes below 60")
    '小于60的分'
    >>> translate("each well once, but row 4 already lists a single unnumbered well of source C")
    '每眼井只列一次，但第 4 行已列出水源 C 的唯一一眼未编号的井'
    """
    for regex, zh in _COMPILED:
        match = regex.fullmatch(text)
        if match is None:
            continue
        groups = {k: v or "" for k, v in match.groupdict().items()}
        for key, value in list(groups.items()):
            groups[f"{key}_zh"] = _words(value)
        return zh.format(**groups)
    return text


def _words(text: str) -> str:
    if text.startswith("a GIS file"):
        return translate(text)
    from geo.tablekinds import UNREAD_BOOKS

    for en, zh in UNREAD_BOOKS.values():
        if text == en:
            return zh
    if text in _WORDS:
        return _WORDS[text]
    if text.startswith("well "):
        return f"{text[5:]}井"
    if "crosses edge" in text:
        return re.sub(r"edge (\S+)–(\S+) crosses edge (\S+)–(\S+)", r"边 \1–\2 与边 \3–\4 相交", text).replace(
            "; ", "；"
        )
    if " / any ending in " in text:  # the accepted headers of a missing coordinate column
        return re.sub(r" / any ending in (经度|纬度)", r" / 任何以“\1”结尾的表头", text)
    return translate(text)  # "an area above zero such as 0.0028 (km²)" inside a longer message


def error_text(exc: Exception, lang: str = "zh") -> str:
    """A :class:`~geo.errors.GeoError` as the command line shows it, in Chinese or English.

    Examples
    --------
    >>> from geo.errors import GeoError
    >>> error_text(GeoError("-o: expected a file or folder name, got ''"))
    '错误: -o：应为文件或文件夹名，实际为空'
    """
    text = str(exc)
    return f"错误: {translate(text)}" if lang == "zh" else f"error: {text}"


def problem_text(problem, lang: str = "zh") -> str:
    """One problem as a line, in Chinese (``zh``) or English (``en``).

    Examples
    --------
    >>> from geo.errors import Problem
    >>> problem_text(Problem("wells.csv", 7, "纬度", "38°23′61″", "seconds below 60"))
    "wells.csv 第7行，纬度列：应为小于60的秒，实际为 '38°23′61″'"
    """
    if lang != "zh":
        return str(problem)
    where = problem.file
    if problem.row is not None:
        where += f" 第{problem.row}行"
    if problem.column is not None:
        where += f"，{problem.column}列" if problem.row is not None else f" {problem.column}列"
    got = "" if problem.value is None else f"，实际为 {problem.value!r}"
    return f"{where}：应为{translate(problem.expected)}{got}{translate(problem.hint) if problem.hint else ''}"
