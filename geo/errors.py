"""The exceptions and warnings of the package.

Every error a user can cause says what was expected, what was found and
where: file, row, column and the raw value.  Readers collect every problem of
a run and raise one :class:`InputError` carrying them all.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

__all__ = [
    "CoordinateError",
    "GeoError",
    "InputError",
    "Problem",
    "RuleError",
    "SuspiciousInputWarning",
    "ValueProblem",
    "warn_rows",
]


class GeoError(Exception):
    """Base class of the errors this package raises on purpose."""


class ValueProblem(GeoError, ValueError):
    """A single value that is not what was expected; readers add file, row and column."""

    def __init__(self, expected: str, value: object, hint: str = ""):
        self.expected = expected
        self.value = value
        self.hint = hint
        super().__init__(f"expected {expected}, got {value!r}{hint}")


class CoordinateError(ValueProblem):
    """A coordinate that is neither degrees-minutes-seconds nor decimal degrees."""


class RuleError(ValueProblem):
    """A 划定方案 (zoning rule) that the rule parser cannot read."""


class SuspiciousInputWarning(UserWarning):
    """Input that can be read but looks wrong, such as a well far from its siblings.

    The message is English; ``zh`` holds the Chinese the command line shows by default.
    """

    def __init__(self, message: str, zh: str = ""):
        super().__init__(message)
        self.zh = zh or message


def warn_rows(label: str, rows: list[int], en: str, zh: str) -> None:
    """One warning for the rows of a table, the first five named: "file rows 3, 4 and 2 more: …", "file 第3、4 等 6 行：…"."""
    shown = "、".join(map(str, rows[:5])) + (f" 等 {len(rows)} 行" if len(rows) > 5 else "")
    shown_en = ", ".join(map(str, rows[:5])) + (f" and {len(rows) - 5} more" if len(rows) > 5 else "")
    warnings.warn(
        SuspiciousInputWarning(
            f"{label} row{'s' if len(rows) > 1 else ''} {shown_en}: {en}", zh=f"{label} 第{shown}行：{zh}"
        ),
        stacklevel=3,
    )


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, and where it is.

    ``row`` counts the header as row 1, as a spreadsheet shows it; ``None``
    for a problem of the whole file.  ``column`` is the header as written in
    the file (or the canonical name when the column is missing).

    Examples
    --------
    >>> str(Problem("wells.csv", 7, "纬度", "111°42′11.58″", "a latitude"))
    "wells.csv row 7, column 纬度: expected a latitude, got '111°42′11.58″'"
    >>> str(Problem("zones.csv", None, None, None, "a header row"))
    'zones.csv: expected a header row'
    """

    file: str
    row: int | None
    column: str | None
    value: object
    expected: str
    hint: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.column is not None:
            where += f", column {self.column}" if self.row is not None else f" column {self.column}"
        got = "" if self.value is None else f", got {self.value!r}"
        return f"{where}: expected {self.expected}{got}{self.hint}"

    @classmethod
    def of(cls, exc: ValueProblem, file: str, row: int | None, column: str | None) -> Problem:
        """The problem that ``exc`` describes, placed at file, row and column."""
        return cls(file, row, column, exc.value, exc.expected, exc.hint)


class InputError(GeoError):
    """Input that cannot be used; ``problems`` lists every problem found in one pass."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        super().__init__(self.report("en"))

    def report(self, lang: str = "zh") -> str:
        """Every problem, one a line, in Chinese (``zh``, the command line's default) or English."""
        from geo.messages import problem_text

        count = len(self.problems)
        head = (
            f"输入有 {count} 处问题：" if lang == "zh" else f"{count} problem{'s' if count != 1 else ''} in the input:"
        )
        return "\n".join([head, *(f"  {problem_text(p, lang)}" for p in self.problems)])
