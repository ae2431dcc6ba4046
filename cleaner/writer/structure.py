"""Block structure: elements written as their content unwrapped, definition lists, line breaks at
a block's edge, a list right inside a list, cells outside a row, inline elements (emphasis, a
link) around blocks, and a link moved outside the elements it was the only child of."""
from __future__ import annotations

from lxml import etree

from ..dom import BLOCK_TAGS, add_text_before, append_text, new_element, remove_keep_tail, shows_nothing, unwrap
from .code import CODE_BLOCK_TAGS

DEFINITION_TAGS = ("dt", "dd")
LIST_TAGS = ("ul", "ol")
TABLE_SECTIONS = ("table", "thead", "tbody", "tfoot")
CELL_TAGS = ("td", "th")


def unwrap_plain(tree, written_tags: frozenset) -> None:
    """Elements the writer writes as their bare content (`span`, `font`, `u`...) go, their content
    kept: `<b>a</b><span><b>b</b></span>` is then one bold run, as a reader sees it."""
    plain = {el.tag for el in tree.iter() if isinstance(el.tag, str) and el.tag not in written_tags}
    if plain:
        etree.strip_tags(tree, *plain)


def normalize(tree) -> None:
    # <dt>term</dt><dd>definition</dd>: a paragraph each, as a browser sets them apart
    for el in tree.iter(*DEFINITION_TAGS):
        el.tag = "p"
    for el in tree.iter("dl"):
        el.tag = "div"
    for br in list(tree.iter("br")):
        if _at_block_edge(br):
            remove_keep_tail(br)
    for inner in list(tree.iter(*LIST_TAGS)):
        _into_item_before(inner)
    for section in list(tree.iter(*TABLE_SECTIONS)):
        _cells_into_rows(section)


def _cells_into_rows(section) -> None:
    """`<table><td>a</td><td>b</td></table>`: a browser puts cells outside a row into one; so
    does this, a row for each run of them."""
    row = None
    for child in list(section):
        if child.tag in CELL_TAGS:
            if row is None:
                row = new_element("tr")
                child.addprevious(row)
            row.append(child)  # its tail (white space between cells) goes with it
        elif isinstance(child.tag, str):
            row = None


def _into_item_before(inner) -> None:
    """`<ul><li>a</li><ul>...</ul></ul>`: a browser shows the inner list nested under the item
    before it, so it goes into that item."""
    parent, prev = inner.getparent(), inner.getprevious()
    if parent is None or parent.tag not in LIST_TAGS or prev is None or prev.tag != "li":
        return
    if (prev.tail or "").strip():
        return  # text between them: not the item's
    prev.tail = None
    prev.append(inner)


def holds_blocks(el) -> bool:
    return any(d.tag in BLOCK_TAGS for d in el.iterdescendants())


def spread_over_blocks(el) -> None:
    """`<b><p>x</p><p>y</p></b>`, `<a href="/x"><h4>Item</h4></a>`: an inline element around
    blocks. A copy of it goes around each run of inline content below it (a leaf block's
    content, the text between blocks), so each block keeps it; `el` itself goes."""
    _wrap_runs(el, el)
    unwrap(el)


def _wrap_runs(container, template) -> None:
    nodes: list = [container.text or ""]
    for child in container:
        nodes += [child, child.tail or ""]
        child.tail = None
    container.text = None
    for child in list(container):
        container.remove(child)
    wrapper = None
    for node in nodes:
        if isinstance(node, str):
            if node:
                wrapper = wrapper if wrapper is not None else _append_copy(container, template)
                append_text(wrapper, node)
        elif isinstance(node.tag, str) and (node.tag in BLOCK_TAGS or holds_blocks(node)):
            wrapper = None
            container.append(node)
            if node.tag not in CODE_BLOCK_TAGS:  # code: nothing goes into it
                _wrap_runs(node, template)
        else:
            wrapper = wrapper if wrapper is not None else _append_copy(container, template)
            wrapper.append(node)
    for copy in [c for c in container if c.get(_COPY_MARK) is not None]:
        del copy.attrib[_COPY_MARK]
        if shows_nothing(copy):
            unwrap(copy)  # white space between blocks


_COPY_MARK = "data-cleaner-copy"


def _append_copy(container, template):
    copy = new_element(template.tag, **dict(template.attrib), **{_COPY_MARK: ""})
    container.append(copy)
    return copy


def _at_block_edge(br) -> bool:
    """A <br> with nothing before it, or nothing after it, in its block: `<li><br>x</li>`
    would give an empty list item."""
    return _nothing_before(br) or _nothing_after(br)


def _nothing_before(el) -> bool:
    while True:
        prev = el.getprevious()
        while prev is not None:
            if (prev.tail or "").strip() or prev.tag != "br" and not shows_nothing(prev):
                return False
            prev = prev.getprevious()
        parent = el.getparent()
        if parent is None:
            return True
        if (parent.text or "").strip():
            return False
        if parent.tag in BLOCK_TAGS:
            return True
        el = parent


def _nothing_after(el) -> bool:
    while True:
        if (el.tail or "").strip():
            return False
        nxt = el.getnext()
        while nxt is not None:
            if not shows_nothing(nxt) or (nxt.tail or "").strip():
                return False
            nxt = nxt.getnext()
        parent = el.getparent()
        if parent is None or parent.tag in BLOCK_TAGS:
            return True
        el = parent


def _chain(outer, link) -> list:
    """`outer` and the elements between it and `link`, each the only child of the one before."""
    chain = [outer]
    while chain[-1] is not link.getparent():
        chain.append(only_child(chain[-1]))
    return chain


def only_child(el):
    """`el`'s one element child when nothing but white space stands beside it, else None."""
    children = [c for c in el if isinstance(c.tag, str)]
    if len(children) != 1 or (el.text or "").strip() or (children[0].tail or "").strip():
        return None
    return children[0]


def link_outside(outer, link) -> None:
    """`<outer>...<innermost><a>x</a></innermost>...</outer>` (each the only child of the one
    before) becomes `<a><outer>...<innermost>x</innermost>...</outer></a>`; white space beside
    the link, inside them, goes outside, where it still parts the words."""
    chain = _chain(outer, link)
    innermost = chain[-1]
    before = "".join(el.text or "" for el in chain)
    after = "".join(el.tail or "" for el in chain[1:]) + (link.tail or "")
    for el in chain:
        el.text = None
    for el in chain[1:]:
        el.tail = None
    link.tail = None
    innermost.remove(link)
    innermost.text = link.text
    for child in list(link):
        innermost.append(child)
    link.text = None
    if before:
        add_text_before(outer, " ")
    outer.getparent().replace(outer, link)
    link.tail, outer.tail = (" " if after else "") + (outer.tail or ""), None
    link.append(outer)
