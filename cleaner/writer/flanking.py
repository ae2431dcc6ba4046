"""CommonMark's flanking rules, and the characters at an inline element's edges.

A delimiter run (`*`, `**`, `~~`) opens only when left-flanking and closes only when
right-flanking: next to punctuation on its inside it needs white space or punctuation on its
outside. Emphasis (`emphasis`) moves edge characters out of an element to meet that; the
writer (`writer.inline`) checks each run it wrote against the same rules.
"""
from __future__ import annotations

import unicodedata

from ..dom import BLOCK_TAGS

# first/last character of the Markdown an inline element starts/ends with
MARKUP_START = {"a": "[", "img": "!", "code": "`", "kbd": "`", "samp": "`", "tt": "`", "del": "~", "s": "~",
                "strike": "~"}
MARKUP_END = {"a": ")", "img": ")", "code": "`", "kbd": "`", "samp": "`", "tt": "`", "del": "~", "s": "~",
              "strike": "~"}
STRONG_TAGS = ("strong", "b")
EM_TAGS = ("em", "i", "cite", "dfn")
EMPHASIS_TAGS = STRONG_TAGS + EM_TAGS


def is_space(ch: str | None) -> bool:
    return ch is None or ch.isspace() or unicodedata.category(ch) == "Zs"


def is_punct(ch: str) -> bool:
    return ch.isascii() and not ch.isalnum() and not ch.isspace() or unicodedata.category(ch)[0] in "PS"


def left_flanking(before: str | None, first: str | None) -> bool:
    if first is None or is_space(first):
        return False
    return not is_punct(first) or is_space(before) or is_punct(before)


def right_flanking(last: str | None, after: str | None) -> bool:
    if last is None or is_space(last):
        return False
    return not is_punct(last) or is_space(after) or is_punct(after)


def is_plain_wrapper(el) -> bool:
    """`<span>`, `<font>`...: written as their bare content, so their edge text is `el`'s edge."""
    return isinstance(el.tag, str) and el.tag not in MARKUP_START and el.tag not in EMPHASIS_TAGS \
        and el.tag not in BLOCK_TAGS and el.tag not in ("br", "img")


def first_slot(el):
    """(node, attribute) whose text holds the first character of `el`'s content, looking into
    plain wrappers; None when markup comes first."""
    if el.text:
        return el, "text"
    first = next(iter(el), None)
    if first is None or not is_plain_wrapper(first):
        return None
    inner = first_slot(first)
    if inner is None and not len(first) and first.tail:
        return first, "tail"
    return inner


def last_slot(el):
    """(node, attribute) whose text holds the last character of `el`'s content."""
    if not len(el):
        return (el, "text") if el.text else None
    last = el[-1]
    if last.tail:
        return last, "tail"
    return last_slot(last) if is_plain_wrapper(last) else None


