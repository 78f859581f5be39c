"""Scan clean-up before OCR: grey, background flattened to white, speckle noise removed, page deskewed."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

MAX_SKEW_DEG = 5.0
LEADER_DOTS = 5  # a dotted leader has at least this many dots in a row
SHADE_KERNEL_IN = 3.5  # inches: the background kernel for telling shaded cells (see CleanPage.shade)
EDGE_SHARE = 0.015  # the outermost 1.5 % of each side: scanner edges and shadows, never form content
DESCREEN_SIGMA_PX = 1.2  # at 300 dpi: a dither's dots merge, a letter's strokes (4-6 px) stay
BLANK_CONTRAST = 48  # grey levels under the paper: the faintest toner of the scan generators is darker still
BLANK_INK_SHARE = 2e-5  # a form page's text covers some 2-10 % of it, its emptiest page 0.1 %; a blank sheet none
BLANK_STEP = 4  # every 4th pixel each way: a letter's strokes are 4-6 px wide, so none is missed whole
ERASE_BY_BOX = 2000  # parts: fewer are cleared box by box, more by one page-sized lookup of their labels


@dataclass
class CleanPage:
    """A page ready for OCR: ``grey`` (flattened, deskewed, 0 = ink) and ``ink`` (binary mask, 255 = ink)."""

    grey: np.ndarray
    ink: np.ndarray
    flat: np.ndarray  # the flattened, deskewed grey with nothing masked: shading and ruling lines
    skew_deg: float
    dpi: float
    # Flattened with a wider kernel, for telling shaded cells: a tall row's bar of shaded months (a step of
    # three lines over four months is 2 × 2 in) is background to the 2 in kernel and would come out white.
    shade: np.ndarray | None = None


def to_grey(image: np.ndarray) -> np.ndarray:
    """Any colour layout → 8-bit grey."""
    if image.ndim == 3:
        code = cv2.COLOR_RGBA2GRAY if image.shape[2] == 4 else cv2.COLOR_RGB2GRAY
        image = cv2.cvtColor(image, code)
    if image.dtype != np.uint8:
        image = cv2.normalize(image, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)
    return image


def is_blank(grey: np.ndarray) -> bool:
    """Whether a page holds nothing written or printed: almost no pixel clearly darker than its paper.

    Such a page is not worth the clean-up and two Tesseract readings (several seconds of CPU for nothing)."""
    sample = grey[::BLANK_STEP, ::BLANK_STEP]
    if not sample.size:
        return True
    paper = float(np.median(sample))
    return np.count_nonzero(sample < paper - BLANK_CONTRAST) < BLANK_INK_SHARE * sample.size


def descreen(grey: np.ndarray, dpi: float) -> np.ndarray:
    """A black-and-white (1-bit) scan blurred back to grey.

    Office scanners in black and white dither grey areas (a Gantt's shaded months) into dots, whose edges
    the ruling finder took for lines that cut rows and columns; blurred, the dots become the grey they
    stand for, and the letters stay sharp enough to read (docs/OCR.md).
    """
    return cv2.GaussianBlur(grey, (0, 0), DESCREEN_SIGMA_PX * dpi / 300.0)


def flatten_background(grey: np.ndarray, kernel_in: float = 2.0) -> np.ndarray:
    """Divide by the page's own blurred background so paper becomes white whatever its shade or shading."""
    small = cv2.resize(grey, None, fx=0.125, fy=0.125, interpolation=cv2.INTER_AREA)
    # Closing with a kernel of ~2 in (at 300 dpi) takes text and most shaded table cells out of the background
    # estimate: they stay dark. Paper shading and a photo's shadows vary more slowly.
    side = int(kernel_in * 300 / 8) | 1
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((side, side), np.uint8))
    background = cv2.medianBlur(background, 15)
    background = cv2.resize(background, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
    flat = cv2.divide(grey, np.maximum(background, 1), scale=255)
    return flat


def components(mask: np.ndarray, connectivity: int = 8) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """``cv2.connectedComponentsWithStats`` with 16-bit labels: the same count, labels, stats and centroids as
    32-bit ones in about a third of the time on a whole page (0.02 against 0.06 s: docs/OCR.md, twenty-first
    round); a mask of more parts than 16 bits number (OpenCV refuses it) gets 32-bit labels."""
    try:
        return cv2.connectedComponentsWithStats(mask, connectivity=connectivity, ltype=cv2.CV_16U)
    except cv2.error:
        return cv2.connectedComponentsWithStats(mask, connectivity=connectivity)


def erase(ink: np.ndarray, labels: np.ndarray, stats: np.ndarray, chosen: np.ndarray) -> None:
    """Clear (in place) the pixels of the parts ``chosen`` (a flag per label). A page's specks and leader dots
    are a few dozen small parts: clearing each within its box spares the page-sized lookup (0.013 s)."""
    parts = np.flatnonzero(chosen)
    if len(parts) > ERASE_BY_BOX:
        ink[chosen[labels]] = 0
        return
    for i in parts.tolist():
        x, y, w, h = (int(v) for v in stats[i, :4])
        box = ink[y:y + h, x:x + w]
        box[labels[y:y + h, x:x + w] == i] = 0


def ink_mask(grey: np.ndarray, dpi: float) -> np.ndarray:
    """Binary ink (255) by Otsu's threshold, specks smaller than a full stop's crumb removed."""
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    count, labels, stats, _ = components(ink)
    min_area = max(4, int((dpi / 300.0) ** 2 * 14))  # Thai marks are ≥ ~60 px² at 300 dpi; specks ≤ ~12
    small = stats[:, cv2.CC_STAT_AREA] < min_area
    small[0] = False
    erase(ink, labels, stats, small)
    return ink


def erase_leader_dots(ink: np.ndarray, dpi: float) -> None:
    """Dotted leaders (…… after a label) taken out of ``ink`` (in place): five or more dot-sized specks at one
    height, evenly spaced.

    OCR reads a row of dots as digits and letters; the form's text never has one, so they are taken out.
    Marks above and below Thai letters are dot-sized too, but they differ in size and height and do not
    stand in a level, even row of five.
    """
    count, labels, stats, centroids = components(ink)
    side = dpi / 300.0
    dot = ((stats[:, cv2.CC_STAT_WIDTH] <= 14 * side) & (stats[:, cv2.CC_STAT_HEIGHT] <= 14 * side)
           & (stats[:, cv2.CC_STAT_AREA] >= 4 * side * side))
    dot[0] = False  # the background
    dots = np.flatnonzero(dot).tolist()  # one array test, not one per letter: a page has thousands of them
    dots.sort(key=lambda i: (round(centroids[i][1] / (4 * side)), centroids[i][0]))
    rows: list[list[int]] = []
    for i in sorted(dots, key=lambda i: centroids[i][0]):
        for row in rows:
            last = row[-1]
            gap = centroids[i][0] - centroids[last][0]
            if abs(centroids[i][1] - centroids[last][1]) <= 3 * side and 6 * side <= gap <= 34 * side:
                row.append(i)
                break
        else:
            rows.append([i])
    leader = np.zeros(count, dtype=bool)
    for row in rows:
        for run in _even_runs(row, [centroids[i][0] for i in row]):
            if len(run) >= LEADER_DOTS:
                leader[run] = True
    erase(ink, labels, stats, leader)


def _even_runs(row: list[int], xs: list[float]) -> list[list[int]]:
    """The row cut where the pitch changes: typed dots stand at one pitch, Thai marks over a word do not."""
    runs = [[row[0]]]
    for n in range(1, len(row)):
        gap = xs[n] - xs[n - 1]
        if len(runs[-1]) >= 2:
            pitch = xs[n - 1] - xs[n - 2]
            if abs(gap - pitch) > 0.3 * pitch + 1:
                runs.append([])
        runs[-1].append(row[n])
    return runs


def blank_edges(ink: np.ndarray) -> None:
    """Clear a thin band on every side (in place): scanner lid shadows and page edges, never content."""
    h, w = ink.shape
    dy, dx = max(1, int(h * EDGE_SHARE)), max(1, int(w * EDGE_SHARE))
    ink[:dy, :] = 0
    ink[-dy:, :] = 0
    ink[:, :dx] = 0
    ink[:, -dx:] = 0


def estimate_skew(ink: np.ndarray) -> float:
    """The tilt in degrees that makes text lines level: the angle whose row profile is sharpest."""
    scale = 800.0 / max(ink.shape)
    small = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    h, w = small.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rotated = cv2.warpAffine(small, matrix, (w, h), flags=cv2.INTER_NEAREST)
        profile = rotated.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(profile)).sum())

    best = max(np.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + 0.01, 0.5), key=sharpness)
    fine = np.arange(best - 0.5, best + 0.51, 0.1)
    return float(max(fine, key=sharpness))


def rotate(image: np.ndarray, angle: float, fill: int) -> np.ndarray:
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=fill)


def clean(image: np.ndarray, dpi: float, flat: np.ndarray | None = None) -> CleanPage:
    """The whole clean-up: grey → flat background → ink mask (edges cleared) → deskew both → grey from ink.
    ``flat``: the grey page's ``flatten_background`` when already made (a photo's up/down probe made it)."""
    raw = to_grey(image)
    grey = flatten_background(raw) if flat is None else flat
    shade = flatten_background(raw, SHADE_KERNEL_IN)
    ink = ink_mask(grey, dpi)
    blank_edges(ink)
    angle = estimate_skew(ink)
    if abs(angle) >= 0.1:
        grey = rotate(grey, angle, 255)
        shade = rotate(shade, angle, 255)
        ink = cv2.threshold(rotate(ink, angle, 0), 127, 255, cv2.THRESH_BINARY)[1]
    erase_leader_dots(ink, dpi)
    # What Tesseract sees: the flattened grey where there is ink or next to it, clean white everywhere else.
    # Two pixels round the ink, not one: a blurred photo's tone mark over an upper vowel is lighter than
    # Otsu's threshold at its edges, and cutting it to the mask's shape lost it (docs/OCR.md).
    # (ink is 0/255, so OR-ing the grey with the inverted mask keeps the grey under it and whitens the rest:
    # the same pixels as np.where, without its 8-byte-per-pixel temporaries.)
    ocr_grey = cv2.bitwise_or(grey, cv2.bitwise_not(cv2.dilate(ink, np.ones((5, 5), np.uint8))))
    return CleanPage(ocr_grey, ink, grey, angle, dpi, shade)


__all__ = ["CleanPage", "blank_edges", "clean", "components", "descreen", "erase", "estimate_skew", "flatten_background", "ink_mask", "to_grey"]
