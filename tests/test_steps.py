"""Per-step fixtures: tests/fixtures/steps/<step>.md, in the mdformat / markdown-it-py layout.

Each case is a small article run through the full `clean()`; the file a case sits in names the
step whose behaviour it pins. For every case: clean(input) == expected, clean(expected) ==
expected, and expected is an mdformat fixed point.

Expected outputs are what the output SHOULD be. A case that fails because of a real bug is in
KNOWN_BUGS (a strict xfail: it must fail until the bug is fixed). `pytest --update-fixtures`
rewrites the expected outputs of every other case from the current cleaner.
"""
from __future__ import annotations

import pytest

from cleaner import clean

from conftest import FIXTURES, mdformat_canonical, read_cases, write_expected

STEP_FIXTURES = FIXTURES / "steps"
STEPS = ("frontmatter", "unsafe", "widgets", "images", "proxies", "headings", "markdown", "canonical")

# (fixture file stem, case title) -> the bug
KNOWN_BUGS = {
    ("frontmatter", "RFC 2822 date with -0000 is UTC, like the Jekyll form"):
        "BUG rfc2822-minus-zero: 'Wed, 05 Jan 2022 00:00:00 -0000' becomes the naive '2022-01-05 00:00:00' "
        "(zone dropped) while the Jekyll '2022-6-7 16:00:00 -0000' becomes '+00:00'",
    ("frontmatter", "Short fraction seconds come out as mdformat writes them"):
        "BUG date-fraction-not-canonical: '.250Z' is written '00:40:00.25+00:00'; mdformat-frontmatter "
        "rewrites it '00:40:00.250000+00:00', so the output is not a fixed point",
    ("frontmatter", "Boolean-looking title is kept as the string it was"):
        "BUG title-bool: 'title: yes' is reported as 'kept as it is' but written 'title: true'",
    ("frontmatter", "Empty front matter"):
        "BUG empty-front-matter-not-canonical: '---\\n---' is kept, but mdformat-frontmatter rewrites "
        "it to '---\\nnull\\n---'; write '{}' (or drop it)",
    ("widgets", "A paragraph that merely mentions 打赏 stays"):
        "BUG donation-text-greedy: the donation-text rule '如果觉得文章有用[，]?(?:欢迎|请)?打赏.*$' removes the "
        "article sentence '如果觉得文章有用，打赏就不必了，转给家里的长辈看看吧。'",
    ("unsafe", "A paragraph that talks about scripts is text, not a script"):
        "BUG escaped-tag-sniffed-as-html: clean() writes '&lt;script&gt;' as '\\<script>'; cleaning that "
        "Markdown again sniffs it as HTML and the unsafe step drops everything after '<script>'",
    ("headings", "Heading text across lines"):
        "BUG heading-cjk-space: '<h2>第一行\\n第二行</h2>' becomes '## 第一行 第二行' (a space between CJK "
        "characters; body text joins them)",
    ("markdown", "Escaped tag in an already clean Markdown body is kept"):
        "BUG escaped-tag-sniffed-as-html: 'Write \\<b> for bold and \\<script> for scripts.' is "
        "sniffed as HTML: output 'Write \\ \\**for bold and \\**' (text after <script> lost)",
    ("markdown", "Inline code with backticks and markup characters"):
        "BUG escaped-tag-sniffed-as-html: the expected output's '`<div>`' makes clean(expected) parse the "
        "Markdown as HTML, which mangles it (not idempotent)",
    ("markdown", "Less-than and ampersand in text"):
        "BUG escaped-tag-sniffed-as-html: the expected output's '\\<div>' makes clean(expected) parse the "
        "Markdown as HTML; the text after it is lost (not idempotent)",
}


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
    assert mdformat_canonical(case.expected) == case.expected, "expected output is not an mdformat fixed point"


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
