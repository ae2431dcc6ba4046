"""What a Markdown body renders to, as the generators read it: CommonMark with raw HTML, GFM
tables and strikethrough, footnotes, definition lists and `$`-math. The canonical step keeps its
formatting only where the rendering stays the same."""
from __future__ import annotations

import re
from functools import lru_cache

# A line as markdown-it counts lines (a token's `map`): ended by \n, \r\n or \r only. Python's
# splitlines also ends one at U+2028, \x1c-\x1e, \x85, \v and \f, which markdown-it reads as text.
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def markdown_lines(text: str) -> list[str]:
    """`text.splitlines(keepends=True)`, with lines numbered as markdown-it numbers them."""
    return _LINE_RE.findall(text)


@lru_cache(maxsize=1)
def renderer():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return md.use(footnote_plugin).use(deflist_plugin).use(dollarmath_plugin, allow_space=False, allow_digits=False)


# How many texts keep their tokens (a post's segments, its output): a segment is parsed once
# for every step that reads it, until its text changes. The tokens are shared: no caller may
# change one (none does; markdown-it's own renderer only sets an image's alt to what it is).
PARSED_TEXTS = 16


@lru_cache(maxsize=PARSED_TEXTS)
def _parsed(markdown: str) -> tuple[tuple, dict]:
    env: dict = {}
    return tuple(renderer().parse(markdown, env)), env


def parse(markdown: str, env: dict | None = None) -> list:
    """The tokens of `markdown` as the generators read it (not to be changed: they are shared).
    With `env` (link reference definitions from elsewhere) it is parsed afresh."""
    if env:
        return renderer().parse(markdown, env)
    return list(_parsed(markdown)[0])


def render(markdown: str) -> str:
    tokens, env = _parsed(markdown)
    md = renderer()
    return md.renderer.render(list(tokens), md.options, dict(env))


def same_rendering(before: str, after: str) -> bool:
    """True when both texts render to the same HTML (white space runs alike outside `<pre>`)."""
    return before == after or _spaced(render(before)) == _spaced(render(after))


_PRE_RE = re.compile(r"(<pre[\s\S]*?</pre>)")
_SPACES_RE = re.compile(r"[ \t]+")


def _spaced(html: str) -> str:
    parts = _PRE_RE.split(html)
    return "".join(part if i % 2 else _SPACES_RE.sub(" ", part) for i, part in enumerate(parts))


# ---------------------------------------------------------------- what a reader sees of HTML

# Tags that render alike, and tags that only group: the outline compares what a reader sees.
SAME_TAG = {"b": "strong", "i": "em", "s": "del", "strike": "del", "tt": "code", "th": "td"}
UNWRAPPED = frozenset({"span", "font", "thead", "tbody", "tfoot"})
PARAGRAPH_LIKE = frozenset({"div", "p", "center", "section", "article", "header", "footer", "main"})
KEPT_ATTRIBUTES = ("href", "src", "alt", "start", "colspan", "rowspan")
_BLOCK_BREAK = "¶"


def outline(root) -> list[str]:
    """What a reader sees of an HTML tree: elements (with the attributes that show), text with
    its white space collapsed, and block breaks; grouping tags and attribute-only differences
    do not count."""
    from .writer.text import collapse_whitespace

    out: list[str] = []

    def text(value: str | None) -> None:
        value = collapse_whitespace(value or "")
        if value:
            out.append(value)

    def walk(el) -> None:
        tag = SAME_TAG.get(el.tag, el.tag)
        if tag in PARAGRAPH_LIKE:
            out.append(_BLOCK_BREAK)
        elif tag == "pre":
            out.append("pre:" + "\n".join(line.rstrip() for line in "".join(el.itertext()).strip("\n").split("\n")))
            return
        elif tag not in UNWRAPPED:
            attrs = " ".join(f'{a}="{_attribute(el, a)}"' for a in KEPT_ATTRIBUTES
                             if el.get(a) is not None or (a == "alt" and tag == "img"))
            out.append(f"<{tag} {attrs}>")
        text(el.text)
        for child in el:
            if isinstance(child.tag, str) and not _empty_inline(child):
                walk(child)
            text(child.tail)
        if tag in PARAGRAPH_LIKE:
            out.append(_BLOCK_BREAK)
        elif tag not in UNWRAPPED:
            out.append(f"</{tag}>")

    walk(root)
    return _tidy(out)


# Formatting that holds nothing shows nothing.
EMPTY_SHOWS_NOTHING = frozenset({"b", "strong", "i", "em", "s", "strike", "del", "code", "tt", "span", "font", "u",
                                 "a"})


def _empty_inline(el) -> bool:
    """Empty formatting without attributes (`<b></b>`); `<i class="fa fa-car"></i>` is an icon."""
    return el.tag in EMPTY_SHOWS_NOTHING and not len(el) and not (el.text or "").strip() and not el.attrib


def _attribute(el, name: str) -> str:
    """An attribute as a reader gets it: a missing alt is an empty one."""
    return el.get(name) or ""


def _tidy(items: list[str]) -> list[str]:
    """Block breaks at most one in a row, none at the ends, none around a list or table; a line
    break that ends a block shows nothing."""
    out: list[str] = []
    for item in items:
        if item == _BLOCK_BREAK and (not out or out[-1] == _BLOCK_BREAK):
            continue
        if item in (_BLOCK_BREAK, "</li>", "</td>", "</blockquote>") and out and out[-2:] == ["<br >", "</br>"]:
            del out[-2:]
        out.append(item)
    while out and out[-1] == _BLOCK_BREAK:
        out.pop()
    return out


def markdown_renders_as(tree, markdown: str) -> bool:
    """True when `markdown` renders to what a reader sees of `tree`."""
    from .dom import parse_fragment

    return outline(parse_fragment(render(markdown))) == outline(tree)
