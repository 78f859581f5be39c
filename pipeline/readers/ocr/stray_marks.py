"""Marks Tesseract gave the line above: a high tone mark read as a dot below that line, its own line read again."""

from __future__ import annotations

import re
import statistics

import numpy as np

from pipeline.readers.ocr.stack import read_apart
from pipeline.readers.ocr.tesseract import ROW_OVERLAP, Word

_THAI_LETTER = re.compile("[\u0e01-\u0e2e]")
_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
# The marks over a letter: what a mark standing high over its line is. A second reading's marks under the letters
# are not taken (a speck under a line read as ุ: ขอจัดูสรุรจาก).
_UPPER = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d")
# What a mark read with the line above comes out as: a dot or comma, a quote, or the mark itself alone.
_STRAY = re.compile("[.,'`\u2018\u2019\"\u0e31\u0e34-\u0e37\u0e47-\u0e4c]{1,2}")
MOST_LINES = 12  # lines read again per page: a noisy scan's specks must not make it a second page's reading


def _feet(lines: dict[tuple[int, int, int], list[Word]]) -> dict[tuple[int, int, int], tuple[float, float]]:
    """Each line's foot (the median bottom of its Thai letters) and letter height; lines of fewer than three
    Thai letters have none."""
    out = {}
    for key, line in lines.items():
        letters = [w for w in line if _THAI_LETTER.search(w.text)]
        if len(letters) >= 3:
            out[key] = (statistics.median(w.bottom for w in letters), statistics.median(w.height for w in letters))
    return out


def _strays(words: list[Word]) -> list[tuple[Word, tuple[int, int, int]]]:
    """Dots, commas and lone marks wholly below their line's foot, each with the line right under it.

    A tone mark stacked over an upper vowel (พึ่ง, ชิ้น) stands above the line's other marks; where the lines are
    close it is nearer the line above, Tesseract gives it to that line and reads it there as a dot or a comma,
    and its own line loses it (พึงบุญ). A real dot or comma sits on its line's foot, never wholly under it."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line_key, []).append(word)
    feet = _feet(lines)
    found = []
    for key, line in lines.items():
        if key not in feet:
            continue
        foot, height = feet[key]
        for word in line:
            if not _STRAY.fullmatch(word.text) or word.top < foot - 2 or word.height > 0.6 * height:
                continue
            below = [(w.top - word.bottom, other) for other, ws in lines.items() if other != key and other in feet
                     for w in ws if w.left - 3 <= word.cx <= w.right + 3 and 0 <= w.top - word.bottom <= height]
            if below:
                found.append((word, min(below)[1]))
    return found


def _plain(words: list[Word]) -> str:
    return "".join(w.text for w in words).replace(" ", "")


def _clusters(text: str) -> list[tuple[str, frozenset[str]]]:
    """Each letter with the marks on it."""
    out: list[tuple[str, frozenset[str]]] = []
    for ch in text:
        if _MARKS.fullmatch(ch) and out:
            out[-1] = (out[-1][0], out[-1][1] | {ch})
        else:
            out.append((ch, frozenset()))
    return out


def _better(before: list[Word], after: list[Word]) -> bool:
    """The same letters, every mark kept and a mark over a letter more at least: the line with the mark it had
    lost (a reading that gains a mark on one word and drops one on another is no better one)."""
    old, new = _clusters(_plain(before)), _clusters(_plain(after))
    return (len(old) == len(new) and all(a == b and am <= bm for (a, am), (b, bm) in zip(old, new, strict=True))
            and any((bm - am) & _UPPER for (_, am), (_, bm) in zip(old, new, strict=True)))


def _with_marks(before: list[Word], after: list[Word]) -> list[Word]:
    """The line's words as read, each letter given the marks the second reading found on it too: the words keep
    their boxes (Tesseract draws a lone mark's box of a second reading off its line, and the line would lose it)."""
    owner: list[int] = []  # for each letter of the line as read, the word it is in
    for n, word in enumerate(before):
        owner += [n] * len(word.text.replace(" ", ""))
    added: dict[int, list[tuple[int, str]]] = {}  # word → (offset in the word after which marks go, the marks)
    at = 0
    old_text = _plain(before)
    for (_, had), (_, has) in zip(_clusters(old_text), _clusters(_plain(after)), strict=True):
        base = at
        at += 1 + len(had)
        if (has - had) & _UPPER:
            n = owner[base]
            offset = base - owner.index(n) + 1 + sum(1 for k in range(base + 1, at) if owner[k] == n)
            added.setdefault(n, []).append((offset, "".join(sorted((has - had) & _UPPER))))
    out = []
    for n, word in enumerate(before):
        text = word.text.replace(" ", "")
        for offset, marks in sorted(added.get(n, []), reverse=True):
            text = text[:offset] + marks + text[offset:]
        out.append(Word(text, word.left, word.top, word.right, word.bottom, word.conf, word.line_key)
                   if n in added else word)
    return out


def reread_stray_marks(words: list[Word], image: np.ndarray, dpi: float, timeout: float) -> list[Word]:
    """The words with each line that lost a mark to the line above (``_strays``) read again on its own, the mark
    in its crop; where that gives the same letters with more marks, the marks are put on the line as read and the
    stray dot goes."""
    strays = _strays(words)
    if not strays:
        return words
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line_key, []).append(word)
    targets: dict[tuple[int, int, int], list[Word]] = {}
    for stray, key in strays:
        targets.setdefault(key, []).append(stray)
    keys = list(targets)[:MOST_LINES]
    pad, gap = int(dpi / 30), int(dpi / 4)
    crops = []
    for key in keys:
        line = lines[key]
        x0 = max(0, min(w.left for w in line) - pad)
        y0 = max(0, min([w.top for w in line] + [s.top for s in targets[key]]) - pad)
        x1 = min(image.shape[1], max(w.right for w in line) + pad)
        y1 = min(image.shape[0], max(w.bottom for w in line) + pad)
        crops.append((image[y0:y1, x0:x1], x0, y0))
    read = read_apart(crops, dpi, timeout, gap=gap, row_overlap=ROW_OVERLAP)  # the mark in its line's row
    if read is None:
        return words
    found, _ = read
    replaced: dict[int, Word] = {}
    for n, key in enumerate(keys):
        if found[n] and _better(lines[key], found[n]):
            replaced.update({id(w): w for w in targets[key]})  # the stray dots: gone
            replaced.update((id(old), new) for old, new in zip(lines[key], _with_marks(lines[key], found[n]),
                                                                 strict=True) if old is not new)
    if not replaced:
        return words
    return [replaced.get(id(w), w) for w in words if id(w) not in replaced or replaced[id(w)] is not w]


__all__ = ["reread_stray_marks"]
