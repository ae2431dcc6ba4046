"""Bad input: one clear line on stderr naming the file (and line when known), exit 2 for the
run, the source untouched, the rest of the batch still processed. Never a traceback."""
from __future__ import annotations

import os
import re
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import clean
from cleaner.runner import files, session
from cleaner import frontmatter_syntax as frontmatter
from cleaner.command.cli import main
from cleaner.errors import CleanerError
from cleaner.runner.files import TEMP_SUFFIX
from cleaner.frontmatter_syntax import MAX_NESTING, load
from cleaner.command.report import EXIT_ERROR, EXIT_OK

GOOD = "---\ntitle: Good\n---\n<h1>Good</h1>\n<p>A <b>good</b> post.</p>\n"
CHINESE = "---\ntitle: 你好\n---\n<p>这是一个中文的博客文章内容。</p>\n"
ALIAS_BOMB = "\n".join(
    [f'a0: &a0 [{", ".join(["lol"] * 9)}]']
    + [f'a{i}: &a{i} [{", ".join([f"*a{i - 1}"] * 9)}]' for i in range(1, 10)]
)
# A bomb this size expands to 9**10 strings; refusing it must take well under a second and
# almost no memory.
BOMB_MAX_SECONDS = 1.0
BOMB_MAX_BYTES = 5_000_000
MB = 1024 * 1024
BIG_BODY_MB = 20  # the README's promise ("Accepted as they are: ... a 20 MB body")
DEEP_DIVS = 100_000
OLD_TIME_S = 1_000_000_000

# name -> (file bytes, the message after "path[:line]: ", the line or None)
BAD = {
    "gbk": (CHINESE.encode("gb18030"),
            "not UTF-8: invalid byte 0xc4 (it reads as GBK/GB18030 Chinese text: pass --encoding gb18030)", 2),
    "binary": (bytes(range(256)) * 8, "binary content, not a text article", None),
    "binary-no-nul": (bytes(range(1, 32)) * 64 + b"\xff\xfe", "binary content, not a text article", None),
    "utf16": ("---\ntitle: t\n---\n<p>x</p>\n".encode("utf-16"),
              "UTF-16 text: pass --encoding utf-16 to read it", None),
    "empty": (b"", "empty file: nothing to clean", None),
    "blank": (b"\n  \n\t\n", "empty file: nothing to clean", None),
    "unclosed": (b"---\ntitle: x\n<p>body</p>\n", "front matter opened here is never closed with '---'", 1),
    "yaml-error": (b"---\ntitle: [unclosed\ndate: x\n---\n<p>b</p>\n",
                   "front matter is not valid YAML: expected ',' or ']', but got ':'", 3),
    "yaml-tab": (b"---\ntitle: x\n\tdate: y\n---\n<p>b</p>\n",
                 "front matter is not valid YAML: found character '\\t' that cannot start any token", 3),
    "list": (b"---\n- a\n- b\n---\n<p>b</p>\n", "front matter is a list, not a mapping of keys", 2),
    "scalar": (b"---\njust a string\n---\n<p>b</p>\n", "front matter is a scalar, not a mapping of keys", 2),
    "duplicate-key": (b"---\ntitle: a\ndate: 2020-01-01\ntitle: b\n---\n<p>b</p>\n",
                      "duplicate front matter key 'title' (first at line 2)", 4),
    "alias-bomb": (f"---\n{ALIAS_BOMB}\n---\n<p>b</p>\n".encode(),
                   "front matter uses a YAML alias (*name); aliases are refused", 3),
    "python-tag": (b"---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\n<p>b</p>\n",
                   "front matter uses the tag !!python/object/apply:os.system; custom tags are refused", 2),
    "local-tag": (b"---\ntitle: x\ncover: !secret abc\n---\n<p>b</p>\n",
                  "front matter uses the tag !secret; custom tags are refused", 3),
    "deep-yaml": (("---\ntitle: " + "[" * 100_000 + "\n---\n<p>b</p>\n").encode(),
                  f"front matter is nested more than {MAX_NESTING} levels deep", 2),
    "deep-block-yaml": (("---\ntitle: x\nk:\n" + "- " * 100_000 + "x\n---\n<p>b</p>\n").encode(),
                        f"front matter is nested more than {MAX_NESTING} levels deep", 4),
    "nul": (b"---\ntitle: x\n---\n<p>b\x00c</p>\n", "contains a NUL byte: not a text article", 4),
    # TOML (Hugo, between +++ lines)
    "toml-unclosed": (b'+++\ntitle = "x"\n<p>body</p>\n', "front matter opened here is never closed with '+++'", 1),
    "toml-error": (b'+++\ntitle = "x"\ndate = \n+++\n<p>b</p>\n', "front matter is not valid TOML: Invalid value", 3),
    "toml-duplicate-key": (b'+++\ntitle = "a"\ndate = 2020-01-01\ntitle = "b"\n+++\n<p>b</p>\n',
                           "duplicate front matter key 'title' (first at line 2)", 4),
    "toml-deep": (('+++\ntitle = "x"\nk = ' + "[" * 100_000 + "\n+++\n<p>b</p>\n").encode(),
                  f"front matter is nested more than {MAX_NESTING} levels deep", 3),
    "toml-deep-keys": (('+++\ntitle = "x"\nk' + ".a" * 100 + " = 1\n+++\n<p>b</p>\n").encode(),
                       f"front matter is nested more than {MAX_NESTING} levels deep", 3),
    # JSON (Hugo: an object opening the file; Hexo: between ;;; lines, without its braces)
    "json-unclosed": (b'{"title": "x",\n<p>body</p>\n', "front matter opened here is never closed with '}'", 1),
    "json-error": (b'{\n  "title": "x",\n  "date": \n}\n<p>b</p>\n', "front matter is not valid JSON: Expecting value", 4),
    "json-duplicate-key": (b'{"title": "a",\n "title": "b"}\n<p>b</p>\n',
                           "duplicate front matter key 'title' (first at line 1)", 2),
    "json-deep": (('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}\n<p>b</p>\n").encode(),
                  f"front matter is nested more than {MAX_NESTING} levels deep", 1),
    "json-hexo-error": (b';;;\n"title": "x",,\n;;;\n<p>b</p>\n',
                        "front matter is not valid JSON: Expecting property name enclosed in double quotes", 2),
    "json-hexo-unclosed": (b';;;\n"title": "x"\n<p>b</p>\n', "front matter opened here is never closed with ';;;'", 1),
}


def _cli(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)


def _file_lines(stderr: str, path: Path) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(str(path))]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    os.utime(path, (OLD_TIME_S, OLD_TIME_S))
    return path


def _untouched(path: Path, data: bytes) -> bool:
    return path.read_bytes() == data and path.stat().st_mtime == OLD_TIME_S


def _no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith(TEMP_SUFFIX)]


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_in_a_batch(tmp_path, name, jobs):
    data, message, line = BAD[name]
    bad = _write(tmp_path / f"{name}.md", data)
    good = _write(tmp_path / "good.md", GOOD.encode())
    result = _cli(tmp_path, "--jobs", jobs)
    assert result.exit_code == EXIT_ERROR
    assert "Traceback" not in result.stderr + result.stdout
    [said] = _file_lines(result.stderr, bad)
    where = f"{bad}:{line}" if line else f"{bad}"
    assert said.startswith(f"{where}: {message}"), said
    if line is None:
        assert re.match(rf"{re.escape(str(bad))}(:\d+)?: ", said)
    assert _untouched(bad, data)
    assert good.read_text() == clean(GOOD).text, "the rest of the batch is processed"
    assert "2 files scanned: 1 changed, 0 unchanged, 1 failed" in result.stderr
    assert _no_temp_files(tmp_path)


def test_gbk_then_encoding_gb18030_works(tmp_path):
    post = _write(tmp_path / "a.md", CHINESE.encode("gb18030"))
    assert _cli(post).exit_code == EXIT_ERROR
    result = _cli(post, "--encoding", "gb18030")
    assert result.exit_code == EXIT_OK, result.stderr
    assert result.stderr == ""
    text = post.read_bytes().decode("gb18030")
    assert "这是一个中文的博客文章内容。" in text and "title: 你好" in text
    assert _cli(post, "--encoding", "gb18030", "--check").exit_code == EXIT_OK


def test_unknown_encoding_is_one_line(tmp_path):
    post = _write(tmp_path / "a.md", GOOD.encode())
    result = _cli(post, "--encoding", "klingon")
    assert result.exit_code == EXIT_ERROR
    assert result.stderr == "cleaner: unknown encoding 'klingon' (--encoding takes a name like utf-8 or gb18030)\n"
    assert _untouched(post, GOOD.encode())


def test_wrong_encoding_names_the_line(tmp_path):
    post = _write(tmp_path / "a.md", "---\ntitle: x\n---\n<p>é</p>\n".encode())
    result = _cli(post, "--encoding", "ascii")
    assert result.exit_code == EXIT_ERROR
    assert result.stderr.startswith(f"{post}:4: not valid ascii: ordinal not in range(128) at byte")


def test_output_the_encoding_cannot_hold(tmp_path):
    data = "---\ntitle: café\n---\nUse {{ page.title }} here.\n".encode("latin-1")
    post = _write(tmp_path / "a.md", data)
    result = _cli(post, "--encoding", "latin-1")
    if result.exit_code == EXIT_OK:  # the pipeline wrote nothing outside latin-1
        assert post.read_bytes().decode("latin-1")
        return
    assert result.exit_code == EXIT_ERROR
    assert re.match(rf"^{re.escape(str(post))}: cannot write: the cleaned text has '.+' \(its line \d+\), "
                    r"which latin-1 cannot hold; choose another --encoding$", result.stderr.strip())
    assert _untouched(post, data)


def test_utf8_bom_is_accepted(tmp_path):
    post = _write(tmp_path / "a.md", ("\ufeff" + GOOD).encode())
    result = _cli(post)
    assert result.exit_code == EXIT_OK, result.stderr
    assert post.read_text() == clean(GOOD).text
    assert "title: Good" in post.read_text()


def test_front_matter_only_is_accepted_with_a_problem(tmp_path):
    """Decision: a file that is only front matter is cleaned (its front matter canonical) and
    reported as a problem, as its body was probably lost in scraping; --strict refuses it."""
    data = b"---\ntitle: Only\ndate: 2020-01-02\n---\n"
    post = _write(tmp_path / "a.md", data)
    result = _cli(post, "--strict")
    assert result.exit_code == EXIT_ERROR
    assert result.stderr == f"{post}:4: front matter only: the article has no body (--strict)\n"
    assert _untouched(post, data)
    result = _cli(post)
    assert result.exit_code == EXIT_OK
    assert result.stderr == f"{post}:4: front matter only: the article has no body\n"
    assert post.read_text() == "---\ntitle: Only\ndate: 2020-01-02 00:00:00\n---\n"


@pytest.mark.parametrize("data, line", [
    (b'+++\ntitle = "Only"\n+++\n', 3),
    (b'{\n  "title": "Only"\n}\n', 3),
    (b';;;\n"title": "Only"\n;;;\n', 3),
    (b"title: Only\n---\n", 2),
], ids=["toml", "json", "json-hexo", "yaml-noopen"])
def test_front_matter_only_in_other_formats(tmp_path, data, line):
    post = _write(tmp_path / "a.md", data)
    result = _cli(post)
    assert result.exit_code == EXIT_OK
    assert result.stderr == f"{post}:{line}: front matter only: the article has no body\n"
    assert _untouched(post, data), "written back byte for byte"


def test_a_thematic_break_is_not_front_matter_without_its_opening_fence(tmp_path):
    """Hexo reads `key: value` lines ended by `---` as front matter; a first paragraph that does
    not load as a YAML mapping, followed by a thematic break, stays body."""
    data = b"Intro: a first paragraph,\nover two lines.\n\n---\n\nfoo: bar\n"
    post = _write(tmp_path / "a.md", data)
    result = _cli(post)
    assert result.exit_code == EXIT_OK
    out = post.read_text()
    assert out.startswith("Intro: a first paragraph,\nover two lines.\n\n___")
    assert "foo: bar" in out


def test_a_template_tag_opening_the_body_is_not_json_front_matter():
    for text in ("{% raw %}x{% endraw %}\n", "{{< youtube abc >}}\n", '{"a": 1} is JSON\n'):
        assert frontmatter.split(text).front is None


def test_dashes_inside_the_body_are_body(tmp_path):
    data = b"---\ntitle: x\n---\n<p>one</p>\n---\n<p>two</p>\n---\nfoo: bar\n---\n"
    post = _write(tmp_path / "a.md", data)
    result = _cli(post)
    assert result.exit_code == EXIT_OK, result.stderr
    out = post.read_text()
    assert out.startswith("---\ntitle: x\n---\n")
    assert "foo" not in out.split("---\n")[1]
    for word in ("one", "two", "foo: bar"):
        assert word in out
    assert clean(out).text == out


def test_alias_bomb_is_refused_fast_in_bounded_memory():
    source = ALIAS_BOMB + "\n"
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(CleanerError, match="alias"):
        load(source, 2)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert seconds < BOMB_MAX_SECONDS
    assert peak < BOMB_MAX_BYTES


def test_a_big_body_completes(tmp_path):
    """The README's 20 MB body, as an article: sections of paragraphs of a few sentences, each with
    a link and bold words (about 40,000 paragraphs). Its speed is the benchmarks' business."""
    sentences = "The quick brown fox jumps over the lazy dog while 中文内容 flows along the river bank. " * 5
    paragraph = f"<p>{sentences}<a href='https://example.com/x'>a link</a> and <b>bold</b> words.</p>\n"
    count = BIG_BODY_MB * MB // len(paragraph.encode()) + 1
    sections = "".join(f"<h3>Section {i}</h3>\n" + paragraph * 50 for i in range(count // 50 + 1))
    post = tmp_path / "big.md"
    post.write_text("---\ntitle: Big\n---\n" + sections)
    assert post.stat().st_size >= BIG_BODY_MB * MB
    result = _cli(post)
    assert result.exit_code == EXIT_OK, result.stderr
    out = post.read_text()
    assert out.count("## Section") == count // 50 + 1
    assert out.count("[a link](https://example.com/x) and **bold** words.") == (count // 50 + 1) * 50
    assert "<" not in out.replace("\\<", "")


def test_100000_nested_divs_no_recursion_error(tmp_path):
    data = ("---\ntitle: Deep\n---\n" + "<div>" * DEEP_DIVS + "deep text here" + "</div>" * DEEP_DIVS).encode()
    post = _write(tmp_path / "deep.md", data)
    result = _cli(post)
    assert "Traceback" not in result.stderr + result.stdout
    assert "RecursionError" not in result.stderr
    assert result.exit_code in (EXIT_OK, EXIT_ERROR)
    if result.exit_code == EXIT_ERROR:
        assert len(_file_lines(result.stderr, post)) == 1
        assert _untouched(post, data)


@pytest.mark.parametrize("depth", [3000, DEEP_DIVS])
def test_deeply_nested_text_is_kept_or_refused(depth):
    text = "---\ntitle: Deep\n---\n" + "<div>" * depth + "deep text here" + "</div>" * depth
    try:
        out = clean(text).text
    except CleanerError:
        return
    assert "deep text here" in out


def test_deep_inline_nesting_is_refused_not_a_traceback(tmp_path):
    data = ("---\ntitle: Deep\n---\n" + "<b>" * 1500 + "deep text here" + "</b>" * 1500).encode()
    post = _write(tmp_path / "deep.md", data)
    result = _cli(post)
    assert "Traceback" not in result.stderr
    assert result.exit_code in (EXIT_OK, EXIT_ERROR)
    if result.exit_code == EXIT_ERROR:
        assert _file_lines(result.stderr, post) == [f"{post}: markup nested too deeply to clean"]
        assert _untouched(post, data)


# ---------------------------------------------------------------- the file system

def test_a_file_deleted_mid_batch(tmp_path, monkeypatch):
    first = _write(tmp_path / "a.md", GOOD.encode())
    gone = _write(tmp_path / "b.md", GOOD.encode())
    real_discover = session.discover

    def discover_then_delete(paths, output, *args, **kwargs):
        found = real_discover(paths, output, *args, **kwargs)
        gone.unlink()
        return found

    monkeypatch.setattr(session, "discover", discover_then_delete)
    result = _cli(tmp_path, "--jobs", 1)
    assert result.exit_code == EXIT_ERROR
    assert _file_lines(result.stderr, gone) == [f"{gone}: file not found (deleted?)"]
    assert first.read_text() == clean(GOOD).text
    assert not gone.exists()


def _permission_denied(monkeypatch, denied: Path) -> None:
    """As chmod 000 does for a user who is not root (tests may run as root)."""
    real = Path.read_bytes

    def read_bytes(self):
        if self == denied:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def test_a_file_made_unreadable_mid_batch(tmp_path, monkeypatch):
    first = _write(tmp_path / "a.md", GOOD.encode())
    locked = _write(tmp_path / "b.md", GOOD.encode())
    _permission_denied(monkeypatch, locked)
    result = _cli(tmp_path, "--jobs", 1)
    assert result.exit_code == EXIT_ERROR
    assert _file_lines(result.stderr, locked) == [f"{locked}: cannot read: Permission denied"]
    monkeypatch.undo()
    assert first.read_text() == clean(GOOD).text
    assert _untouched(locked, GOOD.encode())


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_made_unreadable_for_real(tmp_path):
    locked = _write(tmp_path / "b.md", GOOD.encode())
    locked.chmod(0)
    result = _cli(tmp_path)
    assert result.exit_code == EXIT_ERROR
    assert _file_lines(result.stderr, locked) == [f"{locked}: cannot read: Permission denied"]


def test_a_read_only_output_folder(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    post = _write(src / "a.md", GOOD.encode())
    out = tmp_path / "out"
    out.mkdir()
    real_mkstemp = files.tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        if Path(dir) == out:
            raise PermissionError(13, "Permission denied", str(dir))
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(files.tempfile, "mkstemp", mkstemp)
    result = _cli(src, "-o", out)
    assert result.exit_code == EXIT_ERROR
    assert result.stderr.splitlines()[0] == f"{out / 'a.md'}: cannot write: Permission denied"
    assert _untouched(post, GOOD.encode())
    assert list(out.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes whatever the folder's mode")
def test_a_read_only_output_folder_for_real(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    _write(src / "a.md", GOOD.encode())
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    result = _cli(src, "-o", out)
    assert result.exit_code == EXIT_ERROR
    assert f"{out / 'a.md'}: cannot write: Permission denied" in result.stderr


def test_a_symlink_loop(tmp_path):
    good = _write(tmp_path / "good.md", GOOD.encode())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    loop = tmp_path / "self.md"
    loop.symlink_to(loop)
    result = _cli(tmp_path)
    assert result.exit_code == EXIT_ERROR
    assert _file_lines(result.stderr, loop) == [f"{loop}: cannot read: symbolic link loop"]
    assert "2 files scanned: 1 changed, 0 unchanged, 1 failed" in result.stderr
    assert good.read_text() == clean(GOOD).text
    result = _cli(loop)
    assert result.exit_code == EXIT_ERROR
    assert result.stderr == f"{loop}: symbolic link loop\n"


def test_an_output_folder_inside_the_input_folder(tmp_path):
    posts = tmp_path / "posts"
    (posts / "sub").mkdir(parents=True)
    _write(posts / "a.md", GOOD.encode())
    _write(posts / "sub" / "b.md", GOOD.encode())
    out = posts / "clean"
    for _ in range(2):  # the second run must not clean its own output
        result = _cli(posts, "-o", out)
        assert result.exit_code == EXIT_OK, result.stderr
        assert "2 files scanned" in result.stderr
    assert sorted(p.relative_to(out) for p in out.rglob("*.md")) == [Path("a.md"), Path("sub/b.md")]
    assert _untouched(posts / "a.md", GOOD.encode())


def test_the_output_folder_is_the_input_folder(tmp_path):
    post = _write(tmp_path / "a.md", GOOD.encode())
    result = _cli(tmp_path, "-o", tmp_path)
    assert result.exit_code == EXIT_ERROR
    assert result.stderr == f"{tmp_path}: the output folder is the input folder; leave out -o to clean in place\n"
    assert _untouched(post, GOOD.encode())


def test_the_same_file_named_twice(tmp_path, monkeypatch):
    post = _write(tmp_path / "a.md", GOOD.encode())
    monkeypatch.chdir(tmp_path)
    result = _cli(post, "a.md", "./a.md", tmp_path)
    assert result.exit_code == EXIT_OK, result.stderr
    assert "1 file scanned: 1 changed" in result.stderr or result.stderr == ""
    assert post.read_text() == clean(GOOD).text


def test_two_files_with_one_output(tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        _write(tmp_path / folder / "a.md", GOOD.encode())
    out = tmp_path / "out"
    result = _cli(tmp_path / "x" / "a.md", tmp_path / "y" / "a.md", "-o", out)
    assert result.exit_code == EXIT_ERROR
    second = tmp_path / "y" / "a.md"
    assert _file_lines(result.stderr, second) == [
        f"{second}: would be written to {out / 'a.md'}, as {tmp_path / 'x' / 'a.md'} is; skipped"]
    assert (out / "a.md").read_text() == clean(GOOD).text


def test_a_missing_path(tmp_path):
    result = _cli(tmp_path / "nope.md")
    assert result.exit_code == EXIT_ERROR
    assert result.stderr == f"{tmp_path / 'nope.md'}: no such file or folder\n"


# ---------------------------------------------------------------- values that do not validate

PROBLEMS = {
    "missing-title": ("---\ndate: 2020-01-02\n---\n<p>Body <b>text</b></p>\n",
                      ["2: front matter has no 'title'"]),
    "blank-title": ("---\ntitle: '  '\n---\n<p>Body <b>text</b></p>\n", ["2: title is blank; kept as it is"]),
    "empty-title": ("---\ntitle:\n---\n<p>Body <b>text</b></p>\n", ["2: title is blank; kept as it is"]),
    "invalid-date": ("---\ntitle: T\ndate: Invalid Date\n---\n<p>Body <b>text</b></p>\n",
                     ["3: date 'Invalid Date' is not a date; kept as it is"]),
}


@pytest.mark.parametrize("name", sorted(PROBLEMS))
def test_a_value_that_does_not_validate(tmp_path, name):
    text, messages = PROBLEMS[name]
    post = _write(tmp_path / "a.md", text.encode())
    result = _cli(post)
    assert result.exit_code == EXIT_OK
    assert result.stderr.splitlines() == [f"{post}:{m}" for m in messages]
    out = post.read_text()
    assert "Body **text**" in out, "the body is still cleaned"
    front = text.split("---\n")[1]
    assert out.startswith(f"---\n{front}---\n") or "date: 2020-01-02 00:00:00" in out, "value kept verbatim"
    if "Invalid Date" in text:
        assert "date: Invalid Date\n" in out


@pytest.mark.parametrize("name", sorted(PROBLEMS))
def test_a_value_that_does_not_validate_under_strict(tmp_path, name):
    text, messages = PROBLEMS[name]
    post = _write(tmp_path / "a.md", text.encode())
    result = _cli(post, "--strict")
    assert result.exit_code == EXIT_ERROR
    assert result.stderr.splitlines() == [f"{post}:{messages[0]} (--strict)"]
    assert _untouched(post, text.encode())
