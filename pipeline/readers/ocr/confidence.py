"""Per-field OCR confidence: how sure the reading of each field is, and of the document as a whole."""

from __future__ import annotations

import statistics

from pipeline.document import Document, Paragraph


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


def document_confidence(document: Document) -> float | None:
    """The median confidence of a document's OCR'd lines and cells (None for typed files): what a field read
    from it without a block of its own (a list's rows, a plan's cells) is given."""
    blocks = block_confidences(document)
    return round(statistics.median(blocks.values()), 3) if blocks else None


__all__ = ["block_confidences", "document_confidence", "field_confidence"]
