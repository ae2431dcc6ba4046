"""Stand-ins for Markdown that html2text must not touch (code, tables), restored afterwards."""
from __future__ import annotations

import re

# Private-use characters: never in real text, never escaped or wrapped by html2text.
# Inline and block stand-ins open differently, so a table can tell a code block in a cell
# (a layout table) from inline code (still a data table).
OPEN, BLOCK_OPEN, CLOSE = "\ue100", "\ue102", "\ue101"
TOKEN_RE = re.compile(f"[{OPEN}{BLOCK_OPEN}]" + r"(\d+)" + CLOSE)
LIST_MARKER_RE = re.compile(r"(?:[-*+]|\d+[.)])(?=\s)")
LEAD_RE = re.compile(r"(?:[ \t]*>)*[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?")


class Placeholders:
    def __init__(self) -> None:
        self._items: list[tuple[str, bool]] = []  # (markdown, is_block)

    def inline(self, markdown: str) -> str:
        self._items.append((markdown, False))
        return f"{OPEN}{len(self._items) - 1}{CLOSE}"

    def block(self, markdown: str) -> str:
        self._items.append((markdown, True))
        return f"{BLOCK_OPEN}{len(self._items) - 1}{CLOSE}"

    def restore(self, text: str) -> str:
        if not self._items:
            return text
        out = []
        for line in text.split("\n"):
            m = TOKEN_RE.search(line)
            if m and self._items[int(m.group(1))][1]:
                out.append(self._block_lines(line, m))
            else:
                out.append(line)
        return TOKEN_RE.sub(lambda m: self._items[int(m.group(1))][0], "\n".join(out))

    def _block_lines(self, line: str, m: re.Match) -> str:
        """A block token on its own line: every line of the block gets the line's prefix (list
        indentation, quote markers); continuation lines get the list marker as spaces. Text
        around the token on the same line goes to lines of its own."""
        prefix = line[: m.start()]
        lead = LEAD_RE.match(prefix).group(0)
        before, rest = prefix[len(lead):].rstrip(), line[m.end():].strip()
        continuation = LIST_MARKER_RE.sub(lambda x: " " * len(x.group(0)), lead)
        quote_only = continuation.rstrip()
        lines = self._items[int(m.group(1))][0].split("\n")
        out = []
        if before:
            out += [lead + before, quote_only]
            lead = continuation
        out.append(lead + lines[0])
        out += [continuation + part if part else quote_only for part in lines[1:]]
        if rest:
            out += [quote_only, continuation + rest]
        return "\n".join(out)
