"""Benchmark: ``extract_all`` on a 20-page bundle PDF with a text layer (budget: 1 s), best of N.

    .venv/bin/python bench/bench_bundle.py [--repeat 5] [--pdf BUNDLE.pdf]

Without ``--pdf`` it makes the bundle first (scripts/gen/bundles.py, testing half: three Form 1, Form 2, Form 3
and its plan, Form 4, the certificate, printed by LibreOffice and merged), padded or cut to 20 pages with
further Form 1 ideas. Prints the records found, the pages, and the time per file and per page. Not a test.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extractors import extract_forms  # noqa: E402
from pipeline.extractors.record import extract_all  # noqa: E402
from pipeline.readers import read_document  # noqa: E402
from scripts.gen.bundles import make  # noqa: E402

PAGES = 20


def twenty_pages(folder: Path) -> Path:
    """A package bundle, then Form 1 bundles appended until it holds 20 pages (whole forms, cut at 20)."""
    import pypdfium2 as pdfium

    made = make(folder, "test", 1, first_seed=6, damage=False)  # seed 6: the package layout, as a PDF
    merged = pdfium.PdfDocument(folder / made[0]["file"])
    seed = 3
    while len(merged) < PAGES:
        extra = make(folder, "test", 1, first_seed=seed * 12, damage=False)  # a Form 1 ×3 bundle, as a PDF
        merged.import_pages(pdfium.PdfDocument(folder / extra[0]["file"]))
        seed += 1
    out = pdfium.PdfDocument.new()
    out.import_pages(merged, list(range(PAGES)))
    target = folder / "bundle-20.pdf"
    out.save(target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pdf", type=Path)
    args = parser.parse_args()
    path = args.pdf or twenty_pages(Path(tempfile.mkdtemp(prefix="bench-bundle-")))
    records = extract_all(path)  # warm: the vocabulary, the models, pythainlp's dictionary
    best = cpu = read = forms = float("inf")
    for _ in range(args.repeat):
        start, ticks = time.perf_counter(), time.process_time()
        records = extract_all(path)
        best, cpu = min(best, time.perf_counter() - start), min(cpu, time.process_time() - ticks)
        start = time.perf_counter()
        document = read_document(path)
        middle = time.perf_counter()
        extract_forms(document)
        read, forms = min(read, middle - start), min(forms, time.perf_counter() - middle)
    pages = sum(len(r.origin.pages) for r in records if r.origin)
    print(f"{path}: {len(records)} records ({', '.join(r.kind for r in records)}), {pages} pages with text")
    # On a shared machine the wall clock counts the other processes' turns too; the CPU time is this file's.
    print(f"extract_all: {best * 1000:.0f} ms per file, {best * 1000 / max(pages, 1):.1f} ms per page "
          f"(budget 1000 ms per 20-page file), CPU time {cpu * 1000:.0f} ms; of which reading the PDF "
          f"{read * 1000:.0f} ms, splitting and reading the forms {forms * 1000:.0f} ms; "
          f"load average {os.getloadavg()[0]:.1f}")

if __name__ == "__main__":
    main()
