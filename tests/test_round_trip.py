"""Round trip: every sample record, generated as DOCX and as PDF, extracts back to the same record."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.generate import generate
from pipeline.samples import sample_records


def _canonical(value, spaces: str = " "):
    """Whitespace folded: a value typed on several lines reads back as one line (FORMS.md: wrapping collapsed).

    ``spaces=""`` drops whitespace altogether, as shared/tools/evaluate.py does: a PDF wraps Thai lines inside
    words and its text layer does not say whether a space stood at the break.
    """
    if isinstance(value, str):
        return re.sub(r"\s+", spaces, value).strip()
    if isinstance(value, list):
        return [_canonical(v, spaces) for v in value]
    if isinstance(value, dict):
        return {k: _canonical(v, spaces) for k, v in value.items()}
    return value


def _differences(expected: dict, got: dict, path: str = "") -> list[str]:
    out = []
    for key in expected.keys() | got.keys():
        e, g = expected.get(key), got.get(key)
        where = f"{path}{key}"
        if isinstance(e, dict) and isinstance(g, dict):
            out += _differences(e, g, where + ".")
        elif isinstance(e, list) and isinstance(g, list) and len(e) == len(g) and all(isinstance(x, dict) for x in e):
            for i, (a, b) in enumerate(zip(e, g, strict=True)):
                out += _differences(a, b, f"{where}[{i}].")
        elif e != g:
            out.append(f"{where}: expected {e!r}, got {g!r}")
    return out


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
@pytest.mark.xfail(reason="open (issue 3): the PDF of the PR office's Form 3 loses plan.policy on its landscape "
                          "plan page; fix in the extractor, then drop this mark", strict=False)
def test_every_sample_record_round_trips_through_pdf(generated):
    from pipeline.office import convert_to_pdf

    records, result = generated
    pdfs = convert_to_pdf([d.docx for d in result.documents], workers=2)  # each beside its DOCX
    failures = []
    for record, pdf in zip(records, pdfs, strict=True):
        got = extract(Path(pdf))
        assert got.kind == record.kind, f"{pdf}: read as {got.kind}"
        failures += [f"{record.fields.get('agency')}/{pdf.name} {d}" for d in
                     _differences(_canonical(record.fields, ""), _canonical(got.fields, ""))]
    assert not failures, "\n".join(failures[:30])
