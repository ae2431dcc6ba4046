"""Code: the language a code block's classes name, its text with line breaks, its fence.

Code text never changes: the writer puts it in a fence (or a code span) as it is.
"""
from __future__ import annotations

import itertools
import re


INLINE_CODE_TAGS = ("code", "kbd", "samp", "tt")
CODE_BLOCK_TAGS = ("pre", "xmp", "listing", "textarea")
LANGUAGE_RES = (
    re.compile(r"\b(?:language|lang)-([\w+#.-]+)", re.I),
    re.compile(r"\bbrush:\s*([\w+#-]+)", re.I),
    re.compile(r"\b(?:hljs|highlight|sourceCode)\s+([\w+#-]+)", re.I),
)
NOT_LANGUAGES = {"plain", "plaintext", "text", "txt", "none", "nohighlight", "code", "hljs", "linenums",
                 "prettyprint", "highlight", "gutter", "true", "false", "sourcecode"}
BACKTICKS_RE = re.compile(r"`+")
_INFO_WORD_RE = re.compile(r"[\w+#.-]+")  # what a fence's info string may hold here
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
        m = _INFO_WORD_RE.match((el.get("data-lang") or "").strip())
        if m:
            return m.group(0).lower()
    return ""


def code_text(el) -> str:
    """The code's text, a `<br>` as a line break (the tree is left as it is)."""
    if next(el.iter("br"), None) is None:
        return "".join(el.itertext())
    parts: list[str] = []
    _text_of(el, parts)
    return "".join(parts)


def _text_of(el, parts: list[str]) -> None:
    parts.append(el.text or "")
    for child in el:
        if child.tag == "br":
            parts.append("\n")
        elif isinstance(child.tag, str):
            _text_of(child, parts)
        parts.append(child.tail or "")


def fence(text: str, lang: str = "") -> str:
    ticks = max([3] + [len(run) + 1 for run in BACKTICKS_RE.findall(text)])
    marker = "`" * ticks
    return f"{marker}{lang}\n{text}\n{marker}"
