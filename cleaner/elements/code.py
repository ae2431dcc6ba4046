"""Code blocks become fenced code with the language from the class; inline code keeps its text.

Both are taken out of the tree before html2text runs (which would escape or re-wrap them) and
put back verbatim: code text never changes.
"""
from __future__ import annotations

import itertools
import re

import lxml.html

from ..dom import remove_keep_tail, replace_with_text

INLINE_CODE_TAGS = ("code", "kbd", "samp", "tt")
LANGUAGE_RES = (
    re.compile(r"\b(?:language|lang)-([\w+#.-]+)", re.I),
    re.compile(r"\bbrush:\s*([\w+#-]+)", re.I),
    re.compile(r"\b(?:hljs|highlight|sourceCode)\s+([\w+#-]+)", re.I),
)
NOT_LANGUAGES = {"plain", "plaintext", "text", "txt", "none", "nohighlight", "code", "hljs", "linenums",
                 "prettyprint", "highlight", "gutter", "true", "false", "sourcecode"}
BACKTICKS_RE = re.compile(r"`+")
# How many ancestors up a code block's language may be written (figure.highlight > table > tr > td > pre)
LANGUAGE_SEARCH_DEPTH = 5


def language(pre) -> str:
    candidates = [pre, *pre.iterchildren("code")]
    candidates += list(itertools.islice(pre.iterancestors(), LANGUAGE_SEARCH_DEPTH))
    for el in candidates:
        classes = el.get("class") or ""
        for pattern in LANGUAGE_RES:
            m = pattern.search(classes)
            if m and m.group(1).lower() not in NOT_LANGUAGES:
                return m.group(1).lower()
        if el.get("data-lang"):
            return el.get("data-lang").strip().lower()
    return ""


def code_text(el) -> str:
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return "".join(t for t in el.itertext())


def fence(text: str, lang: str = "") -> str:
    ticks = max([3] + [len(run) + 1 for run in BACKTICKS_RE.findall(text)])
    marker = "`" * ticks
    return f"{marker}{lang}\n{text}\n{marker}"


def inline(text: str) -> str:
    text = " ".join(text.split("\n"))
    ticks = max([1] + [len(run) + 1 for run in BACKTICKS_RE.findall(text)])
    marker = "`" * ticks
    pad = " " if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ") and text.strip()) else ""
    return f"{marker}{pad}{text}{pad}{marker}"


def extract(article, tree, placeholders, step: str) -> None:
    for pre in list(tree.iter("pre", "xmp", "listing", "textarea")):
        if pre.getparent() is None or any(a.tag == "pre" for a in pre.iterancestors()):
            continue
        text = code_text(pre)
        if text.startswith("\n"):
            text = text[1:]
        text = "\n".join(line.rstrip() for line in text.rstrip().split("\n"))
        if not text.strip():
            remove_keep_tail(pre)
            continue
        para = lxml.html.Element("p")
        para.text = placeholders.block(fence(text, language(pre)))
        para.tail = pre.tail
        pre.getparent().replace(pre, para)
    for code in list(tree.iter(*INLINE_CODE_TAGS)):
        if code.getparent() is None or any(a.tag in INLINE_CODE_TAGS for a in code.iterancestors()):
            continue
        text = code_text(code)
        if not text.strip():
            remove_keep_tail(code)
            continue
        replace_with_text(code, placeholders.inline(inline(text)))
