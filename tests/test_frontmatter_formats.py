"""Front matter in every form Hexo, Hugo and Jekyll read (cleaner.frontmatter_syntax): split, load, and
written back byte for byte unless a step changed a value, which is then edited in place."""
from __future__ import annotations

import datetime as dt
import string

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import clean
from cleaner import frontmatter_syntax as frontmatter
from cleaner.errors import CleanerError

# text -> (format, opening, front, closing, body, first_line)
SPLITS = {
    "---\ntitle: x\n---\nbody\n": ("yaml", "---\n", "title: x\n", "---\n", "body\n", 2),
    "\n---  \ntitle: x\n...\nbody\n": ("yaml", "---  \n", "title: x\n", "...\n", "body\n", 3),
    "+++\ntitle = 'x'\n+++\nbody\n": ("toml", "+++\n", "title = 'x'\n", "+++\n", "body\n", 2),
    '{\n  "title": "x"\n}  \nbody\n': ("json", "", '{\n  "title": "x"\n}', "  \n", "body\n", 1),
    '{"title": "{x}"}': ("json", "", '{"title": "{x}"}', "\n", "", 1),
    ';;;\n"title": "x"\n;;;\nbody\n': ("json-hexo", ";;;\n", '"title": "x"\n', ";;;\n", "body\n", 2),
    "title: x\ndate: 2020-01-01\n-----\nbody\n": ("yaml-noopen", "", "title: x\ndate: 2020-01-01\n", "-----\n",
                                                  "body\n", 1),
}


@pytest.mark.parametrize("text", SPLITS, ids=[v[0] for v in SPLITS.values()])
def test_split(text):
    parts = frontmatter.split(text)
    assert (parts.format, parts.opening, parts.front, parts.closing, parts.body, parts.first_line) == SPLITS[text]
    front = parts.load()
    assert front.format == parts.format
    assert front.data["title"] in ("x", "{x}")
    assert front.line_of("title") == parts.first_line + (parts.format == "json" and "\n" in parts.front)
    assert front.render() == parts.opening + parts.front + parts.closing, "unchanged: byte for byte"


@pytest.mark.parametrize("text", [
    "Just a paragraph.\n\n---\n\nmore\n",
    "Note: read this.\nIt goes on.\n\n---\n",  # not a mapping
    "a: *b\n---\n",  # an alias: Markdown emphasis, not YAML
    "title: [x\n---\n",  # does not load
    "- item\n---\n",
    "# Title: x\n---\n",
    "title: x\n\nno dashes line\n",
    "{% raw %}x{% endraw %}\n",
    "{{< youtube abc >}}\n",
    '{"a": 1} does not end its line\n',
])
def test_not_front_matter(text):
    parts = frontmatter.split(text)
    assert parts.front is None and parts.body == text


def _front(text: str):
    return frontmatter.split(text).load()


# ---------------------------------------------------------------- YAML

YAML = "---\n# c\ntitle: 'x'  # t\ndate: 2020/1/2\nlist: [a, 'b,c']\ntags:\n    - a   # first\n    - b\nauthor:\n---\n"


def test_yaml_a_set_value_is_edited_in_place():
    front = _front(YAML)
    front.set("date", "2020-01-02 00:00:00")
    assert front.render() == YAML.replace("date: 2020/1/2", "date: '2020-01-02 00:00:00'")


def test_yaml_a_timestamp_is_written_plain_and_a_number_looking_title_quoted():
    front = _front("---\ndate: 2020-01-02T03:04:05Z # z\ntitle: 2020\n---\n")
    front.set("date", frontmatter.Timestamp("2020-01-02 03:04:05+00:00"))
    front.set("title", "2020")
    assert front.render() == "---\ndate: 2020-01-02 03:04:05+00:00 # z\ntitle: '2020'\n---\n"


def test_yaml_list_items_are_edited_in_place():
    front = _front(YAML)
    front.set_item("list", 0, "x,y")  # a flow list: quoted where a plain scalar would split it
    front.set_item("tags", 1, "c: d")
    assert front.render() == YAML.replace("[a, 'b,c']", "['x,y', 'b,c']").replace("    - b\n", "    - 'c: d'\n")


@pytest.mark.parametrize("change", [
    lambda f: f.set("tags", ["a"]),  # a list of another length
    lambda f: f.set("author", "someone"),  # an empty value: no span to replace
    lambda f: f.set("title", "two\nlines"),
    lambda f: f.data.update(new="key"),  # a key added
])
def test_yaml_a_change_that_cannot_be_made_in_place_writes_the_whole_front_matter(change):
    front = _front(YAML)
    change(front)
    assert front.render() == "---\n" + frontmatter.dump(front.data) + "---\n"


def test_a_value_changed_without_set_is_still_written():
    front = _front(YAML)
    front.data["date"] = "2020-01-02 00:00:00"
    assert "date: '2020-01-02 00:00:00'\n" in front.render()


def test_yaml_noopen_stays_without_its_opening_fence():
    front = _front("title: x\ndate: 2020/1/2  # d\n---\n\nbody\n")
    front.set("date", "2020-01-02 00:00:00")
    assert front.render() == "title: x\ndate: '2020-01-02 00:00:00'  # d\n---\n"
    front.data["new"] = 1
    assert front.render() == "title: x\ndate: '2020-01-02 00:00:00'\nnew: 1\n---\n"


SCALAR = (st.text(alphabet=string.printable + "中文：，#'\"", max_size=12) | st.integers() | st.booleans()
          | st.sampled_from(["2021-10-28 14:08:07", "yes", "null", "~", "- x", "a: b", "#c", "[x]", "{y}", "@z", ""]))
FLAT = st.dictionaries(st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=5),
                       SCALAR | st.lists(SCALAR, min_size=1, max_size=3), min_size=1, max_size=5)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(FLAT, st.sampled_from([False, True, None]), st.sampled_from([2, 4]), st.data())
def test_yaml_an_edit_in_place_reads_back_as_the_new_value(data, flow, indent, draw):
    source = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=flow, indent=indent)
    front = frontmatter.load(source, 2)
    key = draw.draw(st.sampled_from(sorted(data)))
    value = draw.draw(SCALAR)
    if isinstance(data[key], list):
        index = draw.draw(st.integers(0, len(data[key]) - 1))
        front.set_item(key, index, value)
    else:
        front.set(key, value)
    rendered = front.render()
    reloaded = frontmatter.split(rendered).load()
    expected = yaml.safe_load(frontmatter.dump(front.data))
    assert yaml.safe_load(reloaded.source) == expected
    before, after = source.splitlines(), reloaded.source.splitlines()
    if reloaded.source != frontmatter.dump(front.data) and len(before) == len(after):  # edited in place
        assert sum(a != b for a, b in zip(before, after)) <= 1, "one line changed at most"


# ---------------------------------------------------------------- TOML

TOML = """# Hugo
title = 'Hello'  # the title
date = 2022-01-05T08:30:00+08:00
cover = "https://cors.example/?https://img.example/c.png"
images = [
  "a.png", # first
  'b.png',
]

[params]
  x = 1
"""


def test_toml_is_kept_with_its_comments_and_a_native_datetime():
    front = frontmatter.load(TOML, 2, format="toml")
    assert front.data["date"] == dt.datetime(2022, 1, 5, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert front.render() == "+++\n" + TOML + "+++\n"
    assert front.line_of("title") == 3 and front.line_of("params") == 11 and front.line_of("x") is None


def test_toml_is_edited_with_tomlkit():
    front = frontmatter.load(TOML, 2, format="toml")
    front.set("title", "Hi")
    front.set("cover", "https://img.example/c.png")
    front.set_item("images", 1, "c.png")
    assert front.render() == "+++\n" + (TOML.replace("'Hello'", "'Hi'")  # a literal string stays literal
                                        .replace("https://cors.example/?", "").replace("'b.png'", "'c.png'")) + "+++\n"


def test_toml_crlf_is_kept_through_clean():
    text = '+++\r\ntitle = "x" # c\r\ndate = 2022-01-05T08:30:00Z\r\n+++\r\n\r\nbody\r\n'
    assert clean(text).text == text


# ---------------------------------------------------------------- JSON

JSON = '{\n    "title": "x",\n    "date": "2022/03/14 20:05",\n    "tags": ["a", "b"],\n    "n": {"k": [1]}\n}'


def test_json_is_edited_in_place():
    front = frontmatter.load(JSON, 1, format="json")
    front.set("date", "2022-03-14 20:05:00")
    front.set_item("tags", 1, "中文")
    assert front.render() == JSON.replace("2022/03/14 20:05", "2022-03-14 20:05:00").replace('"b"', '"中文"') + "\n"


def test_json_with_a_key_added_keeps_its_indentation_and_key_order():
    front = frontmatter.load(JSON, 1, format="json")
    front.data["z"] = True
    assert front.render() == (JSON[:-2] + ',\n    "z": true\n}\n').replace('["a", "b"]', '[\n        "a",\n        "b"\n    ]').replace(
        '{"k": [1]}', '{\n        "k": [\n            1\n        ]\n    }')


def test_hexo_json_is_edited_in_place():
    front = _front(';;;\n"title": "x",\n"date": "2022/03/14 20:05"\n;;;\nbody\n')
    front.set("date", "2022-03-14 20:05:00")
    assert front.render() == ';;;\n"title": "x",\n"date": "2022-03-14 20:05:00"\n;;;\n'


@pytest.mark.parametrize("text, message, line", [
    ('{"a": 1,\n"a": 2}\n', "duplicate front matter key 'a' (first at line 1)", 2),
    ('{"a": {"b": 1, "b": 2}}\n', "duplicate front matter key 'b' (first at line 1)", 1),
    ('+++\na = 1\n[t]\nb = 1\n[t]\n+++\n', "front matter is not valid TOML: Cannot declare ('t',) twice", 5),
    ("x: 1\n---\n---\ntitle: a\ntitle: b\n---\n", None, None),  # body: the noopen block loads, no error
])
def test_load_errors_name_the_file_line(text, message, line):
    if message is None:
        assert frontmatter.split(text).load().data == {"x": 1}
        return
    with pytest.raises(CleanerError) as info:
        frontmatter.split(text).load()
    assert (info.value.message, info.value.line) == (message, line)
