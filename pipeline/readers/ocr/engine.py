"""Tesseract inside this process (libtesseract through ctypes): each language's models loaded once, not once a run."""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import os
import threading
import time

import numpy as np

_P = ctypes.c_void_p
_INT = ctypes.POINTER(ctypes.c_int)
BLOCK, PARA, TEXTLINE, WORD = 0, 1, 2, 3  # tesseract::PageIteratorLevel
#: One word as the `tesseract` command's TSV gives it: text, left, top, right, bottom, confidence, and its
#: (block, paragraph, line) numbers, each counted from 1 within the one above.
RawWord = tuple[str, int, int, int, int, float, tuple[int, int, int]]


class EngineTimeout(Exception):
    """The recognition passed its deadline and stopped (the words after it were not read)."""


def _bind(lib: ctypes.CDLL) -> ctypes.CDLL:
    for name, args, result in (
            ("TessBaseAPICreate", [], _P), ("TessBaseAPIDelete", [_P], None),
            ("TessBaseAPIInit1", [_P, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int,
                                  ctypes.POINTER(ctypes.c_char_p), ctypes.c_int], ctypes.c_int),
            ("TessBaseAPISetVariable", [_P, ctypes.c_char_p, ctypes.c_char_p], ctypes.c_int),
            ("TessBaseAPISetPageSegMode", [_P, ctypes.c_int], None),
            ("TessBaseAPISetImage", [_P, _P, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int], None),
            ("TessBaseAPIRecognize", [_P, _P], ctypes.c_int),
            ("TessBaseAPIGetIterator", [_P], _P), ("TessResultIteratorDelete", [_P], None),
            ("TessResultIteratorGetPageIterator", [_P], _P), ("TessResultIteratorNext", [_P, ctypes.c_int], ctypes.c_int),
            ("TessResultIteratorGetUTF8Text", [_P, ctypes.c_int], _P),
            ("TessResultIteratorConfidence", [_P, ctypes.c_int], ctypes.c_float),
            ("TessPageIteratorIsAtBeginningOf", [_P, ctypes.c_int], ctypes.c_int),
            ("TessPageIteratorBoundingBox", [_P, ctypes.c_int, _INT, _INT, _INT, _INT], ctypes.c_int),
            ("TessDeleteText", [_P], None),
            ("TessBaseAPIClear", [_P], None),
            ("TessMonitorCreate", [], _P), ("TessMonitorDelete", [_P], None),
            ("TessMonitorSetDeadlineMSecs", [_P, ctypes.c_int], None)):
        function = getattr(lib, name)
        function.argtypes, function.restype = args, result
    return lib


_lib: ctypes.CDLL | None = None
_tried = False
_idle: dict[tuple[int, str], list[int]] = {}  # engines not reading now, by process and languages
_made: list[tuple[int, int]] = []  # every engine made, with its process
_lock = threading.Lock()


def _library() -> ctypes.CDLL | None:
    """libtesseract, or None when it cannot be loaded (the `tesseract` command is used then)."""
    global _lib, _tried
    if not _tried:
        _tried = True
        # One thread, as for the command (OMP_THREAD_LIMIT): the pages run in a pool of one process per core.
        # OpenMP reads it once, when libtesseract brings libgomp in, so it is set before the library loads.
        os.environ["OMP_THREAD_LIMIT"] = "1"
        name = ctypes.util.find_library("tesseract") or "libtesseract.so.5"
        try:
            _lib = _bind(ctypes.CDLL(name))
        except (OSError, AttributeError):
            _lib = None
    return _lib


def available() -> bool:
    return _library() is not None


def _take(lib: ctypes.CDLL, languages: str) -> int | None:
    """An idle engine of this process for ``languages``, or a new one initialised as the command initialises it
    (`--oem 1`, the `tsv` config). An engine reads one image at a time: two threads (two uploads read at once)
    get two; a forked worker makes its own."""
    key = (os.getpid(), languages)
    with _lock:
        if _idle.get(key):
            return _idle[key].pop()
    handle = lib.TessBaseAPICreate()
    configs = (ctypes.c_char_p * 1)(b"tsv")
    if lib.TessBaseAPIInit1(handle, None, languages.encode(), 1, configs, 1) != 0:
        lib.TessBaseAPIDelete(handle)
        return None
    # Its messages (a line too small to scale) went to the command's stderr, which nobody reads.
    lib.TessBaseAPISetVariable(handle, b"debug_file", os.devnull.encode())
    with _lock:
        _made.append((os.getpid(), handle))
    return handle


def _give_back(handle: int, languages: str) -> None:
    with _lock:
        _idle.setdefault((os.getpid(), languages), []).append(handle)


@atexit.register
def _end() -> None:
    """The engines ended before the library's own caches are torn down (else it reports their data as leaked)."""
    if _lib is not None:
        for pid, handle in _made:
            if pid == os.getpid():
                _lib.TessBaseAPIDelete(handle)
        _made.clear()
        _idle.clear()


def read_words(image: np.ndarray, dpi: float, timeout: float, psm: int, languages: str) -> list[RawWord] | None:
    """The words of an 8-bit grey image read with the `tesseract` command's settings, as its TSV gives them;
    None when the engine or the language cannot be loaded or the recognition fails; EngineTimeout past
    ``timeout`` seconds (the deadline is checked between words: the command's run, killed at its limit, stopped
    anywhere)."""
    lib = _library()
    handle = _take(lib, languages) if lib is not None else None
    if lib is None or handle is None:
        return None
    image = np.ascontiguousarray(image, dtype=np.uint8)
    lib.TessBaseAPISetVariable(handle, b"user_defined_dpi", str(int(round(dpi))).encode())
    lib.TessBaseAPISetVariable(handle, b"preserve_interword_spaces", b"0")
    lib.TessBaseAPISetPageSegMode(handle, psm)
    lib.TessBaseAPISetImage(handle, image.ctypes.data, image.shape[1], image.shape[0], 1, image.strides[0])
    monitor = lib.TessMonitorCreate()
    started = time.monotonic()
    try:
        lib.TessMonitorSetDeadlineMSecs(monitor, max(1, int(timeout * 1000)))
        failed = lib.TessBaseAPIRecognize(handle, monitor) != 0
        # The deadline is only checked between words: a run of one word (a reread crop) finishes past it. The
        # command was killed at its limit whatever it read, so a run that outlived it is a timeout here too.
        if time.monotonic() - started >= (0.99 * timeout if failed else timeout):
            raise EngineTimeout
        if failed:
            return None  # failed for another reason: the command is run and says why
        return _walk(lib, handle)
    finally:
        lib.TessMonitorDelete(monitor)
        lib.TessBaseAPIClear(handle)
        _give_back(handle, languages)


def _walk(lib: ctypes.CDLL, handle: int) -> list[RawWord]:
    """The recognised words, numbered as the library's TSV numbers them. Its TSV writer (``GetTSVText``) joins
    each word's letters one at a time, and the result iterator orders a line again for every letter: on a page
    of Thai, which comes out one letter a word, that was a tenth of the run (0.15 s); a word's text at once is
    the same text."""
    words: list[RawWord] = []
    it = lib.TessBaseAPIGetIterator(handle)
    if not it:
        return words
    page = lib.TessResultIteratorGetPageIterator(it)
    box = [ctypes.c_int() for _ in range(4)]
    refs = [ctypes.byref(side) for side in box]
    block = par = line = 0
    try:
        while True:
            text = lib.TessResultIteratorGetUTF8Text(it, WORD)
            if text:  # an empty word has no row in the TSV and is not counted
                try:
                    word = ctypes.string_at(text).decode("utf-8", "replace")
                finally:
                    lib.TessDeleteText(text)
                # Each test walks the word's whole line again (Thai: a letter a word), and a block or a paragraph
                # begins only where a line does: the two are asked at a line's first word only.
                if lib.TessPageIteratorIsAtBeginningOf(page, TEXTLINE):
                    if lib.TessPageIteratorIsAtBeginningOf(page, BLOCK):
                        block, par, line = block + 1, 0, 0
                    if lib.TessPageIteratorIsAtBeginningOf(page, PARA):
                        par, line = par + 1, 0
                    line += 1
                lib.TessPageIteratorBoundingBox(page, WORD, *refs)
                # the TSV's confidence is printed with six decimals (std::to_string), and read back from that
                conf = float(f"{lib.TessResultIteratorConfidence(it, WORD):.6f}")
                words.append((word, box[0].value, box[1].value, box[2].value, box[3].value, conf,
                              (block, par, line)))
            if not lib.TessResultIteratorNext(it, WORD):
                return words
    finally:
        lib.TessResultIteratorDelete(it)


__all__ = ["EngineTimeout", "RawWord", "available", "read_words"]
