"""Transcribe 吕政办发〔2022〕23号 (the 142 key projects of 2022) from the bulletin text.

    python tools/transcribe_key_projects.py ../shared/seeds/004_402f215055831547.txt > data/projects/key-projects-2022.csv

The table is tab-separated in the text, one project a line (lines 2081–2253):
序号, 项目名称, 项目单位, 建设地点, 总投资, 2022年计划投资 (亿元).  Section lines
("一、新型城镇化（65 项）") give each project's category; repeated header lines
are skipped.  Every cell is kept as printed; tests/test_projects.py checks each
row against its cited line.
"""

import csv
import re
import sys

FIRST, LAST = 2081, 2253
SOURCE = "004_402f215055831547.txt"


def main(path: str) -> None:
    lines = open(path, encoding="utf-8").read().splitlines()
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["文号", "序号", "类别", "名称", "项目单位", "建设地点", "位置精度", "总投资（亿元）", "2022年计划投资（亿元）", "来源文件", "来源行"])
    category = ""
    for number in range(FIRST, LAST + 1):
        cells = lines[number - 1].split("\t")
        if len(cells) != 6:
            continue
        if re.match(r"^[一二三四五六七八九十]+、", cells[0]):
            category = re.sub(r"（\s*\d+\s*项）", "", cells[0]).split("、", 1)[1]
            continue
        if not cells[0].strip().isdigit():
            continue  # a repeated header
        seq, name, unit, place, total, plan = (c.strip() for c in cells)
        out.writerow(["吕政办发〔2022〕23号", seq, category, name, unit, place, "县（市、区）", total, plan, SOURCE, str(number)])


if __name__ == "__main__":
    main(sys.argv[1])
