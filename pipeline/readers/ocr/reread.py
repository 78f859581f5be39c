"""Second reading of suspect words: Thai that the English model claimed is read again with Thai alone."""

from __future__ import annotations

import re
import statistics

import numpy as np

from pipeline.readers.ocr.stack import moved, read_apart
from pipeline.readers.ocr.tesseract import Word

SUSPECT_CONF = 85.0
MAX_LETTERS = 4
MIN_CONF = 70.0
LONG_SUSPECT_CONF = 50.0  # a Latin word longer than MAX_LETTERS read less sure than this is suspect too
# Capitals read at least this sure are an acronym (QR, BKK, LINE): on the tuning half's scans every real one read
# at 90 or more, while Thai the English model claimed as capitals (ได้แก่ as LALA, เดือน as LAU) read at 70-80.
ACRONYM_CONF = 80.0
_LATIN = re.compile(r"[A-Za-z]")
_THAI_LETTER = re.compile("[\u0e01-\u0e2e]")
_FOREIGN = re.compile("[^\u0e01-\u0e4e.]")  # digits too: a misread word is letters
# Capitals with dots between (A.W., AN.): the shape of a Thai abbreviation (ก.พ.), not of an acronym (QR, BKK).
_DOTTED = re.compile(r"(?:[A-Z]\.){1,3}|[A-Z]{1,2}\.")
_THAI_MARKS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d")


def _suspect(word: Word) -> bool:
    """Short Latin "words" read unsure: not long English words, not acronyms (QR, BKK) unless very unsure."""
    letters = sum(ch.isascii() and ch.isalpha() for ch in word.text)
    if not _LATIN.search(word.text) or word.conf >= SUSPECT_CONF:
        return False
    if letters > MAX_LETTERS:  # a long "word" read very unsure: a bold Thai label (นวัตกรรมที่พัฒนา as WINITANWAUT)
        return word.conf < LONG_SUSPECT_CONF
    return not (word.text.isupper() and letters >= 2 and word.conf >= ACRONYM_CONF and not _DOTTED.fullmatch(word.text))


def _plausible(found: list[Word], before: float, letters: int) -> bool:
    """A Thai reading worth taking: Thai letters and dots only, not much longer than
    the Latin it replaces, and read surer."""
    text = "".join(w.text for w in found)
    return (bool(_THAI_LETTER.search(text)) and not _FOREIGN.search(text) and len(text) <= 3 * letters + 2
            and statistics.fmean(w.conf for w in found) >= max(MIN_CONF, before))


def _runs(words: list[Word]) -> list[list[int]]:
    """Indexes of consecutive suspect words of one line (Tesseract's order), one list per run."""
    runs: list[list[int]] = []
    for n, word in enumerate(words):
        if not _suspect(word):
            continue
        if runs and runs[-1][-1] == n - 1 and words[n - 1].line_key == word.line_key:
            runs[-1].append(n)
        else:
            runs.append([n])
    return runs


def reread_suspects(words: list[Word], image: np.ndarray, dpi: float, timeout: float) -> list[Word]:
    """The words with each suspect run replaced by its Thai-only reading where that reads surer."""
    runs = _runs(words)
    if not runs:
        return words
    pad, gap = int(dpi / 30), int(dpi / 4)
    crops: list[tuple[np.ndarray, int, int]] = []
    for run in runs:
        x0 = max(0, min(words[i].left for i in run) - pad)
        y0 = max(0, min(words[i].top for i in run) - pad)
        x1 = min(image.shape[1], max(words[i].right for i in run) + pad)
        y1 = min(image.shape[0], max(words[i].bottom for i in run) + pad)
        crops.append((image[y0:y1, x0:x1], x0, y0))
    read = read_apart(crops, dpi, timeout, gap=gap, languages="tha")
    if read is None:
        return words
    again, spans = read
    replaced: dict[int, list[Word]] = {}
    for n, run in enumerate(runs):
        before = statistics.fmean(words[i].conf for i in run)
        found = [w for w in again[n] if not (w.text in _THAI_MARKS and w.conf < 60)]  # a mark it half saw
        letters = sum(ch.isalpha() for i in run for ch in words[i].text)
        if found and _plausible(found, before, letters):
            key = words[run[0]].line_key
            replaced[run[0]] = [moved(w, spans[n], key) for w in found]
            replaced.update({i: [] for i in run[1:]})
    if not replaced:
        return words
    out: list[Word] = []
    for n, word in enumerate(words):
        out.extend(replaced.get(n, [word]))
    return out


__all__ = ["reread_suspects"]
