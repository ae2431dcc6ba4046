"""The clean-file cache: a run over files known clean does no work, and nothing stale is trusted."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

DIRTY = "---\ntitle: T\ndate: Wed, 05 Jan 2022 00:00:00 GMT\n---\n\n<p>Hello <b>world</b></p>\n"
# what cleaning an HTML post loads (mdformat only for Markdown bodies and special text)
PIPELINE_MODULES = ("lxml", "yaml")


def _run(*args, env=None, cwd=None):
    return subprocess.run([sys.executable, "-X", "importtime", "-m", "cleaner.command.cli", *map(str, args)],
                          capture_output=True, text=True, env=env, cwd=cwd)


def _imported(stderr: str) -> set[str]:
    names = set()
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


@pytest.fixture
def env(tmp_path):
    environment = dict(os.environ, CLEANER_CACHE_DIR=str(tmp_path / "cache"))
    environment.pop("CLEANER_NO_CACHE", None)
    return environment


@pytest.fixture
def post(tmp_path):
    folder = tmp_path / "repo"
    folder.mkdir()
    (folder / ".git").mkdir()
    path = folder / "post.md"
    path.write_text(DIRTY)
    return path


def test_a_known_clean_file_is_checked_without_loading_the_pipeline(post, env):
    assert _run(post, env=env).returncode == 0  # cleans and remembers it
    second = _run("--check", post, env=env)
    assert second.returncode == 0
    assert not _imported(second.stderr) & set(PIPELINE_MODULES)


def test_first_check_loads_the_pipeline_and_finds_the_change(post, env):
    first = _run("--check", post, env=env)
    assert first.returncode == 1
    assert set(PIPELINE_MODULES) <= _imported(first.stderr)


def test_an_edited_file_is_cleaned_again(post, env):
    assert _run(post, env=env).returncode == 0
    time.sleep(0.01)
    post.write_text(post.read_text() + "\n<p>more <b>text</b></p>\n")
    assert _run("--check", post, env=env).returncode == 1


def test_a_changed_configuration_is_not_trusted(post, env):
    assert _run(post, env=env).returncode == 0
    (post.parent / "cleaner.toml").write_text("heading_top_level = 3\nrequired_keys = ['title', 'author']\n")
    result = _run("--check", post, env=env)
    assert "front matter has no 'author'" in result.stderr


def test_other_options_use_another_cache(post, env):
    assert _run(post, env=env).returncode == 0
    result = _run("--check", "--strict", "--skip", "headings", post, env=env)
    assert set(PIPELINE_MODULES) <= _imported(result.stderr)


def test_no_cache_option_and_variable(post, env):
    assert _run(post, env=env).returncode == 0
    assert set(PIPELINE_MODULES) <= _imported(_run("--check", "--no-cache", post, env=env).stderr)
    off = dict(env, CLEANER_NO_CACHE="1")
    assert set(PIPELINE_MODULES) <= _imported(_run("--check", post, env=off).stderr)


def test_a_file_with_problems_is_reported_every_time(tmp_path, env):
    path = tmp_path / "blank.md"
    path.write_text("---\ntitle: ''\n---\n\ntext\n")
    for _ in range(2):
        result = _run("--check", path, env=env)
        assert result.returncode == 0
        assert "title is blank" in result.stderr


def test_an_unwritable_cache_folder_only_costs_speed(post, env, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    broken = dict(env, CLEANER_CACHE_DIR=str(blocker / "cache"))
    assert _run(post, env=broken).returncode == 0
    assert _run("--check", post, env=broken).returncode == 0


def test_the_command_answers_a_hook_run_without_click(post, env):
    """`cleaner --check FILE...` (the console script, cleaner.command.entry) over known-clean files."""
    assert _run(post, env=env).returncode == 0
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "cleaner.command.entry", "--check", "-q", str(post)],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0
    assert not _imported(result.stderr) & {"click", *PIPELINE_MODULES}


def test_the_command_falls_back_to_the_full_run(post, env):
    result = subprocess.run([sys.executable, "-m", "cleaner.command.entry", "--check", str(post)],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 1  # not known clean: cleaned (in memory) and found to change
