"""Bold and italic that render under CommonMark.

`的**「设置」**，` renders its asterisks literally: a delimiter run next to punctuation on the
inside must have whitespace or punctuation on the outside. So edge punctuation and whitespace
move outside the element, a lone link inside moves the emphasis into its text, and only when
nothing else works is the emphasis dropped.
"""
from __future__ import annotations

from ..dom import BLOCK_TAGS, HEADING_TAGS, add_text_before, append_text, shows_nothing, text_of, unwrap
from .structure import holds_blocks, link_outside, only_child, spread_over_blocks
from .flanking import (EMPHASIS_TAGS, MARKUP_END, MARKUP_START, STRONG_TAGS, first_slot, is_punct, is_space,
                       last_slot, left_flanking, right_flanking)

STRIKE_TAGS = ("del", "s", "strike")
NO_EMPHASIS_INSIDE = frozenset({"pre", "code", "kbd", "samp", *HEADING_TAGS})


def _first_char(el) -> str | None:
    """The first character of the Markdown `el`'s content renders to (None when empty)."""
    if el.text:
        return el.text[0]
    for child in el:
        if child.tag in MARKUP_START:
            return MARKUP_START[child.tag]
        ch = _first_char(child) if isinstance(child.tag, str) else None
        if ch:
            return ch
        if child.tail:
            return child.tail[0]
    return None


def _last_char(el) -> str | None:
    """The last character of the Markdown `el`'s content renders to (None when empty)."""
    for child in reversed([c for c in el if isinstance(c.tag, str)]):
        if child.tail:
            return child.tail[-1]
        if child.tag in MARKUP_END:
            return MARKUP_END[child.tag]
        ch = _last_char(child)
        if ch:
            return ch
    return el.text[-1] if el.text else None


def _char_before(el) -> str | None:
    prev = el.getprevious()
    if prev is not None:
        if prev.tail:
            return prev.tail[-1]
        if prev.tag in MARKUP_END:
            return MARKUP_END[prev.tag]
        return _last_char(prev) if isinstance(prev.tag, str) else None
    parent = el.getparent()
    if parent is None:
        return None
    if parent.text:
        return parent.text[-1]
    if parent.tag in BLOCK_TAGS or parent.tag == "br":
        return None
    return _char_before(parent)


def _char_after(el) -> str | None:
    if el.tail:
        return el.tail[0]
    nxt = el.getnext()
    if nxt is not None:
        if nxt.tag in MARKUP_START:
            return MARKUP_START[nxt.tag]
        return _first_char(nxt) if isinstance(nxt.tag, str) else None
    parent = el.getparent()
    if parent is None or parent.tag in BLOCK_TAGS:
        return None
    return _char_after(parent)


def _move_edges_out(el) -> None:
    """Move leading/trailing whitespace outside, and edge punctuation where flanking needs it.

    Punctuation moves in pairs: when one edge had to give up its punctuation, the other edge
    gives up its own too, so `「设置」` becomes `「**设置**」`, not `「**设置」**`.
    """
    lead = _move_leading(el, force=False)
    trail = _move_trailing(el, force=lead)
    if trail and not lead:
        _move_leading(el, force=True)


def _move_leading(el, *, force: bool) -> bool:
    moved_punct = False
    while (slot := first_slot(el)) is not None:
        node, attribute = slot
        text = getattr(node, attribute)
        ch = text[0]
        if is_space(ch):
            pass
        elif is_punct(ch) and (force or not left_flanking(_char_before(el), ch)):
            moved_punct = True
        else:
            break
        setattr(node, attribute, text[1:])
        add_text_before(el, ch)
    return moved_punct


def _move_trailing(el, *, force: bool) -> bool:
    moved_punct = False
    while (slot := last_slot(el)) is not None:
        node, attribute = slot
        text = getattr(node, attribute)
        ch = text[-1]
        if is_space(ch):
            pass
        elif is_punct(ch) and (force or not right_flanking(ch, _char_after(el))):
            moved_punct = True
        else:
            return moved_punct
        setattr(node, attribute, text[:-1])
        el.tail = ch + (el.tail or "")
    return moved_punct


def _push_into_lone_link(el) -> bool:
    """`<b><a>x</a></b>` -> `<a><b>x</b></a>`, through nested emphasis too (`<b><i><a>`): the
    link's text, not its bracket, meets the stars."""
    chain = [el]
    while (only := only_child(chain[-1])) is not None and only.tag in EMPHASIS_TAGS:
        chain.append(only)
    if only is None or only.tag != "a":
        return False
    link_outside(el, only)
    return True


def _renders(el) -> bool:
    before, first = _char_before(el), _first_char(el)
    last, after = _last_char(el), _char_after(el)
    return left_flanking(before, first) and right_flanking(last, after)


def _merge_adjacent(el) -> None:
    """`<b>a</b><b>b</b>` would give `**a****b**`: one element holds both."""
    while True:
        nxt = el.getnext()
        if nxt is None or nxt.tag not in EMPHASIS_TAGS or not _same_kind(nxt, el) or (el.tail or "").strip():
            return
        append_text(el, (el.tail or "") + (nxt.text or ""))
        for child in list(nxt):
            el.append(child)
        el.tail = nxt.tail
        el.getparent().remove(nxt)


def fix(article, tree, step: str) -> None:
    for el in list(tree.iter(*STRIKE_TAGS, *EMPHASIS_TAGS)):
        if el.getparent() is not None and holds_blocks(el):
            spread_over_blocks(el)
    for el in list(tree.iter(*STRIKE_TAGS)):
        if shows_nothing(el):
            unwrap(el)  # an empty <del> would be written "~~~~": a code fence
        elif any(a.tag in STRIKE_TAGS for a in el.iterancestors()):
            unwrap(el)  # "~~~~" again
        else:
            _move_edges_out(el)
            if not _renders(el):
                article.record(step, "strikethrough-dropped", text_of(el))
                unwrap(el)
    for el in list(tree.iter(*EMPHASIS_TAGS)):
        if el.getparent() is not None:
            _merge_adjacent(el)
    for el in list(tree.iter(*EMPHASIS_TAGS)):
        if el.getparent() is None:
            continue
        if any(a.tag in NO_EMPHASIS_INSIDE or a.tag in EMPHASIS_TAGS and _same_kind(a, el)
               for a in el.iterancestors()):
            unwrap(el)
            continue
        if shows_nothing(el):
            unwrap(el)
            continue
        _move_edges_out(el)
        if not _renders(el) and _push_into_lone_link(el):
            _move_edges_out(el)
        if not _renders(el):
            article.record(step, "emphasis-dropped", text_of(el))
            unwrap(el)


def _same_kind(a, el) -> bool:
    return (a.tag in STRONG_TAGS) == (el.tag in STRONG_TAGS)
