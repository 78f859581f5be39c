"""Tesseract read in this process (readers/ocr/engine.py): the same words as the `tesseract` command, its time limit."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import cv2
import pytest

from pipeline.readers.ocr import engine
from pipeline.readers.ocr.tesseract import OcrTimeout, parse_tsv, run_tesseract

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures"
# A cut of Form 2's first photographed page as the reader hands it to Tesseract (cleaned, 300 dpi, `tha+eng`), and
# the up/down probe's sample of the same photo (its four longest lines, 150 dpi, `tha` alone).
PAGE = (FIXTURES / "photo_form2_page_as_tesseract_reads_it.png", 300, "tha+eng")
SAMPLE = (FIXTURES / "photo_form2_upright_probe_sample.png", 150, "tha")


def command_tsv(path: Path, dpi: int, languages: str) -> str:
    """What the `tesseract` command writes for the image, as the reader ran it before the engine."""
    cmd = ["tesseract", str(path), "stdout", "-l", languages, "--oem", "1", "--psm", "6", "--dpi", str(dpi),
           "-c", "preserve_interword_spaces=0", "tsv"]
    return subprocess.run(cmd, capture_output=True, check=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}
                          ).stdout.decode("utf-8")


def test_the_engine_reads_the_same_words_as_the_tesseract_command() -> None:
    # Each image read twice, the other between: an engine kept for the next run carries nothing over from the last.
    for path, dpi, languages in (PAGE, SAMPLE, PAGE, SAMPLE):
        image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
        assert engine.available()
        in_process = run_tesseract(image, dpi, 60.0, languages=languages)
        assert in_process == parse_tsv(command_tsv(path, dpi, languages))
    page = cv2.imread(str(PAGE[0]), cv2.IMREAD_GRAYSCALE)
    assert "แบบสรุปผลการคัดเลือกแนวคิด" in "".join(w.text for w in run_tesseract(page, 300, 60.0))


def test_a_reading_past_its_time_limit_stops_with_the_page_timeout() -> None:
    image = cv2.imread(str(PAGE[0]), cv2.IMREAD_GRAYSCALE)
    with pytest.raises(OcrTimeout):
        run_tesseract(image, 300, 0.001)
    # and the engine reads the next image in full afterwards
    assert run_tesseract(image, 300, 60.0) == parse_tsv(command_tsv(*PAGE))
