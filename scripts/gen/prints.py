"""Generated forms as their printers leave them (text PDFs), with their truth, split into a tuning and a testing half.

    .venv/bin/python -m scripts.gen.prints OUT --half tune|test [--count N] [--kinds form1,form2,...]

The PDFs the photo and scan generators photograph or scan (``printing.print_style``: LibreOffice or a browser's
page, Arabic or Thai digits, labels above values, thin Gantt bars), kept as they are: what an agency sends when it
prints a web form or its Word file to PDF. The halves differ in their seeds (contents) and in the browser styles
(``html.py``'s split), as the photos' do.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from scripts.gen.photos import run_halves, write_manifest, write_truth
from scripts.gen.printing import printed_set

HALVES = {"tune": {"seed0": 2000}, "test": {"seed0": 6000}}


def make(out: Path, half_name: str, count: int, kinds: list[str]) -> list[dict]:
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="bma-prints-"))
    entries = []
    try:
        for seed, kind, record, _, pdf, printed in printed_set(HALVES[half_name], half_name, count, kinds, tmp):
            stem = f"print-{half_name}{seed}-{kind}"
            shutil.copy(pdf, out / f"{stem}.pdf")
            write_truth(out, stem, kind, record)
            entries.append({"file": f"{stem}.pdf", "doc": stem, "format": "pdf", "kind": kind, "print": printed,
                            "producer": printed["printer"]})
            print(stem, printed["printer"], "thai digits" if printed["thai_digits"] else "", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    write_manifest(out, f"prints-{half_name}", entries)
    return entries


def main(argv: list[str] | None = None) -> int:
    return run_halves(make, __doc__.splitlines()[0], HALVES, argv)


if __name__ == "__main__":
    raise SystemExit(main())
