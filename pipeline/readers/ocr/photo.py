"""Phone photos: tell a photo from a scan, find the page, undo the perspective, refuse what cannot be read."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from pipeline.errors import UnreadableFileError
from pipeline.readers.ocr.percentile import one_value, percentiles

DPI = 300.0
A4_SHORT_IN, A4_LONG_IN = 8.27, 11.69
WORK_SIDE = 1000  # px: the long side of the small copy the page is looked for in
MIN_PAGE_SHARE = 0.25  # a page smaller than this share of the frame is not taken for the page
DARK_BORDER_SHARE = 0.5  # a scan's border is paper; a photo's is mostly the table under the page
NOT_PAPER = 0.85  # border pixels under this share of the paper's white are not paper (docs/OCR.md, Photo or scan)
MIN_PAGE_SIDE_PX = 800  # the page's short side in the photo: below it, Thai marks are a pixel or two
MIN_SHARPNESS = 0.22  # see ``sharpness``: OCR breaks down below it (docs/OCR.md)


class PhotoUnreadableError(UnreadableFileError):
    """A photographed page too blurred or too small for a person to read, so not for OCR either."""


@dataclass
class PhotoPage:
    """A photographed page made flat and upright-ready: grey at 300 dpi, and how it was found."""

    grey: np.ndarray
    dpi: float
    corners: np.ndarray | None  # the page's four corners in the photo (TL, TR, BR, BL), None when not found
    sharpness: float


def work_copy(grey: np.ndarray) -> tuple[np.ndarray, float]:
    """The small copy of a frame (long side ``WORK_SIDE``) that the photo is told and its page found in, and its
    scale: made once per frame and handed to both (``small=``)."""
    scale = WORK_SIDE / max(grey.shape)
    return cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), scale


def looks_like_photo(grey: np.ndarray, small: tuple[np.ndarray, float] | None = None) -> bool:
    """Whether a page image is a photo, not a flatbed scan: most of its border is darker than its paper.
    ``small``: its ``work_copy`` when already made."""
    small_grey, _ = small or work_copy(grey)
    h, w = small_grey.shape
    band = max(2, int(0.02 * min(h, w)))
    border = np.concatenate([small_grey[:band].ravel(), small_grey[-band:].ravel(), small_grey[:, :band].ravel(),
                             small_grey[:, -band:].ravel()])
    paper = float(np.percentile(small_grey[h // 4:3 * h // 4, w // 4:3 * w // 4], 90))
    return float(np.mean(border < NOT_PAPER * paper)) > DARK_BORDER_SHARE


def order_corners(points: np.ndarray) -> np.ndarray:
    """Four points as top-left, top-right, bottom-right, bottom-left."""
    points = points.reshape(4, 2).astype(np.float32)
    s, d = points.sum(axis=1), np.diff(points, axis=1).ravel()
    return np.array([points[np.argmin(s)], points[np.argmin(d)], points[np.argmax(s)], points[np.argmax(d)]],
                    np.float32)


def _quad(contour: np.ndarray) -> np.ndarray | None:
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    for share in (0.01, 0.02, 0.03, 0.05, 0.08):
        approx = cv2.approxPolyDP(hull, share * perimeter, True)
        if len(approx) == 4:
            return approx
    return None


def find_page(grey: np.ndarray, small: tuple[np.ndarray, float] | None = None) -> np.ndarray | None:
    """The page's four corners in ``grey`` (TL, TR, BR, BL), or None when no page-sized quadrilateral is seen
    (``small``: its ``work_copy`` when already made).

    The paper is the largest bright region, or the largest outline its edges (Canny) draw: each candidate
    outline is simplified to four corners, and the largest four-cornered one is taken.
    """
    small_grey, scale = small or work_copy(grey)
    blurred = cv2.GaussianBlur(small_grey, (7, 7), 0)
    h, w = small_grey.shape
    masks = []
    _, otsu = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    masks.append(otsu)
    masks.append(cv2.adaptiveThreshold(blurred, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY,
                                       (min(h, w) // 3) | 1, -5))
    edges = cv2.dilate(cv2.Canny(blurred, 30, 90), np.ones((5, 5), np.uint8))
    masks.append(edges)
    found: list[np.ndarray] = []
    for n, mask in enumerate(masks):
        closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((25, 25), np.uint8))
        if n < 2:
            closed = cv2.morphologyEx(closed, cv2.MORPH_OPEN, np.ones((9, 9), np.uint8))
        contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        if not contours:
            continue
        best = max(contours, key=cv2.contourArea)
        area = cv2.contourArea(best)
        if not MIN_PAGE_SHARE * h * w <= area <= 0.985 * h * w:
            continue
        quad = _quad(best)
        if quad is not None and cv2.contourArea(quad) >= 0.9 * area:
            found.append(quad)
    if not found:
        return None
    # A shadow across the page cuts the bright region short: the largest page-shaped outline is the page.
    return order_corners(max(found, key=cv2.contourArea)) / scale


def unwarp(grey: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """The page cut out of the photo and straightened to A4 proportions at 300 dpi (portrait or landscape)."""
    tl, tr, br, bl = corners
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    short, long_ = int(A4_SHORT_IN * DPI), int(A4_LONG_IN * DPI)
    out_w, out_h = (short, long_) if height >= width else (long_, short)
    target = np.float32([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]])
    matrix = cv2.getPerspectiveTransform(corners.astype(np.float32), target)
    return cv2.warpPerspective(grey, matrix, (out_w, out_h), flags=cv2.INTER_CUBIC, borderValue=255)


def sharpness(page: np.ndarray) -> float:
    """How sharp the page's writing is: edge strength at 150 dpi over ink contrast (0 = a smear).

    The variance of the Laplacian alone grows with how much is written and how dark the ink is; the
    strongest Laplacian responses (where letters' edges are) over the ink-to-paper contrast do not.
    """
    half = cv2.resize(page, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    light, dark = percentiles(half, [95, 1])
    contrast = light - dark
    if contrast < 20:
        return 0.0
    # The Laplacian of 8-bit grey is whole numbers within ±2,040: in 16 bits the same values as in floats.
    lap = np.abs(cv2.Laplacian(half, cv2.CV_16S, ksize=3)).view(np.uint16)
    strong = one_value(lap, 99.5)
    if strong is None:
        strong = float(np.percentile(lap.astype(np.float32), 99.5))  # as the float Laplacian interpolated
    return strong / contrast


def check_readable(page_side_px: float, sharp: float, where: str | None = None) -> None:
    """PhotoUnreadableError when the page is too small in the photo or too blurred to read."""
    if page_side_px < MIN_PAGE_SIDE_PX:
        raise PhotoUnreadableError(
            f"the photographed page is too small to read ({int(page_side_px)} pixels across, at least "
            f"{MIN_PAGE_SIDE_PX} needed): take the photo closer, with the page filling the picture",
            f"ภาพถ่ายหน้าเอกสารเล็กเกินไปจนอ่านไม่ได้ ({int(page_side_px)} พิกเซล ต้องมีอย่างน้อย "
            f"{MIN_PAGE_SIDE_PX}) กรุณาถ่ายใกล้ขึ้นให้หน้าเอกสารเต็มภาพ", where=where)
    if sharp < MIN_SHARPNESS:
        raise PhotoUnreadableError(
            f"the photo is too blurred to read (sharpness {sharp:.2f}, at least {MIN_SHARPNESS:.2f} needed): "
            "hold the phone still, let it focus, and take the photo again, or scan the page",
            f"ภาพถ่ายเบลอเกินกว่าจะอ่านได้ (ความคมชัด {sharp:.2f} ต้องไม่ต่ำกว่า {MIN_SHARPNESS:.2f}) "
            "กรุณาถือโทรศัพท์ให้นิ่ง รอให้โฟกัสชัด แล้วถ่ายใหม่ หรือสแกนเอกสารแทน", where=where)


def prepare_photo(grey: np.ndarray, where: str | None = None, small: tuple[np.ndarray, float] | None = None
                  ) -> PhotoPage:
    """A photo → the page alone, flat, at 300 dpi; PhotoUnreadableError when a person could not read it
    (``small``: its ``work_copy`` when already made)."""
    corners = find_page(grey, small)
    if corners is None:
        short_side = float(min(grey.shape))
        page = grey
        factor = DPI * A4_SHORT_IN / short_side
        page = cv2.resize(grey, None, fx=factor, fy=factor,
                          interpolation=cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA)
    else:
        tl, tr, br, bl = corners
        short_side = float(min(np.linalg.norm(tr - tl), np.linalg.norm(br - bl),
                               np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
        page = unwarp(grey, corners)
    sharp = sharpness(page)
    check_readable(short_side, sharp, where)
    return PhotoPage(page, DPI, corners, sharp)


__all__ = ["PhotoPage", "PhotoUnreadableError", "check_readable", "find_page", "looks_like_photo",
           "prepare_photo", "sharpness", "unwarp", "work_copy"]
