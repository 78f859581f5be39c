"""Text objects as drawn: an ``/ActualText`` span read once over all its objects' ink, text clipped away dropped."""

from __future__ import annotations

import ctypes

import pypdfium2.raw as pdfium_c

_ACTUAL_TEXT = b"ActualText"
EDGE = 120.0  # points: text this near the page's top or foot may be the clipped remains of a moved line
LIFT = 0.4  # font sizes above the baseline: ink starting higher holds no letter, only marks


class TextObjects:
    """Which text object first drew each ActualText span of a page, and which objects their clip hides.

    pdfium gives a span's ActualText once per text object inside it; Chromium draws a Thai cluster's tone
    mark as its own text object inside the cluster's span, so the cluster came back twice (ขึ้ขึ้น). A span
    is one marked-content item that pdfium shares between the objects of one BDC…EMC, so the item's
    identity tells a second object of one span from the next span with the same text."""

    def __init__(self, textpage, page=None) -> None:
        self._raw = textpage
        self._span_of: dict[int, int | None] = {}  # text object → its ActualText mark item (None: none)
        self._first: dict[int, int] = {}  # mark item → the first text object drawn in it
        self.extent: dict[int, list[float]] = {}  # mark item → [left, right] over all its objects
        self._largest: dict[int, tuple[float, object, tuple[float, float, float, float]]] = {}  # its biggest
        self._hidden: dict[int, bool] = {}
        self._objects: dict[int, int] = {}  # mark item → how many text objects draw it
        self.clipped: set[int] = set()  # text objects whose clip hides them
        self._walked = page is not None
        # Without the page every character is looked at; with it, only a page with a span drawn by several
        # objects or with hidden text needs the per-character look (LibreOffice's pages have neither).
        self.active = page is None
        if page is not None:
            self._walk(page)

    def _walk(self, page) -> None:
        """Every text object once: spans widened over objects pdfium lists no character for (the ำ's า), and
        objects near the page's top or foot checked against their clip."""
        height = pdfium_c.FPDF_GetPageHeightF(page)
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        for k in range(pdfium_c.FPDFPage_CountObjects(page)):
            obj = pdfium_c.FPDFPage_GetObject(page, k)
            if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_TEXT:
                continue
            if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                continue
            box = (left.value, bottom.value, right.value, top.value)
            if box[1] < EDGE or box[3] > height - EDGE:
                clip = clip_box(obj)
                if clip is not None and not _holds(clip, box):
                    self.clipped.add(ctypes.c_void_p.from_buffer(obj).value or 0)
                    self.active = True
                elif not self.active and _lifted(obj, box[1]):
                    self.active = True  # only marks drawn, their line gone to the next page: looked at per span
            if pdfium_c.FPDFPageObj_CountMarks(obj):
                span = _actual_text_mark(obj)
                if span is not None:
                    self._widen(span, obj, box)
                    self._objects[span] = self._objects.get(span, 0) + 1
                    self.active = self.active or self._objects[span] > 1

    def look(self, index: int) -> tuple[int, object]:
        """Character ``index``'s text object: (its address, the handle), (0, None) for a generated one."""
        obj = pdfium_c.FPDFText_GetTextObject(self._raw, index)
        return (ctypes.c_void_p.from_buffer(obj).value or 0, obj) if obj else (0, None)

    def hidden(self, span: int) -> bool:
        """Does the clip hide the span's biggest object (its letter, not a mark): the top of a line that the
        page break moved to the next page, drawn at this page's foot and clipped away?"""
        if span not in self._hidden:
            largest = self._largest.get(span)
            clip = clip_box(largest[1]) if largest else None
            self._hidden[span] = clip is not None and largest is not None and not _holds(clip, largest[2])
        return self._hidden[span]

    def repeats(self, key: int, obj) -> tuple[bool, int | None]:
        """(whether a text object repeats a span already given, the span's mark item or None)."""
        if not obj:
            return False, None
        if key not in self._span_of:
            self._span_of[key] = span = _actual_text_mark(obj)
            if span is not None:
                self._first.setdefault(span, key)
                if not self._walked:
                    self._widen(span, obj, None)
        span = self._span_of[key]
        if span is None:
            return False, None
        return self._first[span] != key, span

    def _widen(self, span: int, obj, box: tuple[float, float, float, float] | None) -> None:
        if box is None:
            left, bottom, right, top = (ctypes.c_float() for _ in range(4))
            if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                return
            box = (left.value, bottom.value, right.value, top.value)
        extent = self.extent.setdefault(span, [box[0], box[2]])
        extent[0], extent[1] = min(extent[0], box[0]), max(extent[1], box[2])
        area = (box[2] - box[0]) * (box[3] - box[1])
        if area > self._largest.get(span, (-1.0,))[0]:
            self._largest[span] = (area, obj, box)


def _lifted(obj, bottom: float) -> bool:
    """Does a text object's ink start well above its baseline (the tone marks of a line whose letters the
    page break took to the next page, drawn with no clip at this page's foot)?"""
    matrix, size = pdfium_c.FS_MATRIX(), ctypes.c_float()
    if not (pdfium_c.FPDFPageObj_GetMatrix(obj, matrix) and pdfium_c.FPDFTextObj_GetFontSize(obj, size)):
        return False
    return bottom - matrix.f > LIFT * size.value * abs(matrix.d)


def clipped_away(obj, box: tuple[float, float, float, float]) -> bool:
    """Does the object's clip leave nothing of ``box`` to see (a cut table row's rules and shading drawn below
    the page's foot, where the next page draws the row again)?"""
    clip = clip_box(obj)
    return clip is not None and (min(box[2], clip[2]) <= max(box[0], clip[0])
                                 or min(box[3], clip[3]) <= max(box[1], clip[1]))


def _holds(clip: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    """Does the clip box hold the centre of ``box`` (a point's slack)?"""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return clip[0] - 1 <= cx <= clip[2] + 1 and clip[1] - 1 <= cy <= clip[3] + 1


def clip_box(obj) -> tuple[float, float, float, float] | None:
    """The intersection of the bounding boxes of an object's clip paths (page space), or None."""
    clip = pdfium_c.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    x, y = ctypes.c_float(), ctypes.c_float()
    box = [float("-inf"), float("-inf"), float("inf"), float("inf")]
    for path in range(pdfium_c.FPDFClipPath_CountPaths(clip)):
        xs, ys = [], []
        for n in range(pdfium_c.FPDFClipPath_CountPathSegments(clip, path)):
            segment = pdfium_c.FPDFClipPath_GetPathSegment(clip, path, n)
            if segment and pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
                xs.append(x.value)
                ys.append(y.value)
        if xs:
            box = [max(box[0], min(xs)), max(box[1], min(ys)), min(box[2], max(xs)), min(box[3], max(ys))]
    return None if box[0] == float("-inf") else (box[0], box[1], box[2], box[3])


def _actual_text_mark(obj) -> int | None:
    """The identity of the object's innermost mark that carries /ActualText, or None."""
    for k in range(pdfium_c.FPDFPageObj_CountMarks(obj) - 1, -1, -1):
        mark = pdfium_c.FPDFPageObj_GetMark(obj, k)
        if not mark:
            continue
        for j in range(pdfium_c.FPDFPageObjMark_CountParams(mark)):
            if _param_key(mark, j) == _ACTUAL_TEXT:
                return ctypes.cast(mark, ctypes.c_void_p).value
    return None


def _param_key(mark, j: int) -> bytes:
    buffer = (ctypes.c_ushort * 32)()
    length = ctypes.c_ulong()
    if not pdfium_c.FPDFPageObjMark_GetParamKey(mark, j, buffer, ctypes.sizeof(buffer), ctypes.byref(length)):
        return b""
    return bytes(buffer)[:max(0, length.value - 2)].decode("utf-16-le", "replace").encode()
