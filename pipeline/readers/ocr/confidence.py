"""Per-field OCR confidence: how sure the reading of each field is, and of the document as a whole."""

from __future__ import annotations

import statistics

from pipeline.document import Document, Paragraph

BLOCK_SHARE = 0.5  # a line or cell whose words' letters are this much pieces of a value is (part of) its reading
VALUE_SHARE = 0.8  # … or one that holds this much of the value's letters (a short value after its label)
SHORTEST = 8  # letters of the shortest value looked up: a shorter one (a year, a count) is found in any line
GRAM = 4  # letters in a row a line and a value share to be the same reading (fewer: any Thai shares them by chance)


def block_confidences(document: Document) -> dict[str, float]:
    """``where`` → confidence of every OCR'd paragraph and cell of a document (empty for typed files)."""
    out: dict[str, float] = {}
    for block in document.blocks:
        items = [block] if isinstance(block, Paragraph) else [c for row in block.rows for c in row]
        for item in items:
            confidence = getattr(item, "confidence", None)
            if confidence is not None and item.where and item.text.strip():
                out[item.where] = confidence
    return out


def field_confidence(document: Document, provenance: dict[str, str]) -> dict[str, float]:
    """Confidence per field read from OCR'd blocks (the block its provenance names); empty for typed files."""
    blocks = block_confidences(document)
    return {key: blocks[where] for key, where in provenance.items() if where in blocks}


def _scored_items(document: Document) -> list[tuple[str, ...]]:
    """Every OCR'd paragraph and cell that kept its words' confidences: (word, confidence) pairs."""
    out = []
    for block in document.blocks:
        items = [block] if isinstance(block, Paragraph) else [c for row in block.rows for c in row]
        out += [item.words for item in items if getattr(item, "words", None)]
    return out


def value_weakest(document: Document, value: str, *, whole: bool = False) -> float | None:
    """The lowest confidence of the words a value was read from (None when no OCR'd line or cell holds it).
    Tesseract's Thai "words" are a letter or two each, so a value is found by its letters: the lines and cells
    most of whose letters, or most of the value's, lie in runs of ``GRAM`` letters the value holds too; of
    them, the words of the stretch as long as the value that holds most such runs (a misread word between
    them is the value's)."""
    key = "".join(ch for ch in value if ch.isalnum())
    if len(key) < SHORTEST:
        return None
    grams = {key[i:i + GRAM] for i in range(len(key) - GRAM + 1)}
    found: list[float] = []
    for words in _scored_items(document):
        text = "".join(w for w, _ in words)
        covered = [0] * (len(text) + 1)  # covered[i]: letters before i in a run the value holds too
        marks = bytearray(len(text))
        for i in range(len(text) - GRAM + 1):
            if text[i:i + GRAM] in grams:
                marks[i:i + GRAM] = b"\x01" * GRAM
        for i, mark in enumerate(marks):
            covered[i + 1] = covered[i] + mark
        # the stretch of the line or cell as long as the value that holds most of it (a cell may hold the
        # value's words elsewhere too: a label that repeats them)
        span = min(len(key), len(text))
        start = max(range(len(text) - span + 1), key=lambda i: covered[i + span] - covered[i])
        held = covered[start + span] - covered[start]
        if not held or (held < BLOCK_SHARE * len(text) and held < VALUE_SHARE * len(key)):
            continue
        # from the stretch's first letter the value holds to its last: a word at its edge is the next one's
        first = next(i for i in range(start, start + span) if marks[i])
        last = next(i for i in reversed(range(start, start + span)) if marks[i])
        at = 0
        for w, c in words:
            if whole or first < at + len(w) and at <= last:
                found.append(c)
            at += len(w)
    return min(found) if found else None


def document_confidence(document: Document) -> float | None:
    """The median confidence of a document's OCR'd lines and cells (None for typed files): what a field read
    from it without a block of its own (a list's rows, a plan's cells) is given."""
    blocks = block_confidences(document)
    return round(statistics.median(blocks.values()), 3) if blocks else None


__all__ = ["block_confidences", "document_confidence", "field_confidence", "value_weakest"]
