"""Field extractors: format-neutral rules that read a Document (DOCX, PDF or OCR) into a kind's fields."""

from __future__ import annotations

from pipeline.document import Document
from pipeline.errors import UnknownDocumentError
from pipeline.extractors.bundle import Part, arrange, joined, missing_pages, split_forms
from pipeline.extractors.classify import classify
from pipeline.extractors.fields import Extraction
from pipeline.extractors.gaps import gap_warnings, unlabelled_fields
from pipeline.extractors.kinds import read_kind
from pipeline.extractors.orphans import typed_pages
from pipeline.extractors.stream import Stream, build_stream
from pipeline.extractors.unread import empty_pages, plans_of_unread_form3


def extract_forms(document: Document, kind: str | None = None) -> list[Extraction]:
    """Every form of a document in file order, each classified (unless a kind is given: then the whole
    document is one form of it) and read, with the pages or blocks it came from.

    A form's title starting a line starts a new form (three Form 1 ideas, the whole package in one file);
    Form 3's attached plan stays with it. A form whose printed labels are missing or out of page order
    carries a warning.
    """
    stream = build_stream(document)
    where = document.source or None
    if kind is not None:
        return [_read(kind, stream)]
    empty = empty_pages(document)
    parts = split_forms(stream, typed_pages(document), empty)
    if len(parts) > 1 and parts[0].kind is None:  # text before the first title: the first form's page, shuffled,
        try:                                       # or a form whose title is lost
            lead = classify(stream.slice(parts[0].first, parts[0].last), where=where)
        except UnknownDocumentError:
            lead = None
        if lead is None or lead == parts[1].kind:
            parts = [Part(parts[1].kind, 0, parts[1].last, parts[1].doubts), *parts[2:]]
        else:  # a Form 3 whose title was lost keeps its attached plan, as one whose title was read does
            parts[0].kind = lead
            parts = joined(stream, parts)
    if len(parts) == 1:
        parts[0].kind = classify(stream, where=where)
    placed = plans_of_unread_form3(stream, parts, empty)
    out: list[Extraction] = []
    for (_, note), arranged in zip(placed, arrange(stream, [part for part, _ in placed]), strict=True):
        lines = arranged.lines
        in_order = lines == list(range(lines[0], lines[-1] + 1)) if lines else True
        piece = stream.slice(lines[0], lines[-1] + 1) if in_order and lines else stream.pick(lines)
        found = _read(arranged.kind or "", piece)
        found.warnings = [note] * bool(note) + arranged.warnings + found.warnings
        out.append(found)
    return out


def _read(kind: str, stream: Stream) -> Extraction:
    found = read_kind(kind, stream)
    missing, gaps, places = missing_pages(stream, kind)
    found.warnings += missing + gap_warnings(kind, found.fields, gaps)
    found.pages_missing = bool(missing)
    found.unlabelled = unlabelled_fields(places, kind)
    found.pages = _pages(stream)
    blocks = [ln.block + 1 for ln in stream.lines if ln.block is not None]
    found.blocks = [min(blocks), max(blocks)] if blocks and not found.pages else []
    return found


def _pages(stream: Stream) -> list[int]:
    return list(dict.fromkeys(ln.page for ln in stream.lines if ln.page is not None))


__all__ = ["Extraction", "Part", "extract_forms"]
