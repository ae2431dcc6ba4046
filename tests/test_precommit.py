"""The pre-commit hooks of .pre-commit-hooks.yaml, run by the real pre-commit (`try-repo`).

try-repo clones the hook repository at a commit (with tracked, uncommitted changes folded into a
shadow commit, but never untracked files), so the hooks are tried from a snapshot: a fresh
repository holding this working tree as it is on disk, tracked and untracked files alike, the
same code the rest of the tests import. pre-commit builds the hook's virtualenv with pip, which
installs cleaner's dependencies from the package index.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.api import clean
from conftest import require_client

PROJECT = Path(__file__).resolve().parents[1]
SAMPLE = PROJECT / "samples" / "nested-lists.md"
FALLBACK_POST = """\
---
title: A scraped post
date: Mon, 07 Mar 2022 08:00:00 GMT
---
<h1>Heading</h1><p>Some <b>bold</b> text.</p><div class="reward">赞赏</div>
"""
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "cleaner tests", "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "cleaner tests", "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}
OLD_MTIME_NS = 1_600_000_000 * 10**9  # 2020-09-13: any write would show
HOOK_TIMEOUT_S = 600  # the first run builds a virtualenv


def _pre_commit_command() -> list[str] | None:
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    found = shutil.which("pre-commit")
    return [found] if found else None


PRE_COMMIT = _pre_commit_command()


def pre_commit_missing() -> str | None:
    """Why the hooks cannot be tried here, or None."""
    if PRE_COMMIT is None:
        return "pre-commit is not installed (pip install -e '.[test]')"
    return None if shutil.which("git") else "git is not installed (apt-get install -y git)"


def _env() -> dict[str, str]:
    return {**os.environ, **GIT_IDENTITY}


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=_env(), capture_output=True, text=True, check=True)
    return done.stdout


def _working_tree_files() -> list[str]:
    """Tracked and untracked (not ignored) files of the project that exist on disk."""
    listed = _git(PROJECT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    return sorted({name for name in listed.split("\0") if name and (PROJECT / name).is_file()})


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A one-commit repository holding the project's working tree as it is now."""
    require_client(pre_commit_missing())
    snapshot = tmp_path_factory.mktemp("hook-repo")
    for name in _working_tree_files():
        (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT / name, snapshot / name)
    _git(snapshot, "init", "-q")
    _git(snapshot, "add", "-A")
    _git(snapshot, "commit", "-q", "--no-verify", "-m", "snapshot of the working tree")
    return snapshot


@pytest.fixture
def blog(tmp_path) -> Path:
    """A blog repository with a scraped post (dirty.md) and a cleaned one (clean.md), both staged."""
    dirty = SAMPLE.read_text(encoding="utf-8") if SAMPLE.is_file() else FALLBACK_POST
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "dirty.md").write_text(dirty, encoding="utf-8")
    (tmp_path / "posts" / "clean.md").write_text(clean(dirty).text, encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "posts")
    return tmp_path


def try_repo(blog: Path, hook_repo: Path, *hook: str) -> subprocess.CompletedProcess:
    """`pre-commit try-repo HOOK_REPO [HOOK]` on the staged files, as a commit would run it."""
    return subprocess.run([*PRE_COMMIT, "try-repo", str(hook_repo), *hook], cwd=blog, env=_env(),
                          capture_output=True, text=True, timeout=HOOK_TIMEOUT_S)


def _snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def _age(path: Path) -> None:
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))


def test_cleaner_hook_fixes_the_post_then_passes(blog, hook_repo):
    dirty, kept = blog / "posts" / "dirty.md", blog / "posts" / "clean.md"
    expected = clean(dirty.read_text(encoding="utf-8")).text
    assert expected != dirty.read_text(encoding="utf-8"), "the dirty post must need cleaning"
    _age(dirty)
    _age(kept)
    kept_before = _snapshot(kept)

    first = try_repo(blog, hook_repo, "cleaner")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert dirty.read_text(encoding="utf-8") == expected
    assert _snapshot(kept) == kept_before  # a clean post is not rewritten: same bytes, same mtime

    _git(blog, "add", "posts")
    second = try_repo(blog, hook_repo)  # every hook of the manifest: cleaner and cleaner-check
    assert second.returncode == 0, second.stdout + second.stderr
    assert second.stdout.count("Passed") == 2, second.stdout
    assert dirty.read_text(encoding="utf-8") == expected
    assert _snapshot(kept) == kept_before


def test_cleaner_check_hook_fails_and_writes_nothing(blog, hook_repo):
    dirty, kept = blog / "posts" / "dirty.md", blog / "posts" / "clean.md"
    _age(dirty)
    _age(kept)
    before = {path: _snapshot(path) for path in (dirty, kept)}

    result = try_repo(blog, hook_repo, "cleaner-check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "cleaner (check only)" in result.stdout and "Failed" in result.stdout
    assert "files were modified" not in result.stdout
    assert {path: _snapshot(path) for path in (dirty, kept)} == before


def test_the_manifest_declares_both_hooks():
    import yaml

    hooks = {hook["id"]: hook for hook in yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"cleaner", "cleaner-check"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types"] == ["markdown"]  # a user's `files:` replaces `files`, never `types`
        assert "files" not in hook
    assert hooks["cleaner"]["entry"] == "cleaner --force-exclude"
    assert hooks["cleaner-check"]["entry"] == "cleaner --check --force-exclude"


# ---------------------------------------------------------------- the README's snippets, as a user copies them

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")  # a PNG's first bytes


def _readme_snippets() -> list[str]:
    """The YAML blocks of the README's pre-commit section, in order."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Pre-commit", 1)[1].split("\n## ", 1)[0]
    return [block.split("```", 1)[0] for block in section.split("```yaml\n")[1:]]


@pytest.fixture
def hexo_blog(tmp_path) -> Path:
    """A Hexo blog with a scraped post, a clean one, an image beside them, and files that are
    not posts (the site's README.md, a theme's), all tracked."""
    dirty = SAMPLE.read_text(encoding="utf-8") if SAMPLE.is_file() else FALLBACK_POST
    posts = tmp_path / "source" / "_posts"
    posts.mkdir(parents=True)
    (posts / "dirty.md").write_text(dirty, encoding="utf-8")
    (posts / "clean.md").write_text(clean(dirty).text, encoding="utf-8")
    (posts / "dirty" ).mkdir()
    (posts / "dirty" / "cat.png").write_bytes(PNG)
    (tmp_path / "README.md").write_text(dirty, encoding="utf-8")
    (tmp_path / "themes" / "landscape").mkdir(parents=True)
    (tmp_path / "themes" / "landscape" / "README.md").write_text(dirty, encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    for path in tmp_path.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            _age(path)
    return tmp_path


def _run_hooks(blog: Path, config: str, env=None) -> subprocess.CompletedProcess:
    (blog / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _git(blog, "add", ".pre-commit-config.yaml")
    return subprocess.run([*PRE_COMMIT, "run", "--all-files"], cwd=blog, env=env or _env(),
                          capture_output=True, text=True, timeout=HOOK_TIMEOUT_S)


def _untouched(blog: Path) -> list[Path]:
    return [blog / "README.md", blog / "themes" / "landscape" / "README.md",
            blog / "source" / "_posts" / "clean.md", blog / "source" / "_posts" / "dirty" / "cat.png"]


def test_the_readme_snippet_with_a_pinned_revision_works(hexo_blog, hook_repo):
    remote = _readme_snippets()[0]
    revision = _git(hook_repo, "rev-parse", "HEAD").strip()
    config = remote.replace("REPOSITORY_URL", str(hook_repo)).replace("COMMIT_SHA", revision)
    assert config != remote, "the snippet names REPOSITORY_URL and COMMIT_SHA for the user to fill in"
    before = {path: _snapshot(path) for path in _untouched(hexo_blog)}
    dirty = hexo_blog / "source" / "_posts" / "dirty.md"
    expected = clean(dirty.read_text(encoding="utf-8")).text

    result = _run_hooks(hexo_blog, config)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "files were modified by this hook" in result.stdout
    assert "binary content" not in result.stdout + result.stderr  # the image is not passed
    assert dirty.read_text(encoding="utf-8") == expected
    assert {path: _snapshot(path) for path in _untouched(hexo_blog)} == before


def _installed_here(tmp_path: Path) -> dict[str, str]:
    """An environment whose `cleaner` command runs this working tree's code (as installed)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "cleaner"
    script.write_text(f'#!/bin/sh\nPYTHONPATH="{PROJECT}" exec "{sys.executable}" -m cleaner.command.entry "$@"\n')
    script.chmod(0o755)
    return {**_env(), "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}


def test_the_readme_snippet_for_an_installed_cleaner_works_as_printed(hexo_blog, tmp_path_factory):
    local = _readme_snippets()[1]
    env = _installed_here(tmp_path_factory.mktemp("installed"))
    before = {path: _snapshot(path) for path in _untouched(hexo_blog)}
    dirty = hexo_blog / "source" / "_posts" / "dirty.md"
    expected = clean(dirty.read_text(encoding="utf-8")).text

    result = _run_hooks(hexo_blog, local, env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "files were modified by this hook" in result.stdout
    assert "binary content" not in result.stdout + result.stderr
    assert dirty.read_text(encoding="utf-8") == expected
    assert {path: _snapshot(path) for path in _untouched(hexo_blog)} == before
