"""Per-step fixtures: tests/fixtures/steps/<step>.md, in the mdformat / markdown-it-py layout.

Each case is a small article run through the full `clean()`; the file a case sits in names the
step whose behaviour it pins. For every case: clean(input) == expected, clean(expected) ==
expected, and expected's body is an mdformat fixed point (its front matter is written back as
the author wrote it, in any style).

Expected outputs are what the output SHOULD be, written by hand. `pytest --update-fixtures`
rewrites them from the current cleaner, to be read in the diff before committing. A real bug
found here gets a minimal test of its own, a strict xfail with `raises=AssertionError` (it must
fail at its assertion until the bug is fixed), not an entry in a fixture file.
"""
from __future__ import annotations

import pytest

from cleaner import clean

from conftest import FIXTURES, body_of, is_canonical, read_cases, write_expected

STEP_FIXTURES = FIXTURES / "steps"
STEPS = ("frontmatter", "unsafe", "widgets", "images", "proxies", "headings", "markdown", "canonical")
CASES = [pytest.param(case, id=case.id) for step in STEPS if (STEP_FIXTURES / f"{step}.md").is_file()
         for case in read_cases(STEP_FIXTURES / f"{step}.md")]


def test_every_step_has_fixtures():
    missing = [s for s in STEPS if not (STEP_FIXTURES / f"{s}.md").is_file()]
    assert not missing, f"no fixture file for {missing}"


@pytest.mark.parametrize("case", CASES)
def test_expected_is_canonical(case):
    assert is_canonical(body_of(case.expected)), "expected output's body is not an mdformat fixed point"


@pytest.mark.parametrize("case", CASES)
def test_case(case, update_fixtures):
    if update_fixtures:
        output = clean(case.input).text
        if output != case.expected:
            write_expected(case.path, {case.title: output})
            case.expected = output
    assert clean(case.input).text == case.expected
    assert clean(case.expected).text == case.expected, "cleaning the expected output changes it"
