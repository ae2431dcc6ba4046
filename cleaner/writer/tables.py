"""Data tables become GFM tables (a caption becomes the paragraph before); layout tables (one
column, a table inside, or cells holding blocks) become their content.
"""
from __future__ import annotations

import re

from ..dom import HEADING_TAGS, text_of
from .structure import CELL_TAGS, holds_blocks

# A cell holding one of these is a layout cell: GFM cells hold one line of inline content (an
# image is inline; a paragraph or div holding none of these reads as one line too).
CELL_BLOCKS = frozenset({"pre", "ul", "ol", "blockquote", "table", "p", "div", "section", "figure",
                         *HEADING_TAGS})
LINE_BLOCKS = ("p", "div")
# The spans browsers honour at most (the HTML standard's limits).
MAX_COLSPAN, MAX_ROWSPAN = 1000, 65534
# A table needs this many columns to be data: one column of cells is a layout of blocks (unless
# a header cell heads it, or each cell is one line of text).
MIN_DATA_COLUMNS = 2


def _rows(table):
    return [tr for tr in table.iter("tr") if _owner(tr) is table]


def _owner(el):
    for a in el.iterancestors("table"):
        return a
    return None


def _cells(tr):
    return [c for c in tr if c.tag in CELL_TAGS]


def span(cell) -> int:
    """How many columns a cell covers (its `colspan`, 1 when absent or not a number)."""
    return _spanned(cell, "colspan", MAX_COLSPAN)


def _rowspan(cell) -> int:
    return _spanned(cell, "rowspan", MAX_ROWSPAN)


def _spanned(cell, attribute: str, limit: int) -> int:
    value = (cell.get(attribute) or "1").strip()
    return min(max(int(value), 1), limit) if value.isdigit() else 1


def is_data_table(table) -> bool:
    """A grid of one-line cells, at least two columns wide (or one column of text, or under a
    header cell): a GFM table says it all. A table holding a table, a cell of blocks, one column
    of boxes or text in no cell is a layout."""
    rows = _rows(table)
    if not rows or not text_of(table) or any(_text_outside_cells(r) for r in rows):
        return False  # text straight in a row is in no cell: no grid holds it
    if max(sum(span(c) for c in _cells(r)) for r in rows) < MIN_DATA_COLUMNS \
            and not (_headed_list(rows) or _column_of_text(rows)):
        return False
    return not any(_holds_blocks(cell) for r in rows for cell in _cells(r))


def _text_outside_cells(tr) -> bool:
    return bool((tr.text or "").strip()) or any((c.tail or "").strip() for c in tr) \
        or (not _cells(tr) and bool(text_of(tr)))


def _headed_list(rows) -> bool:
    """One column under a header cell (`<th>Name</th>`, then a name a row): data too."""
    return len(rows) > 1 and all(c.tag == "th" for c in _cells(rows[0])) and bool(_cells(rows[0]))


def _column_of_text(rows) -> bool:
    """One column of cells holding only a line of text each (no paragraph, no image alone): a
    one-column table, not a box laid out around blocks."""
    cells = [c for r in rows for c in _cells(r)]
    return bool(cells) and all(text_of(c) and not _holds_any_block(c) for c in cells)


def _holds_any_block(cell) -> bool:
    """A block, or a line break: the cell is more than one line of text."""
    return holds_blocks(cell) or next(cell.iter("br"), None) is not None


def _holds_blocks(cell) -> bool:
    for d in cell.iterdescendants():
        if d.tag in CELL_BLOCKS and not (d.tag in LINE_BLOCKS and not any(
                x.tag in CELL_BLOCKS for x in d.iterdescendants())):
            return True
    return False


def caption(table):
    """The table's own `<caption>`, or None."""
    for child in table.iterchildren("caption"):
        return child
    return None


def unwrap_layout_tables(article, tree, step: str) -> None:
    """Layout tables become their cells' content (as `div`s); data tables stay."""
    # innermost first: an inner table's cells are gone before its outer table is judged
    for table in reversed(list(tree.iter("table"))):
        if table.getparent() is not None and not is_data_table(table):
            article.record(step, "layout-table", text_of(table)[:40])
            _unwrap_layout(table)


def _unwrap_layout(table) -> None:
    for section in list(table.iter("thead", "tbody", "tfoot", "caption", "colgroup", "col")):
        if _owner(section) is table or section.getparent() is table:
            if section.tag in ("colgroup", "col"):
                section.getparent().remove(section)
            else:
                section.tag = "div"
    for tr in _rows(table):
        tr.tag = "div"
        tr.attrib.clear()
        for cell in _cells(tr):
            cell.tag = "div"
            cell.attrib.clear()
    table.tag = "div"
    table.attrib.clear()


def gfm(table, render_cell) -> str:
    """The table in GFM; `render_cell` writes a cell's content as one line, `|` escaped. A
    column is aligned as its header cell is (or, when that says nothing, its first body cell)."""
    rows, aligns = [], []
    below: dict[int, int] = {}  # column -> rows a cell above still spans
    for tr in _rows(table):
        row, row_aligns = [], []
        for cell in _cells(tr):
            _skip_spanned(row, row_aligns, below)
            for column in range(len(row), len(row) + span(cell)):
                if _rowspan(cell) > 1:
                    below[column] = _rowspan(cell) - 1
            row.append(render_cell(cell))
            row.extend([""] * (span(cell) - 1))
            row_aligns.extend([_alignment(cell)] * span(cell))
        _skip_spanned(row, row_aligns, below)
        for column in [c for c in below if c >= len(row)]:
            del below[column]  # a span past the row's end: nothing to keep apart
        rows.append(row)
        aligns.append(row_aligns)
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    columns = [next((a[i] for a in aligns[:2] if i < len(a) and a[i]), "") for i in range(width)]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join(DELIMITERS[a] for a in columns) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def _skip_spanned(row: list, row_aligns: list, below: dict[int, int]) -> None:
    """Empty cells where a cell above spans down into this row."""
    while below.get(len(row)):
        below[len(row)] -= 1
        if not below[len(row)]:
            del below[len(row)]
        row.append("")
        row_aligns.append("")


DELIMITERS = {"": "---", "left": ":--", "center": ":-:", "right": "--:"}
_TEXT_ALIGN_RE = re.compile(r"(?:^|;)\s*text-align\s*:\s*(left|center|right)\b", re.I)


def _alignment(cell) -> str:
    """left, center, right (from `align` or `style="text-align: ..."`), or "" when unsaid."""
    align = (cell.get("align") or "").strip().lower()
    if align and align in DELIMITERS:
        return align
    m = _TEXT_ALIGN_RE.search(cell.get("style") or "")
    return m.group(1).lower() if m else ""
