"""Simulated flatbed scans of generated forms, with their truth, split into a tuning half and a testing half.

    .venv/bin/python -m scripts.gen.scans OUT --half tune|test [--count N] [--kinds form1,form2,...]

Each document is a random record of one kind (``photos.random_record``: fields mixed from the embedded samples),
printed to PDF (``printing.print_style``: by LibreOffice or from a browser, in Arabic or Thai digits), and scanned: rendered at the scanner's resolution, laid
a little askew, paper tint, toner weaker or heavier, blur, noise, specks, sometimes thresholded to black and
white (dithered) as office scanners do, JPEG-compressed, and saved as an image-only PDF (or a multi-page TIFF). The
halves differ in their seeds (contents) and in disjoint style choices (resolutions, tints, colour modes,
containers, edge shadows), so the testing half holds styles never seen while tuning.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import cv2
import numpy as np

from pipeline.records import Record
from scripts.gen.photos import render_pages, run_halves
from scripts.gen.printing import make_printed_set

HALVES = {
    "tune": {"seed0": 3000, "dpi": (300, 200), "tint": ("white", "grey"), "mode": ("grey", "bw"),
             "edge": ("none",), "container": ("pdf", "pdf", "tiff"), "skew": (0.2, 1.2)},
    "test": {"seed0": 7000, "dpi": (240, 250), "tint": ("cream", "recycled"), "mode": ("grey", "colour_jpeg", "bw"),
             "edge": ("none", "lid_shadow"), "container": ("pdf",), "skew": (0.1, 1.8)},
}
TINTS = {"white": (250, 250, 250), "grey": (232, 232, 230), "cream": (238, 236, 222), "recycled": (226, 224, 214)}


def random_style(half: dict, rng: random.Random) -> dict:
    low, high = half["skew"]
    return {"dpi": rng.choice(half["dpi"]), "tint": rng.choice(half["tint"]), "mode": rng.choice(half["mode"]),
            "edge": rng.choice(half["edge"]), "skew_deg": round(rng.choice((-1, 1)) * rng.uniform(low, high), 2),
            "toner": round(rng.uniform(0.75, 1.15), 2), "blur": round(rng.uniform(0.0, 0.9), 2),
            "noise": round(rng.uniform(2, 9), 1), "specks": rng.randint(0, 120), "jpeg_quality": rng.randint(55, 90)}


def scan(page: np.ndarray, style: dict, rng: np.random.Generator) -> np.ndarray:
    """One rendered 300 dpi page (RGB) as the scanner gives it back (RGB or grey, at the style's dpi)."""
    img = page.astype(np.float32)
    img = 255 - (255 - img) * style["toner"]  # weaker or heavier toner
    img = img / 255.0 * np.array(TINTS[style["tint"]], np.float32)  # paper colour
    h, w = img.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), style["skew_deg"], 1.0)
    img = cv2.warpAffine(img, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=TINTS[style["tint"]])
    if style["blur"] > 0.05:
        img = cv2.GaussianBlur(img, (0, 0), style["blur"])
    scale = style["dpi"] / 300.0
    img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    img += rng.normal(0, style["noise"], img.shape).astype(np.float32)
    h, w = img.shape[:2]
    for _ in range(style["specks"]):  # dust on the glass
        y, x = int(rng.integers(0, h)), int(rng.integers(0, w))
        cv2.circle(img, (x, y), 1, (40, 40, 40), -1)
    if style["edge"] == "lid_shadow":  # the lid not quite closed: a dark band along one long edge
        band = int(w * 0.012)
        img[:, :band] *= np.linspace(0.25, 1.0, band, dtype=np.float32)[None, :, None]
    img = np.clip(img, 0, 255).astype(np.uint8)
    if style["mode"] == "colour_jpeg":
        return img
    grey = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    if style["mode"] == "bw":  # the scanner sets its white point on the paper first, then dithers (in save)
        white = float(np.mean(TINTS[style["tint"]])) - 2.5 * style["noise"]
        grey = np.clip(grey.astype(np.float32) * (255.0 / white), 0, 255).astype(np.uint8)
    return grey


def save(pages: list[np.ndarray], styles: list[dict], container: str, out: Path) -> None:
    """An image-only PDF (JPEG pages; black-and-white pages as 1-bit) or a multi-page TIFF.

    Black and white is dithered (Floyd-Steinberg, Pillow's default), as a scanner's text-and-photo mode
    does: a plain threshold would wipe out the Gantt's pale shading, which no reader, nor a person, could
    then see."""
    from PIL import Image

    images = []
    for page, style in zip(pages, styles, strict=True):
        image = Image.fromarray(page)
        if style["mode"] == "bw":
            image = image.convert("1")
        elif container == "pdf":  # a scanner's PDF holds JPEGs
            buf = io.BytesIO()
            image.save(buf, format="JPEG", quality=style["jpeg_quality"])
            image = Image.open(io.BytesIO(buf.getvalue()))
        images.append(image)
    dpi = float(styles[0]["dpi"])
    if container == "tiff":
        images[0].save(out, format="TIFF", save_all=True, append_images=images[1:], dpi=(dpi, dpi),
                       compression="tiff_lzw")
    else:
        images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)


def make(out: Path, half_name: str, count: int, kinds: list[str], first: int = 0) -> list[dict]:
    half = HALVES[half_name]

    def document(seed: int, kind: str, record: Record, rng: random.Random, pdf: Path, printed: dict) -> dict:
        rendered = render_pages(pdf)
        styles = [random_style(half, rng)]
        styles += [{**styles[0], "skew_deg": round(rng.uniform(-1, 1) * half["skew"][1], 2)} for _ in rendered[1:]]
        nrng = np.random.default_rng(seed)
        container = rng.choice(half["container"])
        stem = f"scan-{half_name}{seed}-{kind}"
        name = f"{stem}.{'tif' if container == 'tiff' else 'pdf'}"
        save([scan(p, s, nrng) for p, s in zip(rendered, styles, strict=True)], styles, container, out / name)
        print(name, kind, len(rendered), styles[0]["mode"], styles[0]["dpi"], flush=True)
        return {"file": name, "doc": stem, "format": "scan", "kind": kind, "container": container,
                "pages": len(rendered), "scan": styles, "print": printed}

    return make_printed_set(out, "scans", half, half_name, count, kinds, document, first)


def main(argv: list[str] | None = None) -> int:
    return run_halves(make, __doc__.splitlines()[0], HALVES, argv)


if __name__ == "__main__":
    raise SystemExit(main())
