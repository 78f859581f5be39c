"""The OCR reader: scanned and photographed pages read from their pixels; loaded only when a page needs it."""

from __future__ import annotations

from typing import Any

_ENTRY_POINTS = {"read_image", "ocr_pdf_pages", "image_frames"}


def __getattr__(name: str) -> Any:
    # OpenCV and NumPy take about a second to load: only a file that needs OCR pays for them.
    if name in _ENTRY_POINTS:
        from pipeline.readers.ocr import pages

        return getattr(pages, name)
    raise AttributeError(name)


__all__ = sorted(_ENTRY_POINTS)
