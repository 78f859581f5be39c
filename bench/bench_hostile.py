"""Benchmark: the worst files we can make, each read under the ingest's guards: time and peak memory per file.

    .venv/bin/python bench/bench_hostile.py [--out FOLDER]

Every bad input of the tests (tests/test_guard.py ``bad_inputs``), plus a 20-page scan of noise (the most OCR a
file may ask for), an .odt with a linked image (LibreOffice conversion) and a well-formed 1 GB zip bomb past the
size checks (the memory cap stops it). Each file is read in a fresh fork, so the peak resident memory reported is
that file's reader and what it started (tesseract, soffice), not the bench's. Not a test: figures go here only.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def noisy_scan(path: Path, pages: int) -> Path:
    """A PDF of ``pages`` A4 pages at 150 dpi, each an image of random black and white dots (no text layer)."""
    from PIL import Image

    images = [Image.frombytes("1", (1240, 1754), os.urandom(1240 * 1754 // 8)) for _ in range(pages)]
    images[0].save(path, save_all=True, append_images=images[1:], resolution=150)
    return path


def measure(path: Path, limits) -> tuple[float, float, str]:
    """(seconds, peak MB of the reader and its children, outcome) of one file, read in a fresh fork."""
    read, write = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        from pipeline.ingest.sandbox import guarded_extract

        try:
            outcome = f"read: {guarded_extract(path, limits, where=path.name).kind}"
        except Exception as err:  # noqa: BLE001 - the outcome is what we report
            outcome = f"{type(err).__name__}"
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        os.write(write, f"{peak}|{outcome}".encode())
        os._exit(0)
    os.close(write)
    data = b""
    while chunk := os.read(read, 4096):
        data += chunk
    os.waitpid(pid, 0)
    peak, outcome = data.decode().split("|", 1)
    return time.monotonic() - started, float(peak), outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="where to make the files (default: a temporary folder)")
    args = parser.parse_args()
    from hostile_files import linked_image_docx
    from test_guard import bad_inputs, zip_bomb_docx

    from pipeline import office
    from pipeline.ingest.limits import Limits
    from pipeline.ingest.sandbox import warm_up

    folder = args.out or Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    folder.mkdir(parents=True, exist_ok=True)
    files = {case: path for case, (path, _) in bad_inputs(folder / "bad").items()}
    files["20-page noise scan (at the OCR cap)"] = noisy_scan(folder / "noise20.pdf", 20)
    files["21-page noise scan (over the cap)"] = noisy_scan(folder / "noise21.pdf", 21)
    linked = linked_image_docx(folder / "linked.docx", "http://127.0.0.1:9/x.png")
    with office._profile() as profile:
        office._run_soffice(["--convert-to", "odt", "--outdir", str(folder), str(linked)], profile, 120, "odt", "x")
    files["odt with a linked image (LibreOffice)"] = folder / "linked.odt"
    files["zip bomb past the size checks (memory cap)"] = zip_bomb_docx(folder / "bomb-past.docx")
    limits = Limits.from_env()
    warm_up()
    print(f"{'file':48} {'seconds':>8} {'peak MB':>8}  outcome")
    worst_time = worst_memory = (0.0, "")
    for case, path in files.items():
        use = limits
        if case.startswith("zip bomb past"):
            use = Limits.from_env(max_unpacked_mb=100_000, max_compression_ratio=1e9)
        seconds, peak, outcome = measure(path, use)
        print(f"{case[:48]:48} {seconds:8.1f} {peak:8.0f}  {outcome}", flush=True)
        worst_time = max(worst_time, (seconds, case))
        worst_memory = max(worst_memory, (peak, case))
    print(f"longest: {worst_time[0]:.1f} s ({worst_time[1]}); largest: {worst_memory[0]:.0f} MB ({worst_memory[1]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
