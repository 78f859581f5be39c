"""Benchmark (not a test): generate vs bare docxtpl per kind, and a batch of 80 agencies × every kind, DOCX + PDF.

    .venv/bin/python bench/bench_generate.py [--agencies 80] [--repeat 15] [--no-batch]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from docxtpl import DocxTemplate

from pipeline.forms import KINDS
from pipeline.generate.render import _ENV, context_for, render_docx, template_path
from pipeline.generate.stage import generate
from pipeline.records import Record
from pipeline.samples import sample_records


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def per_kind(repeat: int, tmp: Path) -> None:
    print(f"{'kind':12s} {'generate ms':>12s} {'bare docxtpl ms':>16s} {'ratio':>7s}")
    ratios = []
    for kind in KINDS:
        record = sample_records(kind)[0]
        ours = _best(lambda r=record, k=kind: render_docx(r, tmp / f"ours-{k}.docx"), repeat)
        context = context_for(record)
        path = str(template_path(kind))

        def bare(path=path, context=context, kind=kind):
            t = DocxTemplate(path)
            t.render(context, _ENV, autoescape=True)
            t.save(str(tmp / f"bare-{kind}.docx"))

        theirs = _best(bare, repeat)
        ratios.append(ours / theirs)
        print(f"{kind:12s} {ours * 1000:12.1f} {theirs * 1000:16.1f} {ours / theirs:7.2f}")
    print(f"{'max ratio':12s} {max(ratios):.2f}   (target ≤ 1.25)")


def batch(agencies: int, tmp: Path) -> None:
    base = [sample_records(kind)[0] for kind in KINDS]  # every kind once per agency
    records = []
    for i in range(agencies):
        for r in base:
            fields = dict(r.fields)
            fields["agency"] = f"{r.fields.get('agency') or 'หน่วยงาน'} {i + 1}"
            records.append(Record(kind=r.kind, fields=fields))
    t0 = time.perf_counter()
    result = generate(records, tmp / "batch", pdf=True, per_agency=True, workers=os.cpu_count())
    secs = time.perf_counter() - t0
    kinds = len({r.kind for r in records})
    print(f"batch: {agencies} agencies × {kinds} kinds = {len(result.documents)} documents, DOCX + PDF, "
          f"{os.cpu_count()} cores: {secs:.1f} s ({secs / len(result.documents) * 1000:.0f} ms/document; "
          f"target ≤ 120 s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--agencies", type=int, default=80)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--no-batch", action="store_true")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        per_kind(a.repeat, tmp)
        if not a.no_batch:
            batch(a.agencies, tmp)


if __name__ == "__main__":
    main()
