"""Write the article in canonical form: the fixed point of `mdformat --number --wrap keep`
with the GFM plugin (through `mdformat_bridge`). A Markdown body keeps mdformat's form only
where it renders the same, and template syntax, math and footnotes never reach mdformat.
"""
from __future__ import annotations

import re

from .. import templates
from ..mdformat_bridge import format_until_stable
from ..render import markdown_lines, parse, same_rendering

NAME = "canonical"
DESCRIPTION = "format as mdformat does (--number, GFM tables, front matter)"


def run(article) -> None:
    if article.written:
        return  # the markdown step wrote it canonical
    source = article.body_text()
    if article.is_markdown:
        article.segments = [canonical_markdown(source)]
        return
    text, article.tokens = format_until_stable(source)
    article.segments = [text]


# Template syntax and math stand in the text mdformat formats as these placeholders (private-use
# characters, which mdformat neither escapes nor splits).
_PLACEHOLDER = "\ue000{}\ue001"
_PLACEHOLDER_RE = re.compile("\ue000(\\d+)\ue001")


def canonical_markdown(source: str) -> str:
    """A Markdown body in canonical form, template syntax and math byte for byte; the body as it
    came when the canonical form would render differently (mdformat knows no construct of the
    generator's, so it may escape or move one)."""
    if "\ue000" in source:
        return source
    source = source.rstrip("\n") + "\n"
    blocks = _parse(source)  # one parse serves both questions below
    if block_right_under_paragraph(source, blocks):
        return source
    protected, originals = _protect(source, blocks)
    formatted, _ = format_until_stable(protected)
    restored = _restore(formatted, originals)
    if restored is None or restored == source or not same_rendering(source, restored):
        return source
    if _escapes_only(source, restored) and format_until_stable(source)[0].strip("\n") == source.strip("\n"):
        return source  # mdformat's fixed point already (the stand-ins changed its escaping context)
    return restored


def _escapes_only(source: str, restored: str) -> bool:
    """The two differ in backslashes alone: all the stand-ins can change in a fixed point of
    mdformat (so only then is the source formatted whole, to ask whether it is one)."""
    return source.replace("\\", "").strip("\n") == restored.replace("\\", "").strip("\n")


# Emphasis delimiters as the author wrote them (`*`, `_`, escaped or not), but for list markers
# and thematic breaks: mdformat escapes or moves one that CommonMark reads as text, which
# kramdown (Jekyll) and marked (Hexo) may read as emphasis. And `\|`: mdformat drops the escape
# outside a table, and kramdown reads a line with a bare `|` as a table row.
# And two spaces ending a line: mdformat writes that hard break as a backslash, which kramdown does not
# read as one.
_DELIMITER_RE = re.compile(r"(?<!\\)\\?[*_]+|(?<!\\)\\\||(?<=\S) {2,}(?=\n[ \t]*\S)")
_LIST_MARKER_OR_BREAK_RE = re.compile(r"^[ \t>]*(?:[*+-][ \t]|(?:[*_-][ \t]*){3,}$)", re.M)


# A URL or an e-mail address (its trailing punctuation, `*` and `_` included, is not part of it,
# as GFM's autolinks read it), or a link's destination: delimiters in them are not emphasis, and
# a placeholder in them would keep mdformat from seeing the autolink.
_URL_RE = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)(?:\S*[^\s?!.,:;*_~])?"
                     r"|(?:[\w.+-]|\\_)+@[\w-]+(?:\.[\w-]+)+|\]\([^)\s]*", re.I)


def delimiter_spans(text: str, tables: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of emphasis delimiter runs, but for list markers, thematic breaks, URLs and the
    `tables` (mdformat pads a table's columns to its cells' widths: they must be the real ones)."""
    if "*" not in text and "_" not in text and "\\|" not in text and "  \n" not in text:
        return []
    skipped = [m.span() for m in _LIST_MARKER_OR_BREAK_RE.finditer(text)]
    skipped += [m.span() for m in _URL_RE.finditer(text)]
    skipped += tables
    return [m.span() for m in _DELIMITER_RE.finditer(text)
            if not any(start <= m.start() < end for start, end in skipped)]


def _parse(text: str) -> list:
    return parse(text)


def table_spans(text: str, tokens: list) -> list[tuple[int, int]]:
    """Character spans of the GFM tables in `text` (read as `tokens`)."""
    if "|" not in text:
        return []
    offsets = [0]
    for line in markdown_lines(text):
        offsets.append(offsets[-1] + len(line))
    return [(offsets[t.map[0]], offsets[t.map[1]]) for t in tokens if t.type == "table_open" and t.map]


def kept_spans(text: str, tokens: list | None = None) -> list[tuple[int, int]]:
    """What mdformat never sees: template syntax, math and footnotes (outside tables, whose
    cells keep their real widths), and emphasis delimiters. `tokens`: `text` parsed already."""
    tables = table_spans(text, tokens if tokens is not None else _parse(text))
    kept = [(start, end) for start, end in templates.spans(text)
            if not any(t_start <= start < t_end for t_start, t_end in tables)]
    return templates.outermost(kept + delimiter_spans(text, tables))


def block_right_under_paragraph(text: str, tokens: list | None = None) -> bool:
    """True when a top-level block starts on the line right under a paragraph. CommonMark lets
    an HTML block, list, heading or fence interrupt a paragraph; kramdown (Jekyll) reads them as
    the paragraph's text. mdformat would set them apart by a blank line, which kramdown then
    reads otherwise: such a body stays as it came."""
    previous_end = None
    depth = 0
    for token in tokens if tokens is not None else _parse(text):
        if depth == 0 and token.map:
            if previous_end is not None and token.map[0] == previous_end:
                return True
            previous_end = token.map[1] if token.type == "paragraph_open" else None
        depth += token.nesting
    return False


def _protect(text: str, tokens: list) -> tuple[str, list[str]]:
    parts, originals, cursor = [], [], 0
    for start, end in kept_spans(text, tokens):
        parts.append(text[cursor:start])
        parts.append(_PLACEHOLDER.format(len(originals)))
        originals.append(text[start:end])
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts), originals


def _restore(text: str, originals: list[str]) -> str | None:
    """The formatted text with each placeholder back as it was; None when mdformat lost or
    repeated one."""
    seen = [int(m.group(1)) for m in _PLACEHOLDER_RE.finditer(text)]
    if sorted(seen) != list(range(len(originals))):
        return None
    return _PLACEHOLDER_RE.sub(lambda m: originals[int(m.group(1))], text)
