"""Simulated phone photos of generated forms, with their truth, split into a tuning half and a testing half.

    .venv/bin/python scripts/gen/photos.py OUT --half tune|test [--count N] [--seed S]

Each document is a random record of one kind (fields mixed from the embedded samples of that kind, drawn by
the document's seed), filled into its template and printed to PDF as ``printing.print_style`` draws (by
LibreOffice, or as a web form's page from Chromium in a browser style of the half: fonts, a label's value
under it, a plan's months as a thin bar, steps indented; in Arabic or Thai digits), rendered at the camera's
200 or 300 dpi and photographed: paper on a background, perspective, a darker corner, vignette,
shadow, blur, motion blur, noise, JPEG quality, a turn of 0/90/180/270 (in the pixels, or only in the EXIF
orientation tag). A one-page form becomes a JPG (some PNG or HEIC); a longer one an image-only PDF of the
photos or a ZIP of one JPG per page. ``<stem>.truth.json`` beside each file is in ``corpus/dev``'s format,
and ``manifest.json`` lists every file with its photo parameters, each page's with the printing choices
(``printer``, ``thai_digits``, ``html`` style, ``capture_dpi``), as ``corpus/dev2/manifest.json`` does.

The halves differ in their seeds (contents) and in disjoint style choices (backgrounds, dark corners,
shadow shapes, containers; html.py's fonts, shades, indents, sizes), so the testing half holds styles never
seen while tuning.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[2]
# Run as a script, this folder stands first on the path and its html.py hides the standard library's.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from pipeline.forms import KINDS  # noqa: E402
from pipeline.records import Record  # noqa: E402
from pipeline.samples import sample_records  # noqa: E402
from scripts.gen.printing import make_printed_set  # noqa: E402

CAPTURE_DPI = (200, 300)  # both halves: a phone's capture of an A4 page (2339 × 1653 px landscape at 200)
# Disjoint style choices per half.
HALVES = {
    "tune": {"seed0": 1000, "backgrounds": ("wood", "desk_grey", "pale_desk"), "corners": ("top-left", "bottom-right"),
             "shadow": ("band",), "multi": ("pdf", "zip"), "single": ("jpg", "jpg", "png")},
    "test": {"seed0": 5000, "backgrounds": ("fabric", "dark_table", "white_cloth"), "corners": ("top-right", "bottom-left"),
             "shadow": ("hand",), "multi": ("pdf", "pdf", "zip"), "single": ("jpg", "jpg", "heic")},
}


# --------------------------------------------------------------------------- contents
# Printed once for the form and its attached plan (Form 3 and 4), or inside another field (Form 4's KPI 2 method
# prints the survey's population and count), or bound to agree (Form 3's budget: used or not, its source and amount,
# the reason none is used): mixed from different samples, the truth would not say what is printed.
PRINTED_TOGETHER = frozenset({"agency", "project_name", "innovation", "policy", "survey_population", "survey_count",
                              "plan", "kpis", "uses_budget", "budget_source", "budget_amount_baht", "no_budget_reason"})


def random_record(kind: str, rng: random.Random) -> Record:
    """A record of ``kind`` whose top-level fields each come from a randomly chosen sample of that kind."""
    pool = sample_records(kind)
    base = rng.choice(pool).model_dump(mode="json")["fields"]
    fields = dict(base)
    for key in fields:
        drawn = rng.choice(pool).model_dump(mode="json")["fields"].get(key, fields[key])  # drawn for every key:
        if key not in PRINTED_TOGETHER:  # the other keys' draws stay what they were
            fields[key] = drawn
    if kind == "certificate":
        share = rng.choice(range(50, 95, 5))
        fields["agency_share_percent"], fields["partner_share_percent"] = share, 100 - share
        people = [r.fields.get(k) for r in sample_records() for k in ("agency_rep_name", "signer_name", "reporter_name",
                                                                         "contact_name", "head_name")
                  if isinstance(r.fields.get(k), str)]
        if people:
            fields["agency_rep_name"] = rng.choice(people)
    return Record.from_data({"kind": kind, "fields": fields})


# --------------------------------------------------------------------------- photos
def render_pages(pdf: Path, dpi: int = 300) -> list[np.ndarray]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [doc[i].render(scale=dpi / 72).to_numpy()[:, :, :3].copy() for i in range(len(doc))]
    finally:
        doc.close()


def background(kind: str, h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    base = {"wood": (60, 95, 140), "desk_grey": (120, 118, 115), "fabric": (110, 70, 60),
            "dark_table": (40, 40, 45),
            # Light surfaces, nearly as bright as the paper: the page's border is then not far darker than it.
            "pale_desk": (178, 182, 186), "white_cloth": (200, 196, 190)}[kind]
    noise = cv2.GaussianBlur(rng.normal(0, 1, (h // 8 + 1, w // 8 + 1)).astype(np.float32), (0, 0), 3)
    noise = cv2.resize(noise, (w, h))
    if kind == "wood":
        noise += np.sin(np.linspace(0, 60, h))[:, None].astype(np.float32) * 0.8
    img = np.clip(np.array(base, np.float32)[None, None, :] + 18 * noise[:, :, None], 0, 255)
    return img.astype(np.uint8)


def photograph(page: np.ndarray, style: dict, rng: np.random.Generator, page_dpi: int = 300) -> np.ndarray:
    """One printed page (RGB, rendered at ``page_dpi``) → a phone photo as the style says (RGB, before turning
    and JPEG)."""
    dpi = style["dpi"]
    ph, pw = page.shape[:2]
    scale = dpi / 300.0
    if dpi != page_dpi:
        page = cv2.resize(page, (int(pw * dpi / page_dpi), int(ph * dpi / page_dpi)), interpolation=cv2.INTER_AREA)
    ph, pw = page.shape[:2]
    paper = np.array(style["paper_tint"], np.float32)
    page = (page.astype(np.float32) * paper[None, None, :] / 255.0).astype(np.uint8)
    # The frame: the page's size plus the margins the corners move to.
    h, w = ph, pw
    src = np.float32([[0, 0], [pw, 0], [pw, ph], [0, ph]])
    c = style["corners_pct"]
    dst = np.float32([[c[0] * w / 100, c[1] * h / 100], [w - c[2] * w / 100, c[3] * h / 100],
                      [w - c[4] * w / 100, h - c[5] * h / 100], [c[6] * w / 100, h - c[7] * h / 100]])
    matrix = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(page, matrix, (w, h), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), matrix, (w, h))
    bg = background(style["background"], h, w, rng)
    out = np.where(mask[:, :, None] > 127, warped, bg).astype(np.float32)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    # A darker corner: light falls off linearly towards it.
    cy, cx = {"top-left": (0, 0), "top-right": (0, w), "bottom-left": (h, 0), "bottom-right": (h, w)}[style["dark_corner"]]
    dist = 1 - np.hypot(yy - cy, xx - cx) / np.hypot(h, w)
    out *= (1 - style["darker_pct"] / 100 * dist ** 2)[:, :, None]
    # Vignette.
    r = np.hypot((yy - h / 2) / (h / 2), (xx - w / 2) / (w / 2))
    out *= (1 - style["vignette"] * r ** 2)[:, :, None]
    if style["shadow"]:
        shade = np.zeros((h, w), np.float32)
        if style["shadow_shape"] == "band":
            x0 = int(rng.uniform(0.5, 0.8) * w)
            pts = np.int32([[x0, 0], [w, 0], [w, h], [x0 + int(rng.uniform(-0.2, 0.2) * w), h]])
        else:  # a hand/phone's shadow: a blob from one edge
            x0, y0 = int(rng.uniform(0.3, 0.7) * w), int(h * rng.uniform(0.75, 0.9))
            pts = np.int32([[x0 - w // 5, h], [x0 - w // 8, y0], [x0 + w // 8, y0 - h // 20], [x0 + w // 4, h]])
        cv2.fillPoly(shade, [pts], 1.0)
        shade = cv2.GaussianBlur(shade, (0, 0), w / 60)
        out *= (1 - style["shadow_depth"] * shade)[:, :, None]
    out = np.clip(out, 0, 255).astype(np.uint8)
    if style["blur_sigma"] > 0:
        out = cv2.GaussianBlur(out, (0, 0), style["blur_sigma"] * scale)
    if style["motion_blur"]:
        n = max(3, int(round(3 * scale)) | 1)
        kernel = np.zeros((n, n), np.float32)
        kernel[n // 2, :] = 1.0 / n
        rot = cv2.getRotationMatrix2D((n / 2 - 0.5, n / 2 - 0.5), style["motion_angle"], 1)
        kernel = cv2.warpAffine(kernel, rot, (n, n))
        out = cv2.filter2D(out, -1, kernel / max(kernel.sum(), 1e-6))
    noise = rng.normal(0, style["noise"], out.shape)
    return np.clip(out.astype(np.float32) + noise, 0, 255).astype(np.uint8)


def random_style(half: dict, rng: random.Random) -> dict:
    dpi = rng.choice((200, 220, 250, 300))
    return {
        "dpi": dpi, "jpeg_quality": rng.randint(50, 85),
        "corners_pct": [round(rng.uniform(1.5, 7.0), 1) for _ in range(8)],
        "dark_corner": rng.choice(half["corners"]), "darker_pct": rng.randint(15, 45),
        "vignette": round(rng.uniform(0.0, 0.15), 2), "shadow": rng.random() < 0.35,
        "shadow_shape": rng.choice(half["shadow"]), "shadow_depth": round(rng.uniform(0.2, 0.45), 2),
        "blur_sigma": round(rng.uniform(0.4, 1.4), 2), "motion_blur": rng.random() < 0.3,
        "motion_angle": rng.uniform(0, 180), "noise": round(rng.uniform(1.5, 6.0), 1),
        "background": rng.choice(half["backgrounds"]),
        "paper_tint": [rng.randint(225, 255), rng.randint(225, 255), rng.randint(215, 250)],
        "rotated": rng.choice((0, 0, 90, 180, 270)), "exif": rng.random() < 0.3,
    }


_EXIF_FOR_TURN = {90: 6, 180: 3, 270: 8}  # the tag that tells a viewer to undo a turn counter-clockwise by n°


def encode(photo: np.ndarray, style: dict, fmt: str) -> bytes:
    """The photo turned as the style says, encoded; with ``exif`` the turn is only in the orientation tag."""
    from PIL import Image

    turn = style["rotated"]
    rotated = np.ascontiguousarray(np.rot90(photo, k=turn // 90)) if turn else photo
    img = Image.fromarray(rotated)
    exif = None
    if style["exif"] and turn:
        exif = Image.Exif()
        exif[0x0112] = _EXIF_FOR_TURN[turn]  # the pixels are turned; the tag says how to turn them back
        style["rotated_after_exif"] = 0
    else:
        style["rotated_after_exif"] = turn
    buf = io.BytesIO()
    if fmt == "heic":
        import pillow_heif

        pillow_heif.register_heif_opener()
        img.save(buf, format="HEIF", quality=style["jpeg_quality"], **({"exif": exif.tobytes()} if exif else {}))
    elif fmt == "png":
        img.save(buf, format="PNG", **({"exif": exif.tobytes()} if exif else {}))
    else:
        img.save(buf, format="JPEG", quality=style["jpeg_quality"], **({"exif": exif.tobytes()} if exif else {}))
    return buf.getvalue()


def photos_pdf(jpegs: list[bytes], out: Path) -> None:
    """An image-only PDF, one photo a page (what a phone's "scan to PDF" or a merge of photos gives)."""
    from PIL import Image, ImageOps

    images = [ImageOps.exif_transpose(Image.open(io.BytesIO(b))).convert("RGB") for b in jpegs]
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=200.0)


def make(out: Path, half_name: str, count: int, kinds: list[str], first: int = 0) -> list[dict]:
    half = HALVES[half_name]

    def document(seed: int, kind: str, record: Record, rng: random.Random, pdf: Path, printed: dict) -> dict:
        entry = _photograph_document(out, half, half_name, seed, kind, record, rng, pdf, printed)
        print(entry["file"], kind, entry["pages"], flush=True)
        return entry

    return make_printed_set(out, "photos", half, half_name, count, kinds, document, first)


def _photograph_document(out: Path, half: dict, half_name: str, seed: int, kind: str, record: Record,
                         rng: random.Random, pdf: Path, printed: dict) -> dict:
    # The camera's resolution: the page rendered at it; at 300 dpi the photo may still be taken from further away.
    capture = random.Random(f"capture:{half_name}:{seed}").choice(CAPTURE_DPI)
    pages = render_pages(pdf, capture)
    nrng = np.random.default_rng(seed)
    styles = [random_style(half, rng) for _ in pages]
    for style in styles:
        style.update(printed, capture_dpi=capture, dpi=min(style["dpi"], capture))
    container = rng.choice(half["single"]) if len(pages) == 1 else rng.choice(half["multi"])
    stem = f"{half_name}{seed}-{kind}"
    fmt = "jpg" if container in ("pdf", "zip") else container
    blobs = [encode(photograph(page, style, nrng, capture), style, fmt)
             for page, style in zip(pages, styles, strict=True)]
    if container == "pdf":
        name = f"{stem}.pdf"
        photos_pdf(blobs, out / name)
    elif container == "zip":
        import zipfile

        name = f"{stem}.zip"
        with zipfile.ZipFile(out / name, "w") as z:
            for i, blob in enumerate(blobs, 1):
                z.writestr(f"IMG_{seed}_{i:02d}.jpg", blob)
    else:
        name = f"{stem}.{container}"
        (out / name).write_bytes(blobs[0])
    return {"file": name, "doc": stem, "format": "photo", "kind": kind, "container": container,
            "pages": len(pages), "photo": styles}


def run_halves(make_set, description: str, halves: dict, argv: list[str] | None = None) -> int:
    """The command line of a generator of halves: OUT --half tune|test [--count N] [--first N] [--kinds a,b]."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("out", type=Path)
    parser.add_argument("--half", choices=sorted(halves), required=True)
    parser.add_argument("--count", type=int, default=14)
    parser.add_argument("--first", type=int, default=0,
                        help="skip the half's first N documents: fresh ones, beside those made before")
    parser.add_argument("--kinds", default=",".join(KINDS))
    args = parser.parse_args(argv)
    make_set(args.out, args.half, args.count, args.kinds.split(","), args.first)
    return 0


def main(argv: list[str] | None = None) -> int:
    return run_halves(make, __doc__.splitlines()[0], HALVES, argv)


if __name__ == "__main__":
    raise SystemExit(main())
