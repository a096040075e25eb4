"""``geo check`` writes its output a block at a time: the same bytes as the whole table at once, in the table's order."""

from __future__ import annotations

import io
import json
import multiprocessing
import sys

import pandas as pd
import pytest
from conftest import ROOT

import geo
from geo.checkprint import _csv_records, _InOrder, block_text, json_value, write_check
from geo.registercheck import check_register, iter_checked_register
from geo.validation import CHECK_COLUMNS

sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402

BOX = (110.5, 37.0, 113.5, 37.6)


def _written(tables, form: str, lang: str) -> str:
    out = io.StringIO()
    write_check(tables, form, lang, out)
    return out.getvalue()


@pytest.fixture(scope="module")
def by_level(tmp_path_factory):
    """A register whose zones table lists every 一级 row first: a source's rows are far apart."""
    folder = synthetic.write(tmp_path_factory.mktemp("register"), 120, level2_share=0.8, box=BOX)
    lines = (folder / "zones.csv").read_text(encoding="utf-8-sig").splitlines(keepends=True)
    rows = [r for r in lines[1:] if ",一级," in r] + [r for r in lines[1:] if ",一级," not in r]
    (folder / "zones.csv").write_text("\ufeff" + lines[0] + "".join(rows), encoding="utf-8")
    return geo.read_approvals(folder)


@pytest.mark.parametrize("form", ["json", "csv", "table"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_blocks_written_as_they_come_are_the_whole_table_written_at_once(form, lang):
    """data/ has corner tables, unread rules, 水域/陆域 parts and sources without figures: one source a block, each
    block's text made from that block alone, is the text of the whole table (no column's format follows its block)."""
    approvals = geo.read_approvals(ROOT / "data")
    whole = check_register(approvals, processes=1)
    blocks = list(iter_checked_register(approvals, processes=1, block_zones=1))
    assert len(blocks) > 10
    assert _written(blocks, form, lang) == _written([whole], form, lang)


def test_the_json_is_the_list_of_records_as_json_lays_it_out(by_level):
    whole = check_register(by_level, processes=1)
    # As `geo check --json` made them when it held the whole table.
    records = [{k: json_value(getattr(row, k)) for k in CHECK_COLUMNS} for row in whole.itertuples(index=False)]
    blocks = iter_checked_register(by_level, processes=1, block_zones=40)
    assert _written(blocks, "json", "zh") == json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    assert _written([whole.iloc[:0]], "json", "zh") == "[]\n"


def test_the_json_of_cells_json_escapes_or_nulls_is_as_json_lays_it_out(by_level):
    """Records are put together from their cells' JSON: NaN and infinities are null, texts escaped as json escapes
    them (quotes, backslashes, line breaks, control characters, U+2028), numpy scalars are numbers, a list as json
    lays it out."""
    import math

    import numpy as np

    table = check_register(by_level, processes=1).iloc[:7].copy()
    table["area_m2"] = [math.nan, math.inf, -math.inf, 0.1, 1e300, -0.0, 5e-324]
    table["doc_no"] = ['引"号\\斜杠', "换\n行\t", "\x01\x1f\x7f", "\u2028\u2029", "", "吕政函〔2023〕92号", "é😀"]
    table["note"] = table["note"].astype(object)
    table.loc[table.index[:5], "note"] = [None, np.int64(7), np.float64("nan"), True, [1, "二", None]]
    records = [{k: json_value(getattr(row, k)) for k in CHECK_COLUMNS} for row in table.itertuples(index=False)]
    assert _written([table], "json", "zh") == json.dumps(records, ensure_ascii=False, indent=1) + "\n"


@pytest.mark.parametrize("processes", [1, 2])
def test_rows_of_a_source_far_apart_come_out_in_the_tables_order(by_level, processes):
    """Blocks hold every zone of their sources, so blocks of a table that lists 一级 first give rows out of order;
    the output waits for the rows before them."""
    blocks = list(iter_checked_register(by_level, processes=processes, block_zones=40))
    assert len(blocks) > 2
    assert [b.index.is_monotonic_increasing for b in blocks] == [True] * len(blocks)
    assert not pd.concat(blocks).index.is_monotonic_increasing  # the case this is about
    whole = check_register(by_level, processes=1)
    for form in ("json", "csv", "table"):
        assert _written(blocks, form, "zh") == _written([whole], form, "zh")
        # Made into text in the workers, as `geo check` has them.
        texts = iter_checked_register(by_level, processes=processes, block_zones=40, then=block_text(form, "en"))
        assert _written(texts, form, "en") == _written([whole], form, "en")
    tally = write_check(blocks, "json", "zh", io.StringIO())
    assert tally.zones == len(whole)
    assert (
        tally.statuses == whole["status"].astype(object).value_counts().reindex(tally.statuses, fill_value=0).to_dict()
    )


def test_workers_replaced_every_few_blocks_check_the_same(by_level, monkeypatch):
    """A worker is replaced after BLOCKS_PER_WORKER blocks (what it copied of the register goes with it)."""
    import geo.registercheck as registercheck

    monkeypatch.setattr(registercheck, "BLOCKS_PER_WORKER", 1)
    whole = check_register(by_level, processes=1)
    pd.testing.assert_frame_equal(check_register(by_level, processes=2, block_zones=30), whole)


def test_a_check_stopped_early_leaves_no_worker_behind(by_level):
    blocks = iter_checked_register(by_level, processes=2, block_zones=30)
    next(blocks)
    blocks.close()
    assert multiprocessing.active_children() == []


def test_a_form_not_known_is_refused():
    with pytest.raises(ValueError, match="form must be one of json, csv, table, not 'xml'"):
        block_text("xml", "zh")


def test_a_row_waits_only_for_the_rows_before_it():
    order = _InOrder()
    assert order.ready([0, 1], ["a", "b"]) == ["a", "b"]
    assert order.ready([3, 5], ["d", "f"]) == []
    assert order.ready([2, 4], ["c", "e"]) == ["c", "d", "e", "f"]
    assert order.waiting == {}


def test_csv_records_keep_a_quoted_line_break_inside_its_record():
    text = pd.DataFrame({"a": ["x", 'two\nlines, "quoted"', "z"], "b": [1, 2, 3]}).to_csv(index=False)
    assert _csv_records(text) == ["a,b\n", "x,1\n", '"two\nlines, ""quoted""",2\n', "z,3\n"]


def test_workers_leave_ctrl_c_to_the_parent(by_level):
    """Ctrl-C reaches every process of the terminal's group; a worker that took it printed its own traceback."""
    import signal

    seen = list(iter_checked_register(by_level, processes=2, block_zones=30, then=lambda _: signal.getsignal(2)))
    assert seen == [signal.SIG_IGN] * len(seen) and len(seen) > 2
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # this process's own is untouched


def test_the_tables_rows_held_in_a_file_once_past_the_memory_limit_are_the_same(by_level, monkeypatch):
    import geo.checkprint as checkprint

    whole = check_register(by_level, processes=1)
    in_memory = _written([whole], "table", "zh")
    monkeypatch.setattr(checkprint, "_SPOOL_CHARS", 100)  # a few rows, then the temporary file on disk
    blocks = iter_checked_register(by_level, processes=1, block_zones=40)
    assert _written(blocks, "table", "zh") == in_memory
