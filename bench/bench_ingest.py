"""Benchmark: ``python -m pipeline ingest`` over 1,000 non-scanned returned files on every core (target ≤ 60 s).

    .venv/bin/python bench/bench_ingest.py [--files 1000] [--workers N] [--pdf-share 0.1] [--keep DIR]

The inbox holds real forms only: the corpus's DOCX and text PDFs, the embedded sample records rendered through
the Word templates with their project name numbered (distinct records), and the text PDFs given a valid
incremental update (a new /Info title: what any editor writes when a document's properties change) so each
copy has its own bytes; 3 % are exact copies (duplicates). The whole CLI run is timed, start-up included,
against a fresh SQLite store. Prints the mix, the summary line, total seconds and files per second.
Not a test: timings go here only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.generate.render import render_docx  # noqa: E402
from pipeline.samples import sample_records  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"


def pdf_copy(source: bytes, n: int) -> bytes:
    """The PDF with an incremental update that gives it a new /Info title: valid, and bytes of its own."""
    size = int(re.findall(rb"/Size (\d+)", source)[-1])
    root = re.findall(rb"/Root (\d+ \d+ R)", source)[-1].decode()
    previous = int(re.findall(rb"startxref\s+(\d+)", source)[-1])
    body = source if source.endswith(b"\n") else source + b"\n"
    offset = len(body)
    update = f"{size} 0 obj\n<< /Title (bench copy {n}) >>\nendobj\n".encode()
    xref = offset + len(update)
    update += (f"xref\n{size} 1\n{offset:010d} 00000 n \ntrailer\n<< /Size {size + 1} /Root {root} "
               f"/Info {size} 0 R /Prev {previous} >>\nstartxref\n{xref}\n%%EOF\n").encode()
    return body + update


def docx_variants(folder: Path, count: int) -> list[Path]:
    bases = []
    for n, record in enumerate(sample_records()):
        key = next(k for k in ("project_name", "idea_name") if record.fields.get(k))
        path = render_docx(record, folder / f"base{n:02d}.docx")
        with zipfile.ZipFile(path) as package:
            parts = {info.filename: package.read(info) for info in package.infolist()}
        bases.append((parts, escape(record.fields[key])))
    out = []
    for n in range(count):
        parts, value = bases[n % len(bases)]
        xml = parts["word/document.xml"].decode("utf-8").replace(value, f"{value} ชุดที่ {n}", 1)
        target = folder / "inbox" / f"แบบฟอร์ม {n:04d}.docx"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in parts.items():
                package.writestr(name, xml.encode("utf-8") if name == "word/document.xml" else data)
        out.append(target)
    return out


def build_inbox(folder: Path, total: int, pdf_share: float) -> dict[str, int]:
    inbox = folder / "inbox"
    inbox.mkdir(parents=True)
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))["files"]
    corpus_docx = [CORPUS / e["file"] for e in manifest if e["format"] == "docx"]
    corpus_pdf = [CORPUS / e["file"] for e in manifest if e["format"] == "pdf"]
    duplicates = int(total * 0.03)
    pdfs = int(total * pdf_share)
    for path in corpus_docx:
        shutil.copy(path, inbox / path.name)
    for n in range(pdfs):
        source = corpus_pdf[n % len(corpus_pdf)]
        (inbox / f"{source.stem} copy {n:04d}.pdf").write_bytes(pdf_copy(source.read_bytes(), n))
    rendered = docx_variants(folder, total - duplicates - pdfs - len(corpus_docx))
    for n in range(duplicates):
        shutil.copy(rendered[n * 7 % len(rendered)], inbox / f"ส่งซ้ำ {n:03d}.docx")
    return {"corpus DOCX": len(corpus_docx), "text PDF (corpus, own bytes)": pdfs, "rendered DOCX": len(rendered),
            "exact duplicates": duplicates}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--pdf-share", type=float, default=0.1, help="share of text PDFs (default 0.1)")
    parser.add_argument("--keep", type=Path, help="build the inbox here and keep it (default: a temp folder)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    try:
        started = time.perf_counter()
        mix = build_inbox(folder, args.files, args.pdf_share)
        print(f"inbox of {args.files} files built in {time.perf_counter() - started:.1f} s: "
              + ", ".join(f"{k} {v}" for k, v in mix.items()))
        env = {**os.environ, "PIPELINE_DB": f"sqlite:///{folder / 'bench.sqlite'}"}
        started, cpu_before = time.perf_counter(), _children_cpu()
        done = subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--inbox", str(folder / "inbox"),
                               "--workers", str(args.workers)], cwd=ROOT, env=env, capture_output=True, text=True)
        seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu_before
        print(done.stdout.strip())
        if done.returncode:
            print(done.stderr[-2000:], file=sys.stderr)
            return done.returncode
        print(f"ingest of {args.files} files on {args.workers} workers: {seconds:.1f} s, "
              f"{args.files / seconds:.1f} files/s ({1000 * seconds / args.files:.0f} ms/file; target ≤ 60 s)")
        print(f"CPU time of the run and its processes: {cpu:.1f} s ({1000 * cpu / args.files:.0f} ms/file); "
              f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
