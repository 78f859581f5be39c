"""Random round trip: valid records of every kind (Hypothesis), generated as DOCX and PDF, read back exactly.

Exactly means as ``../shared/tools/evaluate.py`` scores a returned file: its own normalisation and comparison
(imported from there), every field right. A fixed-seed DOCX slice runs in the fast suite; the slow one adds
PDFs, converted in one LibreOffice batch per drawn set of records.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from pipeline.extractors.record import extract
from pipeline.generate.render import render_docx
from tests.record_strategies import FIELDS, records
from tests.shared_paths import load_evaluator

KINDS = list(FIELDS)
_counter = itertools.count()


def wrong_fields(evaluate, record, path: Path) -> list[str]:
    """The fields evaluate.py would count wrong for ``path`` read back against ``record``."""
    got = extract(path).to_json()
    kind_ok, results = evaluate.compare({"kind": record.kind, "fields": record.to_json()["fields"]}, got)
    out = [] if kind_ok else [f"{path.name}: read as {got.get('kind')}"]
    return out + [f"{path.name} {r['path']}: expected {r['expected']!r}, got {r['got']!r}"
                  for r in results if not r["correct"]]


def _write(batch, folder: Path) -> list[Path]:
    paths = []
    for record in batch:
        path = folder / f"{record.kind}-{next(_counter)}.docx"
        render_docx(record, path)
        paths.append(path)
    return paths


FAST = settings(max_examples=2, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("kind", KINDS)
def test_random_records_round_trip_through_docx(kind, tmp_path):
    evaluate = load_evaluator()

    @FAST
    @given(record=records(kind))
    def check(record):
        [path] = _write([record], tmp_path)
        assert not (wrong := wrong_fields(evaluate, record, path)), "\n".join(wrong)

    check()


BATCH = 8  # records of each kind in the one drawn set: 56 records, their PDFs made by one soffice batch


@pytest.mark.slow
@seed(13)
@settings(max_examples=1, deadline=None, database=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
@given(batch=st.tuples(*[st.lists(records(k), min_size=BATCH, max_size=BATCH) for k in KINDS]))
def test_random_records_round_trip_through_docx_and_pdf(batch, tmp_path_factory):
    """Every kind, DOCX and PDF. Not shrunk: a shrink step would convert the whole set again; the failure
    names the file and field, and the files stay in pytest's temporary folder."""
    from pipeline.office import convert_to_pdf

    evaluate = load_evaluator()
    flat = [r for group in batch for r in group]
    docx = _write(flat, tmp_path_factory.mktemp("random"))
    pdfs = convert_to_pdf(docx, workers=2)
    wrong = []
    for record, d, p in zip(flat, docx, pdfs, strict=True):
        wrong += wrong_fields(evaluate, record, d) + wrong_fields(evaluate, record, Path(p))
    assert not wrong, "\n".join(wrong[:40])
