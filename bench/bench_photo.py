"""Benchmark: one phone-photo page on one core (issue 12: at most 3 s), step by step.

    .venv/bin/python bench/bench_photo.py [PHOTO ...]   (default: tests/fixtures/photo_*.jpg)

Each photo is read as one page in this process (no worker pool): load with EXIF orientation, page finding
and perspective, the axis of the text lines, then the scan reader's clean-up, tables and Tesseract
(read again upside down only when the reading is not clearly of upright text). Prints per step the
CPU seconds (this process plus any Tesseract children it waited for: what one core pays), of which
Tesseract's (read in this process by libtesseract, `readers/ocr/engine.py`, or by the command), and the
wall seconds. The first photo is read twice first: what the first reading costs
more is the one-off loading of a reader process (imports, dictionaries), printed apart and left out of
the per-page figures so that the first photo is not charged with it. On a shared machine CPU seconds
still grow with the load (cores shared with other work run slower): compare runs made side by side.
Not a test: timings go here only.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its waited-for children (Tesseract)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def bench(path: Path, quiet: bool = False) -> tuple[float, bool]:
    """One photo read as one page: (total CPU seconds, whether it is a photographed page)."""
    from pipeline.readers.ocr import engine
    from pipeline.readers.ocr.frames import open_grey
    from pipeline.readers.ocr.orientation import level_page, read_upright
    from pipeline.readers.ocr.pages import page_timeout, read_page_image
    from pipeline.readers.ocr.photo import looks_like_photo, prepare_photo, work_copy

    steps: list[tuple[str, float, float, float]] = []
    (own0, kid0), w0 = cpu(), time.perf_counter()
    in_process = [0.0]  # CPU seconds of Tesseract read in this process
    read_words = engine.read_words

    def timed(*args: Any, **kwargs: Any) -> Any:  # Tesseract in this process is no child: timed here
        started = time.process_time()
        try:
            return read_words(*args, **kwargs)
        finally:
            in_process[0] += time.process_time() - started

    engine.read_words = timed

    def mark(name: str) -> None:
        nonlocal own0, kid0, w0
        (own1, kid1), w1 = cpu(), time.perf_counter()
        steps.append((name, own1 - own0 + kid1 - kid0, kid1 - kid0 + in_process[0], w1 - w0))
        own0, kid0, w0 = own1, kid1, w1
        in_process[0] = 0.0

    grey, _ = open_grey(path, 0)
    mark("load")
    small = work_copy(grey)
    photo = looks_like_photo(grey, small)
    page = prepare_photo(grey, str(path), small).grey if photo else grey
    mark("page")
    page, turned, ink = level_page(page)
    mark("level")
    blocks, turn = read_upright(page, lambda image, flat=None: read_page_image(image, 300.0, 1, page_timeout(), flat=flat),
                                turned, probe=photo, ink=ink)
    turn = (turn + 90 * turned) % 360
    mark("read")
    engine.read_words = read_words
    total_cpu = sum(s[1] for s in steps)
    if not quiet:
        detail = "  ".join(f"{name} {c:.2f}/{w:.2f}" + (f" (tesseract {t:.2f})" if t else "")
                           for name, c, t, w in steps)
        print(f"{path.name}: photo={photo} turn={turn} blocks={len(blocks)}  cpu/wall s: {detail}  "
              f"total cpu {total_cpu:.2f} s", flush=True)
    return total_cpu, photo


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or sorted((ROOT / "tests" / "fixtures").glob("photo_*.jpg"))
    first, _ = bench(paths[0], quiet=True)
    again, _ = bench(paths[0], quiet=True)
    print(f"one-off loading of a reader process (first reading of {paths[0].name} less its second): "
          f"{first - again:.2f} s cpu")
    # crops of a page (the Gantt fixtures) are read too but are no photographed page: not in the median
    times = sorted(total for total, photo in map(bench, paths) if photo)
    print(f"median cpu per photo page: {statistics.median(times):.2f} s over {len(times)} whole page(s)")


if __name__ == "__main__":
    main()
