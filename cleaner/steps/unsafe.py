"""Remove markup that runs code or never shows as text; turn embeds into plain links.

MathML stays (the writer writes the text it shows), less its annotations (TeX source a reader
never sees). In a Markdown body (HTML islands the author wrote) only what runs code goes:
embeds, `<svg>`, `<math>` and form elements stay.
"""
from __future__ import annotations

import re

from ..dom import new_element, remove_keep_tail, text_of
from ..urls import https_if_protocol_relative

NAME = "unsafe"
DESCRIPTION = "drop script/style/svg, event handlers, javascript: URLs; iframes become links"
DROP_TAGS = ("script", "style", "noscript", "template", "svg", "object", "embed", "applet",
             "link", "meta", "base", "input", "button", "canvas",
             "frameset", "frame", "head", "title", "param", "map", "annotation", "annotation-xml")
# In a Markdown body, HTML the author wrote stays HTML: only what runs code goes.
CODE_TAGS = ("script", "style", "noscript", "template", "applet", "frameset", "frame", "plaintext")
EMBED_TAGS = ("iframe", "video", "audio")
URL_ATTRS = ("href", "src", "srcset", "action", "formaction", "poster", "data", "background", "xlink:href")
UNSAFE_URL_RE = re.compile(r"^(?:javascript|vbscript|data:text/html|livescript):?", re.I)
# Browsers ignore ASCII whitespace and control characters inside a URL's scheme: "jav\tascript:".
_URL_IGNORED_RE = re.compile(r"[\x00-\x20\x7f]+")


def is_unsafe_url(value: str) -> bool:
    return bool(UNSAFE_URL_RE.match(_URL_IGNORED_RE.sub("", value)))


def run(article) -> None:
    for tree in article.trees():
        _run_tree(article, tree, CODE_TAGS if article.is_markdown else DROP_TAGS)
        if not article.is_markdown:
            for el in list(tree.iter(*EMBED_TAGS)):
                _embed_to_link(article, el)


def _run_tree(article, tree, drop_tags) -> None:
    for el in list(tree.iter(*drop_tags)):
        if el.getparent() is None:
            continue
        text = text_of(el)
        # a <button> or <select> may carry visible text; it is kept only when it reads as prose
        article.record(NAME, el.tag, text or f"<{el.tag}>")
        remove_keep_tail(el)
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        # items(), not attrib[name]: a name like `{{` reads as a namespace and cannot be looked up
        for attr, value in el.items():
            if attr.lower().startswith("on"):
                del el.attrib[attr]
                article.record(NAME, "event-handler", f"{el.tag} {attr}")
            elif attr.lower() in URL_ATTRS and is_unsafe_url(value or ""):
                del el.attrib[attr]
                article.record(NAME, "unsafe-url", f"{el.tag} {attr}={value[:40]}")


def _embed_src(el) -> str | None:
    src = el.get("src") or el.get("data-src")
    if not src:
        source = next((s for s in el.iter("source") if s.get("src")), None)
        src = source.get("src") if source is not None else None
    if not src or is_unsafe_url(src):
        return None
    return https_if_protocol_relative(src.strip())


def _embed_to_link(article, el) -> None:
    if el.getparent() is None:
        return
    src = _embed_src(el)
    if not src:
        article.record(NAME, el.tag, text_of(el) or f"<{el.tag}> without a source")
        remove_keep_tail(el)
        return
    label = el.get("title") or {"iframe": "Embedded content", "video": "Video", "audio": "Audio"}[el.tag]
    link = new_element("a", href=src)
    link.text = label
    para = new_element("p")
    para.append(link)
    para.tail = el.tail
    el.getparent().replace(el, para)
    article.record(NAME, f"{el.tag}-to-link", src)
