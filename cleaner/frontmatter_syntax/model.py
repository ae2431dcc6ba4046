"""FrontMatter: the loaded mapping, the text it was loaded from, and the values steps change.

Steps read `data` and change a value only through `set(key, value)` or `set_item(key, index,
value)`. `render()` writes the front matter back byte for byte (fences, comments, quoting, key
order, indentation, blank lines) when no value changed; a changed value is edited in place by
the format's own subclass, every other byte kept.
"""
from __future__ import annotations

from ..errors import CleanerError

# Lists and mappings nested deeper than this are refused (the loaders are recursive).
MAX_NESTING = 64


class FrontMatter:
    """Loaded front matter: the mapping, and where each top-level key sits in the file."""

    format = "yaml"
    restylable = False  # `restyle` writes the whole front matter in one style

    def __init__(self, data: dict, lines: dict, raw: dict | None = None, first_line: int = 1,
                 styles: dict | None = None, *, source: str = "", opening: str = "---\n", closing: str = "---\n"):
        self.data = data
        self.lines = lines  # key -> 1-based file line
        self.raw = raw if raw is not None else {}  # key -> the scalar text as written (YAML scalars only)
        self.first_line = first_line  # file line of the first line of `source`
        self.styles = styles if styles is not None else {}  # YAML key -> scalar style: None (plain), "'" or '"'
        self.source = source  # the text between the fences, as written
        self.opening = opening  # the fence lines as written ("" when the format has none)
        self.closing = closing
        # what `data` was loaded as (top-level values, lists copied) to find what steps changed
        self._loaded = {key: list(value) if isinstance(value, list) else value for key, value in data.items()}
        self._restyled = False

    def was_timestamp(self, key) -> bool:
        """True when the format itself (not just cleaner) reads the value as a timestamp."""
        return False

    def line_of(self, key) -> int | None:
        return self.lines.get(key)

    # ------------------------------------------------------------ changing values

    def set(self, key, value) -> None:
        """Change the top-level value of `key` (render() writes just that value anew)."""
        self.data[key] = value

    def set_item(self, key, index: int, value) -> None:
        """Change one item of the top-level list under `key`."""
        items = self.data[key]
        if not isinstance(items, list):
            raise TypeError(f"front matter {key!r} is not a list")
        items[index] = value

    def restyle(self) -> None:
        """Write the whole front matter in cleaner's one stable style (a feed's front matter),
        where the format has one; otherwise as written, changed values edited in place."""
        self._restyled = True

    def changes(self) -> list | None:
        """What changed since loading: [(key, None)] for a whole value, [(key, [index, ...])] for
        items of a list that kept its length; [] when nothing did; None when keys were added,
        removed or reordered."""
        loaded, data = self._loaded, self.data
        if len(loaded) != len(data) or any(a is not b and a != b for a, b in zip(loaded, data)):
            return None
        found = []
        for key, value in data.items():
            old = loaded[key]
            if same(old, value):
                continue
            if isinstance(old, list) and isinstance(value, list) and len(old) == len(value):
                found.append((key, [i for i, (a, b) in enumerate(zip(old, value)) if not same(a, b)]))
            else:
                found.append((key, None))
        return found

    def render(self) -> str:
        """The front matter as it is to be written, fences included (ends with a line break)."""
        changes = None if self._restyled and self.restylable else self.changes()
        if changes == []:
            return self.opening + self.source + self.closing
        return self.opening + self._edited(changes) + self.closing

    def _edited(self, changes: list | None) -> str:
        """`source` with the changed values written anew (changes None: keys added or removed)."""
        raise NotImplementedError


def same(a, b) -> bool:
    """Equal and of the same types all the way down (1 is not True, a Timestamp not a str)."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, dict):
        return len(a) == len(b) and all(k1 == k2 and same(a[k1], b[k2]) for k1, k2 in zip(a, b))
    return a == b or (a != a and b != b)  # NaN is itself


def too_deep(data: dict):
    """The top-level key under which `data` nests lists and mappings more than MAX_NESTING deep,
    or None. Iterative: the data may be nested far deeper than Python's recursion limit."""
    for key, value in data.items():
        stack = [(value, 2)]
        while stack:
            value, depth = stack.pop()
            if depth > MAX_NESTING:  # counted as YAML counts nodes: the mapping itself is level 1
                return key
            children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
            stack.extend((child, depth + 1) for child in children)
    return None


def nesting_error(line: int) -> CleanerError:
    return CleanerError(f"front matter is nested more than {MAX_NESTING} levels deep", line=line)


def deep_line(source: str, first_line: int) -> int:
    """The file line where brackets in `source` (TOML, JSON) first nest more than MAX_NESTING
    deep, outside quoted strings; `first_line` when that cannot be told."""
    depth, quote, i, n = 0, "", 0, len(source)
    while i < n:
        c = source[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return first_line + source.count("\n", 0, i)
        elif c in "]}":
            depth -= 1
        i += 1
    return first_line
