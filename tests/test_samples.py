"""Whole articles: every samples/*.md against tests/fixtures/samples/<name>.md.

The expected files pin the whole output byte for byte. They were first written from the
cleaner's output (`pytest --update-fixtures` rewrites them from the current output), so they
catch a change, not a wrong result: tests/test_samples_read.py holds each sample to checks
written by hand from its input. A bug found in a sample gets a minimal strict xfail there (or
in the test file of its step), with `raises=AssertionError`.
"""
from __future__ import annotations

import pytest

from cleaner import clean

from conftest import FIXTURES, SAMPLES, body_of, is_canonical

EXPECTED = FIXTURES / "samples"

def _names() -> list[str]:
    return sorted(p.stem for p in SAMPLES.glob("*.md"))


def _read(path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def test_enough_samples():
    assert len(_names()) >= 10


@pytest.mark.parametrize("name", _names())
def test_expected_file_exists_and_is_canonical(name):
    path = EXPECTED / f"{name}.md"
    assert path.is_file(), f"no expected output {path}; run pytest --update-fixtures"
    body = body_of(_read(path))  # the front matter is written back as the author wrote it
    assert is_canonical(body), "expected output's body is not an mdformat fixed point"


@pytest.mark.parametrize("name", _names())
def test_sample(name, update_fixtures):
    source = _read(SAMPLES / f"{name}.md")
    path = EXPECTED / f"{name}.md"
    if update_fixtures:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(clean(source).text, encoding="utf-8", newline="")
    expected = _read(path)
    assert clean(source).text == expected


@pytest.mark.parametrize("name", _names())
def test_expected_is_idempotent(name):
    """Cleaning a clean article changes nothing."""
    expected = _read(EXPECTED / f"{name}.md")
    assert clean(expected).text == expected
