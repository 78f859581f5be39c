"""Where a PDF breaks Thai text across lines, and whether each break falls between two words (PyThaiNLP)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium

_THAI = re.compile(r"[\u0e01-\u0e45\u0e47-\u0e4e]")  # not ๆ or ฯ, which end a phrase
# Syllables that are dictionary words but, ending a line, are the first half of a word: ผลกระ|ทบ, ประ|ชุม.
BOUND = frozenset({"กระ", "ประ", "ตระ", "สะ", "ปฏิ", "อนุ", "พระ", "ทะ", "จะ", "ละ", "ระ", "ตะ", "ชะ", "มะ"})
_MARK = re.compile(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
_RUN = 40  # letters each side of a break given to the tokenizer (its Thai run, up to this many)


def line_breaks(pdf: Path) -> list[tuple[str, str, int]]:
    """Each soft break inside Thai text: (text before, text after, page). A break is where the next character
    stands on a lower line starting to the left (a wrap), both sides Thai and no space drawn at it."""
    out = []
    document = pdfium.PdfDocument(pdf)
    try:
        for number, page in enumerate(document, 1):
            textpage = page.get_textpage()
            chars = []
            for i in range(textpage.count_chars()):
                text = textpage.get_text_range(i, 1)
                if text in ("\r", "\n", "\ufffe"):
                    continue
                chars.append((text, textpage.get_charbox(i)))
            bases = [k for k, (c, _) in enumerate(chars) if not _MARK.match(c)]  # marks sit above or below
            for prev, at in zip(bases, bases[1:], strict=False):
                (before, (_, by0, bx1, by1)), (after, (ax0, ay0, _, ay1)) = chars[prev], chars[at]
                height = max(by1 - by0, ay1 - ay0, 1.0)
                wrapped = ay1 < by0 + 0.2 * height and by0 - ay1 < 3 * height and ax0 < bx1
                if wrapped and _THAI.match(before) and _THAI.match(after):
                    head = "".join(c for c, _ in chars[max(0, at - _RUN):at])
                    tail = "".join(c for c, _ in chars[at:at + _RUN])
                    out.append((_thai_tail(head), _thai_head(tail), number))
    finally:
        document.close()
    return out


def _thai_tail(text: str) -> str:
    return re.search(r"[\u0e01-\u0e45\u0e47-\u0e4e]*$", text).group()


def _thai_head(text: str) -> str:
    return re.match(r"[\u0e01-\u0e45\u0e47-\u0e4e]*", text).group()


@cache
def _tokenize(text: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    return tuple(word_tokenize(text, engine="newmm", keep_whitespace=False))


@cache
def _words() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


def _all_words(text: str) -> bool:
    return bool(text) and all(t in _words() for t in _tokenize(text))


def at_word_boundary(before: str, after: str) -> bool:
    """Does a break between the Thai run ``before`` and the Thai run ``after`` fall between two words?

    Yes when PyThaiNLP's segmentation of the whole puts a boundary there, or when the word it finds across the
    break is words run together on each side (``น้อย|ที่สุด``, ``ผลการ|ดำเนินงาน``: LibreOffice's dictionary
    keeps them apart), the first not ending in a bound syllable (``ผลกระ|ทบ``). ``เอกส|าร``, ``ระดั|บ`` cut a word.
    """
    at = 0
    for token in _tokenize(before + after):
        start, at = at, at + len(token)
        if at == len(before):
            return True
        if at > len(before):
            head, tail = token[:len(before) - start], token[len(before) - start:]
            if token not in _words() or len(token) < 4:  # the segmenter's own guess across the break (แล้|วหา): each side alone
                return _tokenize(before)[-1] in _words() and _tokenize(after)[0] in _words()
            return _all_words(head) and _all_words(tail) and _tokenize(head)[-1] not in BOUND
    return True


def breaks_inside_words(pdf: Path) -> list[str]:
    """The breaks that cut a word, shown as ``เอกส|าร (page 2)``."""
    return [f"{before}|{after} (page {page})" for before, after, page in line_breaks(pdf)
            if not at_word_boundary(before, after)]
