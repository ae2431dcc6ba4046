"""Whole articles: every samples/*.md against tests/fixtures/samples/<name>.md.

The expected files are what a clean article SHOULD be. `pytest --update-fixtures` rewrites them
from the current output, except for the samples in KNOWN_BUGS: their expected files are written
by hand, and the test is a strict xfail until the bug is fixed (then it XPASSes, fails, and the
entry must be removed).
"""
from __future__ import annotations

import pytest

from cleaner import clean

from conftest import FIXTURES, SAMPLES, body_of, is_canonical

EXPECTED = FIXTURES / "samples"

# sample name -> the bug(s) that make its output differ from the expected file
KNOWN_BUGS = {}

# sample name -> the bug that makes clean(expected) differ from expected
IDEMPOTENCE_BUGS = {}


def _names() -> list[str]:
    return sorted(p.stem for p in SAMPLES.glob("*.md"))


def _params(bugs=KNOWN_BUGS):
    out = []
    for name in _names():
        marks = [pytest.mark.xfail(strict=True, reason=bugs[name])] if name in bugs else []
        out.append(pytest.param(name, marks=marks, id=name))
    return out


def _read(path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def test_enough_samples():
    assert len(_names()) >= 10
    assert set(KNOWN_BUGS) | set(IDEMPOTENCE_BUGS) <= set(_names()), "a bug list names a missing sample"


@pytest.mark.parametrize("name", _names())
def test_expected_file_exists_and_is_canonical(name):
    path = EXPECTED / f"{name}.md"
    assert path.is_file(), f"no expected output {path}; run pytest --update-fixtures"
    body = body_of(_read(path))  # the front matter is written back as the author wrote it
    assert is_canonical(body), "expected output's body is not an mdformat fixed point"


@pytest.mark.parametrize("name", _params())
def test_sample(name, update_fixtures):
    source = _read(SAMPLES / f"{name}.md")
    path = EXPECTED / f"{name}.md"
    if update_fixtures and name not in KNOWN_BUGS:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(clean(source).text, encoding="utf-8", newline="")
    expected = _read(path)
    assert clean(source).text == expected


@pytest.mark.parametrize("name", _params(IDEMPOTENCE_BUGS))
def test_expected_is_idempotent(name):
    """Cleaning a clean article changes nothing."""
    expected = _read(EXPECTED / f"{name}.md")
    assert clean(expected).text == expected
