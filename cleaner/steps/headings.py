"""Normalize headings: start at h2, no skipped levels, plain text, no decorations.

Heading content is cleaned in an HTML body (ids, anchors, permalink links, bold/italic
wrappers, `#专栏作家#` decorations, whitespace; an h1 equal to the title and empty headings
go). In a Markdown body only levels change: what the author wrote after the `#` marks (links,
emphasis, `{#id}`) and headings in HTML islands stay. Levels are planned over the whole
document, so an island's h3 follows the Markdown's h2.
"""
from __future__ import annotations

import re
import unicodedata

from .. import templates
from ..body import Island
from ..dom import HEADING_TAGS, new_element, remove_keep_tail, text_of
from ..writer.code import INLINE_CODE_TAGS
from ..writer.links import in_link
from ..writer.text import collapse_whitespace
from ..render import markdown_lines, parse

NAME = "headings"
DESCRIPTION = "headings start at h2, no skipped levels, no ids, links, bold or # decorations"
# Decorations: `#` runs set apart by white space at the start (`# Title`, and then at the end
# too: `# Title #`), or wrapping the whole heading (`#话题#`, a topic tag); `C#`, `#tag` and
# `Issue #` are words.
LEADING_DECORATION_RE = re.compile(r"^(?:#+(?:\s+|$))+")
TRAILING_DECORATION_RE = re.compile(r"(?:(?:^|\s+)#+)+$")
WRAPPED_RE = re.compile(r"^#+(.*[^#\s])\s*#+$")
# Inline code in a heading stays code: held as a private-use mark while the text is cleaned.
CODE_OPEN, CODE_CLOSE = "\ue050", "\ue051"
_CODE_MARK_RE = re.compile(f"{CODE_OPEN}(\\d+){CODE_CLOSE}")
PERMALINK_CLASSES = ("headerlink", "anchor", "header-anchor", "heading-link", "hash-link", "permalink")


def run(article) -> None:
    headings = []  # (level, setter) in document order
    for index, segment in enumerate(article.segments):
        if isinstance(segment, str):
            headings.extend(_markdown_headings(article, index))
        elif isinstance(segment, Island):  # HTML the author wrote: only the level may change
            headings.extend((int(h.tag[1]), _tree_setter(h)) for h in _outer_headings(segment.tree))
        else:
            headings.extend(_tree_headings(article, segment))
    _plan_levels(article, headings)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _clean_text(text: str) -> str:
    return _undecorated(collapse_whitespace(text))


# ---------------------------------------------------------------- HTML trees

def _tree_headings(article, tree):
    found = []
    title = _norm(article.title)
    for h in _outer_headings(tree):
        images = [img for img in h.iter("img")]
        for anchor in list(h.iter("a")):
            if _is_permalink(anchor):
                article.record(NAME, "permalink", anchor.get("href") or "")
                remove_keep_tail(anchor)
        raw, codes = _marked_text(h)
        marked = _clean_text(raw)
        text = _CODE_MARK_RE.sub(lambda m: codes[int(m.group(1))], marked)
        raw = _CODE_MARK_RE.sub(lambda m: codes[int(m.group(1))], raw)
        if not text:
            article.record(NAME, "empty-heading", raw.strip() or f"<{h.tag}>")
            _replace_with_images(h, images)
            continue
        if h.tag == "h1" and title and _norm(text) == title:
            article.record(NAME, "h1-is-title", text)
            _replace_with_images(h, images)
            continue
        flat = " ".join(raw.split())
        if text != flat or len(h) != len(codes) or h.attrib:
            article.record(NAME, "plain-text", f"{flat} -> {text}" if text != flat else text)
        _fill(h, marked, codes)
        if images:
            _append_images_after(h, images)
        found.append((int(h.tag[1]), _tree_setter(h)))
    return found


def _marked_text(h) -> tuple[str, list[str]]:
    """The heading's text, a line break as a space and each inline code as a mark; the codes."""
    parts: list[str] = []
    codes: list[str] = []

    def walk(el) -> None:
        parts.append(el.text or "")
        for child in el:
            if child.tag == "br":
                parts.append(" ")
            elif child.tag in INLINE_CODE_TAGS and "".join(child.itertext()).strip():
                parts.append(f"{CODE_OPEN}{len(codes)}{CODE_CLOSE}")
                codes.append("".join(child.itertext()))
            elif isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")

    walk(h)
    return "".join(parts), codes


def _fill(h, marked: str, codes: list[str]) -> None:
    """The heading's content becomes `marked`, each code mark an inline code element."""
    tail = h.tail
    h.clear()
    pieces = _CODE_MARK_RE.split(marked)  # text, code index, text, ...
    h.text = pieces[0]
    for index, after in zip(pieces[1::2], pieces[2::2]):
        code = new_element("code")
        code.text = codes[int(index)]
        code.tail = after
        h.append(code)
    h.tail = tail


def _outer_headings(tree) -> list:
    """The headings that are headings: not inside another, nor inside a link (flattened)."""
    return [h for h in tree.iter(*HEADING_TAGS)
            if h.getparent() is not None and not any(a.tag in HEADING_TAGS for a in h.iterancestors())
            and not in_link(h)]


def _is_permalink(anchor) -> bool:
    classes = (anchor.get("class") or "").split()
    href = anchor.get("href") or ""
    return (any(c in PERMALINK_CLASSES for c in classes)
            or (href.startswith("#") and not text_of(anchor).strip("#¶§🔗 ")))


def _replace_with_images(h, images) -> None:
    if images:
        _append_images_after(h, images)
    remove_keep_tail(h)


def _append_images_after(h, images) -> None:
    para = new_element("p")
    for img in images:
        img.tail = None
        para.append(img)
    h.addnext(para)


def _tree_setter(h):
    def set_level(level: int) -> None:
        h.tag = f"h{level}"
    return set_level


# ---------------------------------------------------------------- Markdown segments

def _markdown_headings(article, index):
    text = article.segments[index]
    lines = markdown_lines(text)
    found = []
    tokens = parse(text)
    code = templates.line_ranges(text)
    for i, token in enumerate(tokens):
        if token.type != "heading_open" or not token.map:
            continue
        start, end = token.map
        if any(first <= start < last for first, last in code):
            continue  # a `# comment` line of a `{% highlight %}` body
        found.append((int(token.tag[1]), _markdown_setter(article, index, lines, token, tokens[i + 1])))
    return found


def _container_prefix(line: str, markup: str, inline_source: str) -> str:
    """What stands before a heading on its line: the `> ` of a blockquote, a list item's marker."""
    if markup.startswith("#"):
        return line[:line.index("#")]
    first = inline_source.split("\n", 1)[0].strip()
    end = len(line.rstrip())
    return line[:end - len(first)] if first and line[:end].endswith(first) else ""


def _markdown_setter(article, index, lines, token, inline):
    """Sets a Markdown heading's level and keeps what the author wrote after its `#` marks (links,
    emphasis, `{#id}`); a setext heading becomes an ATX heading only when its level changes."""
    start, end = token.map
    prefix = _container_prefix(lines[start], token.markup, inline.content)

    def set_level(level: int) -> None:
        if level == int(token.tag[1]):
            return
        source = lines[start].strip()
        if token.markup.startswith("#"):
            rest = lines[start][len(prefix):].lstrip("#")
            lines[start] = prefix + "#" * level + (rest if rest.strip() else "\n")
        else:
            for j in range(start + 1, end):  # the setext underline and extra lines
                lines[j] = ""
            lines[start] = prefix + "#" * level + " " + " ".join(inline.content.split()) + "\n"
        article.record(NAME, "markdown-heading", f"{source} -> {lines[start].strip()}")
        article.segments[index] = "".join(lines)
    return set_level


def _undecorated(text: str) -> str:
    undecorated = LEADING_DECORATION_RE.sub("", text)
    if undecorated != text:
        undecorated = TRAILING_DECORATION_RE.sub("", undecorated)
    text = undecorated.strip()
    wrapped = WRAPPED_RE.match(text)
    return wrapped.group(1).strip() if wrapped else text


# ---------------------------------------------------------------- levels

def _plan_levels(article, headings) -> None:
    """Map each heading's level so the document starts at the top level and never skips one.

    A stack of (source level, new level) keeps siblings siblings: h2 h4 h4 becomes h2 h3 h3.
    """
    top = article.config.heading_top_level
    stack: list[tuple[int, int]] = []
    for level, set_level in headings:
        while stack and stack[-1][0] >= level:
            stack.pop()
        new = min(stack[-1][1] + 1 if stack else top, 6)
        stack.append((level, new))
        if new != level:
            article.record(NAME, "level", f"h{level} -> h{new}")
        set_level(new)
