"""Data tables become GFM tables; layout tables (one cell, or cells holding blocks) become
their content.
"""
from __future__ import annotations

from ..dom import HEADING_TAGS, text_of

# A cell holding one of these is a layout cell: GFM cells hold one line of inline content.
CELL_BLOCKS = frozenset({"pre", "ul", "ol", "blockquote", "img", "table", "p", "div", "section",
                         *HEADING_TAGS})


def _rows(table):
    return [tr for tr in table.iter("tr") if _owner(tr) is table]


def _owner(el):
    for a in el.iterancestors("table"):
        return a
    return None


def _cells(tr):
    return [c for c in tr if c.tag in ("td", "th")]


def is_data_table(table) -> bool:
    rows = _rows(table)
    if len(rows) < 2 or not text_of(table):
        return False
    if any(len(_cells(r)) < 2 for r in rows):
        return False
    for cell in (c for r in rows for c in _cells(r)):
        for d in cell.iterdescendants():
            if d.tag in CELL_BLOCKS and not (d.tag in ("p", "div") and not any(x.tag in CELL_BLOCKS for x in d.iterdescendants())):
                return False
    return True


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
    """The table in GFM; `render_cell` writes a cell's content as one line, `|` escaped."""
    rows = []
    for tr in _rows(table):
        row = []
        for cell in _cells(tr):
            content = render_cell(cell)
            span = int(cell.get("colspan", "1")) if (cell.get("colspan") or "1").isdigit() else 1
            row.append(content)
            row.extend([""] * (max(span, 1) - 1))
        rows.append(row)
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join(["---"] * width) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)
