"""The command line, run in-process with click's CliRunner over files in tmp_path."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import clean
from cleaner.command.cli import main
from cleaner.config import default_config
from cleaner.command.report import EXIT_ERROR, EXIT_OK, EXIT_WOULD_CHANGE
from cleaner.steps import STEP_NAMES, STEPS

POST = ("---\ntitle: Hello\ndate: 2020-01-02\n---\n<h1>Head</h1><p>Hello <b>world</b> text.</p>"
        "<script>x()</script><p>More text <a href='https://example.com/a'>a link</a>.</p>\n")
CLEAN = clean(POST).text
OLD_TIME_S = 1_000_000_000
SUMMARY_RE = re.compile(r"^(\d+) files? scanned: (\d+) (?:changed|would change), (\d+) unchanged, "
                        r"(\d+) failed, (\d+) problems?, in \d+\.\d\ds$")


def _cli(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def _post(path: Path, text: str = POST) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.utime(path, (OLD_TIME_S, OLD_TIME_S))
    return path


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _summary(stderr: str) -> tuple[int, ...]:
    [match] = [m for m in map(SUMMARY_RE.match, stderr.splitlines()) if m]
    return tuple(int(g) for g in match.groups())


# ---------------------------------------------------------------- where output goes

def test_in_place(tmp_path):
    post = _post(tmp_path / "a.md")
    result = _cli(post)
    assert result.exit_code == EXIT_OK
    assert result.stdout == "" and result.stderr == ""
    assert post.read_text() == CLEAN


def test_output_file(tmp_path):
    post = _post(tmp_path / "a.md")
    out = tmp_path / "out" / "clean.md"
    result = _cli(post, "-o", out)
    assert result.exit_code == EXIT_OK
    assert out.read_text() == CLEAN
    assert post.read_text() == POST


def test_output_folder_mirrors_the_input_tree(tmp_path):
    src = tmp_path / "posts"
    for name in ("a.md", "2021/b.md", "2021/deep/c.markdown", "notes.txt", ".hidden/d.md"):
        _post(src / name)
    out = tmp_path / "out"
    result = _cli(src, "-o", out)
    assert result.exit_code == EXIT_OK, result.stderr
    assert _tree(out) == {"a.md": CLEAN.encode(), "2021/b.md": CLEAN.encode(), "2021/deep/c.markdown": CLEAN.encode()}
    assert (src / "a.md").read_text() == POST


def test_several_files_to_an_output_folder(tmp_path):
    a = _post(tmp_path / "x" / "a.md")
    b = _post(tmp_path / "y" / "b.md")
    out = tmp_path / "out"
    assert _cli(a, b, "-o", out).exit_code == EXIT_OK
    assert _tree(out) == {"a.md": CLEAN.encode(), "b.md": CLEAN.encode()}


def test_stdin_to_stdout(tmp_path):
    result = _cli("-", input=POST)
    assert result.exit_code == EXIT_OK
    assert result.stdout == CLEAN
    assert result.stderr == ""


def test_stdin_to_output_file(tmp_path):
    out = tmp_path / "clean.md"
    result = _cli("-", "-o", out, input=POST)
    assert result.exit_code == EXIT_OK
    assert result.stdout == ""
    assert out.read_text() == CLEAN


def test_stdin_check_and_diff(tmp_path):
    assert _cli("-", "--check", input=POST).exit_code == EXIT_WOULD_CHANGE
    assert _cli("-", "--check", input=CLEAN).exit_code == EXIT_OK
    result = _cli("-", "--diff", input=POST)
    assert result.exit_code == EXIT_WOULD_CHANGE
    assert result.stdout.startswith("--- <stdin>\toriginal\n+++ <stdin>\tcleaned\n")


def test_stdin_error_is_one_line():
    result = _cli("-", input="---\ntitle: [x\n---\n<p>b</p>\n")
    assert result.exit_code == EXIT_ERROR
    assert result.stdout == ""
    assert result.stderr == "<stdin>:3: front matter is not valid YAML: expected ',' or ']', but got '<stream end>'\n"


def test_stdin_cannot_be_mixed_with_paths(tmp_path):
    post = _post(tmp_path / "a.md")
    result = _cli("-", post, input=POST)
    assert result.exit_code == EXIT_ERROR
    assert result.stderr == "cleaner: - (standard input) cannot be mixed with other paths\n"
    assert post.read_text() == POST


def test_no_path_is_an_error():
    result = _cli()
    assert result.exit_code == EXIT_ERROR
    assert "no PATH given" in result.stderr


# ---------------------------------------------------------------- --check, --diff

def test_check_exit_1_when_a_file_would_change_and_writes_nothing(tmp_path):
    post = _post(tmp_path / "a.md")
    result = _cli("--check", post)
    assert result.exit_code == EXIT_WOULD_CHANGE
    assert post.read_text() == POST
    assert post.stat().st_mtime == OLD_TIME_S


def test_check_exit_0_when_clean(tmp_path):
    post = _post(tmp_path / "a.md", CLEAN)
    result = _cli("--check", post)
    assert result.exit_code == EXIT_OK
    assert result.stdout == "" and result.stderr == ""


def test_check_with_an_output_folder_compares_with_the_output(tmp_path):
    src = _post(tmp_path / "in" / "a.md")
    out = tmp_path / "out"
    assert _cli("--check", tmp_path / "in", "-o", out).exit_code == EXIT_WOULD_CHANGE
    assert not out.exists()
    assert _cli(tmp_path / "in", "-o", out).exit_code == EXIT_OK
    assert _cli("--check", tmp_path / "in", "-o", out).exit_code == EXIT_OK
    assert src.read_text() == POST


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path):
    post = _post(tmp_path / "a.md")
    clean_post = _post(tmp_path / "b.md", CLEAN)
    result = _cli("--diff", tmp_path)
    assert result.exit_code == EXIT_WOULD_CHANGE
    assert result.stdout.startswith(f"--- {post}\toriginal\n+++ {post}\tcleaned\n@@ ")
    assert "-date: 2020-01-02\n+date: 2020-01-02 00:00:00\n" in result.stdout
    assert str(clean_post) not in result.stdout
    assert post.read_text() == POST
    assert post.stat().st_mtime == OLD_TIME_S


# ---------------------------------------------------------------- steps

def test_list_steps():
    result = _cli("--list-steps")
    assert result.exit_code == EXIT_OK
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(STEP_NAMES)
    for line, step in zip(lines, STEPS, strict=True):
        assert line.endswith(step.DESCRIPTION)


def test_skip_a_step(tmp_path):
    post = _post(tmp_path / "a.md")
    assert _cli("--skip", "frontmatter", post).exit_code == EXIT_OK
    out = post.read_text()
    assert "date: 2020-01-02\n" in out
    assert out == clean(POST, default_config().with_skip({"frontmatter"})).text


def test_skip_two_steps(tmp_path):
    post = _post(tmp_path / "a.md")
    assert _cli("--skip", "frontmatter", "--skip", "headings", post).exit_code == EXIT_OK
    out = post.read_text()
    assert "date: 2020-01-02\n" in out and "# Head" in out and "## Head" not in out


def test_only_some_steps(tmp_path):
    post = _post(tmp_path / "a.md")
    only = ("frontmatter", "unsafe", "markdown", "canonical")
    result = _cli(*[arg for name in only for arg in ("--only", name)], post)
    assert result.exit_code == EXIT_OK, result.stderr
    skipped = set(STEP_NAMES) - set(only)
    assert post.read_text() == clean(POST, default_config().with_skip(skipped)).text
    assert "# Head" in post.read_text()  # headings did not run


@pytest.mark.parametrize("args", [("--only", "unsafe"), ("--skip", "markdown")])
def test_any_step_can_be_switched_off(tmp_path, args):
    post = _post(tmp_path / "a.md")
    result = _cli(*args, post)
    assert "internal error" not in result.stderr
    assert result.exit_code == EXIT_OK


@pytest.mark.parametrize("option", ["--skip", "--only"])
def test_unknown_step(tmp_path, option):
    post = _post(tmp_path / "a.md")
    result = _cli(option, "nosuchstep", post)
    assert result.exit_code == EXIT_ERROR
    assert result.stderr == f"cleaner: unknown step 'nosuchstep' (steps: {', '.join(STEP_NAMES)})\n"
    assert post.read_text() == POST


# ---------------------------------------------------------------- exit codes and messages

def test_exit_codes_0_1_2(tmp_path):
    good = _post(tmp_path / "good.md", CLEAN)
    assert _cli(good).exit_code == EXIT_OK
    changing = _post(tmp_path / "changing.md")
    assert _cli("--check", good, changing).exit_code == EXIT_WOULD_CHANGE
    bad = _post(tmp_path / "bad.md", "---\ntitle: a\ntitle: b\n---\nx\n")
    result = _cli("--check", good, changing, bad)
    assert result.exit_code == EXIT_ERROR, "an error wins over would-change"
    assert _cli(good, bad).exit_code == EXIT_ERROR


def test_errors_are_path_line_message_never_a_traceback(tmp_path):
    bad = _post(tmp_path / "bad.md", "---\ntitle: ok\ndate: [2020\n---\n<p>x</p>\n")
    result = _cli(bad)
    assert result.exit_code == EXIT_ERROR
    [line] = result.stderr.splitlines()
    assert re.match(rf"^{re.escape(str(bad))}:\d+: \S", line), line
    assert "Traceback" not in result.stderr


def test_a_config_error_is_one_line(tmp_path):
    post = _post(tmp_path / "a.md")
    (tmp_path / "cleaner.toml").write_text("nosuchkey = 1\n")
    result = _cli(post)
    assert result.exit_code == EXIT_ERROR
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{tmp_path / 'cleaner.toml'}: nosuchkey")
    assert post.read_text() == POST


def test_an_unchanged_output_is_not_rewritten(tmp_path):
    post = _post(tmp_path / "a.md")
    out = _post(tmp_path / "out.md", CLEAN)
    assert _cli(post, "-o", out).exit_code == EXIT_OK
    assert out.stat().st_mtime == OLD_TIME_S


def _batch(folder: Path, count: int) -> None:
    for i in range(count):
        body = POST.replace("Hello", f"Post {i}")
        if i % 5 == 0:
            body = body.replace("title:", "titel:")  # a problem
        if i % 7 == 0:
            body = "---\nbroken: [\n---\nx\n"  # an error
        _post(folder / f"sub{i % 3}" / f"p{i:03d}.md", body)


def _messages(stderr: str, folder: Path) -> list[str]:
    """The per-file lines of a run, in a stable order, without the timed summary."""
    lines = [line for line in stderr.splitlines() if not SUMMARY_RE.match(line) and not line.startswith("  ")]
    return sorted(line.replace(str(folder), "ROOT") for line in lines)


def _records(report_json: str, folder: Path) -> list[dict]:
    records = json.loads(report_json)["files"]
    for rec in records:
        rec["path"] = rec["path"].replace(str(folder), "ROOT")
        rec["error"] = rec["error"] and rec["error"].replace(str(folder), "ROOT")
    return sorted(records, key=lambda rec: rec["path"])


def test_jobs_1_and_jobs_2_give_identical_outputs(tmp_path):
    count = 40
    one, two = tmp_path / "one", tmp_path / "two"
    _batch(one, count)
    _batch(two, count)
    r1 = _cli(one, "--jobs", 1, "--report", "json")
    r2 = _cli(two, "--jobs", 2, "--report", "json")
    assert r1.exit_code == r2.exit_code == EXIT_ERROR
    assert _tree(one) == _tree(two)
    assert _messages(r1.stderr, one) == _messages(r2.stderr, two)
    assert _summary(r1.stderr)[:4] == _summary(r2.stderr)[:4] == (count, 34, 0, 6)
    assert _records(r1.stdout, one) == _records(r2.stdout, two)
    assert json.loads(r1.stdout)["summary"] == json.loads(r2.stdout)["summary"]


# ---------------------------------------------------------------- report, explain, quiet, summary

def test_report_json_to_stdout(tmp_path):
    post = _post(tmp_path / "a.md")
    bad = _post(tmp_path / "b.md", "---\n- x\n---\n<p>b</p>\n")
    warn = _post(tmp_path / "c.md", POST.replace("date: 2020-01-02", "date: Invalid Date"))
    result = _cli("--report", "json", tmp_path)
    assert result.exit_code == EXIT_ERROR
    report = json.loads(result.stdout)
    files = {Path(rec["path"]).name: rec for rec in report["files"]}
    assert files["a.md"]["outcome"] == "changed" and files["a.md"]["error"] is None
    assert {"step": "unsafe", "rule": "script", "what": "x()"} in files["a.md"]["changes"]
    assert files["b.md"] == {"path": str(bad), "outcome": "failed", "changes": [], "problems": [],
                             "error": f"{bad}:2: front matter is a list, not a mapping of keys"}
    assert files["c.md"]["problems"] == [{"line": 3, "message": "date 'Invalid Date' is not a date; kept as it is"}]
    assert report["summary"]["scanned"] == 3 and report["summary"]["failed"] == 1
    assert report["summary"]["steps"]["unsafe/script"] == 2
    assert str(post) in {rec["path"] for rec in report["files"]} and str(warn) in files["c.md"]["path"]


def test_report_file(tmp_path):
    post = _post(tmp_path / "in" / "a.md")
    report_file = tmp_path / "report.json"
    result = _cli("--report", "json", "--report-file", report_file, post)
    assert result.exit_code == EXIT_OK
    assert result.stdout == ""
    report = json.loads(report_file.read_text())
    assert report["files"][0]["path"] == str(post)
    assert report["summary"]["changed"] == 1


def test_report_file_alone_implies_json(tmp_path):
    post = _post(tmp_path / "a.md")
    report_file = tmp_path / "report.json"
    assert _cli("--report-file", report_file, post).exit_code == EXIT_OK
    assert json.loads(report_file.read_text())["summary"]["scanned"] == 1


def test_explain(tmp_path):
    post = _post(tmp_path / "a.md")
    result = _cli("--explain", "--check", post)
    assert result.exit_code == EXIT_WOULD_CHANGE
    lines = result.stdout.splitlines()
    assert lines[0] == f"{post}: would change"  # --check writes nothing: the wording says so
    assert re.match(r"^  frontmatter +date +date: 2020-01-02 -> 2020-01-02 00:00:00$", lines[1])
    assert any(re.match(r"^  unsafe +script +x\(\)$", line) for line in lines)
    assert any(re.match(r"^  headings +level +h1 -> h2$", line) for line in lines)
    steps = [line.split()[0] for line in lines[1:]]
    assert steps == sorted(steps, key=STEP_NAMES.index), "in the order the steps run"


def test_explain_a_failure_and_a_problem(tmp_path):
    bad = _post(tmp_path / "a.md", "---\n- x\n---\n<p>b</p>\n")
    warn = _post(tmp_path / "b.md", CLEAN.replace("title: Hello\n", "title: ''\n"))
    result = _cli("--explain", tmp_path)
    assert f"{bad}: failed\n  error: {bad}:2: front matter is a list" in result.stdout
    assert f"{warn}: unchanged\n  problem     line 2: title is blank; kept as it is" in result.stdout


def test_quiet_prints_nothing_on_success(tmp_path):
    for name in ("a.md", "b.md"):
        _post(tmp_path / name)
    _post(tmp_path / "c.md", POST.replace("date: 2020-01-02", "date: Invalid Date"))
    result = _cli("--quiet", tmp_path)
    assert result.exit_code == EXIT_OK
    assert result.stdout == "" and result.stderr == ""


def test_quiet_still_prints_errors(tmp_path):
    _post(tmp_path / "a.md")
    bad = _post(tmp_path / "b.md", "---\n- x\n---\n<p>b</p>\n")
    result = _cli("-q", tmp_path)
    assert result.exit_code == EXIT_ERROR
    assert result.stderr == f"{bad}:2: front matter is a list, not a mapping of keys\n"


def test_summary_line(tmp_path):
    _post(tmp_path / "a.md")
    _post(tmp_path / "b.md", POST.replace("<script>x()</script>", ""))
    _post(tmp_path / "c.md", CLEAN)
    _post(tmp_path / "d.md", "---\n- x\n---\n<p>b</p>\n")
    _post(tmp_path / "e.md", CLEAN.replace("title: Hello\n", "title: ''\n"))
    result = _cli(tmp_path)
    assert result.exit_code == EXIT_ERROR
    assert _summary(result.stderr) == (5, 2, 2, 1, 1)
    lines = result.stderr.splitlines()
    summary_at = next(i for i, line in enumerate(lines) if SUMMARY_RE.match(line))
    counts = lines[summary_at + 1]
    assert counts.startswith("  ")
    assert "unsafe elements removed 1" in counts
    assert "headings fixed 2" in counts
    assert "dates normalized 2" in counts


def test_summary_in_check_mode_says_would_change(tmp_path):
    _post(tmp_path / "a.md")
    _post(tmp_path / "b.md", CLEAN)
    result = _cli("--check", tmp_path)
    assert result.exit_code == EXIT_WOULD_CHANGE
    assert "2 files scanned: 1 would change, 1 unchanged, 0 failed, 0 problems, in " in result.stderr


def test_version():
    result = _cli("--version")
    assert result.exit_code == EXIT_OK
    assert "version" in result.stdout
