"""Round trip: every sample record, generated as DOCX and as PDF, extracts back to the same record."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline.extractors.record import extract
from pipeline.generate.stage import generate
from pipeline.readers.pdf.reader import page_glyphs
from pipeline.samples import sample_records
from pipeline.thai import normalize


def _canonical(value):
    """Whitespace folded, nothing dropped: a value typed on several lines reads back as one line (FORMS.md:
    line breaks become single spaces); every space the person typed between words must come back."""
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip()
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    return value


def _differences(expected: dict, got: dict, path: str = "", same=lambda e, g: e == g) -> list[str]:
    out = []
    for key in expected.keys() | got.keys():
        e, g = expected.get(key), got.get(key)
        where = f"{path}{key}"
        if isinstance(e, dict) and isinstance(g, dict):
            out += _differences(e, g, where + ".", same)
        elif isinstance(e, list) and isinstance(g, list) and len(e) == len(g) and all(isinstance(x, dict) for x in e):
            for i, (a, b) in enumerate(zip(e, g, strict=True)):
                out += _differences(a, b, f"{where}[{i}].", same)
        elif not same(e, g):
            out.append(f"{where}: expected {e!r}, got {g!r}")
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", normalize(text))


def _undrawn_break_tails(pdf: Path) -> set[str]:
    """The last characters of every PDF text line that ends without a drawn space: where a line breaks at a
    space that no longer fits on it, LibreOffice draws no space, so the file cannot say one stood there."""
    tails: set[str] = set()
    document = pdfium.PdfDocument(pdf)
    try:
        for page in document:
            glyphs = [g for g in page_glyphs(page.get_textpage()) if not g.generated]
            for at, (glyph, following) in enumerate(zip(glyphs, glyphs[1:], strict=False)):
                if not glyph.is_space and abs(glyph.baseline - following.baseline) > 0.3 * glyph.size:
                    tails.add(_squash("".join(g.text for g in glyphs[max(0, at - 8):at + 1]))[-5:])
    finally:
        document.close()
    return tails


def _same_but_undrawn_spaces(tails: set[str]):
    """Equal, but for spaces the record has where the PDF breaks a line and draws none (nothing else)."""

    def same(expected, got) -> bool:
        if expected == got:
            return True
        if not isinstance(expected, str) or not isinstance(got, str):
            return False
        i = j = 0
        while i < len(expected):
            if j < len(got) and expected[i] == got[j]:
                i, j = i + 1, j + 1
            elif expected[i] == " " and _squash(expected[:i])[-5:] in tails:
                i += 1
            else:
                return False
        return j == len(got)

    return same


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    records = sample_records()
    out = tmp_path_factory.mktemp("round-trip")
    return records, generate(records, out, per_agency=True)


def test_every_sample_record_round_trips_through_docx(generated):
    records, result = generated
    failures = []
    for record, doc in zip(records, result.documents, strict=True):
        got = extract(doc.docx)
        assert got.kind == record.kind, f"{doc.docx}: read as {got.kind}"
        failures += [f"{doc.docx.parent.name}/{doc.docx.name} {d}" for d in
                     _differences(_canonical(record.fields), _canonical(got.fields))]
    assert not failures, "\n".join(failures[:20])


@pytest.mark.slow
def test_every_sample_record_round_trips_through_pdf(generated):
    """Exact, spaces included: a Thai line wrapped inside the text joins up without a space, a typed space
    stays. The one thing a PDF cannot give back is a space LibreOffice did not draw because the line broke
    at it with no room left for it; only such spaces may be missing."""
    from pipeline.office import convert_to_pdf

    records, result = generated
    pdfs = convert_to_pdf([d.docx for d in result.documents], workers=2)  # each beside its DOCX
    failures = []
    for record, pdf in zip(records, pdfs, strict=True):
        got = extract(Path(pdf))
        assert got.kind == record.kind, f"{pdf}: read as {got.kind}"
        same = _same_but_undrawn_spaces(_undrawn_break_tails(Path(pdf)))
        failures += [f"{record.fields.get('agency')}/{pdf.name} {d}" for d in
                     _differences(_canonical(record.fields), _canonical(got.fields), same=same)]
    assert not failures, "\n".join(failures[:30])
