"""The dev corpus as a test: each typed file read as ``extract --json`` prints it, scored by the shared evaluator."""

from __future__ import annotations

import json

import pytest

from pipeline.extractors.record import extract_all, first_form
from tests.shared_paths import CORPUS, load_evaluator

pytestmark = pytest.mark.slow  # reads the corpus's 30-odd typed files
TYPED = ("docx", "pdf")  # the scans are test_ocr's (test_dev_corpus_scans_…): OCR'd once per suite, not twice


@pytest.fixture(scope="module")
def results() -> list[dict]:
    """One entry per typed file: its format, fields right, fields, kind right, the wrong fields.

    The files are read in this process, not by one ``python -m pipeline extract`` each: the 30 process starts
    (imports, the Thai dictionary) cost more than the reading. The record is the one ``extract --json`` prints
    (the first form, ``to_json`` through a JSON round trip); ``test_ocr``'s dev scans test runs the evaluator's
    own command line, so that path stays covered."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared dev corpus is not here ({CORPUS})")
    evaluator = load_evaluator()
    out = []
    for item in evaluator.list_corpus(str(CORPUS)):
        if item["format"] not in TYPED:
            continue
        got = json.loads(json.dumps(first_form(extract_all(item["file"])).to_json(), ensure_ascii=False))
        kind_ok, fields = evaluator.compare(item["truth"], got)
        out.append({"file": item["name"], "format": item["format"], "kind_ok": kind_ok, "n_fields": len(fields),
                    "n_correct": sum(1 for f in fields if f["correct"]),
                    "misses": [f"{item['name']} {f['path']}: expected {f['expected']!r}, got {f.get('got')!r}"
                               for f in fields if not f["correct"]]})
    return out


def _score(results: list[dict], fmt: str) -> tuple[float, float, list[str]]:
    files = [f for f in results if f["format"] == fmt]
    assert files, f"no {fmt} files in the corpus"
    accuracy = sum(f["n_correct"] for f in files) / sum(f["n_fields"] for f in files)
    kinds = sum(1 for f in files if f["kind_ok"]) / len(files)
    return accuracy, kinds, [miss for f in files for miss in f["misses"]]


def test_docx_field_accuracy_is_at_least_99_5_percent_and_every_kind_right(results):
    accuracy, kinds, misses = _score(results, "docx")
    assert kinds == 1.0
    assert accuracy >= 0.995, "\n".join(misses[:30])


def test_text_pdf_field_accuracy_is_at_least_99_percent_and_every_kind_right(results):
    accuracy, kinds, misses = _score(results, "pdf")
    assert kinds == 1.0
    assert accuracy >= 0.99, "\n".join(misses[:30])
