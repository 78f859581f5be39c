"""Benchmark: reading the corpus's text PDFs and DOCX files against bare pdfplumber / python-docx (best of N).

    .venv/bin/python bench/bench_extract.py [CORPUS_DIR] [--repeat 5]

For every text PDF (manifest format "pdf") it times ``read_pdf`` against pdfplumber's ``extract_text()`` on
every page (the budget: the reader may cost at most half of that), and for every DOCX python-docx's
``Document()`` plus every paragraph's and cell's text, against ``read_docx`` when that reader exists. When
``pipeline.extractors.record.extract`` exists, the whole extraction of each file is timed too. Prints milliseconds per
file and per page (PDF), the ratio reader / baseline, and the totals. Not a test: timings go here only.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
import pdfplumber  # noqa: E402

from pipeline.readers.pdf.reader import read_pdf  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    """The fastest of ``repeat`` runs, in milliseconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def plumber_text(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def python_docx_text(path: Path) -> None:
    document = docx.Document(str(path))
    for paragraph in document.paragraphs:
        _ = paragraph.text
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                _ = cell.text


def optional(module: str, name: str) -> Callable | None:
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    files = json.loads((args.corpus / "manifest.json").read_text())["files"]
    read_docx = optional("pipeline.readers.docx.reader", "read_docx")
    extract = optional("pipeline.extractors.record", "extract")

    def cell(value: float | None, width: int = 8) -> str:
        return f"{value:{width}.1f}" if value is not None else " " * (width - 1) + "–"

    print(f"{'file':12} {'pages':>5} {'baseline':>8} {'reader':>8} {'ratio':>6} {'extract':>8}"
          f" {'base/pg':>8} {'read/pg':>8} {'extr/pg':>8}   (ms, best of {args.repeat})")
    totals: dict[str, list[float]] = {}
    for entry in files:
        fmt, path = entry["format"], args.corpus / entry["file"]
        if fmt == "pdf":
            pages = plumber_text(path)
            baseline = best_of(args.repeat, lambda p=path: plumber_text(p))
            reader: float | None = best_of(args.repeat, lambda p=path: read_pdf(p))
        elif fmt == "docx":
            pages = 0
            baseline = best_of(args.repeat, lambda p=path: python_docx_text(p))
            reader = best_of(args.repeat, lambda p=path: read_docx(p)) if read_docx else None
        else:
            continue
        whole = best_of(args.repeat, lambda p=path: extract(p)) if extract else None
        sums = totals.setdefault(fmt, [0, 0.0, 0.0, 0.0])
        sums[0] += pages
        sums[1] += baseline
        sums[2] += reader or 0.0
        sums[3] += whole or 0.0
        per_page = [v / pages if pages and v is not None else None for v in (baseline, reader, whole)]
        ratio = f"{reader / baseline:6.2f}" if reader is not None else "     –"
        print(f"{entry['file']:12} {pages or '–':>5} {cell(baseline)} {cell(reader)} {ratio} {cell(whole)}"
              f" {cell(per_page[0])} {cell(per_page[1])} {cell(per_page[2])}")
    print()
    for fmt, (pages, baseline, reader, whole) in totals.items():
        label = "pdfplumber extract_text" if fmt == "pdf" else "python-docx text"
        line = f"{fmt:4} total: {label} {baseline:.0f} ms, reader {reader:.0f} ms (ratio {reader / baseline:.2f})"
        if pages:
            line += f"; per page {baseline / pages:.1f} vs {reader / pages:.1f} ms over {pages} pages"
        if whole:
            line += f"; whole extract {whole:.0f} ms" + (f" ({whole / pages:.1f} ms/page)" if pages else "")
        print(line)


if __name__ == "__main__":
    main()
