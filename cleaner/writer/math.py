"""MathML: written as the text it shows (`<mi>a</mi><mo>≠</mo><mn>0</mn>` is `a≠0`), inline, or
as a paragraph of its own when displayed as a block. Its TeX annotation, never shown, is gone
by then: the unsafe step drops it."""
from __future__ import annotations

MATH_TAG = "math"
BLOCK_DISPLAY = "block"


def is_block(el) -> bool:
    return (el.get("display") or "").strip().lower() == BLOCK_DISPLAY
