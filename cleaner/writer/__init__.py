"""Write an HTML tree as canonical Markdown (the fixed point of mdformat).

First the tree passes, in this order, each in its own module: `structure` (elements written
as their content unwrapped, definition lists, line breaks at a block's edge, a list right inside a list), `links` (a link around blocks,
spaces at a link's edges), `emphasis` (bold, italic and strikethrough that render: CommonMark's
`flanking` rules), `tables` (layout tables become their content). Then `blocks` walks the tree:
`lists` writes lists, `inline` paragraphs, headings and cells, `code` code, `destinations` link
destinations, and `escape` holds mdformat's escaping rules. A block whose text holds a character
mdformat escapes by context is formatted by mdformat itself; the tests hold every output to
mdformat as the oracle.
"""
from __future__ import annotations

from . import emphasis, links, structure, tables
from .blocks import WRITTEN_TAGS, Walker, join_blocks

def write(article, tree, step: str) -> str:
    # the tree passes, in order
    structure.unwrap_plain(tree, WRITTEN_TAGS)
    structure.normalize(tree)
    links.fix(tree)
    emphasis.fix(article, tree, step)
    tables.unwrap_layout_tables(article, tree, step)
    return join_blocks(Walker().walk(tree))
