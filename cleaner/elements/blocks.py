"""Block structure html2text gets wrong: definition lists, line breaks at a block's edge."""
from __future__ import annotations

from ..dom import BLOCK_TAGS, remove_keep_tail

DEFINITION_TAGS = ("dt", "dd")


def normalize(tree) -> None:
    # <dt>term</dt><dd>definition</dd>: html2text runs them into one paragraph
    for el in tree.iter(*DEFINITION_TAGS):
        el.tag = "p"
    for el in tree.iter("dl"):
        el.tag = "div"
    for br in list(tree.iter("br")):
        if _at_block_edge(br):
            remove_keep_tail(br)


def _at_block_edge(br) -> bool:
    """A <br> with nothing before it, or nothing after it, in its block: `<li><br>x</li>`
    would give an empty list item."""
    return _nothing_before(br) or _nothing_after(br)


def _nothing_before(el) -> bool:
    while True:
        prev = el.getprevious()
        while prev is not None:
            if (prev.tail or "").strip() or prev.tag != "br" and "".join(prev.itertext()).strip() or prev.tag == "img":
                return False
            prev = prev.getprevious()
        parent = el.getparent()
        if parent is None:
            return True
        if (parent.text or "").strip():
            return False
        if parent.tag in BLOCK_TAGS:
            return True
        el = parent


def _nothing_after(el) -> bool:
    while True:
        if (el.tail or "").strip():
            return False
        nxt = el.getnext()
        while nxt is not None:
            if "".join(nxt.itertext()).strip() or nxt.tag == "img" or (nxt.tail or "").strip():
                return False
            nxt = nxt.getnext()
        parent = el.getparent()
        if parent is None or parent.tag in BLOCK_TAGS:
            return True
        el = parent
