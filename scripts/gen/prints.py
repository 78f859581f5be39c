"""Generated forms as their printers leave them (text PDFs), with their truth, split into a tuning and a testing half.

    .venv/bin/python -m scripts.gen.prints OUT --half tune|test [--count N] [--kinds form1,form2,...]

The PDFs the photo and scan generators photograph or scan (``printing.print_style``: LibreOffice or a browser's
page, Arabic or Thai digits, labels above values, thin Gantt bars), kept as they are: what an agency sends when it
prints a web form or its Word file to PDF. The halves differ in their seeds (contents) and in the browser styles
(``html.py``'s split), as the photos' do.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from pipeline.records import Record
from scripts.gen.photos import run_halves
from scripts.gen.printing import make_printed_set

HALVES = {"tune": {"seed0": 2000}, "test": {"seed0": 6000}}


def make(out: Path, half_name: str, count: int, kinds: list[str], first: int = 0) -> list[dict]:
    def document(seed: int, kind: str, record: Record, rng: random.Random, pdf: Path, printed: dict) -> dict:
        stem = f"print-{half_name}{seed}-{kind}"
        shutil.copy(pdf, out / f"{stem}.pdf")
        print(stem, printed["printer"], "thai digits" if printed["thai_digits"] else "", flush=True)
        return {"file": f"{stem}.pdf", "doc": stem, "format": "pdf", "kind": kind, "print": printed,
                "producer": printed["printer"]}

    return make_printed_set(out, "prints", HALVES[half_name], half_name, count, kinds, document, first)


def main(argv: list[str] | None = None) -> int:
    return run_halves(make, __doc__.splitlines()[0], HALVES, argv)


if __name__ == "__main__":
    raise SystemExit(main())
