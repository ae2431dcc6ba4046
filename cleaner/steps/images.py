"""Recover lazy-loaded images, drop placeholders and presentation attributes, caption figures."""
from __future__ import annotations

import re

from ..dom import remove_keep_tail, text_of, unwrap
from ..urls import https_if_protocol_relative
from .unsafe import is_unsafe_url

NAME = "images"
DESCRIPTION = "recover lazy-loaded images; keep src, alt, title; figcaption becomes a caption line"
# Where lazy-loading scripts keep the real source, most specific first; `src` comes last.
LAZY_ATTRS = ("data-original", "data-src", "data-actualsrc", "data-lazy-src", "data-lazyload",
              "data-original-src", "data-url", "data-echo", "_src", "data-srcset", "srcset", "src")
KEEP_ATTRS = ("src", "alt", "title")
PLACEHOLDER_RE = re.compile(
    r"^data:|^about:blank|/(?:lazy|loading|placeholder|blank|spacer|pixel|grey|gray|transparent|"
    r"empty|dot|1x1)[\w.-]*\.(?:gif|png|svg|jpg)(?:$|\?)",
    re.I,
)


def _best_in_srcset(srcset: str) -> str | None:
    best, best_weight = None, -1.0
    for candidate in srcset.split(","):
        bits = candidate.strip().split()
        if not bits:
            continue
        weight = 1.0
        if len(bits) > 1:
            try:
                weight = float(bits[1].rstrip("wx"))
            except ValueError:
                weight = 1.0
        if weight > best_weight:
            best, best_weight = bits[0], weight
    return best


def real_source(img) -> tuple[str | None, str]:
    """The image's real URL and the attribute it came from."""
    for attr in LAZY_ATTRS:
        value = (img.get(attr) or "").strip()
        if attr.endswith("srcset") and value:
            value = _best_in_srcset(value) or ""
        if value and not PLACEHOLDER_RE.search(value) and not is_unsafe_url(value):
            return value, attr
    return None, ""


def run(article) -> None:
    for tree in article.trees():
        if article.is_markdown:  # HTML the author wrote: pictures, figures and sizes stay
            for img in list(tree.iter("img")):
                _image(article, img, keep_attributes=True)
            continue
        for picture in list(tree.iter("picture")):
            unwrap(picture)
        for source in list(tree.iter("source")):
            # lxml does not know <source> is empty: the <img> after it ends up inside it
            if source.getparent() is not None:
                unwrap(source)
        for img in list(tree.iter("img")):
            _image(article, img, keep_attributes=False)
        for figure in list(tree.iter("figure")):
            _figure(article, figure)


def _image(article, img, *, keep_attributes: bool) -> None:
    src, attr = real_source(img)
    if not src and keep_attributes and not img.get("src"):
        return  # an author's <img> without a source: nothing to recover, nothing to remove
    if not src:
        article.record(NAME, "placeholder-image", img.get("src") or "<img> without a source")
        remove_keep_tail(img)
        return
    if attr != "src":
        article.record(NAME, f"lazy {attr}", src)
    if keep_attributes:  # an image the author placed keeps its size and class: only its source is fixed
        if attr != "src":
            for lazy in LAZY_ATTRS[:-1]:
                img.attrib.pop(lazy, None)
            img.set("src", src)
        return
    src = https_if_protocol_relative(src)
    kept = {k: img.get(k) for k in KEEP_ATTRS[1:] if img.get(k)}
    img.attrib.clear()
    img.set("src", src)
    for key, value in kept.items():
        img.set(key, " ".join(value.split()))


def _figure(article, figure) -> None:
    for caption in list(figure.iter("figcaption")):
        text = text_of(caption)
        if not text:
            remove_keep_tail(caption)
            continue
        caption.tag = "p"
        caption.attrib.clear()
        article.record(NAME, "figcaption", text)
    figure.tag = "div"  # its class stays: figure.highlight names a code block's language
