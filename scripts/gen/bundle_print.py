"""How a bundle's filled forms become one PDF: LibreOffice, Chromium (one print or per form), mixed, or phone photos."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

from scripts.gen.chromium import print_to_pdf
from scripts.gen.html import HtmlStyle, docx_body, html_page

PRODUCERS = ("libreoffice", "chromium", "mixed", "photo")
HALF_PARITY = {"tune": 0, "test": 1}


HEADER_FOOTER_SHARE = 0.3  # bundles printed with the browser's own header and footer, in both halves
RING_SHARE = 0.2  # bundles whose choices are round (a web form's radio buttons drawn as rings), in both halves


def html_style(half: str, seed: int) -> HtmlStyle:
    """A browser style of the half's style lists (HtmlStyle splits them by the parity of its seed)."""
    return HtmlStyle.draw(2 * seed + HALF_PARITY[half])


def bundle_style(half: str, seed: int) -> HtmlStyle:
    """A bundle's browser style: ``html_style``, whether the browser printed its header and footer (the print
    dialog's default), and round choices (radio buttons drawn as rings) in place of the drawn boxes; its own random
    source, so that the other choices stay as they were."""
    rng = random.Random(f"bundle-header-footer:{half}:{seed}")
    style = replace(html_style(half, seed), header_footer=rng.random() < HEADER_FOOTER_SHARE)
    return replace(style, box="svg_ring") if rng.random() < RING_SHARE else style


def chromium_bundle(docx_paths: list[Path], out: Path, style: HtmlStyle, flow: bool) -> Path:
    """The forms printed by Chromium as one web page: each from a new page, or (``flow``) one after another
    down the pages, as a web form's "print all" gives."""
    gap = "" if flow else '<div style="break-before: page"></div>'
    return print_to_pdf(html_page(gap.join(docx_body(p, style) for p in docx_paths), style), out,
                        header_footer=style.header_footer)


def chromium_each(docx_paths: list[Path], out_dir: Path, style: HtmlStyle) -> list[Path]:
    """Each form printed by Chromium on its own (to be merged with the others)."""
    return [print_to_pdf(html_page(docx_body(p, style), style), out_dir / f"{p.stem}.chromium.pdf",
                         header_footer=style.header_footer) for p in docx_paths]


def photo_bundle(pdf: Path, out: Path, half: str, seed: int) -> list[dict]:
    """Every page of ``pdf`` printed and photographed with a phone (photos.py's styles of the half), the photos
    put into one image-only PDF. Returns the photo style of each page."""
    import numpy as np

    from scripts.gen.photos import HALVES, encode, photograph, photos_pdf, random_style, render_pages

    rng = random.Random(f"bundle-photo:{half}:{seed}")
    nrng = np.random.default_rng(HALVES[half]["seed0"] + seed)
    pages = render_pages(pdf)
    styles = [random_style(HALVES[half], rng) for _ in pages]
    photos_pdf([encode(photograph(page, style, nrng), style, "jpg") for page, style in zip(pages, styles, strict=True)],
               out)
    return styles
