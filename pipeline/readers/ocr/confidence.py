"""Per-field OCR confidence: how sure the reading of each field is, and of the document as a whole."""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterator
from difflib import SequenceMatcher

from pipeline.document import Cell, Document, Paragraph

BLOCK_SHARE = 0.5  # a line or cell whose words' letters are this much pieces of a value is (part of) its reading
VALUE_SHARE = 0.8  # … or one that holds this much of the value's letters (a short value after its label)
SHORTEST = 8  # letters of the shortest value looked up: a shorter one (a year, a count) is found in any line
GRAM = 4  # letters in a row a line and a value share to be the same reading (fewer: any Thai shares them by chance)
# Consonants in a row that Tesseract read on a line or in a cell and its text lacks: a piece of it was dropped (a
# skewed photo's line taken as floating above the next one); a mark, a speck or a signature's scrap leaves fewer.
LOST_CONSONANTS = 8
AROUND = 3  # characters on each side of consonants the reader added that tie them to a value
SPECK_CONFIDENCE = 0.5  # a word Tesseract read less sure than this may be a speck, not letters of the line
# Latin letters of a word Tesseract read among a value's letters that the text dropped: a Thai word misread whole
# (มีอยู่ as ``fag``) or a word of the value lost (``Waste``); a mark or speck read as Latin gives one or two (``oo``).
LATIN_WORD = 3
_CONSONANT = re.compile("[\u0e01-\u0e2e]")
_LATIN = re.compile("[A-Za-z]")


def _lines_and_cells(document: Document) -> Iterator[Paragraph | Cell]:
    """Every paragraph of a document and every cell of its tables, in order."""
    for block in document.blocks:
        if isinstance(block, Paragraph):
            yield block
        else:
            yield from (cell for row in block.rows for cell in row)


def letter_grams(text: str) -> set[str]:
    """The runs of ``GRAM`` letters in a row of a text."""
    return {text[i:i + GRAM] for i in range(len(text) - GRAM + 1)}


def block_confidences(document: Document) -> dict[str, float]:
    """``where`` → confidence of every OCR'd paragraph and cell of a document (empty for typed files)."""
    out: dict[str, float] = {}
    for item in _lines_and_cells(document):
        confidence = getattr(item, "confidence", None)
        if confidence is not None and item.where and item.text.strip():
            out[item.where] = confidence
    return out


def field_confidence(document: Document, provenance: dict[str, str]) -> dict[str, float]:
    """Confidence per field read from OCR'd blocks (the block its provenance names); empty for typed files."""
    blocks = block_confidences(document)
    return {key: blocks[where] for key, where in provenance.items() if where in blocks}


def weakest_words(document: Document) -> Callable[[str], float | None]:
    """``value → the lowest confidence of the words it was read from`` over a document (None when no OCR'd line
    or cell holds it). Tesseract's Thai "words" are a letter or two each, so a value is found by its letters:
    the lines and cells most of whose letters, or most of the value's, lie in runs of ``GRAM`` letters the value
    holds too; of them, the words of the stretch as long as the value that holds most such runs, from its
    first such letter to its last (a misread word between them is the value's)."""
    items = []
    for item in _lines_and_cells(document):
        words = getattr(item, "words", None)
        if words:
            text = "".join(w for w, _ in words)
            items.append((words, text, letter_grams(text)))

    def weakest(value: str) -> float | None:
        key = "".join(ch for ch in value if ch.isalnum())
        if len(key) < SHORTEST:
            return None
        grams = letter_grams(key)
        found = [c for words, text, own in items if not own.isdisjoint(grams) for c in _held(words, text, key, grams)]
        return min(found) if found else None

    return weakest


def _stretch(text: str, key: str, grams: set[str]) -> tuple[int, int] | None:
    """The first and last letter of the words' text ``text`` that read the value ``key``: of the stretch as long as
    the value that holds most runs of ``GRAM`` letters it holds too (a cell may hold the value's words elsewhere
    too); None if too little of the text or of the value is held for it to be the value's."""
    marks = bytearray(len(text))
    for i in range(len(text) - GRAM + 1):
        if text[i:i + GRAM] in grams:
            marks[i:i + GRAM] = b"\x01" * GRAM
    covered = [0]  # covered[i]: letters before i in a run the value holds too
    for mark in marks:
        covered.append(covered[-1] + mark)
    span = min(len(key), len(text))
    start = max(range(len(text) - span + 1), key=lambda i: covered[i + span] - covered[i])
    held = covered[start + span] - covered[start]
    if held < BLOCK_SHARE * len(text) and held < VALUE_SHARE * len(key):
        return None
    # from the stretch's first letter the value holds to its last: a word at its edge is the next one's
    first = next(i for i in range(start, start + span) if marks[i])
    last = next(i for i in reversed(range(start, start + span)) if marks[i])
    return first, last


def _held(words: tuple[tuple[str, float], ...], text: str, key: str, grams: set[str]) -> list[float]:
    """The confidences of the words of a line or cell that read the value ``key`` (none if it is not the value's)."""
    found = _stretch(text, key, grams)
    if found is None:
        return []
    first, last = found
    out, at = [], 0
    for w, c in words:
        if first < at + len(w) and at <= last:
            out.append(c)
        at += len(w)
    return out


def _alnum(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum()).lower()


def dropped_latin(words: tuple[tuple[str, float], ...], text: str, key: str, grams: set[str]) -> str | None:
    """A word of ``LATIN_WORD`` Latin letters or more that Tesseract read among the letters of the value ``key`` in a
    line or cell (between them, or at the line's edge where the value runs on into the next line) and the line's
    or cell's text dropped (a low-confidence Latin word read again as Thai, or a word floating off its line), or
    None: the value's text lost a word there (``fag`` where ``มีอยู่`` stands; ``Waste`` of ``Big Waste Booking``)."""
    read = "".join(w for w, _ in words)
    found = _stretch(read, key, grams)
    if found is None:
        return None
    first, last = found
    before = key.find(read[first:first + GRAM]) > 0  # the value has letters before this line's
    after = 0 <= key.rfind(read[last - GRAM + 1:last + 1]) < len(key) - GRAM
    own, at = _alnum(text), 0
    for w, _ in words:
        start, at = at, at + len(w)
        if len(_LATIN.findall(w)) < LATIN_WORD or _alnum(w) in own:
            continue
        inside = first < start and at <= last + 1
        edge = (at <= first and before and not _alnum(read[at:first])
                or start > last and after and not _alnum(read[last + 1:start]))
        if inside or edge:
            return w
    return None


def _consonants(text: str) -> str:
    return "".join(_CONSONANT.findall(text))


def lost_piece(words: tuple[tuple[str, float], ...], text: str) -> str | None:
    """The words Tesseract read in a line or cell that its text dropped, ``LOST_CONSONANTS`` consonants or more
    in a row (compared by consonants: the text's marks and digits are mended after the words were read), or None."""
    read, kept = _consonants("".join(w for w, _ in words)), _consonants(text)
    if len(read) - len(kept) < LOST_CONSONANTS:
        return None
    for op, i1, i2, j1, j2 in SequenceMatcher(None, kept, read, autojunk=False).get_opcodes():
        if op in ("insert", "replace") and (j2 - j1) - (i2 - i1) >= LOST_CONSONANTS:
            held, at = [], 0  # the words holding the consonants j1…j2, and the numbers between them
            for n, (w, _) in enumerate(words):
                count = len(_consonants(w))
                if count and j1 < at + count and at < j2:
                    held.append(n)
                at += count
            return "".join(w for w, _ in words[held[0]:held[-1] + 1])
    return None


def added_piece(words: tuple[tuple[str, float], ...], text: str) -> str | None:
    """The letters of a line's or cell's text around consonants Tesseract did not read there (the label repair
    put a printed phrase's head into a value's line: ``ปัจจุบัน`` → ``ในปัจจุบัน``), compact, or None. The
    consonants of an abbreviation (``ก.พ.``: a month mended from Latin letters) are the reader's mending, not one."""
    read, kept = _consonants("".join(w for w, _ in words)), _consonants(text)
    # counted without the words read unsure: a speck beside the line read as a letter (``ก`` at 0.33) hid the added
    if not read or len(kept) <= len(_consonants("".join(w for w, c in words if c >= SPECK_CONFIDENCE))):
        return None
    at = [m.start() for m in _CONSONANT.finditer(text)]
    for op, i1, i2, j1, j2 in SequenceMatcher(None, kept, read, autojunk=False).get_opcodes():
        if op in ("delete", "replace") and i2 - i1 > j2 - j1:
            start, end = at[i1], at[i2 - 1] + 1
            if text[end:end + 1] == ".":
                continue
            return "".join(ch for ch in text[max(0, start - AROUND):end + AROUND] if not ch.isspace())
    return None


def added_words(document: Document) -> Callable[[str], str | None]:
    """``value → the letters the reader put into it that Tesseract did not read`` (None when the value holds
    none): a line's or cell's added consonants with the letters around them, found in the value."""
    pieces = []
    for item in _lines_and_cells(document):
        words = getattr(item, "words", None)
        piece = added_piece(words, item.text) if words else None
        if piece:
            pieces.append(piece)

    def added(value: str) -> str | None:
        key = "".join(ch for ch in value if not ch.isspace())
        return next((piece for piece in pieces if piece in key), None)

    return added


def dropped_words(document: Document) -> Callable[[str, str | None], str | None]:
    """``(value, where) → the words Tesseract read in a line or cell of the value that the reading dropped`` (None
    when none was dropped, or the words are read elsewhere in the document). A line or cell is the value's when it
    is the block its provenance names (``where``: the label's line, whose lost words may have carried the value's
    start), or when most of its text's letters lie in runs of ``GRAM`` letters the value holds (holding most of a
    short value's is not enough here: ``1 นวัตกรรม`` is in many lines). A Latin word dropped among the value's
    letters (``dropped_latin``) counts too, however short the piece."""
    whole = _consonants(document.text())
    items, latin = [], []
    for item in _lines_and_cells(document):
        words = getattr(item, "words", ())
        piece = lost_piece(words, item.text)
        if piece and _consonants(piece) not in whole:
            items.append((piece, item.where, letter_grams("".join(ch for ch in item.text if ch.isalnum()))))
        own = _alnum(item.text)
        if any(len(_LATIN.findall(w)) >= LATIN_WORD and _alnum(w) not in own for w, _ in words):
            latin.append((words, item.text, letter_grams("".join(w for w, _ in words))))

    def dropped(value: str, where: str | None = None) -> str | None:
        key = "".join(ch for ch in value if ch.isalnum())
        if len(key) < SHORTEST:
            return None
        grams = letter_grams(key)
        for piece, at, own in items:
            if (where and at == where) or (own and len(own & grams) >= BLOCK_SHARE * len(own)):
                return piece
        for words, text, own in latin:
            word = None if own.isdisjoint(grams) else dropped_latin(words, text, key, grams)
            if word:
                return word
        return None

    return dropped


def document_confidence(document: Document) -> float | None:
    """The median confidence of a document's OCR'd lines and cells (None for typed files): what a field read
    from it without a block of its own (a list's rows, a plan's cells) is given."""
    blocks = block_confidences(document)
    return round(statistics.median(blocks.values()), 3) if blocks else None


__all__ = ["GRAM", "added_piece", "added_words", "block_confidences", "document_confidence", "dropped_latin",
           "dropped_words", "field_confidence", "letter_grams", "lost_piece", "weakest_words"]
