"""One paragraph, heading or table cell, written from the inline nodes the block walker feeds in.

Text arrives raw and is written as mdformat writes it: whitespace collapsed as a browser does,
a line break in the source dropped between two CJK characters, `{{`, `<<b>` and `~~~` made
inert. Emphasis, links, code and breaks are written directly. Delimiters are held as private-use
stand-ins until the line is complete, so the writer can check that each one opens or closes
where CommonMark reads it; text holding a character mdformat escapes by context is marked, and
escaped by mdformat's own rules once its neighbours are known. A block that fails the
delimiter check, or whose text those rules do not settle, is handed to mdformat whole
(`special`).
"""
from __future__ import annotations

import re

from .code import BACKTICKS_RE
from .flanking import left_flanking, right_flanking
from .text import CJK_RE, ZERO_WIDTH_SPACE
from . import escape
from .destinations import destination, link_markdown

# Private-use stand-ins, never in real text.
SOFT, BREAK = "\ue010", "\ue014"
# Around a text run that mdformat's text rules escape (escape.escape_text) once the line is known.
TEXT_OPEN, TEXT_CLOSE = "\ue030", "\ue031"
_MARKED_TEXT_RE = re.compile(f"{TEXT_OPEN}([^{TEXT_CLOSE}]*){TEXT_CLOSE}")
_MARKED_EDGES_RE = re.compile(f"^[\\s{TEXT_OPEN}{TEXT_CLOSE}]+|[\\s{TEXT_OPEN}{TEXT_CLOSE}]+$")
_WHITE_SPACE_RE = re.compile(r"\s+")
EM_OPEN, EM_CLOSE, STRONG_OPEN, STRONG_CLOSE, STRIKE_OPEN, STRIKE_CLOSE = (chr(c) for c in range(0xE020, 0xE026))
DELIMITERS = {EM_OPEN: "*", EM_CLOSE: "*", STRONG_OPEN: "**", STRONG_CLOSE: "**",
              STRIKE_OPEN: "~~", STRIKE_CLOSE: "~~"}
OPENS = frozenset({EM_OPEN, STRONG_OPEN, STRIKE_OPEN})
_TILDE_BEFORE_STRIKE_RE = re.compile(f"(~[{TEXT_OPEN}{TEXT_CLOSE}]*)(?=[{STRIKE_OPEN}{STRIKE_CLOSE}])")
_TILDE_AFTER_STRIKE_RE = re.compile(f"([{STRIKE_OPEN}{STRIKE_CLOSE}])(?=[{TEXT_OPEN}{TEXT_CLOSE}]*~)")
_DELIMITER_RUN_RE = re.compile("[" + "".join(DELIMITERS) + "]+")
_SAME_CHAR_RUN_RE = re.compile(r"\*+|~+")
MAX_STAR_RUN, STRIKE_RUN = 3, 2

# White space a line collapses (Python's, as the headings step reads it: the separators
# \x1c-\x1f, U+2028 and U+2029 too), and control characters, which show as nothing.
_SPACE_CLASS = r" \t\r\f\v\u00a0\x1c-\x1f\x85\u2028\u2029"
_NEWLINE_WS_RE = re.compile(f"[{_SPACE_CLASS}]*\n[{_SPACE_CLASS}\n]*")
_SPACE_RE = re.compile(f"[{_SPACE_CLASS}]+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]+")
_SOFT_RE = re.compile(f"[ ]*{SOFT}[ {SOFT}]*")
# what may stand between a soft break and the letter that decides it
_MARKS = frozenset("".join(DELIMITERS) + TEXT_OPEN + TEXT_CLOSE)  # stand-ins, not text
_SKIPPED_NEAR_SOFT = frozenset("*_~[]()`!\\") | _MARKS

PARAGRAPH, HEADING, CELL = "paragraph", "heading", "cell"


class Inline:
    """Collects the Markdown of one block's inline content."""

    def __init__(self, kind: str = PARAGRAPH) -> None:
        self.kind = kind
        self.parts: list[str] = []
        self.run: list[str] = []  # raw text not yet written
        self.special = False
        self.last = ""  # the last character written
        self._last_is_text = False
        self._tilde = False  # text holds a `~` (special next to a strikethrough)
        self._marked = False  # parts hold TEXT_OPEN...TEXT_CLOSE runs
        self._last_code: str | None = None  # the code of the last part, when it is a code span
        # what the parts hold, so `finish` looks for nothing that is not there
        self._soft = self._broken = self._delimited = False
        self._links: list[tuple[int, str, str | None]] = []  # (index in parts, href, title)

    # ---------------------------------------------------------------- feeding

    def add_text(self, text: str) -> None:
        if text:
            self.run.append(text)

    def add_break(self) -> None:
        if self.kind == PARAGRAPH:
            self._markup(BREAK)
            self._broken = True
        else:
            self.add_text(" ")

    def add_delimiter(self, mark: str) -> None:
        """An emphasis or strikethrough stand-in (opening or closing)."""
        self._markup(mark)
        self._delimited = True

    def add_code(self, code: str) -> None:
        self._flush()
        code = " ".join(code.split("\n"))
        if self.kind == CELL:
            code = code.replace("|", "\\|")  # a table splits cells even inside code
        if self._last_code is not None and self.parts and self.parts[-1] == code_span(self._last_code):
            self.parts.pop()  # two code spans side by side would read as one with backticks in it
            code = self._last_code + code
        self._markup(code_span(code))
        self._last_code = code

    def is_blank(self) -> bool:
        """Nothing written yet, and only white space to write: `finish` would give ""."""
        return not self.parts and not "".join(self.run).strip()

    def in_link(self) -> bool:
        return bool(self._links)

    def add_image(self, src: str, alt: str, title: str | None) -> None:
        self._flush()
        dest, safe = destination(src)
        alt = escape.alt_as_read(alt)
        if title and '"' in title:  # mdformat writes an image's title unescaped: `"` would end it
            title = title.replace('"', "'")
        if not safe or (title and not _plain_title(title)):
            self.special = True
        self._markup("!" + link_markdown(alt, dest, title))

    def open_link(self, href: str, title: str | None) -> None:
        self._flush()
        if self.last == "!" and self._last_is_text and not self.parts[-1].endswith("\\!"):
            self.parts[-1] = _without_last_char(self.parts[-1]) + "\\!"  # `!` and a link would be an image
        self._links.append((len(self.parts), href, title))
        self.parts.append("[")
        self.last = "["

    def close_link(self) -> None:
        self._flush()
        start, href, title = self._links.pop()
        label = "".join(self.parts[start + 1:])
        if not label.strip(f" {TEXT_OPEN}{TEXT_CLOSE}"):
            label = ""  # an empty link keeps its destination: `[](url)`, shown as nothing
        dest, safe = destination(href)
        if not safe or (title and not _plain_title(title)):
            self.special = True
        if label == href and title is None and dest.startswith(("http://", "https://")) and safe:
            self.parts[start:] = ["<" + dest + ">"]
        else:
            self.parts[start:] = [link_markdown(label, dest, title)]
        self.last = ")"

    # ---------------------------------------------------------------- writing

    def _markup(self, markdown: str) -> None:
        self._flush()
        self._last_code = None
        self.parts.append(markdown)
        self.last = markdown[-1]
        self._last_is_text = False

    def _flush(self) -> None:
        if not self.run:
            return
        raw = "".join(self.run)
        self.run.clear()
        if "  " in raw or not raw.isprintable():  # a tab, a line break, a no-break space...
            raw = _SPACE_RE.sub(" ", _CONTROL_RE.sub("", raw))
            if "\n" in raw:
                raw = _NEWLINE_WS_RE.sub(SOFT, raw)
                self._soft = True
        if raw.startswith(" ") and self.last in ("", " ", "[", SOFT, BREAK):
            raw = raw[1:]
        if not raw:
            return
        raw = escape.defuse(raw)
        if "~" in raw:
            self._tilde = True
        self.last = raw[-1]
        if escape.SPECIAL_RE.search(raw):
            if self.kind != CELL and escape.text_escapable(raw):
                self._marked = True
                raw = TEXT_OPEN + raw + TEXT_CLOSE
            else:
                self.special = True
                raw = escape.escape_special(raw)
        elif self.kind == CELL and "|" in raw:
            raw = raw.replace("|", "\\|")
        self.parts.append(raw)
        self._last_is_text = True

    def finish(self) -> str:
        """The block's Markdown (mdformat's canonical form); "" when it holds nothing."""
        self._flush()
        if not self.parts:
            return ""
        text = "".join(self.parts)
        if self._soft:
            text = _resolve_soft_breaks(text)
        if self._tilde and self._delimited and (STRIKE_OPEN in text or STRIKE_CLOSE in text):
            self.special = True
            # `~` and `~~` would run together: a zero-width space keeps them apart
            text = _TILDE_AFTER_STRIKE_RE.sub(r"\1" + ZERO_WIDTH_SPACE, _TILDE_BEFORE_STRIKE_RE.sub(
                r"\1" + ZERO_WIDTH_SPACE, text))
        if self._broken:
            text = self._lines(text)
        else:
            text = _strip_marked(text) if self._marked else text.strip()
        written = self._written(text, escape.escape_text)
        if self.special and self._marked:  # mdformat gets the text with every special character escaped
            written = self._written(text, escape.escape_special)
        return written

    def _written(self, text: str, escape_text) -> str:
        """The stripped lines with text escaped by `escape_text`, delimiters and line starts written."""
        if self._marked:
            text = _MARKED_TEXT_RE.sub(lambda m: escape_text(m.group(1)), text)
        if self._delimited:
            if not _delimiters_read_as_written(text):
                self.special = True
            text = _DELIMITER_RUN_RE.sub(lambda m: "".join(DELIMITERS[c] for c in m.group()), text)
        if self.kind == PARAGRAPH:
            if "\n" in text:
                text = "\n".join(escape.escape_line_start(line) for line in text.split("\n"))
            else:
                text = escape.escape_line_start(text)
            text = escape.escape_paragraph(text)
        elif self.kind == HEADING:
            text = escape.escape_heading_end(text)
        return text

    def _lines(self, text: str) -> str:
        """Lines split at hard breaks, stripped; empty ones at either end dropped."""
        lines = [_strip_marked(line) if self._marked else line.strip() for line in text.split(BREAK)]
        while lines and not lines[-1]:
            lines.pop()
        while lines and not lines[0]:
            lines.pop(0)
        if len(lines) > 1 and any("|" in line for line in lines):
            self.special = True  # lines with pipes could be read as a table
        return "\\\n".join(lines)


def _without_last_char(part: str) -> str:
    """A written text part without its last character (inside its marks, if marked)."""
    if part.endswith(TEXT_CLOSE):
        return part[:-2] + TEXT_CLOSE
    return part[:-1]


def _strip_marked(line: str) -> str:
    """`line.strip()` for a line holding marked text: the marks stay, the white space goes."""
    return _MARKED_EDGES_RE.sub(lambda m: _WHITE_SPACE_RE.sub("", m.group()), line)


def _plain_title(title: str) -> bool:
    """A title written as it is (`"` is escaped by `link_markdown` as mdformat escapes it)."""
    return not re.search(r"[\\&\n]", title)


def code_span(code: str) -> str:
    """Inline code as mdformat writes it (its `code_inline` renderer)."""
    longest = max((len(run) for run in BACKTICKS_RE.findall(code)), default=0)
    if longest:
        separator = "`" * (longest + 1)
        return f"{separator} {code} {separator}"
    if code.startswith(" ") and code.endswith(" ") and code.strip():
        return f"` {code} `"
    return f"`{code}`"


def _neighbour(text: str, index: int, step: int) -> str | None:
    """The character that decides a soft break on one side: the first one past markup, or
    markup-like text (`*****`) when nothing else follows on that line."""
    skipped = None
    while 0 <= index < len(text):
        char = text[index]
        if char == BREAK:
            return skipped or "\n"
        if char not in _SKIPPED_NEAR_SOFT:
            return char
        if skipped is None and char not in _MARKS:
            skipped = char
        index += step
    return skipped


def _resolve_soft_breaks(text: str) -> str:
    """A line break in the HTML source: nothing between two CJK characters, else a space."""
    def soft(m: re.Match) -> str:
        before = _neighbour(text, m.start() - 1, -1)
        after = _neighbour(text, m.end(), 1)
        if before in (None, "\n") or after in (None, "\n"):
            return ""
        if CJK_RE.match(before) and CJK_RE.match(after):
            return ""
        return " "

    return _SOFT_RE.sub(soft, text)


def _delimiters_read_as_written(text: str) -> bool:
    """Each run of stand-ins opens (left-flanking) or closes (right-flanking) as intended."""
    for m in _DELIMITER_RUN_RE.finditer(text):
        before = text[m.start() - 1] if m.start() else None
        after = text[m.end()] if m.end() < len(text) else None
        marks = m.group()
        expanded = "".join(DELIMITERS[c] for c in marks)
        opens = [c in OPENS for c in marks for _ in DELIMITERS[c]]  # per expanded character
        for run in _SAME_CHAR_RUN_RE.finditer(expanded):
            kinds = set(opens[run.start():run.end()])
            if len(kinds) != 1:
                return False
            length = run.end() - run.start()
            if length > MAX_STAR_RUN or run.group()[0] == "~" and length != STRIKE_RUN:
                return False
            prev_char = expanded[run.start() - 1] if run.start() else before
            next_char = expanded[run.end()] if run.end() < len(expanded) else after
            if kinds == {True} and not left_flanking(prev_char, next_char):
                return False
            if kinds == {False} and not right_flanking(prev_char, next_char):
                return False
    return True

