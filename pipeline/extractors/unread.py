"""Bundles read by OCR: pages nothing was read from (OCR stopped at its time limit, or blank), and the form they hid."""

from __future__ import annotations

from pipeline.document import Document
from pipeline.extractors.bundle import Part
from pipeline.extractors.stream import Stream


def empty_pages(document: Document) -> frozenset[int]:
    """The pages of a scan or photos (read by OCR) that no block was read from: OCR was stopped at the page's time
    limit (the reader warns of it), or nothing on the page read as text. (A typed file's page without text is
    blank, and says nothing of a form lost.)"""
    if document.format != "scan" or not document.pages:
        return frozenset()
    read = {block.page for block in document.blocks if block.page is not None}
    return frozenset(range(1, document.pages + 1)) - read


def plans_of_unread_form3(stream: Stream, parts: list[Part], empty: frozenset[int]) -> list[tuple[Part, str]]:
    """Each form with the warning it carries (""; none): a plan on its own (not joined to a Form 3) whose page just
    before holds nothing read is Form 3's attached plan, Form 3's own pages among those not read (a plan is sent
    as Form 3's attachment; photographed page by page under load, a page's OCR may be stopped). Read as a plan it
    is a record of the wrong kind, every field of its Form 3 lost with no warning; read as Form 3 its labels
    missing say a page may be missing, and the fields it asks for are warned blank."""
    out: list[tuple[Part, str]] = []
    for n, part in enumerate(parts):
        first = stream.lines[part.first].page if part.first < len(stream.lines) else None
        gone = sorted(p for p in empty if first is not None and p < first and all(
            q in empty for q in range(p, first)))
        before = parts[n - 1].kind if n else None
        if part.kind != "plan" or not gone or before in ("form3", "plan"):
            out.append((part, ""))
            continue
        named = ", ".join(map(str, gone))
        out.append((Part("form3", part.first, part.last, part.doubts),
                    f"form3: nothing was read from page {named} just before this plan: read as Form 3 with its "
                    f"attached plan, Form 3's own pages among those not read — อ่านหน้า {named} ก่อนแผนการดำเนินการ"
                    f"ไม่ได้ จึงอ่านเป็นแบบฟอร์ม 3 พร้อมแผน โดยหน้าของแบบฟอร์ม 3 อาจอยู่ในหน้าที่อ่านไม่ได้"))
    return out
