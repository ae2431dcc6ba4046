"""Remove tip/donation/share widgets, ad blocks, hidden elements and HTML comments (all but the
excerpt marker `<!--more-->`).

Which elements are widgets is data (rules/builtin.toml plus a user's rules). Text rules only
look at short elements that stand alone in their block, so a sentence of the article is never
taken for a widget. Selector rules are CSS (selectors.py), searched once per tree; one pass over
the tree then tests each element against the hidden and text rules.
"""
from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from ..dom import BLOCK_TAGS, is_more_marker, remove_keep_tail, text_of
from ..selectors import Matcher

NAME = "widgets"
DESCRIPTION = "remove tip/donation/share widgets, ads, hidden elements, HTML comments"
# An element whose text is longer than this is never removed by a text rule.
TEXT_RULE_MAX_CHARS = 60
TEXT_RULE_TAGS = frozenset({"div", "p", "span", "section", "small", "a", "strong", "b", "li", "h2", "h3",
                            "h4", "h5", "h6", "center", "aside"})
# Not visibility:hidden: WeChat pages hide their whole article that way until a script reveals it.
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none", re.I)


@lru_cache(maxsize=32)
def _matcher(widgets) -> Matcher:
    return Matcher([(f"{rule.name} {selector}", selector) for rule in widgets for selector in rule.selectors])


def run(article) -> None:
    matcher = _matcher(article.config.widgets)
    text_rules = [(r.name, p) for r in article.config.widgets for p in r.texts]
    for tree in article.trees():
        named = matcher.find(tree)
        possible = _possible_text_rules(text_rules, tree)
        doomed = []
        for el in tree.iter():
            rule = _rule_for(el, named, possible)
            if rule:
                doomed.append((el, rule))
        for el, rule in doomed:
            if _attached(el, tree):
                _remove(article, el, rule)


def _possible_text_rules(text_rules, tree) -> list:
    """The text rules that may match some element: those whose pattern, unanchored, is found
    in the tree's whole text (most trees hold none, and no element's text is read then)."""
    if not text_rules:
        return text_rules
    text = " ".join("".join(tree.itertext()).split())
    return [(name, pattern) for name, pattern in text_rules
            if (prefilter := _unanchored(pattern)) is None or prefilter.search(text)]


@lru_cache(maxsize=64)
def _unanchored(pattern: re.Pattern) -> re.Pattern | None:
    """`pattern` without its `^...$` (an element's text is somewhere in the tree's), or None when
    an anchor stands elsewhere in it and no such pattern can be derived."""
    source = pattern.pattern.removeprefix("^").removesuffix("$")
    if _ANCHOR_RE.search(source):
        return None
    return re.compile(source, pattern.flags)


# `^` or `$` outside a character class, unescaped
_ANCHOR_RE = re.compile(r"(?<!\\)(?<!\[)[\^$]")


def _rule_for(el, named: dict, text_rules) -> str | None:
    if isinstance(el, etree._Comment):
        return None if is_more_marker(el) else "html-comment"
    if not isinstance(el.tag, str):
        return None
    if el.get("hidden") is not None or HIDDEN_STYLE_RE.search(el.get("style") or ""):
        return "hidden"
    if el.get("aria-hidden") == "true" and not text_of(el):
        return "hidden"
    rule = named.get(el)
    if rule or not text_rules or el.tag not in TEXT_RULE_TAGS:
        return rule
    return _text_rule(el, text_rules)


def _short_text(el) -> str | None:
    """The element's text when it is short enough for a text rule (read no further otherwise)."""
    parts, size = [], 0
    for piece in el.itertext():
        size += len(piece.strip())
        if size > TEXT_RULE_MAX_CHARS:
            return None
        parts.append(piece)
    text = " ".join("".join(parts).split())
    return text or None


def _text_rule(el, text_rules) -> str | None:
    text = _short_text(el)
    if text is None:
        return None
    for name, pattern in text_rules:
        if pattern.search(text) and _stands_alone(el, text):
            return f"{name} text {pattern.pattern[:30]}"
    return None


def _attached(el, tree) -> bool:
    """False when an ancestor was removed already."""
    return any(ancestor is tree for ancestor in el.iterancestors())


def _remove(article, el, rule: str) -> None:
    if isinstance(el, etree._Comment):
        article.record(NAME, rule, el.text or "")
    else:
        text = text_of(el)
        article.record(NAME, rule, text or f"<{el.tag}>")
    remove_keep_tail(el)


def _stands_alone(el, text: str) -> bool:
    """True when `el` is all the text of the block it sits in (a button, not a word in a sentence)."""
    block = el
    while block.tag not in BLOCK_TAGS and block.getparent() is not None:
        block = block.getparent()
    return block is el or text_of(block) == text
