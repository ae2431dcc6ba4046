"""Front matter is written by libyaml's emitter when it is flat (scalars, lists of scalars): it
must write exactly what the pure-Python emitter writes, which the fixtures pin down."""
from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import frontmatter_syntax as frontmatter

TEXT = st.text(alphabet=string.printable + "中文，。「」：‘’“”\u00a0\u200b😡\U00020000", max_size=30)
SCALARS = (TEXT | st.integers(-10, 10**9) | st.booleans() | st.none() | st.floats(allow_nan=False)
           | st.sampled_from(["2021-10-28 14:08:07", "yes", "null", "~", "---", "- x", "a: b", "#c", "'q'", "@x"])
           | TEXT.map(frontmatter.Timestamp).filter(lambda t: frontmatter._STABLE_TIMESTAMP_RE.match(t)))
FLAT = st.dictionaries(st.text(alphabet=string.ascii_letters + "_-中", min_size=1, max_size=8),
                       SCALARS | st.lists(SCALARS.filter(lambda v: v is not None), max_size=4),
                       min_size=1, max_size=6)  # a null list item is mdformat's own (frontmatter fixtures)


@settings(max_examples=500, derandomize=True, deadline=None)
@given(FLAT)
def test_flat_front_matter_is_written_as_the_pure_emitter_writes_it(data):
    assert frontmatter.dump(data) == frontmatter.dump_pure(data)


def test_nested_front_matter_takes_the_pure_emitter():
    data = {"a": {"b": [1, 2]}, "c": "x"}
    assert frontmatter.dump(data) == frontmatter.dump_pure(data) == "a:\n  b:\n    - 1\n    - 2\nc: x\n"
