"""Unwrap proxied URLs: img src/srcset, a href, Markdown links and images, front-matter covers."""
from __future__ import annotations

import re

from ..urls import unwrap
from .images import LAZY_ATTRS

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
        for attr in LAZY_ATTRS:  # with the images step off, the lazy sources are still there
            value = img.get(attr)
            if not value or value.startswith("data:"):
                continue
            if attr.endswith("srcset"):
                target = _srcset(article, value, rules)
            else:
                target = _unwrap(article, value, rules, "image")
            if target != value:
                img.set(attr, target)
    for a in tree.iter("a"):
        href = a.get("href")
        if href:
            a.set("href", _unwrap(article, href, rules, "link"))


def _srcset(article, srcset: str, rules) -> str:
    """`srcset` with each candidate's URL unwrapped (as it was when none is a proxy's)."""
    parts, changed = [], False
    for candidate in srcset.split(","):
        bits = candidate.strip().split(None, 1)
        if bits:
            url = bits[0]
            bits[0] = _unwrap(article, url, rules, "image")
            changed |= bits[0] != url
            parts.append(" ".join(bits))
    return ", ".join(parts) if changed else srcset


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
