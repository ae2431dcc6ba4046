"""Valid input that was refused or crashed (issue 12), and the real refusals beside them.

Each input is minimal; the gate must stay strict: the deep-nesting and lost-text refusals still
fire where the parser really drops text.
"""
from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.errors import CleanerError

FRONT = "---\ntitle: t\n---\n"


def test_a_shallow_page_with_many_tags_in_comments_and_scripts_is_not_too_deep():
    # 22 levels deep; comments and a script hold more '<' than the parser's depth limit
    nested = "<div>" * 22 + "<p>The article text is here.</p>" + "</div>" * 22
    comments = "<!-- <p>commented out " + "<b>" * 50 + "</p> -->\n"
    script = "<script>for (var i = 0; i < n; i++) { if (a < b) x(); }</script>\n"
    html = FRONT + comments * 45 + script + nested + "\n"
    out = clean(html).text
    assert "The article text is here." in out


def test_markup_nested_deeper_than_the_parser_reads_is_still_refused():
    html = FRONT + "<div>" * 3000 + "<p>" + "deep words " * 50 + "</p>" + "</div>" * 3000 + "\n"
    with pytest.raises(CleanerError, match="nested deeper than"):
        clean(html)


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x1d", "\x1c", "\x85"])
def test_a_line_separator_in_a_markdown_body_is_text(char):
    post = f"{FRONT}\n# Head{char}ing\n\nline{char}two\n\n## Second{char}one\n\ntext\n"
    out = clean(post).text
    assert f"line{char}two" in out
    assert clean(out).text == out


@pytest.mark.parametrize("char", ["\u2028", "\x1d"])
def test_a_line_separator_in_html_is_white_space_and_cleaning_is_idempotent(char):
    post = f"{FRONT}<h3>A{char}B</h3><p>a{char}b</p><h4>c{char}d</h4>\n"
    out = clean(post).text
    assert out == f"{FRONT}\n## A B\n\na b\n\n### c d\n"
    assert clean(out).text == out


def test_one_crlf_line_does_not_turn_the_file_into_crlf():
    post = FRONT + "\n<p>one</p>\n<p>two</p>\r\n<p>three</p>\n"
    assert clean(post).text == FRONT + "\none\n\ntwo\n\nthree\n"


def test_a_crlf_file_stays_crlf():
    post = (FRONT + "\n<p>one</p>\n<p>two</p>\n").replace("\n", "\r\n")
    assert clean(post).text == (FRONT + "\none\n\ntwo\n").replace("\n", "\r\n")


def test_a_caption_set_above_its_table_is_no_lost_text():
    # the caption comes after the cells in the source; the output sets it above the table
    post = FRONT + "<table><th>col1</th><td>col2</td><caption>Hello</caption></table>\n"
    assert clean(post).text == FRONT + "\nHello\n\n| col1 | col2 |\n| ---- | ---- |\n"


def test_a_huge_colspan_is_capped_as_browsers_cap_it():
    # a browser honours at most 1000 columns: the table is written at that width, quickly
    post = FRONT + '<table><tr><td colspan="3000000">a</td></tr><tr><td>b</td><td>c</td></tr></table>\n'
    header = clean(post).text.split("\n")[4]
    assert header.count("|") == 1000 + 1


def test_a_lone_surrogate_is_refused_with_its_line_not_truncated():
    # the HTML parser would stop at it and the rest of the article would go unseen
    post = FRONT + "<p>first</p>\n<p>word\udc85next and more</p>\n"
    with pytest.raises(CleanerError, match="line 5.*surrogate|surrogate.*line 5"):
        clean(post)
