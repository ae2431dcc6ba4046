"""The author's template syntax in a Markdown body, found so it can be kept byte for byte.

Hugo shortcodes (`{{< x >}}`, `{{% x %}}`, paired with `{{< /x >}}`), Liquid and Nunjucks
(`{% x %}`, `{{ x }}`, `{# x #}`, paired with `{% endx %}`: Jekyll, Hexo tag plugins) and
`$…$` / `$$…$$` math and footnotes are the generator's, not Markdown's. A paired tag's body (a Hexo
`{% codeblock %}`, a Hugo `{{< highlight >}}`) is code to the generator: the whole pair is one
span. The canonical step formats the Markdown around these spans and never inside them.
"""
from __future__ import annotations

import re

# One tag, possibly over several lines (a shortcode's arguments), at most this long.
MAX_TAG_CHARS = 2000
# A tag ends before the next opener: a run of unclosed `{{` is read in linear time.
_BODY = r"(?:(?!\{[{%%#])[\s\S]){0,%d}?" % MAX_TAG_CHARS
TAG_RE = re.compile(r"\{\{<" + _BODY + r">\}\}|\{\{%" + _BODY + r"%\}\}|\{%" + _BODY + r"%\}|\{\{" + _BODY
                    + r"\}\}|\{#" + _BODY + r"#\}")
# The name a tag opens with: `{% name`, `{{< name`, `{{% name`, `{{< /name` (Hugo closing).
_TAG_NAME_RE = re.compile(r"\{(?:%-?|\{[<%])\s*(/?)(\w[\w.-]*)")
# Math, read as markdown-it's dollarmath reads it: no space just inside the dollars, no digit
# right after the closing one.
MATH_RE = re.compile(r"(?<![\\$])\$\$[\s\S]+?\$\$|(?<![\\$\w])\$(?=[^\s$])(?:[^$\n\\]|\\.)+?(?<=[^\s\\])\$(?![\d$])")
# A GitHub alert's marker (`> [!NOTE]`): mdformat would escape its brackets.
ALERT_RE = re.compile(r"^[ \t]*>[ \t]*\[![A-Za-z]+\][ \t]*$", re.M)
# Footnotes, where they stand: a reference `[^1]`, and a definition with its lines (and indented
# paragraphs after blank lines). mdformat's footnote plugin moves definitions to the end, which
# Hexo's marked (no footnotes: the definition is text) would show moved.
FOOTNOTE_RE = re.compile(r"^\[\^[^\]\s\[]{1,200}\]:[^\n]*(?:\n[^\n]*\S[^\n]*)*(?:\n\n(?: {4}|\t)[^\n]*(?:\n[^\n]*\S[^\n]*)*)*"
                         r"|\[\^[^\]\s\[]{1,200}\]", re.M)


def tags(text: str) -> list[str]:
    """Every template tag in `text`, in order (for comparing before and after, byte for byte)."""
    return TAG_RE.findall(text) if "{" in text else []


def spans(text: str) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of template syntax, paired tags as one span, and math."""
    found: list[tuple[int, int]] = []
    if "{" in text:
        found += _tag_spans(text)
    if "$" in text:
        found += [m.span() for m in MATH_RE.finditer(text)]
    if "[!" in text:
        found += [m.span() for m in ALERT_RE.finditer(text)]
    if "[^" in text:
        found += [m.span() for m in FOOTNOTE_RE.finditer(text)]
    return outermost(found)


def _tag_spans(text: str) -> list[tuple[int, int]]:
    """Each tag's span; a tag that opens a pair spans to its closing tag."""
    found = [(m.start(), m.end(), m.group()) for m in TAG_RE.finditer(text)]
    out = []
    for i, (start, end, tag) in enumerate(found):
        name = _TAG_NAME_RE.match(tag)
        if name and not name.group(1):
            close = _closing(found, i, name.group(2), tag)
            if close is not None:
                end = found[close][1]
        out.append((start, end))
    return out


def _closing(found, index: int, name: str, opening: str) -> int | None:
    """Index of the tag closing `opening` (nested pairs of the same name counted)."""
    hugo = opening.startswith("{{")
    depth = 0
    for j in range(index + 1, len(found)):
        m = _TAG_NAME_RE.match(found[j][2])
        if not m:
            continue
        closes = (m.group(1) == "/" and m.group(2) == name) if hugo else (m.group(2) == "end" + name)
        opens = m.group(2) == name and not m.group(1)
        if closes:
            if depth == 0:
                return j
            depth -= 1
        elif opens:
            depth += 1
    return None


def outermost(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans in order, overlapping ones merged."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if out and start < out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
            continue
        out.append((start, end))
    return out


def line_ranges(text: str) -> list[tuple[int, int]]:
    """Line ranges (first, after last) of template syntax over several lines: a
    `{% codeblock %}`'s body is the generator's code, never Markdown or HTML to clean."""
    if "{" not in text:
        return []
    out = []
    for start, end in spans(text):
        if text[start] == "{" and "\n" in text[start:end]:
            first = text.count("\n", 0, start)
            out.append((first, first + text.count("\n", start, end) + 1))
    return out


# Tags only an author writes: a feed's HTML shows a page its generator rendered already, so a
# `{{ x }}` or a lone `{% raw %}` in it is text the article mentions.
_SHORTCODE_RE = re.compile(r"\{\{[<%]")
_CODE_RE = re.compile(r"<(pre|code)\b.*?</\1\s*>", re.S | re.I)
_MARKUP_RE = re.compile(r"<(pre|code)\b.*?</\1\s*>|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.S | re.I)


def has_author_tags(html: str) -> bool:
    """True when the text of `html` (outside code) holds a Hugo shortcode or a paired Liquid /
    Nunjucks tag (`{% capture %}…{% endcapture %}`)."""
    if "{" not in html:
        return False
    if _SHORTCODE_RE.search(_CODE_RE.sub(" ", html)):  # `{{< x >}}` reads like a tag: look before stripping
        return True
    text = _MARKUP_RE.sub(" ", html)
    return any(text[start:end].count("{%") > 1 for start, end in _tag_spans(text))
