"""Benchmark: one phone-photo page on one core (issue 12: at most 3 s), step by step.

    .venv/bin/python bench/bench_photo.py [PHOTO ...]   (default: tests/fixtures/photo_*.jpg)

Each photo is read as one page in this process (no worker pool): load with EXIF orientation, page finding
and perspective, the axis of the text lines, then the scan reader's clean-up, tables and Tesseract
(read again upside down only when the reading is not clearly of upright text). Prints per step the
CPU seconds (this process plus the Tesseract children it waited for: what one core pays, whatever else
runs on the machine) and the wall seconds. Not a test: timings go here only.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.readers.ocr.frames import open_grey  # noqa: E402
from pipeline.readers.ocr.orientation import level_page, read_upright  # noqa: E402
from pipeline.readers.ocr.pages import page_timeout, read_page_image  # noqa: E402
from pipeline.readers.ocr.photo import looks_like_photo, prepare_photo  # noqa: E402


def cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def bench(path: Path) -> float | None:
    steps: list[tuple[str, float, float]] = []
    c0, w0 = cpu(), time.perf_counter()

    def mark(name: str) -> None:
        nonlocal c0, w0
        c1, w1 = cpu(), time.perf_counter()
        steps.append((name, c1 - c0, w1 - w0))
        c0, w0 = c1, w1

    grey, _ = open_grey(path, 0)
    mark("load")
    photo = looks_like_photo(grey)
    page = prepare_photo(grey, str(path)).grey if photo else grey
    mark("page")
    page, turned = level_page(page)
    mark("level")
    blocks, turn = read_upright(page, lambda image: read_page_image(image, 300.0, 1, page_timeout()), turned)
    turn = (turn + 90 * turned) % 360
    mark("read")
    total_cpu = sum(s[1] for s in steps)
    detail = "  ".join(f"{name} {c:.2f}/{w:.2f}" for name, c, w in steps)
    print(f"{path.name}: photo={photo} turn={turn} blocks={len(blocks)}  cpu/wall s: {detail}  "
          f"total cpu {total_cpu:.2f} s", flush=True)
    return total_cpu if photo else None


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or sorted((ROOT / "tests" / "fixtures").glob("photo_*.jpg"))
    # crops of a page (the Gantt fixtures) are read too but are no photographed page: not in the median
    times = sorted(t for p in paths if (t := bench(p)) is not None)
    print(f"median cpu per photo page: {statistics.median(times):.2f} s over {len(times)} whole page(s)")


if __name__ == "__main__":
    main()
