"""The command line's conventions, held to black's and ruff's (issue 13): each test drives the
real command (CliRunner in process, or a subprocess where the console script's fast path or a
real `git`/`patch` is part of it). Expected outputs are written by hand."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.command.cli import main
from cleaner.command.report import EXIT_ERROR, EXIT_OK, EXIT_WOULD_CHANGE

POST = ("---\ntitle: Hello\ndate: 2020-01-02\n---\n<h1>Head</h1><p>Hello <b>world</b> text.</p>"
        "<script>x()</script><p>More text <a href='https://example.com/a'>a link</a>.</p>\n")
# POST cleaned, written out by hand
CLEAN = ("---\ntitle: Hello\ndate: 2020-01-02 00:00:00\n---\n\n## Head\n\nHello **world** text.\n\n"
         "More text [a link](https://example.com/a).\n")
OLD_TIME_S = 1_000_000_000


def _cli(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def _post(path: Path, text: str = POST) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, (OLD_TIME_S, OLD_TIME_S))
    return path


# ---------------------------------------------------------------- 1. check mode names each file

def test_check_names_each_file_that_would_change(tmp_path):
    a, b = _post(tmp_path / "a.md"), _post(tmp_path / "b.md")
    kept = _post(tmp_path / "c.md", CLEAN)
    result = _cli("--check", a, b, kept)
    assert result.exit_code == EXIT_WOULD_CHANGE
    lines = result.stderr.splitlines()
    assert lines[:2] == [f"would clean {a}", f"would clean {b}"]
    assert str(kept) not in result.stderr
    assert _cli("--check", a).stderr == f"would clean {a}\n"
    assert _cli("--check", "-q", a).stderr == ""


# ---------------------------------------------------------------- 2. excludes and .gitignore

@pytest.fixture
def hexo_blog(tmp_path) -> Path:
    """A Hexo blog as `hexo init` and `npm install` leave it, inside a git repository."""
    blog = tmp_path / "blog"
    (blog / ".git").mkdir(parents=True)
    for name in ("source/_posts/a.md", "source/_posts/2021/b.md", "source/about/index.md",
                 "node_modules/hexo/README.md", "themes/landscape/README.md", "README.md",
                 "scaffolds/post.md", "public/2021/b/index.md", "drafts-local/x.md", "source/_posts/c.tmp.md"):
        _post(blog / name)
    (blog / ".gitignore").write_text("# build output\ndrafts-local/\n*.tmp.md\n")
    return blog


def _changed(blog: Path) -> list[str]:
    return sorted(str(p.relative_to(blog)) for p in blog.rglob("*.md") if p.read_text() != POST)


def test_a_run_over_the_site_root_touches_only_posts(hexo_blog):
    result = _cli(hexo_blog)
    assert result.exit_code == EXIT_OK, result.stderr
    assert _changed(hexo_blog) == ["source/_posts/2021/b.md", "source/_posts/a.md", "source/about/index.md"]


def test_exclude_and_extend_exclude_on_the_command_line(hexo_blog):
    assert _cli(hexo_blog, "--extend-exclude", "/about/").exit_code == EXIT_OK
    assert _changed(hexo_blog) == ["source/_posts/2021/b.md", "source/_posts/a.md"]
    assert _cli(hexo_blog, "--exclude", "/(node_modules|_posts)/").exit_code == EXIT_OK
    assert "themes/landscape/README.md" in _changed(hexo_blog)  # the default is replaced
    assert "source/_posts/a.md" in _changed(hexo_blog)  # done by the first run, not this one
    assert "node_modules/hexo/README.md" not in _changed(hexo_blog)


def test_extend_exclude_in_the_configuration(hexo_blog):
    (hexo_blog / "cleaner.toml").write_text("extend_exclude = '/2021/'\n")
    assert _cli(hexo_blog, "--check").stderr.splitlines()[:2] == [
        f"would clean {hexo_blog / 'source/_posts/a.md'}", f"would clean {hexo_blog / 'source/about/index.md'}"]


def test_a_bad_exclude_is_an_error_naming_it(hexo_blog):
    result = _cli(hexo_blog, "--exclude", "(")
    assert result.exit_code == EXIT_ERROR
    assert result.stderr.startswith("cleaner: --exclude: regular expression '(' does not compile")
    (hexo_blog / "cleaner.toml").write_text("exclude = 3\n")
    assert "exclude: must be a regular expression" in _cli(hexo_blog).stderr


def test_force_exclude_applies_to_files_named(hexo_blog):
    readme, post = hexo_blog / "README.md", hexo_blog / "source/_posts/a.md"
    cwd = os.getcwd()
    os.chdir(hexo_blog)  # as pre-commit runs a hook: from the repository root, paths relative
    try:
        result = _cli("--check", "--force-exclude", "README.md", "scaffolds/post.md", "source/_posts/a.md")
        assert result.stderr == "would clean source/_posts/a.md\n"
        assert _cli("--check", "README.md").stderr == "would clean README.md\n"  # named: cleaned
    finally:
        os.chdir(cwd)
    assert readme.read_text() == POST and post.read_text() == POST


# ---------------------------------------------------------------- 4. --diff is a patch

def test_diff_applies_as_a_patch_when_the_last_line_has_no_newline(tmp_path):
    source = POST.rstrip("\n")
    post = _post(tmp_path / "a.md", source)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = _cli("--diff", "--no-color", "a.md")
    finally:
        os.chdir(cwd)
    assert result.exit_code == EXIT_WOULD_CHANGE
    assert result.stderr == "would clean a.md\n"  # as --check, and black's --diff
    assert "\\ No newline at end of file\n" in result.stdout
    assert "\x1b[" not in result.stdout
    patch = tmp_path / "a.patch"
    patch.write_text(result.stdout)
    if shutil.which("git"):
        subprocess.run(["git", "apply", "-p0", "--check", str(patch)], cwd=tmp_path, check=True)
    if shutil.which("patch"):
        subprocess.run(["patch", "-s", "-p0", "-i", str(patch)], cwd=tmp_path, check=True)
        assert post.read_text() == CLEAN


def test_diff_colour(tmp_path):
    post = _post(tmp_path / "a.md")
    coloured = _cli("--diff", "--color", post).stdout
    assert "\x1b[31m-date: 2020-01-02\n\x1b[0m" in coloured
    assert "\x1b[32m+date: 2020-01-02 00:00:00\n\x1b[0m" in coloured
    assert "\x1b[" not in _cli("--diff", post).stdout  # not a terminal: no colour


# ---------------------------------------------------------------- 5. standard input

@pytest.mark.parametrize("option", [["--explain"], ["--report", "json"]])
def test_stdin_reports_go_to_stderr_when_the_post_goes_to_stdout(option):
    result = _cli(*option, "-", input=POST)
    assert result.exit_code == EXIT_OK
    assert result.stdout == CLEAN
    assert "<stdin>" in result.stderr


def test_stdin_report_file(tmp_path):
    report = tmp_path / "r.json"
    result = _cli("--report-file", report, "-", input=POST)
    assert result.stdout == CLEAN
    assert json.loads(report.read_text())["files"][0]["path"] == "<stdin>"


def test_stdin_filename_names_the_post_and_finds_its_configuration(tmp_path):
    (tmp_path / "blog" / ".git").mkdir(parents=True)
    (tmp_path / "blog" / "cleaner.toml").write_text("heading_top_level = 3\nrequired_keys = ['author']\n")
    name = tmp_path / "blog" / "posts" / "a.md"
    result = _cli("--stdin-filename", name, "-", input=POST)
    assert result.exit_code == EXIT_OK
    assert result.stdout == CLEAN.replace("## Head", "### Head")
    assert result.stderr == f"{name}:2: front matter has no 'author'\n"


def test_stdin_filename_with_force_exclude_passes_the_post_through(tmp_path):
    (tmp_path / ".git").mkdir()
    result = _cli("--force-exclude", "--stdin-filename", tmp_path / "themes" / "x.md", "-", input=POST)
    assert (result.exit_code, result.stdout) == (EXIT_OK, POST)


# ---------------------------------------------------------------- 6. reading options write nothing

@pytest.mark.parametrize("option", [["--explain"], ["--report", "json"]])
def test_reading_options_write_nothing_unless_asked(tmp_path, option):
    post = _post(tmp_path / "a.md")
    result = _cli(*option, post)
    assert result.exit_code == EXIT_OK
    assert post.read_text() == POST and post.stat().st_mtime == OLD_TIME_S
    assert _cli(*option, "--write", post).exit_code == EXIT_OK
    assert post.read_text() == CLEAN


def test_explain_wording_follows_the_mode(tmp_path):
    post = _post(tmp_path / "a.md")
    assert _cli("--explain", post).stdout.splitlines()[0] == f"{post}: would change"
    assert _cli("--explain", "--write", post).stdout.splitlines()[0] == f"{post}: changed"
    assert _cli("--explain", post).stdout.splitlines()[0] == f"{post}: unchanged"


# ---------------------------------------------------------------- 10. encodings

def test_output_encoding(tmp_path):
    post = tmp_path / "a.md"
    post.write_bytes(POST.replace("Hello", "Caf\xe9").encode("cp1252"))
    assert _cli("--encoding", "cp1252", "--output-encoding", "utf-8", post).exit_code == EXIT_OK
    assert post.read_bytes() == CLEAN.replace("Hello", "Caf\xe9").encode("utf-8")


def test_encoding_in_the_configuration(tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "cleaner.toml").write_text("encoding = 'cp1252'\noutput_encoding = 'utf-8'\n")
    post = folder / "a.md"
    post.write_bytes(POST.replace("Hello", "Caf\xe9").encode("cp1252"))
    other = _post(tmp_path / "b.md", POST.replace("Hello", "Caf\xe9"))
    assert _cli(tmp_path).exit_code == EXIT_OK
    assert post.read_bytes() == CLEAN.replace("Hello", "Caf\xe9").encode("utf-8")
    assert other.read_bytes() == CLEAN.replace("Hello", "Caf\xe9").encode("utf-8")


def test_encoding_stays_the_input_s_by_default(tmp_path):
    post = tmp_path / "a.md"
    post.write_bytes(POST.replace("Hello", "Caf\xe9").encode("cp1252"))
    assert _cli("--encoding", "cp1252", post).exit_code == EXIT_OK
    assert post.read_bytes() == CLEAN.replace("Hello", "Caf\xe9").encode("cp1252")


# ---------------------------------------------------------------- 11. smaller surprises

def test_output_folder_named_with_a_slash_for_one_file(tmp_path):
    post = _post(tmp_path / "a.md")
    assert _cli(post, "-o", f"{tmp_path / 'newdir'}/").exit_code == EXIT_OK
    assert (tmp_path / "newdir" / "a.md").read_text() == CLEAN


def test_a_folder_to_an_output_file_name_is_refused(tmp_path):
    _post(tmp_path / "in" / "a.md")
    result = _cli(tmp_path / "in", "-o", tmp_path / "out.md")
    assert result.exit_code == EXIT_ERROR
    assert result.stderr == (f"{tmp_path / 'out.md'}: -o names a file, but {tmp_path / 'in'} is a folder: "
                             "give -o a folder\n")
    assert not (tmp_path / "out.md").exists()


def test_short_version_option():
    result = _cli("-V")
    assert result.exit_code == EXIT_OK and "version" in result.stdout
    done = subprocess.run([sys.executable, "-m", "cleaner.command.entry", "-V"], capture_output=True, text=True)
    assert done.stdout.startswith("cleaner, version ")


def test_only_takes_a_comma_separated_list(tmp_path):
    a = _post(tmp_path / "a.md")
    b = _post(tmp_path / "b.md")
    assert _cli("--only", "unsafe,headings", a).exit_code == EXIT_OK
    assert _cli("--only", "unsafe", "--only", "headings", b).exit_code == EXIT_OK
    assert a.read_text() == b.read_text() != POST
    result = _cli("--skip", "headings,nope", a)
    assert result.exit_code == EXIT_ERROR and "unknown step 'nope'" in result.stderr


def test_summary_counts_what_changed_not_what_was_already_clean(tmp_path):
    src = tmp_path / "in"
    for name in ("a.md", "b.md"):
        _post(src / name, CLEAN)
    result = _cli(src, "-o", tmp_path / "out")
    assert result.exit_code == EXIT_OK
    assert "2 files scanned: 0 changed, 2 unchanged, 0 failed, 0 problems, in " in result.stderr
    assert (tmp_path / "out" / "a.md").read_text() == CLEAN  # written all the same


def test_an_unchanged_file_counts_no_step_changes():
    from cleaner.command.options import Options
    from cleaner.command.report import Outcome, Report, Status
    from cleaner.result import Change

    report = Report(Options())
    report.add(Outcome("a.md", Status.UNCHANGED, [Change("headings", "level", "h1 -> h2")]))
    report.add(Outcome("b.md", Status.CHANGED, [Change("headings", "level", "h1 -> h2")], writes=True))
    assert ("headings fixed", 1) in report.step_counts()


def test_problem_lines_and_report_entries_are_sorted_by_path(tmp_path):
    for i in range(24):
        _post(tmp_path / f"p{i:02d}.md", POST.replace("title: Hello", "title: ''"))
    result = _cli(tmp_path, "--jobs", 2, "--report", "json", "--write")
    lines = [line for line in result.stderr.splitlines() if "title is blank" in line]
    assert len(lines) == 24 and lines == sorted(lines)
    paths = [rec["path"] for rec in json.loads(result.stdout)["files"]]
    assert paths == sorted(paths)


def test_step_names_complete_in_the_shell():
    env = dict(os.environ, _CLEANER_COMPLETE="bash_complete", COMP_WORDS="cleaner --only unsafe,hea", COMP_CWORD="2")
    done = subprocess.run([sys.executable, "-m", "cleaner.command.entry"], env=env, capture_output=True, text=True)
    assert "plain,unsafe,headings" in done.stdout


# ---------------------------------------------------------------- 12. one configuration lookup for the cache

def _entry(*args, env):
    return subprocess.run([sys.executable, "-m", "cleaner.command.entry", *map(str, args)], capture_output=True,
                          text=True, env=env)


@pytest.fixture
def cache_env(tmp_path):
    env = dict(os.environ, CLEANER_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("CLEANER_NO_CACHE", None)
    return env


def test_the_cache_finds_the_configuration_the_run_finds(tmp_path, cache_env):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "cleaner.toml").write_text("heading_top_level = 2\n")
    (repo / "sub").mkdir()
    (repo / "sub" / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    post = _post(repo / "sub" / "post.md")
    assert _entry(post, env=cache_env).returncode == EXIT_OK
    assert _entry("--check", post, env=cache_env).returncode == EXIT_OK
    (repo / "cleaner.toml").write_text("heading_top_level = 3\n")
    result = _entry("--check", post, env=cache_env)
    assert result.returncode == EXIT_WOULD_CHANGE
    assert result.stderr == f"would clean {post}\n"


def test_a_touched_file_is_known_clean_by_its_content(tmp_path, cache_env):
    post = _post(tmp_path / "post.md")
    assert _entry(post, env=cache_env).returncode == EXIT_OK
    os.utime(post, (OLD_TIME_S + 5, OLD_TIME_S + 5))  # a checkout: new time, same bytes
    checked = subprocess.run([sys.executable, "-X", "importtime", "-m", "cleaner.command.entry", "--check", str(post)],
                             capture_output=True, text=True, env=cache_env)
    assert checked.returncode == EXIT_OK
    assert "lxml" not in checked.stderr  # answered from the cache
    post.write_text(CLEAN.replace("## Head", "# Head!"))  # same size, not clean
    os.utime(post, (OLD_TIME_S + 9, OLD_TIME_S + 9))
    assert _entry("--check", post, env=cache_env).returncode == EXIT_WOULD_CHANGE


# ---------------------------------------------------------------- 9. a minimal change when steps are chosen

RAW = ("---\ntitle:   'Hello'\ndate: 2020-01-02\ncover: https://cors.zfour.workers.dev/?https://example.com/a.jpg\n---\n"
       "<p class=x>It&#39;s <b>bold</b></p>\n<p>more</p>\n\n")


def test_only_a_step_that_changes_nothing_leaves_the_file_byte_for_byte(tmp_path):
    post = _post(tmp_path / "a.md", RAW.replace("https://cors.zfour.workers.dev/?", ""))
    result = _cli("--check", "--only", "proxies", post)
    assert (result.exit_code, result.stderr) == (EXIT_OK, "")
    assert _cli("--check", "--only", "unsafe,images", post).exit_code == EXIT_OK


def test_only_proxies_changes_only_the_proxied_value(tmp_path):
    post = _post(tmp_path / "a.md", RAW)
    assert _cli("--only", "proxies", post).exit_code == EXIT_OK
    assert post.read_text() == RAW.replace("https://cors.zfour.workers.dev/?", "")


# ---------------------------------------------------------------- issue 14: problems belong to the pipeline

def test_the_library_and_the_command_report_the_same_problems(tmp_path):
    from cleaner import Problem, clean

    text = "---\ntitle: ''\ndate: 2020-01-02 00:00:00\n---\n"
    assert clean(text).problems == [Problem("title is blank; kept as it is", 2),
                                    Problem("front matter only: the article has no body", 4)]
    post = _post(tmp_path / "a.md", text)
    result = _cli("--check", post)
    assert result.stderr == (f"{post}:2: title is blank; kept as it is\n"
                             f"{post}:4: front matter only: the article has no body\n")


def test_a_folder_with_nothing_to_clean_says_so(hexo_blog):
    result = _cli(hexo_blog / "themes" / "landscape")
    assert result.exit_code == EXIT_OK
    assert result.stderr == "No posts to clean: none found, or all excluded (see --exclude).\n"
    assert _cli("-q", hexo_blog / "themes" / "landscape").stderr == ""


def test_gitignore_rules_as_git_reads_them(tmp_path):
    site = tmp_path / "site"
    (site / ".git").mkdir(parents=True)
    names = ["a.md", "drafts/b.md", "x/drafts/c.md", "notes/d.md", "notes/keep.md", "deep/er/tmp/e.md",
             "sub/f.md", "sub/inner/g.md", "nested/h.md", "nested/i.md", "[x].md"]
    for name in names:
        _post(site / name)
    (site / ".gitignore").write_text(
        "# comment\n/drafts/\nnotes/*\n!notes/keep.md\n**/tmp/\nsub/*.md\n\\[x\\].md\n")
    (site / "nested" / ".gitignore").write_text("h.md\n")
    assert _cli(site).exit_code == EXIT_OK
    # /drafts/ is anchored (x/drafts stays); notes/* less keep.md; sub/*.md is one level only
    assert _changed(site) == ["a.md", "nested/i.md", "notes/keep.md", "sub/inner/g.md", "x/drafts/c.md"]
