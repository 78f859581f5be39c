"""Per-field OCR confidence: how sure the reading of each field is, and a warning for the unsure ones."""

from __future__ import annotations

from pipeline import settings
from pipeline.document import Document, Paragraph

DEFAULT_MIN_CONFIDENCE = 0.80


def min_confidence() -> float:
    """Below this a field read by OCR gets a warning (setting ``PIPELINE_OCR_MIN_CONFIDENCE``)."""
    return settings.current().ocr_min_confidence


def block_confidences(document: Document) -> dict[str, float]:
    """``where`` → confidence of every OCR'd paragraph and cell of a document (empty for typed files)."""
    out: dict[str, float] = {}
    for block in document.blocks:
        items = [block] if isinstance(block, Paragraph) else [c for row in block.rows for c in row]
        for item in items:
            confidence = getattr(item, "confidence", None)
            if confidence is not None and item.where:
                out[item.where] = confidence
    return out


def field_confidence(document: Document, provenance: dict[str, str]) -> tuple[dict[str, float], list[str]]:
    """Confidence per field read from OCR'd blocks, and a warning for each under the threshold."""
    blocks = block_confidences(document)
    if not blocks:
        return {}, []
    limit = min_confidence()
    confidence: dict[str, float] = {}
    warnings: list[str] = []
    for key, where in provenance.items():
        value = blocks.get(where)
        if value is None:
            continue
        confidence[key] = value
        if value < limit:
            warnings.append(f"{key}: low OCR confidence {value:.2f} (under {limit:.2f}) at {where}: "
                            f"check it by eye — ความมั่นใจในการอ่านภาพต่ำ กรุณาตรวจสอบ")
    return confidence, warnings


__all__ = ["block_confidences", "field_confidence", "min_confidence"]
