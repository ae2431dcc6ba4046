"""Authored posts: tests/fixtures/authored/*.md, in the mdformat / markdown-it-py fixture layout.

A post the user wrote (Markdown with HTML islands, template tags, math, footnotes) must come out
as its generator needs it: for every case clean(input) == expected and clean(expected) ==
expected. Expected outputs are written by hand from what Hexo, Hugo and Jekyll render.
"""
from __future__ import annotations

import pytest

from cleaner import clean

from conftest import FIXTURES, read_cases

CASES = [case for path in sorted((FIXTURES / "authored").glob("*.md")) for case in read_cases(path)]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_case(case):
    assert clean(case.input).text == case.expected
    assert clean(case.expected).text == case.expected, "cleaning the expected output changes it"
