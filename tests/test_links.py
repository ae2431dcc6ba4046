"""Destinations are written as markdown-it normalizes them. Most URLs in an article are already
normal, and the writer passes those through without markdown-it's URL parser: that fast path
must agree with `normalizeLink` everywhere it applies."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.common.normalize_url import normalizeLink

from cleaner.writer import destinations as links

HEADS = st.sampled_from(["http://", "https://", "//", "http://a.b", "https://ex-1.com:8080", "//a.b", "//x:1",
                         "/", "#", "?", "", "http://a@b", "https://[::1]", "//@", "//-", "HTTP://A", "mailto:"])
PIECES = st.sampled_from(["a", "Z", "9", ";", "/", "?", ":", "@", "&", "=", "+", "$", ",", "-", "_", ".", "!",
                          "~", "*", "'", "(", ")", "#", "%41", "%4", "%", "javascript:", "http://", "//", ":80",
                          "..", "xn--", "ä", " ", "\\", "[", "]", "例"])
URLS = st.builds(lambda head, rest: head + "".join(rest), HEADS, st.lists(PIECES, max_size=8))


@settings(max_examples=3000, derandomize=True, deadline=None)
@given(URLS)
def test_the_fast_path_agrees_with_markdown_it(url):
    assert links.normalized(url) == normalizeLink(url)


def test_common_urls_take_the_fast_path():
    for url in ("https://example.com/a/b.png?x=1&y=2#top", "/2020/01/post/", "//cdn.example.com/a.jpg",
                "http://example.com:8080/%E4%B8%AD"):
        assert links.FAST_NORMAL_RE.fullmatch(url), url


def test_oversized_hosts_are_left_to_markdown_it():
    """mdurl empties a host over 255 characters and cuts a label over 63."""
    for url in ("http://" + "a." * 128 + "b/x", "https://" + "a" * 64 + ":8080"):
        assert links.normalized(url) == normalizeLink(url)


def test_other_urls_are_normalized_by_markdown_it():
    assert links.normalized("https://例子.com/中 文") == "https://xn--fsqu00a.com/%E4%B8%AD%20%E6%96%87"
    assert links.normalized("HTTP://a@b/(x)") == normalizeLink("HTTP://a@b/(x)")
