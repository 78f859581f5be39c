"""Benchmark: seconds per scanned page, on the dev corpus's scans and the test fixtures' scans.

    .venv/bin/python bench/bench_ocr.py [CORPUS_DIR] [--serial]

For every scan (manifest format "scan", plus tests/fixtures/*scan*.pdf|png|jpg) it times ``read_document``
(render, clean-up, table and tick-box finding, Tesseract, layout) and prints seconds per page two ways:
``wall/page`` — the file's wall time over its pages, with the pages spread over the worker processes (2
here), which is what a batch pays; and ``page`` — one page alone in one process (``--serial`` skips the
pool), which is what one page costs on one core. Ends with the medians. Not a test: timings go here only.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.readers import read_document  # noqa: E402
from pipeline.readers.ocr.pages import _job, page_timeout  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"
FIXTURES = ROOT / "tests" / "fixtures"


def scans(corpus: Path) -> list[Path]:
    files: list[Path] = []
    manifest = corpus / "manifest.json"
    if manifest.is_file():
        entries = json.loads(manifest.read_text(encoding="utf-8"))["files"]
        files += [corpus / e["file"] for e in entries if e["format"] == "scan"]
    files += sorted(p for p in FIXTURES.glob("*scan*") if p.suffix in (".pdf", ".png", ".jpg"))
    return files


def page_times(path: Path, pages: int) -> list[float]:
    """Each page read alone, in this process (one core)."""
    kind = "pdf" if path.suffix == ".pdf" else "image"
    out = []
    for index in range(pages):
        start = time.perf_counter()
        _job((kind, str(path), index, page_timeout()))
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--serial", action="store_true", help="only the one-page-at-a-time figure")
    args = parser.parse_args()
    wall_per_page: list[float] = []
    single: list[float] = []
    print(f"{'file':40} {'pages':>5} {'wall/page s':>12} {'page s (1 core)':>16}")
    for path in scans(args.corpus):
        pages = read_document(path).pages or 1 if args.serial else 0
        wall = float("nan")
        if not args.serial:
            start = time.perf_counter()
            document = read_document(path)
            pages = document.pages or 1
            wall = (time.perf_counter() - start) / pages
            wall_per_page.append(wall)
        times = page_times(path, pages)
        single += times
        print(f"{path.name:40} {pages:5d} {wall:12.2f} {statistics.median(times):16.2f}")
    if wall_per_page:
        print(f"median wall time per page, {len(wall_per_page)} files (pages in parallel): "
              f"{statistics.median(wall_per_page):.2f} s")
    print(f"median time of one page on one core, {len(single)} pages: {statistics.median(single):.2f} s")


if __name__ == "__main__":
    main()
