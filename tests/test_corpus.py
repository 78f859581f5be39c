"""The dev corpus as a test: ``extract --json`` scored by the shared evaluator, per format, against the truth."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
EVALUATOR = ROOT.parent / "shared" / "tools" / "evaluate.py"

pytestmark = pytest.mark.slow  # runs the command line once per typed file of the corpus (about 30 processes)
TYPED = ("docx", "pdf")  # the scans are test_ocr's (test_dev_corpus_scans_…): OCR'd once per suite, not twice


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict:
    if not CORPUS.is_dir() or not EVALUATOR.is_file():
        pytest.skip(f"the shared dev corpus or its evaluator is not here ({CORPUS}, {EVALUATOR})")
    folder = tmp_path_factory.mktemp("corpus")
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    typed = [f for f in manifest["files"] if f["format"] in TYPED]
    for name in {n for entry in typed for n in (entry["file"], f"{entry['doc']}.truth.json")}:
        (folder / name).symlink_to(CORPUS / name)
    (folder / "manifest.json").write_text(json.dumps({**manifest, "files": typed}), encoding="utf-8")
    out = folder / "results.json"
    command = f"{sys.executable} -m pipeline extract --json"
    run = subprocess.run([sys.executable, str(EVALUATOR), command, str(folder), "--json", str(out)], cwd=ROOT,
                         capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(out.read_text(encoding="utf-8"))


def _score(results: dict, fmt: str) -> tuple[float, float, list[str]]:
    files = [f for f in results["files"] if f["format"] == fmt]
    assert files, f"no {fmt} files in the corpus"
    fields = sum(f["n_fields"] for f in files)
    correct = sum(f["n_correct"] for f in files)
    kinds = sum(1 for f in files if f["kind_ok"]) / len(files)
    misses = [f"{f['file']} {x['path']}: expected {x['expected']!r}, got {x.get('got')!r}"
              for f in files for x in f["fields"] if not x["correct"]]
    return correct / fields, kinds, misses


def test_docx_field_accuracy_is_at_least_99_5_percent_and_every_kind_right(results):
    accuracy, kinds, misses = _score(results, "docx")
    assert kinds == 1.0
    assert accuracy >= 0.995, "\n".join(misses[:30])


def test_text_pdf_field_accuracy_is_at_least_99_percent_and_every_kind_right(results):
    accuracy, kinds, misses = _score(results, "pdf")
    assert kinds == 1.0
    assert accuracy >= 0.99, "\n".join(misses[:30])
