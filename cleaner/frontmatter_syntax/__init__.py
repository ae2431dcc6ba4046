"""Front matter's syntax: every form Hexo, Hugo and Jekyll read, written back byte for byte.
(What its values must be, title, dates, covers, is the `frontmatter` step's: steps/frontmatter.py.)

    split(text) -> Split                 cut the front matter off the body (fences.py)
    Split.load() -> FrontMatter | None   load it (yamlfm, tomlfm, jsonfm), refusing anything unsafe
    load(source, first_line, format=...) the same from its parts
    FrontMatter.data                     the mapping steps read
    FrontMatter.set(key, value)          change a value; set_item(key, index, value) a list item
    FrontMatter.render() -> str          the front matter to write: as it came, fences and all,
                                         with only the changed values written anew (model.py)
    dump(data) -> str                    YAML in cleaner's one stable style (yamldump.py)
"""
from __future__ import annotations

from .fences import Split, split
from .model import MAX_NESTING, FrontMatter
from .yamldump import _STABLE_TIMESTAMP_RE, EMPTY_MAPPING, Timestamp, dump, dump_pure

# format -> the fence lines it is written between by default
FORMATS = {"yaml": ("---\n", "---\n"), "yaml-noopen": ("", "---\n"), "toml": ("+++\n", "+++\n"),
           "json": ("", "\n"), "json-hexo": (";;;\n", ";;;\n")}

__all__ = ["EMPTY_MAPPING", "FORMATS", "MAX_NESTING", "FrontMatter", "Split", "Timestamp", "dump", "dump_pure",
           "load", "split", "_STABLE_TIMESTAMP_RE"]


def load(source: str, first_line: int, *, format: str = "yaml", opening: str | None = None,
         closing: str | None = None) -> FrontMatter:
    """Load front matter `source` (the text between its fences) of `format`, whose first line
    is file line `first_line`; CleanerError with the file line on anything it refuses."""
    if format not in FORMATS:
        raise ValueError(f"unknown front matter format {format!r}")
    fences = {"opening": FORMATS[format][0] if opening is None else opening,
              "closing": FORMATS[format][1] if closing is None else closing}
    if format in ("yaml", "yaml-noopen"):
        from .yamlfm import load as load_yaml

        return load_yaml(source, first_line, format=format, **fences)
    if format == "toml":
        from .tomlfm import load as load_toml

        return load_toml(source, first_line, **fences)
    from .jsonfm import load as load_json

    return load_json(source, first_line, format=format, **fences)
