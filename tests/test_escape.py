"""The writer escapes text as mdformat's text renderer does (escape.escape_text, ported): a
paragraph of one text run, written by the writer's rules, is an mdformat fixed point, and each
ported rule agrees with mdformat's own function."""
from __future__ import annotations

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from mdformat.renderer._util import escape_asterisk_emphasis, escape_square_brackets, escape_underscore_emphasis

from cleaner.writer import escape
from conftest import mdformat_canonical

PIECES = st.sampled_from(["a", "Z", "9", " ", "中", "文", "，", "。", "_", "*", "**", "[", "]", "(", ")", ":", "<",
                          ">", "`", "\\", "&", "&amp;", "&#12;", "&#x1F;", "&foo;", "&nbsp;", "~", "~~", "!", "#",
                          "-", "+", "1.", "2)", "|", "\u3000", "\u00a0", "“", "”", "=", "'", '"'])
TEXT = st.lists(PIECES, min_size=1, max_size=12).map("".join)


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(TEXT)
def test_ported_rules_agree_with_mdformat(text):
    assert escape._escape_asterisks(text) == escape_asterisk_emphasis(text)
    assert escape._escape_underscores(text) == escape_underscore_emphasis(text)
    assert escape._escape_square_brackets(text) == escape_square_brackets(text, set())


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(TEXT)
def test_a_paragraph_of_escaped_text_is_an_mdformat_fixed_point(text):
    text = re.sub("[ \u00a0]+", " ", text).strip()  # white space as the writer collapses it
    assume(text and escape.text_escapable(text))
    paragraph = escape.escape_paragraph(escape.escape_line_start(escape.escape_text(text)))
    assert mdformat_canonical(paragraph + "\n") == paragraph + "\n"


def test_autolink_candidates_are_left_to_mdformat():
    assert not escape.text_escapable("see www.example.com/a_b")
    assert not escape.text_escapable("mail a_b@example.com")
    assert escape.text_escapable("snake_case and *stars*")
