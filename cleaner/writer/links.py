"""Links: a link around blocks goes into each of them, and white space at a link's edges goes
outside it, where it still parts the words (`foo<a> bar</a>` is `foo [bar](...)`).

A heading inside a link (a teaser's title, a menu entry) is flattened on purpose: a heading
carries no link, so `<a href="/x"><h4>Item</h4></a>` is the paragraph `[Item](/x)`, and the
headings step does not count it among the levels (`in_link`)."""
from __future__ import annotations

from ..dom import HEADING_TAGS, add_text_before
from .structure import holds_blocks, link_outside, only_child, spread_over_blocks
from .code import INLINE_CODE_TAGS
from .flanking import first_slot, last_slot


def in_link(el) -> bool:
    return any(a.tag == "a" and a.get("href") for a in el.iterancestors())


def fix(tree) -> None:
    for a in list(tree.iter("a")):
        if a.get("href") and a.getparent() is not None and holds_blocks(a):
            for heading in a.iter(*HEADING_TAGS):
                heading.tag = "p"
            spread_over_blocks(a)
    for code in list(tree.iter(*INLINE_CODE_TAGS)):
        _link_around_code(code)
    for a in tree.iter("a"):
        if a.get("href"):
            _move_spaces_out(a)


def _link_around_code(code) -> None:
    """`<code><a href>G</a></code>` -> `<a href><code>G</code></a>`: a code span holds no link."""
    link = only_child(code)
    if link is not None and link.tag == "a" and link.get("href"):
        link_outside(code, link)


def _move_spaces_out(a) -> None:
    while (slot := first_slot(a)) is not None and getattr(*slot)[0].isspace():
        node, attribute = slot
        text = getattr(node, attribute)
        setattr(node, attribute, text.lstrip())
        add_text_before(a, " ")
    while (slot := last_slot(a)) is not None and getattr(*slot)[-1].isspace():
        node, attribute = slot
        setattr(node, attribute, getattr(node, attribute).rstrip())
        a.tail = " " + (a.tail or "")
