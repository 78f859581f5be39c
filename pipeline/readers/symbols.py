"""Characters the readers put into a Document's text: tick boxes from symbol fonts, and the soft-wrap mark."""

from __future__ import annotations

# Symbol-font tick boxes by the font's code (the low byte: Word writes F0FE or FE, a PDF U+F0FE) → glyph.
WINGDINGS: dict[int, str] = {0xFE: "☑", 0xFD: "☒", 0x78: "⌧", 0xFC: "✓", 0xFB: "✗", 0x6E: "■", 0x6C: "●",
                             0xA8: "☐", 0x6F: "☐", 0x71: "☐", 0xA1: "○"}
WINGDINGS_2: dict[int, str] = {0x52: "☑", 0x54: "☒", 0x53: "☒", 0x50: "✓", 0x4F: "✗", 0xA2: "■",
                               0xA3: "☐", 0x99: "○"}
SYMBOL_FONTS: dict[str, dict[int, str]] = {"wingdings": WINGDINGS, "wingdings2": WINGDINGS_2}

# Ends a PDF text line that the page width broke inside a run of Thai letters (no space stood there: Thai
# writes no spaces between words). A whitespace character, so label matching and ``strip()`` pass over it;
# the value joiner (extractors/text.py ``clean_value``) joins such a line to the next without a space.
SOFT_WRAP = "\u2028"


def font_key(name: str) -> str:
    """A font name as the tables know it: "Wingdings 2", "Wingdings-2" → "wingdings2"."""
    return name.lower().replace(" ", "").replace("-", "")


def symbol_glyph(code: int, font: str | None, default: str = "") -> str:
    """The glyph of a symbol-font character code (F0xx or its low byte) in a font: Wingdings 2 when the font's
    name says so (a PDF's "ABCDEF+Wingdings2-Regular" too), else Wingdings."""
    table = WINGDINGS_2 if "wingdings2" in font_key(font or "") else WINGDINGS
    return table.get(code & 0xFF, default)
