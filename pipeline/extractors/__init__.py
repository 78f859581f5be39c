"""Field extractors: format-neutral rules that read a Document (DOCX, PDF or OCR) into a kind's fields."""

from __future__ import annotations

from pipeline.document import Document
from pipeline.extractors.classify import classify, title_lines
from pipeline.extractors.fields import Extraction
from pipeline.extractors.kinds import read_kind
from pipeline.extractors.stream import build_stream


def extract_fields(document: Document, kind: str | None = None) -> Extraction:
    """Classify a document (unless its kind is given) and read every field of its kind.

    A file holding the same form more than once (three Form 1 ideas in one file) is read up to where the
    second copy starts, with a warning: one record per file.
    """
    stream = build_stream(document)
    kind = kind or classify(stream, where=document.source or None)
    # (A survey file may hold each respondent's questionnaire before the tally: it is read whole.)
    copies = title_lines(stream, kind) if kind != "survey" else []
    if len(copies) > 1:
        found = read_kind(kind, stream.slice(0, copies[1]))
        found.warnings.append(f"the file holds {len(copies)} copies of this form; only the first was read "
                              f"— ไฟล์นี้มีแบบฟอร์มเดียวกัน {len(copies)} ชุด อ่านเฉพาะชุดแรก")
        return found
    return read_kind(kind, stream)


__all__ = ["Extraction", "extract_fields"]
