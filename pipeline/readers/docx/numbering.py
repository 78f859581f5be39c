"""Word's automatic list numbering (``w:numPr``): the "1.", "1.1", "ก." a paragraph shows but does not hold."""

from __future__ import annotations

import zipfile

from lxml import etree

from pipeline.readers.symbols import SYMBOL_FONTS, font_key, symbol_glyph

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
BULLET = "•"
# A bullet that is a tick box (a tick list: ☐ or ☒ as the bullet, or Wingdings' F0A8/F0FE) shows the box; any
# other bullet (a tick-mark ✓ bullet too: a decoration of plain lists) stays a bullet.
BOX_BULLETS = "☐☑☒⌧"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el: etree._Element | None, default: str | None = None) -> str | None:
    return el.get(_w("val"), default) if el is not None else default


class Numbering:
    """The list labels of a document's paragraphs, in the order the paragraphs are read."""

    def __init__(self, package: zipfile.ZipFile):
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # abstractNumId → ilvl → (start, fmt, text)
        self.fonts: dict[tuple[str, int], str] = {}  # (abstractNumId, ilvl) → the level's symbol font
        self.nums: dict[str, str] = {}  # numId → abstractNumId
        self.overrides: dict[str, dict[int, int]] = {}  # numId → ilvl → start
        self.style_nums: dict[str, tuple[str, int]] = {}  # paragraph style → (numId, ilvl)
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self._load(package)

    def _load(self, package: zipfile.ZipFile) -> None:
        names = package.namelist()
        if "word/numbering.xml" in names:
            root = etree.fromstring(package.read("word/numbering.xml"))
            for abstract in root.iter(_w("abstractNum")):
                levels = {}
                abstract_id = abstract.get(_w("abstractNumId"), "")
                for lvl in abstract.iter(_w("lvl")):
                    ilvl = int(lvl.get(_w("ilvl"), "0"))
                    font = _symbol_font(lvl)
                    if font:
                        self.fonts[(abstract_id, ilvl)] = font
                    start = int(_val(lvl.find(_w("start")), "1") or 1)
                    levels[ilvl] = (start, _val(lvl.find(_w("numFmt")), "decimal") or "decimal",
                                    _val(lvl.find(_w("lvlText")), "") or "")
                self.levels[abstract_id] = levels
            for num in root.iter(_w("num")):
                num_id = num.get(_w("numId"), "")
                self.nums[num_id] = _val(num.find(_w("abstractNumId")), "") or ""
                for override in num.iter(_w("lvlOverride")):
                    start = override.find(_w("startOverride"))
                    if start is not None:
                        self.overrides.setdefault(num_id, {})[int(override.get(_w("ilvl"), "0"))] = int(
                            _val(start, "1") or 1)
        if "word/styles.xml" in names:
            styles = etree.fromstring(package.read("word/styles.xml"))
            for style in styles.iter(_w("style")):
                num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
                if num_pr is not None:
                    num_id = _val(num_pr.find(_w("numId")))
                    if num_id:
                        self.style_nums[style.get(_w("styleId"), "")] = (num_id, int(_val(num_pr.find(_w("ilvl")),
                                                                                             "0") or 0))

    def label(self, p: etree._Element) -> str:
        """The number or bullet Word shows in front of a paragraph (with a trailing space), or ""."""
        ppr = p.find(_w("pPr"))
        if ppr is None:
            return ""
        num_pr = ppr.find(_w("numPr"))
        style = _val(ppr.find(_w("pStyle")))
        num_id, ilvl = None, 0
        if style in self.style_nums:
            num_id, ilvl = self.style_nums[style]
        if num_pr is not None:
            num_id = _val(num_pr.find(_w("numId")), num_id)
            ilvl = int(_val(num_pr.find(_w("ilvl")), str(ilvl)) or 0)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract, [None] * 9)
        if num_id not in self.started and num_id in self.overrides:
            self.started.add(num_id)
            for level, start in self.overrides[num_id].items():
                counters[level] = start - 1
        counters[ilvl] = (counters[ilvl] + 1) if counters[ilvl] is not None else levels[ilvl][0]
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        _, fmt, text = levels[ilvl]
        if fmt == "bullet":
            return f"{_bullet(text, self.fonts.get((abstract, ilvl)))} "
        if fmt == "none" or not text:
            return ""
        for level in range(ilvl + 1):
            value = counters[level] if counters[level] is not None else levels.get(level, (1,))[0]
            level_fmt = levels.get(level, (1, "decimal", ""))[1]
            text = text.replace(f"%{level + 1}", _format(value, level_fmt))
        return f"{text} "


def _symbol_font(lvl: etree._Element) -> str | None:
    """The symbol font (Wingdings…) a list level draws its bullet in, if it does."""
    fonts = lvl.find(f"{_w('rPr')}/{_w('rFonts')}")
    for attr in ("ascii", "hAnsi", "cs"):
        name = fonts.get(_w(attr)) if fonts is not None else None
        if name and font_key(name) in SYMBOL_FONTS:
            return name
    return None


def _bullet(text: str, font: str | None) -> str:
    """A tick box when the bullet is one, else the bullet mark."""
    if len(text) != 1:
        return BULLET
    code = ord(text)
    glyph = symbol_glyph(code, font, text) if font or 0xF000 <= code <= 0xF0FF else text
    return glyph if glyph in BOX_BULLETS else BULLET


def _format(value: int, fmt: str) -> str:
    if fmt in ("thaiNumbers", "thaiCounting"):
        return str(value).translate(THAI_DIGITS)
    if fmt == "thaiLetters":
        return THAI_LETTERS[(value - 1) % len(THAI_LETTERS)]
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    out = []
    for number, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                            (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)
