"""Lists as mdformat writes them: `-` (or `*` right after another bullet list), numbered from
the list's start (`.`, or `)` right after another ordered list), tight unless an item's blocks
need blank lines between them to be read back as written."""
from __future__ import annotations

import itertools

from .inline import PARAGRAPH

BULLET_LIST, ORDERED_LIST = "bullet_list", "ordered_list"
# Blocks that may follow a paragraph in a tight item (no blank line) and still be read as
# themselves: an ordered list starting at 1 too (checked apart). A paragraph may follow only
# these: after a list, quote or table it would be read as their lazy continuation.
AFTER_PARAGRAPH_TIGHTLY = frozenset({"fence", "heading", "hr", "blockquote", BULLET_LIST})
PARAGRAPH_AFTER_TIGHTLY = frozenset({"fence", "heading", "hr"})
MAX_ORDERED_NUMBER = 999_999_999  # CommonMark reads at most nine digits


def write_list(walker, el) -> None:
    """The list's items as one list block. Content between the items (a browser shows it
    without a marker) ends the list and goes out as it is; the items after it make a list of
    their own, numbered on."""
    items: list = []
    number = _start(el)
    if el.text and el.text.strip():
        walker.inline.add_text(el.text)
    for child in el:
        if child.tag == "li":
            items.append(child)
        elif isinstance(child.tag, str):
            number += _write_items(walker, el, items, number)
            items = []
            walker.element(child)
        if child.tail and child.tail.strip():
            number += _write_items(walker, el, items, number)
            items = []
            walker.inline.add_text(child.tail)
    _write_items(walker, el, items, number)
    walker.end_paragraph()  # bare text at the list's end is a paragraph of its own


def _write_items(walker, el, lis: list, start: int) -> int:
    """Write `lis` as one list; how many items it has."""
    if not lis:
        return 0  # bare content between items runs on as one paragraph
    kind = ORDERED_LIST if el.tag == "ol" else BULLET_LIST
    walker.end_paragraph()  # text before the items
    items, paragraph_markup = [], False
    for li in lis:
        paragraph_markup = paragraph_markup or any(child.tag == "p" for child in li)
        inner = type(walker)()  # the block walker, for the item's blocks
        blocks = inner.walk(li)
        if blocks:  # an empty item goes: kramdown reads `- foo` over a bare `-` as a heading
            items.append(blocks)
    if not items:
        return 0
    # `<li><p>` is how a loose list is written in HTML
    tight = not paragraph_markup and all(_tight(blocks) for blocks in items)
    has_paragraph = any(b.kind == PARAGRAPH for blocks in items for b in blocks)
    after_same_kind = _preceding_lists(walker.blocks, kind)
    if start + len(items) - 1 > MAX_ORDERED_NUMBER:
        start = 1
    markers = _markers(kind, start, len(items), alternate=after_same_kind % 2 == 1)
    separator = "\n" if tight else "\n\n"
    rendered = [_item(marker, separator.join(b.markdown for b in blocks)) for marker, blocks in zip(markers, items)]
    # mdformat decides tightness from paragraphs only: a loose list without one is its call
    walker.add(kind, separator.join(rendered), special=not tight and not has_paragraph, start=start)
    return len(items)


def _tight(blocks) -> bool:
    for prev, block in itertools.pairwise(blocks):
        if block.kind == PARAGRAPH and prev.kind not in PARAGRAPH_AFTER_TIGHTLY:
            return False
        if prev.kind == PARAGRAPH and block.kind not in AFTER_PARAGRAPH_TIGHTLY and not (
                block.kind == ORDERED_LIST and block.start == 1):
            return False
        if block.kind == "table":
            return False
    return True


def _preceding_lists(blocks, kind: str) -> int:
    count = 0
    for block in reversed(blocks):
        if block.kind != kind:
            break
        count += 1
    return count


def _start(el) -> int:
    value = (el.get("start") or "").strip()
    return int(value) if value.isdigit() and el.tag == "ol" else 1


def _markers(kind: str, start: int, count: int, *, alternate: bool) -> list[str]:
    if kind == BULLET_LIST:
        return ["*" if alternate else "-"] * count
    width = len(str(start + count - 1))
    mark = ")" if alternate else "."
    return [str(start + i).rjust(width, "0") + mark for i in range(count)]


def _item(marker: str, text: str) -> str:
    indent = " " * (len(marker) + 1)
    first, *rest = text.split("\n")
    lines = [f"{marker} {first}" if first else marker]
    lines += [indent + line if line else "" for line in rest]
    return "\n".join(lines)
