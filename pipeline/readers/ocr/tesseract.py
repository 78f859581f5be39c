"""The Tesseract runner: one page image → its words with boxes and confidences, within a time limit."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from pipeline.errors import PipelineError
from pipeline.processes import run_killable
from pipeline.readers.ocr import engine

LANGUAGES = "tha+eng"


class OcrTimeout(PipelineError):
    """Tesseract did not finish a page within its time limit."""


class OcrUnavailable(PipelineError):
    """Tesseract (or its Thai model) is not installed."""


@dataclass(slots=True)
class Word:
    """One word Tesseract read: text, box in pixels (left, top, right, bottom) and confidence 0–100."""

    text: str
    left: int
    top: int
    right: int
    bottom: int
    conf: float
    line_key: tuple[int, int, int]  # (block, paragraph, line) as Tesseract grouped them

    @property
    def cx(self) -> float:
        return (self.left + self.right) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> int:
        return self.bottom - self.top


def find_tesseract() -> str:
    path = shutil.which("tesseract")
    if not path:
        raise OcrUnavailable(
            "Tesseract is not installed, so scanned files cannot be read: run `bash scripts/setup.sh install` "
            "(apt-get install tesseract-ocr tesseract-ocr-tha)",
            "ไม่พบโปรแกรม Tesseract จึงอ่านไฟล์สแกนไม่ได้ ให้ติดตั้งด้วยคำสั่ง bash scripts/setup.sh install")
    return path


def run_tesseract(image: np.ndarray, dpi: float, timeout: float, psm: int = 6,
                  languages: str = LANGUAGES) -> list[Word]:
    """Read one grey page image; OcrTimeout when it takes longer than ``timeout`` (the command is killed then).

    ``--psm 6`` (one uniform block): with automatic segmentation (3) Tesseract splits the marks above a
    Thai line into a "line" of their own and reads them as Latin letters; the layout is ours anyway.
    Read in this process by libtesseract when it loads (the same engine and settings as the command, so the same
    words, without loading the models again for every run: ~0.1-0.3 s a run); else by the `tesseract` command.
    """
    exe = find_tesseract()
    try:
        raw = engine.read_words(image, dpi, timeout, psm, languages)
    except engine.EngineTimeout:
        raise _timeout(timeout) from None
    if raw is not None:  # as parse_tsv reads the command's rows: text stripped, empty words left out
        return [Word(text.strip(), left, top, right, bottom, conf, key)
                for text, left, top, right, bottom, conf, key in raw if text.strip()]
    with tempfile.TemporaryDirectory(prefix="bma-ocr-") as tmp:
        src = Path(tmp) / "page.pgm"  # uncompressed: writing a PNG of a 300 dpi page costs a tenth of a second
        cv2.imwrite(str(src), image)
        cmd = [exe, str(src), "stdout", "-l", languages, "--oem", "1", "--psm", str(psm),
               "--dpi", str(int(round(dpi))), "-c", "preserve_interword_spaces=0", "tsv"]
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            proc = run_killable(cmd, timeout, env=env)
        except subprocess.TimeoutExpired:
            raise _timeout(timeout) from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["failed"]
        raise OcrUnavailable(f"Tesseract failed: {message[0]}", "โปรแกรม Tesseract ทำงานผิดพลาด")
    return parse_tsv(proc.stdout.decode("utf-8", "replace"))


def _timeout(timeout: float) -> OcrTimeout:
    return OcrTimeout(f"OCR of the page was stopped after {timeout:g} s",
                      f"หยุดการอ่านภาพ (OCR) ของหน้านี้เมื่อครบ {timeout:g} วินาที")


def parse_tsv(tsv: str) -> list[Word]:
    """Tesseract's TSV → the words (level 5 rows with text)."""
    words: list[Word] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5":
            continue
        text = (row.get("text") or "").strip()
        if not text:
            continue
        left, top = int(row["left"]), int(row["top"])
        words.append(Word(text, left, top, left + int(row["width"]), top + int(row["height"]),
                          float(row["conf"]), (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))))
    return words


__all__ = ["LANGUAGES", "OcrTimeout", "OcrUnavailable", "Word", "parse_tsv", "run_tesseract"]
