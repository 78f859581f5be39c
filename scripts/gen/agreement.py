"""Would a second reading tell right fields from wrong? Measures agreement-based confidence (issue 12, part 4)
offline: every page of a corpus read again a second way (the whole cleaned page, another page segmentation
and scale), and each text field's words looked for in that reading.

    .venv/bin/python -m scripts.gen.agreement ROWS.jsonl CORPUS [--psm 4] [--scale 0.75]

ROWS.jsonl comes from ``scripts.gen.confidence --rows``. Prints, for the text fields that no other warning
caught and for all text fields, how often the two readings disagree on right and on wrong fields, and the
CPU seconds the second reading cost per page.
"""

from __future__ import annotations

import argparse
import json
import resource
import zipfile
from collections import defaultdict
from pathlib import Path

import cv2

from pipeline.extractors.plausible import label_key
from pipeline.readers.ocr.frames import load_page, zip_members
from pipeline.readers.ocr.image import clean
from pipeline.readers.ocr.pages import image_frames
from pipeline.readers.ocr.tesseract import run_tesseract
from pipeline.thai import normalize

MIN_TOKEN = 2


def _pages(path: Path) -> tuple[str, int]:
    if path.suffix.lower() == ".pdf":
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(path))
        try:
            return "pdf", len(doc)
        finally:
            doc.close()
    if zipfile.is_zipfile(path):
        return "zip", len(zip_members(path))
    return "image", image_frames(path)


def second_reading(path: Path, psm: int, scale: float) -> str:
    """The whole file read again: each page cleaned as the reader does, scaled, read with ``psm``."""
    kind, count = _pages(path)
    texts = []
    for index in range(count):
        page = load_page(kind, str(path), index).page
        grey = clean(page, 300).grey
        if scale != 1:
            grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        words = run_tesseract(grey, 300 * scale, 120, psm=psm)
        texts.append("".join(w.text for w in words))
    return label_key(normalize("".join(texts)))


def disagreement(value: str, reading: str) -> list[str]:
    """The words of ``value`` (pythainlp's cut, two letters or more) that the second reading lacks."""
    from pythainlp.tokenize import word_tokenize

    tokens = [label_key(t) for t in word_tokenize(normalize(value), engine="newmm", keep_whitespace=False)]
    return [t for t in tokens if len(t) >= MIN_TOKEN and t not in reading]


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=Path)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--psm", type=int, default=4)
    parser.add_argument("--scale", type=float, default=0.75)
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.rows.read_text(encoding="utf-8").splitlines()]
    readings: dict[str, str] = {}
    pages, started = 0, _cpu()
    for name in sorted({r["file"] for r in rows if r["format"] in ("scan", "photo")}):
        readings[name] = second_reading(args.corpus / name, args.psm, args.scale)
        pages += _pages(args.corpus / name)[1]
    cost = (_cpu() - started) / max(1, pages)
    tally: dict[tuple[str, bool], list[int]] = defaultdict(lambda: [0, 0])  # (scope, right) → fields, disagreeing
    for row in rows:
        if row["file"] not in readings or not isinstance(row["got"], str) or not row["got"].strip():
            continue
        disagrees = bool(disagreement(row["got"], readings[row["file"]]))
        for scope in ("all text fields", "no other warning") if not row["warned"] else ("all text fields",):
            tally[scope, row["right"]][0] += 1
            tally[scope, row["right"]][1] += disagrees
    for (scope, right), (n, off) in sorted(tally.items()):
        print(f"{scope:18s} {'right' if right else 'wrong'}: {off}/{n} disagree ({100 * off / max(1, n):.0f} %)")
    print(f"second reading: psm {args.psm}, scale {args.scale}: {cost:.2f} s CPU a page ({pages} pages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
