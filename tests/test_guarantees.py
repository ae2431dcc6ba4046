"""What the CLI promises about files: atomic, minimal writes; clean interrupts; no network;
no raw HTML or script links in any output."""
from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from cleaner import clean
from cleaner.runner import batch as runner
from cleaner.runner import files
from cleaner.command.cli import main
from cleaner.errors import Interrupted
from cleaner.runner.files import TEMP_SUFFIX, Target, remove_temp_files, write_atomic
from cleaner.command.report import EXIT_ERROR, EXIT_OK, EXIT_SIGINT, EXIT_SIGTERM, Status
from cleaner.command.options import Options

POST = "---\ntitle: Hello\ndate: 2021-01-02\n---\n<h1>Hello</h1>\n<p>Some <b>bold</b> text in a paragraph.</p>\n"
INTERRUPT_FILES = 300
# How long the subprocess may take to start and to clean a first file before the signal.
START_TIMEOUT_S = 60
EXIT_TIMEOUT_S = 60
POLL_S = 0.02
OLD_TIME_S = 1_000_000_000  # 2001: an mtime no run can produce


def _cli(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)


def _temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(TEMP_SUFFIX)]


# ---------------------------------------------------------------- atomic, minimal writes

def test_write_goes_through_a_temp_file_in_the_same_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_NO_CACHE", "1")  # the cache file is written with os.replace too
    post = tmp_path / "a.md"
    post.write_text(POST)
    replaced = []
    real_replace = os.replace

    def spy(src, dst):
        replaced.append((Path(src), Path(dst)))
        assert Path(src).read_text() == clean(POST).text  # complete before the rename
        return real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", spy)
    assert _cli(post).exit_code == EXIT_OK
    [(src, dst)] = replaced
    assert dst == post and src.parent == post.parent
    assert src.name.startswith(".a.md.") and src.name.endswith(TEMP_SUFFIX)
    assert not _temp_files(tmp_path)


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755])
def test_permission_bits_are_kept(tmp_path, mode):
    post = tmp_path / "a.md"
    post.write_text(POST)
    post.chmod(mode)
    assert _cli(post).exit_code == EXIT_OK
    assert post.read_text() == clean(POST).text
    assert stat.S_IMODE(post.stat().st_mode) == mode


def test_crlf_stays_crlf(tmp_path):
    post = tmp_path / "a.md"
    post.write_bytes(POST.replace("\n", "\r\n").encode())
    assert _cli(post).exit_code == EXIT_OK
    data = post.read_bytes()
    assert b"\r\n" in data
    assert data.count(b"\n") == data.count(b"\r\n"), "every line ends in CRLF"
    assert data.replace(b"\r\n", b"\n").decode() == clean(POST).text


def test_crlf_in_api_clean():
    out = clean(POST.replace("\n", "\r\n")).text
    assert out.count("\n") == out.count("\r\n")
    assert clean(out).text == out


def test_an_unchanged_file_is_not_touched(tmp_path):
    post = tmp_path / "a.md"
    post.write_text(clean(POST).text)
    os.utime(post, (OLD_TIME_S, OLD_TIME_S))
    inode = post.stat().st_ino
    result = _cli(post)
    assert result.exit_code == EXIT_OK
    assert post.stat().st_mtime == OLD_TIME_S
    assert post.stat().st_ino == inode


def test_a_symlinked_file_is_written_through_the_link(tmp_path):
    real = tmp_path / "real.md"
    real.write_text(POST)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert _cli(link).exit_code == EXIT_OK
    assert link.is_symlink()
    assert real.read_text() == clean(POST).text


def test_write_atomic_leaves_no_temp_file_when_interrupted_mid_write(tmp_path, monkeypatch):
    post = tmp_path / "a.md"
    post.write_text("old")

    def interrupted(*_args):
        raise Interrupted(signal.SIGTERM)

    monkeypatch.setattr(files.os, "chmod", interrupted)  # after the data is written, before the rename
    with pytest.raises(Interrupted):
        write_atomic(post, "new", None, run_id="r1")
    assert post.read_text() == "old"
    assert not _temp_files(tmp_path)


def test_remove_temp_files_removes_only_this_runs(tmp_path):
    post = tmp_path / "a.md"
    ours = tmp_path / f".a.md.run1.x7{TEMP_SUFFIX}"
    theirs = tmp_path / f".a.md.run2.x7{TEMP_SUFFIX}"
    other = tmp_path / f".b.md.run1.x7{TEMP_SUFFIX}"
    for p in (post, ours, theirs, other):
        p.write_text("x")
    assert remove_temp_files(post, "run1") == [ours]
    assert not ours.exists() and theirs.exists() and other.exists() and post.exists()


# ---------------------------------------------------------------- a worker that dies mid-write

def _die_mid_write(target, _config, settings):
    """Stands in for runner.process in a worker: a temp file is made, then the worker is killed."""
    if target.src.name == "b.md":
        prefix = files.temp_prefix(target.out, settings.run_id)
        (target.out.parent / f"{prefix}dead{TEMP_SUFFIX}").write_text("partial")
        os.kill(os.getpid(), signal.SIGKILL)
    return runner.Outcome(str(target.src), Status.UNCHANGED)


@pytest.mark.parametrize("count", [2, 40])
def test_a_worker_killed_mid_write_fails_its_file_only(tmp_path, monkeypatch, count):
    names = ["b.md"] + [f"p{i:02d}.md" for i in range(count - 1)]
    targets = []
    for name in names:
        (tmp_path / name).write_text(POST)
        targets.append(Target(tmp_path / name))
    monkeypatch.setattr(runner, "process", _die_mid_write)
    outcomes = []
    runner.run(targets, lambda t: None, Options(run_id="r9"), 2, outcomes.append)
    by_name = {Path(o.path).name: o for o in outcomes}
    assert sorted(by_name) == sorted(names), "every file has exactly one outcome"
    assert len(outcomes) == count
    assert by_name["b.md"].status is Status.FAILED
    assert "the worker process cleaning it died" in by_name["b.md"].error
    assert all(o.status is Status.UNCHANGED for name, o in by_name.items() if name != "b.md")
    assert not _temp_files(tmp_path)


# ---------------------------------------------------------------- internal errors and KeyboardInterrupt

def _buggy_step(article):
    if "BOOM" in article.title:
        raise ValueError("a bug in a step")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_bug_in_a_step_fails_that_file_only(tmp_path, monkeypatch, jobs):
    from cleaner.steps import headings

    monkeypatch.setattr(headings, "run", _buggy_step)
    bad = tmp_path / "bad.md"
    bad.write_text(POST.replace("Hello", "BOOM"))
    good = tmp_path / "good.md"
    good.write_text(POST)
    before = bad.read_bytes()
    result = _cli(tmp_path, "--jobs", jobs)
    assert result.exit_code == EXIT_ERROR
    assert f"{bad}: internal error (ValueError: a bug in a step)" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert bad.read_bytes() == before
    assert good.read_text() != POST


def test_keyboard_interrupt_in_a_step_is_not_swallowed(tmp_path, monkeypatch):
    from cleaner.steps import headings

    def interrupt(_article):
        raise KeyboardInterrupt

    monkeypatch.setattr(headings, "run", interrupt)
    post = tmp_path / "a.md"
    post.write_text(POST)
    with pytest.raises(KeyboardInterrupt):
        runner.process(Target(post), None, Options())
    result = _cli(post, "--jobs", 1)
    assert result.exit_code == EXIT_SIGINT
    assert "interrupted: 0 of 1 file done" in result.stderr
    assert post.read_text() == POST


# ---------------------------------------------------------------- interrupting a batch

def _make_batch(folder: Path) -> dict[Path, tuple[bytes, bytes]]:
    """INTERRUPT_FILES posts; path -> (old bytes, new bytes)."""
    folder.mkdir()
    expected = {}
    for i in range(INTERRUPT_FILES):
        paras = "".join(f"<p>Paragraph {j} of post {i}, with <b>bold</b> and <i>italic</i> words "
                        f"and a <a href='https://example.com/{i}/{j}'>link</a>.</p>\n" for j in range(12))
        text = f"---\ntitle: Post {i}\ndate: 2021-01-02\n---\n<h1>Post {i}</h1>\n{paras}<script>x()</script>\n"
        path = folder / f"post{i:04d}.md"
        path.write_text(text)
        expected[path] = (text.encode(), clean(text).text.encode())
    return expected


def _count_new(expected) -> int:
    return sum(1 for path, (_old, new) in expected.items() if path.read_bytes() == new)


def _interrupt(tmp_path, *, jobs: int, signum: int, whole_group: bool):
    folder = tmp_path / "posts"
    expected = _make_batch(folder)
    proc = subprocess.Popen([sys.executable, "-m", "cleaner.command.cli", str(folder), "--jobs", str(jobs)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + START_TIMEOUT_S
    while _count_new(expected) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(POLL_S)
    if whole_group:
        os.killpg(proc.pid, signum)  # as a terminal's Ctrl-C, or `kill -TERM -PGID`
    else:
        proc.send_signal(signum)
    _out, err = proc.communicate(timeout=EXIT_TIMEOUT_S)
    return proc.returncode, err, expected, folder


def _assert_old_or_new(expected, folder):
    for path, (old, new) in expected.items():
        assert path.read_bytes() in (old, new), f"{path} is neither old nor new"
    assert not _temp_files(folder)
    assert sorted(folder.iterdir()) == sorted(expected)


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("signum, code, whole_group", [
    (signal.SIGINT, EXIT_SIGINT, True),
    (signal.SIGINT, EXIT_SIGINT, False),
    (signal.SIGTERM, EXIT_SIGTERM, False),
], ids=["sigint-group", "sigint", "sigterm"])
def test_interrupting_a_batch(tmp_path, jobs, signum, code, whole_group):
    rc, err, expected, folder = _interrupt(tmp_path, jobs=jobs, signum=signum, whole_group=whole_group)
    assert rc == code, err
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert last.startswith("interrupted: ") and last.endswith(f" of {INTERRUPT_FILES} files done"), err
    done = int(last.split()[1])
    # every file reported done is written; one finishing at the very instant of the signal
    # may be written but not yet counted
    assert 0 <= _count_new(expected) - done <= jobs
    assert done < INTERRUPT_FILES
    _assert_old_or_new(expected, folder)


def test_sigterm_to_the_whole_group_kills_workers_but_leaves_no_partial_file(tmp_path):
    rc, err, expected, folder = _interrupt(tmp_path, jobs=2, signum=signal.SIGTERM, whole_group=True)
    assert rc == EXIT_SIGTERM, err
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert last.startswith("interrupted: "), err
    assert int(last.split()[1]) <= _count_new(expected)
    _assert_old_or_new(expected, folder)


# ---------------------------------------------------------------- hostile markup, no network

HOSTILE = {
    "script": "<p>Text one here.</p><script>alert(1)</script><SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "handlers": '<p onclick="alert(1)">Text <img src="a.png" onerror="alert(1)"> <b onmouseover=alert(1)>b</b></p>',
    "js-link": '<p><a href="javascript:alert(1)">one</a> <a href=" JaVaScRiPt:alert(1)">two</a> text</p>',
    "vb-link": '<p><a href="vbscript:msgbox(1)">one</a> text here</p>',
    "data-link": '<p><a href="data:text/html;base64,PHNjcmlwdD4=">one</a> text here</p>',
    "entity-link": '<p><a href="&#106;avascript:alert(1)">one</a> text here</p>',
    "iframe": '<iframe src="javascript:alert(1)"></iframe><iframe srcdoc="<script>alert(1)</script>" '
              'src="https://example.com/embed"></iframe><p>Text here.</p>',
    "form": '<form action="javascript:alert(1)"><input value=x><button formaction="javascript:x">b</button>'
            '<p>Text here.</p></form>',
    "object": '<object data="javascript:alert(1)"></object><embed src="x.swf"><p>Text here.</p>',
    "style": '<style>p{background:url(javascript:alert(1))}</style><p style="x:expression(alert(1))">Text.</p>',
    "meta": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><p>Text here.</p>',
    "textarea": "<textarea><script>alert(1)</script></textarea><p>Text here.</p>",
    "comment": "<p>Text here.</p><!-- <script>alert(1)</script> -->",
    "nested": "<p>Text here.</p><scr<script>ipt>alert(1)</script>",
    "img-js": '<p>Text <img src="javascript:alert(1)"> here.</p>',
    "remote": '<p>Text <img src="http://tracker.example/p.gif?x=1"> <a href="https://example.com">ok</a>.</p>',
    "markdown-with-html": "# Title\n\n- one\n- two\n\n**bold** <img src=x onerror=alert(1)> <b onclick=x>b</b>\n",
    # a body whose only tags are uncommon ones is still HTML
    "svg-only": '<svg onload="alert(1)">x</svg> some text here',
    "details-only": '<details open ontoggle="alert(1)">click</details> some text here',
    # browsers drop tabs and newlines inside a URL: this is a javascript: link
    "tab-in-scheme": '<p>Some <a href="jav&#x09;ascript:alert(1)">click me</a> text</p>',
}
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:text/html")
_md = MarkdownIt("commonmark")


def _normalized_url(url: str) -> str:
    from urllib.parse import unquote

    return "".join(ch for ch in unquote(url).lower() if not ch.isspace() and ord(ch) > 0x20)


def unsafe_in(markdown: str) -> list[str]:
    """Raw HTML (so any <script> or event handler) and script links in `markdown`, as a
    CommonMark renderer sees it. `<script>` shown as text (escaped, or in code) is fine."""
    found = []
    tokens = _md.parse(markdown)
    stack = list(tokens)
    while stack:
        token = stack.pop()
        stack.extend(token.children or ())
        if token.type in ("html_block", "html_inline"):
            found.append(f"{token.type}: {token.content.strip()}")
        for attr in ("href", "src"):
            url = _normalized_url(str(token.attrs.get(attr, "")))
            if url.startswith(UNSAFE_SCHEMES):
                found.append(f"{attr}={token.attrs[attr]}")
    return found


def _hostile_folder(folder: Path, cases: dict[str, str]) -> Path:
    folder.mkdir()
    for name, body in cases.items():
        (folder / f"{name}.md").write_text(f"---\ntitle: {name}\n---\n{body}\n")
    return folder


@pytest.fixture
def no_network(monkeypatch):
    """Every way to open a connection fails the test, and is counted."""
    attempts = []

    def refuse(*args, **_kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_hostile_markup_is_neutralised_without_network(tmp_path, no_network):
    folder = _hostile_folder(tmp_path / "hostile", HOSTILE)
    result = _cli(folder, "--jobs", 1, "--report", "json")
    assert no_network == []
    assert "Traceback" not in result.stderr
    assert result.exit_code in (EXIT_OK, EXIT_ERROR), result.stderr
    for path in sorted(folder.glob("*.md")):
        text = path.read_text()
        if text == f"---\ntitle: {path.stem}\n---\n{HOSTILE[path.stem]}\n":
            assert f"{path}" in result.stderr, f"{path.name} unchanged and not refused"
            continue
        assert unsafe_in(text) == [], path.name
