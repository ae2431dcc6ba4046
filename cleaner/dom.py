"""The lxml helpers every tree step shares: parsing, text, removal that is recorded."""
from __future__ import annotations

import re

from lxml import etree

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption",
})
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# lxml's own elements, not lxml.html's: those look up a Python class for every node the steps
# touch, a tenth of the pipeline's time, for methods no step uses.
_PARSER = etree.HTMLParser(remove_comments=False, remove_pis=True, huge_tree=True,
                           remove_blank_text=False, default_doctype=False)
_FULL_DOCUMENT_RE = re.compile(r"^\s*<(?:html|!doctype)", re.I)
_WS_RE = re.compile(r"\s+")
# The excerpt marker of Hexo, Hugo and Jekyll: the one comment a post keeps, written this way.
MORE_MARKER = "<!--more-->"
_MORE_TEXT_RE = re.compile(r"^\s*more\s*$")
MORE_RE = re.compile(r"<!--\s*more\s*-->")


# libxml2 reads at most this many levels of nesting (with huge_tree); what lies deeper, and
# everything after it, is dropped without a word.
PARSER_MAX_DEPTH = 2048
# What libxml2 logs when it stops at that depth.
DEPTH_ERROR = "ERR_RESOURCE_LIMIT"
# Share of the source's letters and digits the parsed tree must hold when it reached the
# limit; below it the parser dropped text.
PARSED_TEXT_SHARE = 0.5


def parse_fragment(html: str) -> etree._Element:
    """A `div` holding the parsed fragment (never None, never raises on odd markup).

    Raises CleanerError when the parser dropped text (markup nested deeper than it reads).
    """
    root = new_element("div")
    if html.strip():
        _parse_into(root, html)
    if html.count("<") > PARSER_MAX_DEPTH and _reached_depth_limit():
        _check_nothing_dropped(html, root)
    return root


def _reached_depth_limit() -> bool:
    """The last parse stopped at libxml2's depth limit (and dropped what lay below it)."""
    return any(entry.type_name == DEPTH_ERROR for entry in _PARSER.error_log)


def _parse_into(root, html: str) -> None:
    """The parsed body of `html` moved into `root` (what lxml.html.fragment_fromstring does)."""
    if not _FULL_DOCUMENT_RE.match(html):
        html = "<html><body>" + html  # no closing tags: after <plaintext> they would be text
    doc = etree.fromstring(html, _PARSER)
    body = None if doc is None else doc.find("body")
    if body is None:
        return
    if body.text and body.text.strip():
        root.text = body.text
    root.extend(body)


def new_element(tag: str, **attributes: str) -> etree._Element:
    """An element for a tree `parse_fragment` made."""
    return _PARSER.makeelement(tag, attributes)


def _check_nothing_dropped(html: str, root) -> None:
    from .errors import CleanerError
    from .letters import html_text, letters  # as the safety gate compares

    source = len(letters(html_text(html)))
    parsed = len(letters("".join(root.itertext())))
    if source and parsed < source * PARSED_TEXT_SHARE:
        raise CleanerError(f"markup nested deeper than {PARSER_MAX_DEPTH} levels: the HTML parser "
                           "cannot read it without losing text, so the file is left as it is")


def inner_html(root) -> str:
    """The markup inside `root` (for a body left as HTML when the markdown step is off)."""
    parts = [root.text or ""]
    parts += [etree.tostring(child, encoding="unicode", method="html") for child in root]
    return "".join(parts)


def is_more_marker(node) -> bool:
    """True for the comment `<!--more-->` (any inner spacing)."""
    return isinstance(node, etree._Comment) and bool(_MORE_TEXT_RE.match(node.text or ""))


def text_of(el) -> str:
    """All text below `el`, whitespace collapsed."""
    if isinstance(el, etree._Comment):
        return ""
    return _WS_RE.sub(" ", "".join(el.itertext())).strip()


def shows_nothing(el) -> bool:
    """No text and no image below `el` (a linked image shows without text)."""
    return not text_of(el) and (not isinstance(el.tag, str) or next(el.iter("img"), None) is None)


def append_text(el, text: str) -> None:
    """Append `text` after everything `el` holds (its last child's tail, or its own text)."""
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


def add_text_before(el, text: str) -> None:
    """Append `text` to whatever text comes just before `el` (its previous sibling's tail, or
    its parent's text)."""
    if not text:
        return
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + text
    else:
        parent = el.getparent()
        parent.text = (parent.text or "") + text


def replace_with_text(el, text: str) -> None:
    """Replace `el` and everything below it with `text`, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    add_text_before(el, text + (el.tail or ""))
    parent.remove(el)


def remove_keep_tail(el) -> None:
    """Remove `el` and everything below it, keeping the text that follows it."""
    replace_with_text(el, "")


def unwrap(el) -> None:
    """Replace `el` with its children (keeps text and tail)."""
    parent = el.getparent()
    if parent is None:
        return
    add_text_before(el, el.text or "")
    index = parent.index(el)
    children = list(el)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    if children:
        children[-1].tail = (children[-1].tail or "") + (el.tail or "")
    else:
        add_text_before(el, el.tail or "")
    parent.remove(el)
