"""CSS selectors for site rules kept as data, and a matcher that finds many of them in a tree.

A selector is any that cssselect reads (the CSS-to-XPath translator lxml uses), as a browser's
developer tools copy it: combinators (`.post-footer .donate`, `div.footer > .reward`), lists
(`a, b`), `:not()`, `:first-child` and the other structural pseudo-classes, every attribute
operator and the `i` flag (`[href*="ko-fi.com" i]`). Attribute values other than a CSS name must
be quoted. Tag names match in any case; classes, ids and values exactly unless `i` says so.

Each selector is compiled to XPath once. Running all of them over every post would cost a
tree walk each, so a selector is indexed by a class, an id, an attribute text or a tag its
subject (the rightmost compound) requires: a post is searched only with the selectors whose
requirement it meets, and most posts meet none.
cssselect is imported only when a selector is read, lxml only when a post is searched
(configuration is read before it is known whether any post needs cleaning).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# What a selector's subject requires: ("class", name), ("id", value), ("attr", name, text,
# any case) when an attribute's value must hold a text, ("tag", name), or None. The first of
# these kinds a subject has is its key: the rarer, the fewer posts a selector is evaluated on.
Key = tuple | None
_KEY_KINDS = ("class", "id", "attr", "tag")
# Attribute operators whose value the attribute's value holds as it is: = ~= |= ^= $= *=.
_HOLDING_OPS = frozenset({"=", "~=", "|=", "^=", "$=", "*="})
# XPath steps that cssselect writes for what never holds in a file (`:hover`, `[href*='']`).
_NEVER_RE = re.compile(r"\[0\]")
_XPATH_STRING_RE = re.compile(r"'[^']*'|\"[^\"]*\"")
# Searched from the body's own root, which is cleaner's wrapper and not the author's element.
_PREFIX = "descendant::"
_ATTRIBUTE_NAME_RE = re.compile(r"[A-Za-z_][\w.-]*")
_QUOTE_HINT = ("quote an attribute value that is not a CSS name, e.g. [href*=\"ko-fi.com\"]")


class SelectorError(ValueError):
    pass


class Translated(NamedTuple):
    """One selector of a (possibly comma-separated) selector text."""

    key: Key
    xpath: str


@lru_cache(maxsize=None)
def translate(text: str) -> tuple[Translated, ...]:
    """The XPath of each selector in `text`; SelectorError saying why when it is not one cssselect
    reads or when it can never match an element of a file."""
    import cssselect

    if not text.strip():
        raise SelectorError("an empty selector")
    try:
        parsed = cssselect.parse(text)
    except cssselect.SelectorSyntaxError as exc:
        hint = f" ({_QUOTE_HINT})" if re.search(r"Expected (?:']'|string or ident)", str(exc)) else ""
        raise SelectorError(f"{text!r} is not a CSS selector: {exc}{hint}") from None
    translator = _translator()
    translated = []
    for selector in parsed:
        if selector.pseudo_element:
            raise SelectorError(f"{text!r}: a pseudo-element (::{selector.pseudo_element}) is no element to remove")
        try:
            xpath = translator.selector_to_xpath(selector, prefix=_PREFIX)
        except cssselect.ExpressionError as exc:
            raise SelectorError(f"{text!r} is not supported: {exc}") from None
        if _NEVER_RE.search(_XPATH_STRING_RE.sub("", xpath)):
            raise SelectorError(f"{text!r} matches nothing in a file (a state of a live page such as :hover, "
                                "or an empty value after *=, ^= or $=)")
        translated.append(Translated(_subject_key(selector.parsed_tree), xpath))
    return tuple(translated)


@lru_cache(maxsize=1)
def _translator():
    from cssselect import HTMLTranslator

    return HTMLTranslator()


def _subject_key(tree) -> Key:
    """A class, an id, an attribute text or a tag the element a selector names must have (None:
    it names any element)."""
    from cssselect import parser as css

    while isinstance(tree, css.CombinedSelector):
        tree = tree.subselector
    found: dict[str, tuple] = {}
    while not isinstance(tree, css.Element):
        if isinstance(tree, css.Class):
            found["class"] = ("class", tree.class_name)
        elif isinstance(tree, css.Hash):
            found["id"] = ("id", tree.id)
        elif isinstance(tree, css.Attrib) and tree.operator in _HOLDING_OPS and tree.namespace is None:
            insensitive = tree.flag == "i"
            text = tree.value.value.lower() if insensitive else tree.value.value
            if text and _ATTRIBUTE_NAME_RE.fullmatch(tree.attrib):
                found["attr"] = ("attr", tree.attrib.lower(), text, insensitive)
        tree = tree.selector  # what a :not(), :is() or :has() holds is no requirement of the subject's
    if tree.element not in (None, "*"):
        found["tag"] = ("tag", tree.element.lower())
    return next((found[kind] for kind in _KEY_KINDS if kind in found), None)


class Matcher:
    """Many labelled selectors, searched in a tree at once.

    Only the selectors whose subject's class, id, attribute text or tag occurs in the tree are
    evaluated, so a post with none of what the rules look for costs a look at its class, id and
    keyed attribute values.
    """

    def __init__(self, labelled_selectors):
        from lxml import etree

        self._classes = etree.XPath("descendant::*/@class", smart_strings=False)
        self._ids = etree.XPath("descendant::*/@id", smart_strings=False)
        self._keyed: dict[Key, list] = {}  # key -> [(order, label, compiled XPath)]
        order = 0
        for label, text in labelled_selectors:
            for key, xpath in translate(text):
                self._keyed.setdefault(key, []).append((order, label, etree.XPath(xpath)))
                order += 1
        self._tags = tuple(key[1] for key in self._keyed if key and key[0] == "tag")
        self._attributes = {key[1]: etree.XPath(f"descendant::*/@{key[1]}", smart_strings=False)
                             for key in self._keyed if key and key[0] == "attr"}

    def find(self, root) -> dict:
        """The elements below `root` a selector names, each with the label of the first such
        selector (in the order given)."""
        found: dict = {}
        for _, label, xpath in sorted(self._candidates(root), key=lambda entry: entry[0]):
            for el in xpath(root):
                found.setdefault(el, label)
        return found

    def _candidates(self, root) -> list:
        keyed = self._keyed
        chosen = list(keyed.get(None, ()))
        for name in set(" ".join(self._classes(root)).split()):
            chosen += keyed.get(("class", name), ())
        for ident in set(self._ids(root)):
            chosen += keyed.get(("id", ident), ())
        if self._attributes:
            chosen += self._holding_attributes(root)
        for tag in self._tags:
            if next(root.iterdescendants(tag), None) is not None:
                chosen += keyed[("tag", tag)]
        return chosen

    def _holding_attributes(self, root) -> list:
        """The selectors keyed by an attribute text that some element's attribute holds."""
        chosen = []
        values = {name: "\n".join(xpath(root)) for name, xpath in self._attributes.items()}
        lowered: dict[str, str] = {}
        for key, entries in self._keyed.items():
            if not key or key[0] != "attr":
                continue
            _, name, text, insensitive = key
            value = values[name]
            if insensitive:
                value = lowered.setdefault(name, value.lower())
            if text in value:
                chosen += entries
        return chosen
