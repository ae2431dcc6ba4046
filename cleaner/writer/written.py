"""Markdown the writer wrote, read without parsing it (the safety gate's text, the check that
kramdown reads a converted island alike): its fenced code blocks and its code spans, found by
CommonMark's rules, in one place."""
from __future__ import annotations

import re

# An opening or closing fence line (inside a quote or a list item too, on the item's first line
# after its marker): its indent, marker, rest.
FENCE_LINE_RE = re.compile(r"^((?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])*)(`{3,}|~{3,})(.*)$")
# A code span: its content is text as it stands, whatever markup it looks like.
CODE_SPAN = r"(?<![`\\])(?P<ticks>`+)(?!`)(?P<code>.+?)(?<!`)(?P=ticks)(?!`)"
CODE_SPAN_RE = re.compile(CODE_SPAN, re.S)


def fenced_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(opening line, closing line) of each fenced code block in `lines`. A fence opens with three
    or more backticks or tildes (a backtick fence's info string holds no backtick: that line is
    a code span) and closes with a line of the same character, at least as long, with nothing
    after it; one left open runs to the end (its closing line is `len(lines)`)."""
    blocks = []
    opening, fence = -1, ""
    for i, line in enumerate(lines):
        m = FENCE_LINE_RE.match(line)
        if not m:
            continue
        marker, info = m.group(2), m.group(3)
        if not fence:
            if marker[0] == "`" and "`" in info:
                continue
            opening, fence = i, marker
        elif marker[0] == fence[0] and len(marker) >= len(fence) and not info.strip():
            blocks.append((opening, i))
            fence = ""
    if fence:
        blocks.append((opening, len(lines)))  # no closing line
    return blocks


def prose_and_code(markdown: str) -> list[tuple[str, bool]]:
    """`markdown` in order as (text, is code) pieces: a fenced block's content is code (its fence
    lines and info string, a language name, are left out); the rest is prose."""
    lines = markdown.split("\n")
    pieces, at = [], 0
    for opening, closing in fenced_blocks(lines):
        pieces.append(("\n".join(lines[at:opening]), False))
        pieces.append(("\n".join(lines[opening + 1:closing]), True))
        at = closing + 1
    pieces.append(("\n".join(lines[at:]), False))
    return pieces


def without_code(markdown: str) -> str:
    """`markdown` with its fenced code blocks and code spans left out (what is read as markup)."""
    if "```" in markdown or "~~~" in markdown:
        lines = markdown.split("\n")
        for opening, closing in reversed(fenced_blocks(lines)):
            del lines[opening:closing + 1]
        markdown = "\n".join(lines)
    return CODE_SPAN_RE.sub("", markdown) if "`" in markdown else markdown
