"""Write an HTML tree as canonical Markdown (the fixed point of mdformat), without mdformat.

`blocks` walks the tree, `lists` writes lists, `inline` writes paragraphs and headings, `links`
writes destinations, `escape` holds mdformat's escaping rules. A block whose text holds a
character mdformat escapes by context is formatted by mdformat itself; the tests hold every
output to mdformat as the oracle.
"""
from __future__ import annotations

from ..elements import blocks as block_fixes
from ..elements import emphasis, tables
from ..elements import links as link_fixes
from .blocks import Walker, join_blocks


def write(article, tree, step: str) -> str:
    block_fixes.normalize(tree)
    link_fixes.fix(tree)
    emphasis.fix(article, tree, step)
    tables.unwrap_layout_tables(article, tree, step)
    return join_blocks(Walker().walk(tree))
