"""Remove tip/donation/share widgets, ad blocks, hidden elements and HTML comments.

Which elements are widgets is data (rules/builtin.toml plus a user's rules). Text rules only
look at short elements, so a paragraph of the article is never taken for a widget.
"""
from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from ..dom import BLOCK_TAGS, remove_keep_tail, text_of
from ..selectors import to_xpath

NAME = "widgets"
DESCRIPTION = "remove tip/donation/share widgets, ads, hidden elements, HTML comments"
# An element whose text is longer than this is never removed by a text rule.
TEXT_RULE_MAX_CHARS = 60
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none", re.I)  # not visibility:hidden: WeChat reveals its article with JS
TEXT_RULE_TAGS = ("div", "p", "span", "section", "small", "a", "strong", "b", "li", "h2", "h3",
                  "h4", "h5", "h6", "center", "aside")


@lru_cache(maxsize=32)
def _compiled(widgets) -> list:
    """[(rule name, XPath)] for the selector rules, compiled once per configuration."""
    out = []
    for rule in widgets:
        for selector in rule.selectors:
            out.append((rule.name, selector, etree.XPath(to_xpath(selector))))
    return out


def run(article) -> None:
    compiled = _compiled(article.config.widgets)
    text_rules = [(r.name, p) for r in article.config.widgets for p in r.texts]
    for tree in article.trees():
        _comments(article, tree)
        _hidden(article, tree)
        for rule, selector, xpath in compiled:
            for el in xpath(tree):
                _remove(article, el, f"{rule} {selector}")
        if text_rules:
            _text_rules(article, tree, text_rules)


def _remove(article, el, rule: str) -> None:
    if el.getparent() is None:  # already gone with an ancestor
        return
    text = text_of(el)
    article.record(NAME, rule, text or f"<{el.tag}>", removed_text=text)
    remove_keep_tail(el)


def _comments(article, tree) -> None:
    for comment in list(tree.iter(etree.Comment)):
        if comment.getparent() is not None:
            article.record(NAME, "html-comment", comment.text or "")
            remove_keep_tail(comment)


def _hidden(article, tree) -> None:
    for el in list(tree.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if el.get("hidden") is not None or el.get("aria-hidden") == "true" and not text_of(el):
            _remove(article, el, "hidden")
        elif HIDDEN_STYLE_RE.search(el.get("style") or ""):
            _remove(article, el, "display:none")


def _text_rules(article, tree, rules) -> None:
    for el in list(tree.iter(*TEXT_RULE_TAGS)):
        if el.getparent() is None:
            continue
        text = text_of(el)
        if not text or len(text) > TEXT_RULE_MAX_CHARS or not _stands_alone(el, text):
            continue
        for name, pattern in rules:
            if pattern.search(text):
                _remove(article, el, f"{name} text {pattern.pattern[:30]}")
                break


def _stands_alone(el, text: str) -> bool:
    """True when `el` is all the text of the block it sits in (a button, not a word in a sentence)."""
    block = el
    while block.tag not in BLOCK_TAGS and block.getparent() is not None:
        block = block.getparent()
    return block is el or text_of(block) == text
