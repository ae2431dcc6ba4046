"""Unwrap proxied URLs: img src/srcset, a href, Markdown links and images, front-matter covers."""
from __future__ import annotations

import re

from ..urls import unwrap

NAME = "proxies"
DESCRIPTION = "unwrap CORS/image proxies and redirectors in images, links and front matter"
# `https_images` (off by default) upgrades http:// image URLs here, after unwrapping.
# Markdown image destinations ![alt](url), then link destinations [text](url) (their text may
# hold an image) and reference definitions [x]: url
_BRACKETED = r"\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]"
MD_IMAGE_RE = re.compile(r"!" + _BRACKETED + r"\(\s*<?(?P<url>[^)\s>]+)")
MD_LINK_RE = re.compile(r"(?<!!)" + _BRACKETED + r"\(\s*<?(?P<url>[^)\s>]+)|^\s{0,3}\[[^\]]+\]:\s*<?(?P<ref>[^\s>]+)",
                        re.M)


def run(article) -> None:
    rules = article.config.proxies
    _front_matter(article, rules)
    for index, segment in enumerate(article.segments):
        if isinstance(segment, str):
            article.segments[index] = _markdown(article, segment, rules)
    for tree in article.trees():
        _tree(article, tree, rules)


HTTPS_KINDS = ("image", "meta")  # what `https_images` upgrades: image sources and covers


def _unwrap(article, url: str, rules, kind: str) -> str:
    target, used = unwrap(url, rules, kind)
    if used:
        article.record(NAME, "+".join(used), f"{target} (was {url})")
    if article.config.https_images and kind in HTTPS_KINDS and target.startswith("http://"):
        target = "https://" + target[len("http://"):]
        article.record(NAME, "https", target)
    return target


def _front_matter(article, rules) -> None:
    front = article.front
    if front is None:
        return
    for key in article.config.url_keys:
        value = front.data.get(key)
        if isinstance(value, str) and value:
            target = _unwrap(article, value, rules, "meta")
            if target != value:
                front.set(key, target)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                target = _unwrap(article, item, rules, "meta") if isinstance(item, str) else item
                if target != item:
                    front.set_item(key, index, target)  # the other items stay as written


def _tree(article, tree, rules) -> None:
    for img in tree.iter("img", "source"):
        for attr in ("src", "data-src", "data-original", "data-actualsrc", "data-lazy-src", "_src"):
            value = img.get(attr)
            if value and not value.startswith("data:"):
                img.set(attr, _unwrap(article, value, rules, "image"))
        srcset = img.get("srcset") or img.get("data-srcset")
        if srcset:
            parts = []
            for candidate in srcset.split(","):
                bits = candidate.strip().split(None, 1)
                if bits:
                    bits[0] = _unwrap(article, bits[0], rules, "image")
                    parts.append(" ".join(bits))
            img.set("srcset" if img.get("srcset") else "data-srcset", ", ".join(parts))
    for a in tree.iter("a"):
        href = a.get("href")
        if href:
            a.set("href", _unwrap(article, href, rules, "link"))


def _markdown(article, text: str, rules) -> str:
    def replacer(kind: str):
        def replace(m: re.Match) -> str:
            group = "url" if m["url"] else "ref"
            start, end = m.span(group)
            offset = m.start()
            new = _unwrap(article, m[group], rules, kind)
            return m.group(0)[: start - offset] + new + m.group(0)[end - offset:]
        return replace

    text = MD_IMAGE_RE.sub(replacer("image"), text)
    return MD_LINK_RE.sub(replacer("link"), text)
