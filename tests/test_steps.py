"""Per-step fixtures: tests/fixtures/steps/<step>.md, in the mdformat / markdown-it-py layout.

Each case is a small article run through the full `clean()`; the file a case sits in names the
step whose behaviour it pins. For every case: clean(input) == expected, clean(expected) ==
expected, and expected's body is an mdformat fixed point (its front matter is written back as
the author wrote it, in any style).

Expected outputs are what the output SHOULD be. A case that fails because of a real bug is in
KNOWN_BUGS (a strict xfail: it must fail until the bug is fixed). `pytest --update-fixtures`
rewrites the expected outputs of every other case from the current cleaner.
"""
from __future__ import annotations

import pytest

from cleaner import clean

from conftest import FIXTURES, body_of, is_canonical, read_cases, write_expected

STEP_FIXTURES = FIXTURES / "steps"
STEPS = ("frontmatter", "unsafe", "widgets", "images", "proxies", "headings", "markdown", "canonical")

# (fixture file stem, case title) -> the bug
KNOWN_BUGS = {}


def _cases():
    params = []
    for step in STEPS:
        path = STEP_FIXTURES / f"{step}.md"
        if not path.is_file():
            continue
        for case in read_cases(path):
            key = (step, case.title)
            marks = [pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[key])] if key in KNOWN_BUGS else []
            params.append(pytest.param(case, marks=marks, id=case.id))
    return params


CASES = _cases()


def test_every_step_has_fixtures():
    missing = [s for s in STEPS if not (STEP_FIXTURES / f"{s}.md").is_file()]
    assert not missing, f"no fixture file for {missing}"
    titles = {(c.values[0].path.stem, c.values[0].title) for c in CASES}
    assert set(KNOWN_BUGS) <= titles, f"KNOWN_BUGS names missing cases: {set(KNOWN_BUGS) - titles}"


@pytest.mark.parametrize("case", [pytest.param(p.values[0], id=p.id) for p in CASES])
def test_expected_is_canonical(case):
    assert is_canonical(body_of(case.expected)), "expected output's body is not an mdformat fixed point"


@pytest.mark.parametrize("case", CASES)
def test_case(case, update_fixtures):
    key = (case.path.stem, case.title)
    if update_fixtures and key not in KNOWN_BUGS:
        output = clean(case.input).text
        if output != case.expected:
            write_expected(case.path, {case.title: output})
            case.expected = output
    assert clean(case.input).text == case.expected
    assert clean(case.expected).text == case.expected, "cleaning the expected output changes it"
