"""Shared test helpers: the --update-fixtures option, the mdformat oracle, the fixture-file format.

Fixture files (tests/fixtures/steps/*.md) use the mdformat / markdown-it-py layout: a title
line, a line `.`, the input, a line `.`, the expected output, a line `.`. Text between cases
is free prose. Expected files are rewritten only under `pytest --update-fixtures`; a known bug
is a strict xfail test of its own (`raises=AssertionError`), never an expected output that
holds the bug.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from cleaner import mdformat_bridge
from cleaner.steps import canonical

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
SAMPLES = TESTS.parent / "samples"
# The canonical set, shared with the code: the body's plugins, and front matter around it.
MDFORMAT_OPTIONS = dict(mdformat_bridge.MDFORMAT_OPTIONS)
MDFORMAT_EXTENSIONS = {"frontmatter", *mdformat_bridge.MDFORMAT_EXTENSIONS}
# CI sets CI=true (GitHub Actions, GitLab, .ci/run's callers): there every real-client test runs.
IN_CI = os.environ.get("CI", "").lower() == "true"


def require_client(missing: str | None) -> None:
    """Go on when a real client the test drives is there (`missing` is None); otherwise skip the
    test on a developer's machine, and fail it under CI=true, where .ci/run installs every client
    (Hexo with node and npm, Hugo, Jekyll, pre-commit, git): a CI run that skipped them would
    pass without checking what they check. `missing` says what is missing and how to install it."""
    if missing is None:
        return
    if IN_CI:
        pytest.fail(f"CI=true, but {missing}", pytrace=False)
    pytest.skip(missing)


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """Runs in the tests (in-process and subprocesses) keep their clean-file cache here, not in
    the user's ~/.cache."""
    os.environ["CLEANER_CACHE_DIR"] = str(tmp_path_factory.mktemp("cleaner-cache"))
    yield


def pytest_addoption(parser):
    parser.addoption(
        "--update-fixtures",
        action="store_true",
        default=False,
        help="rewrite expected fixture outputs from the current cleaner (read the diff before committing)",
    )


def pytest_collection_modifyitems(config, items):
    """Every xfail is strict and names the exception it expects (an AssertionError, for a bug): a
    test that fails before its assertion (a refusal, a typo) is then a failure, not a pass."""
    loose = [item.nodeid for item in items for mark in item.iter_markers("xfail")
             if mark.kwargs.get("strict") is not True or "raises" not in mark.kwargs]
    if loose:
        raise pytest.UsageError(f"xfail without strict=True and raises=: {', '.join(loose)}")


@pytest.fixture
def update_fixtures(request) -> bool:
    return bool(request.config.getoption("--update-fixtures"))


def mdformat_canonical(text: str) -> str:
    """The oracle: what mdformat --number --wrap keep (frontmatter, gfm) makes of `text`."""
    import mdformat

    return mdformat.text(text, options=MDFORMAT_OPTIONS, extensions=MDFORMAT_EXTENSIONS)


# Kept text stands in as private-use characters, as the canonical step does (letters would run
# on into a URL before them: `**http://e.com**`).
PLACEHOLDER = "\ue000{}\ue001"


def is_canonical(body: str) -> bool:
    """The body is mdformat's fixed point, or is one outside template syntax, math and emphasis
    delimiters (kept byte for byte), or mdformat's form of it would render differently (cleaner
    then keeps it as written)."""
    from markdown_it import MarkdownIt

    if mdformat_canonical(body) == body:
        return True  # mdformat's fixed point as it stands
    kept = canonical.kept_spans(body)
    for index, (start, end) in reversed(list(enumerate(kept))):
        body = body[:start] + PLACEHOLDER.format(index) + body[end:]
    if canonical.block_right_under_paragraph(body):
        return True  # kept as written: kramdown reads such a block as the paragraph's text
    formatted = mdformat_canonical(body)
    if formatted == body or any(PLACEHOLDER.format(index) not in formatted for index in range(len(kept))):
        return True  # a fixed point, or mdformat drops kept text (cleaner then keeps the body)
    gfm = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return gfm.render(formatted) != gfm.render(body)


def body_of(text: str) -> str:
    """The body of a cleaned article, without its front matter and the blank line after it.

    Only the body is held to mdformat's canonical form: cleaner writes the front matter back
    byte for byte as the author wrote it (any style, YAML, TOML or JSON)."""
    from cleaner.frontmatter_syntax import split

    return split(text.replace("\r\n", "\n")).body.lstrip("\n")


@dataclass
class Case:
    """One case of a fixture file; `expected_span` is the [start, end) line range of its output."""

    path: Path
    line: int  # 1-based line of the title
    title: str
    input: str
    expected: str
    expected_span: tuple[int, int]

    @property
    def id(self) -> str:
        return f"{self.path.stem}: {self.title}"


def read_cases(path: Path) -> list[Case]:
    """Parse a fixture file (same layout as markdown_it.utils.read_fixture_file)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cases: list[Case] = []
    dots = [i for i, line in enumerate(lines) if line.rstrip("\r\n") == "."]
    if len(dots) % 3:
        raise ValueError(f"{path}: {len(dots)} '.' lines; cases need three each")
    for k in range(0, len(dots), 3):
        a, b, c = dots[k : k + 3]
        title = lines[a - 1].strip() if a else ""
        if not title:
            raise ValueError(f"{path}:{a + 1}: a case needs a title line just above its first '.'")
        cases.append(Case(path, a, title, "".join(lines[a + 1 : b]), "".join(lines[b + 1 : c]), (b + 1, c)))
    titles = [c.title for c in cases]
    duplicates = {t for t in titles if titles.count(t) > 1}
    if duplicates:
        raise ValueError(f"{path}: duplicate case titles {sorted(duplicates)}")
    return cases


def write_expected(path: Path, outputs: dict[str, str]) -> None:
    """Rewrite the expected sections of the cases named in `outputs` (title -> new output)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for case in reversed(read_cases(path)):
        if case.title in outputs:
            start, end = case.expected_span
            new = outputs[case.title]
            lines[start:end] = [new] if new else []
    path.write_text("".join(lines), encoding="utf-8")


def run_on_post(tmp_path: Path, config: str, body: str, *args: str, front: str = "---\ntitle: Rules\n---\n\n"):
    """`cleaner post.md` in a repository (tmp_path) whose cleaner.toml holds `config`, as a user
    runs it; the click result and the body the post holds afterwards (its front matter unchanged)."""
    import textwrap

    from click.testing import CliRunner

    from cleaner.command.cli import main

    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "cleaner.toml").write_text(textwrap.dedent(config).lstrip(), encoding="utf-8")
    post = tmp_path / "post.md"
    post.write_text(front + body, encoding="utf-8")
    result = CliRunner().invoke(main, [str(post), *args])
    text = post.read_text(encoding="utf-8")
    assert text.startswith(front), text
    return result, text[len(front):]
