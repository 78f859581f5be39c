"""Phone photos: the sample certificate and Form 2 printed by LibreOffice and photographed (perspective, a darker
corner, blur, noise, a table around the page; tests/fixtures/make_photo_fixtures.py), then turned, tagged,
re-encoded, blurred and bundled here as phones and clerks do."""

from __future__ import annotations

import zipfile
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from pipeline.errors import UnreadableFileError
from pipeline.extractors.plausible import implausible, plausibility_warnings
from pipeline.readers.ocr.photo import (
    MIN_SHARPNESS,
    PhotoUnreadableError,
    find_page,
    looks_like_photo,
    sharpness,
    unwarp,
)

FIXTURES = Path(__file__).parent / "fixtures"
CERTIFICATE = FIXTURES / "photo_certificate.jpg"
FORM2 = [FIXTURES / "photo_form2_p1.jpg", FIXTURES / "photo_form2_p2.jpg"]
_EXIF_UNDO = {90: 6, 180: 3, 270: 8}  # EXIF orientation tag for pixels turned counter-clockwise by n°


def _turned(src: Path, dest: Path, degrees: int, *, tag: bool = False, fmt: str = "JPEG") -> Path:
    """The photo turned counter-clockwise in its pixels; with ``tag``, EXIF says how to turn it back."""
    with Image.open(src) as img:
        turned = img.rotate(degrees, expand=True) if degrees else img.copy()
    extra = {}
    if tag:
        exif = Image.Exif()
        exif[0x0112] = _EXIF_UNDO[degrees]
        extra["exif"] = exif.tobytes()
    if fmt == "HEIF":
        import pillow_heif

        pillow_heif.register_heif_opener()
        extra["enc_params"] = {"preset": "ultrafast"}  # a third of the default's 20 s; what reads is the same
    turned.save(dest, format=fmt, quality=70, **extra)
    return dest


def _grey(path: Path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("L"))


def _extract(path: Path):
    from pipeline.extractors.record import extract

    return extract(path)


# --------------------------------------------------------------------------- fast: pixels only
def test_the_page_is_found_in_the_photo_and_a_scan_is_not_taken_for_a_photo():
    grey = _grey(CERTIFICATE)
    corners = find_page(grey)
    assert corners is not None and looks_like_photo(grey)
    page = unwarp(grey, corners)
    assert page.shape == (3507, 2481)  # A4 portrait at 300 dpi
    # The paper fills the straightened page: its border is paper, not the table.
    assert np.median(page[:40]) > 120 and np.median(page[:, -40:]) > 120
    scan = np.full((3508, 2480), 235, np.uint8)
    cv2.putText(scan, "scan", (400, 900), cv2.FONT_HERSHEY_SIMPLEX, 20, 0, 40)
    assert not looks_like_photo(scan)


def _on_pale_desk(src: Path, dest: Path) -> Path:
    """The photo with the table under the page made pale: four fifths of the paper's white, as a light desk."""
    grey = _grey(src).copy()
    paper = np.zeros(grey.shape, np.uint8)
    cv2.fillConvexPoly(paper, find_page(grey).astype(np.int32), 255)
    white = float(np.percentile(grey[paper > 0], 90))
    noise = np.random.default_rng(7).normal(0, 4, grey.shape)
    grey[paper == 0] = np.clip(0.8 * white + noise, 0, 255).astype(np.uint8)[paper == 0]
    Image.fromarray(grey).save(dest, quality=80)
    return dest


def test_a_photo_on_a_pale_desk_is_still_a_photo(tmp_path):
    # A light table is not far darker than the paper; it is still not paper, as a scan's border is.
    grey = _grey(_on_pale_desk(FORM2[0], tmp_path / "pale.jpg"))
    assert looks_like_photo(grey)
    assert find_page(grey) is not None


def test_a_blurred_photo_is_sharper_than_the_threshold_only_when_readable():
    page = unwarp(_grey(CERTIFICATE), find_page(_grey(CERTIFICATE)))
    blurred = cv2.GaussianBlur(page, (0, 0), 9)  # σ 6 in the 200 dpi photo: unreadable
    assert sharpness(page) > MIN_SHARPNESS > sharpness(blurred)


def test_implausible_values_are_warned_whatever_the_confidence():
    fields = {"partner_rep_name": "(", "agency_rep_name": "นางวรรณา พึ่งบุญ", "agency_share_percent": 170,
              "partner_share_percent": 30, "partner": "บริษัท ซิตี้ลิงก์ จำกัด"}
    problems = implausible("certificate", fields)
    assert set(problems) == {"partner_rep_name", "agency_share_percent", "partner_share_percent"}
    confidence = {"partner_rep_name": 0.951}
    warnings = plausibility_warnings("certificate", fields, confidence)
    assert any(w.startswith("partner_rep_name:") for w in warnings) and confidence["partner_rep_name"] < 0.5
    assert "signed_date" in implausible("form2", {"signed_date": "1990-01-05"})
    assert not implausible("form2", {"signed_date": "2025-03-01"})
    assert implausible("certificate", {"partner": "ผู้แทนจากหน่วยงานผู้เสนอโครงการ"})  # the printed label


def test_a_blurred_photo_is_refused_saying_why(tmp_path):
    with Image.open(CERTIFICATE) as img:
        blurred = Image.fromarray(cv2.GaussianBlur(np.asarray(img), (0, 0), 7))
    path = tmp_path / "blurred.jpg"
    blurred.save(path, quality=80)
    from pipeline.readers import read_document

    with pytest.raises(PhotoUnreadableError) as caught:
        read_document(path)
    assert "blurred" in caught.value.message_en and "เบลอ" in (caught.value.message_th or "")
    assert isinstance(caught.value, UnreadableFileError)


def test_a_tiny_photo_is_refused_saying_why(tmp_path):
    with Image.open(CERTIFICATE) as img:
        img.resize((img.width // 4, img.height // 4)).save(tmp_path / "tiny.jpg")
    from pipeline.readers import read_document

    with pytest.raises(PhotoUnreadableError, match="too small"):
        read_document(tmp_path / "tiny.jpg")


# --------------------------------------------------------------------------- slow: Tesseract
@pytest.mark.slow
@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_a_turned_photo_reads_as_its_kind(tmp_path, degrees):
    record = _extract(_turned(CERTIFICATE, tmp_path / f"turned{degrees}.jpg", degrees))
    assert record.kind == "certificate"
    assert record.fields["agency_share_percent"] is not None


@pytest.mark.slow
def test_a_photo_on_a_pale_desk_reads_as_its_kind_with_its_values(tmp_path):
    record = _extract(_on_pale_desk(FORM2[0], tmp_path / "pale.jpg"))
    assert record.kind == "form2"  # taken for a scan, the page's edges made a table of it and its title was lost
    assert (record.fields["innovation_type"], record.fields["innovation_origin"]) == ("administrative", "new")


@pytest.mark.slow
def test_exif_orientation_is_honoured(tmp_path):
    record = _extract(_turned(CERTIFICATE, tmp_path / "tagged.jpg", 270, tag=True))
    assert record.kind == "certificate"


@pytest.mark.slow
def test_a_heic_photo_reads(tmp_path):
    record = _extract(_turned(CERTIFICATE, tmp_path / "IMG_0001.HEIC", 0, fmt="HEIF"))
    assert record.kind == "certificate"
    assert record.fields["agency_share_percent"] == 70  # the sample certificate's share, read from the pixels


@pytest.mark.slow
def test_a_pdf_of_photos_reads(tmp_path):
    with Image.open(CERTIFICATE) as img:
        img.convert("RGB").save(tmp_path / "photos.pdf", format="PDF", resolution=200.0)
    record = _extract(tmp_path / "photos.pdf")
    assert record.kind == "certificate"


@pytest.mark.slow
def test_a_zip_of_two_page_photos_is_one_document(tmp_path):
    path = tmp_path / "form2.zip"
    with zipfile.ZipFile(path, "w") as package:  # named so that the name order is the page order
        for n, page in enumerate(FORM2, 1):
            package.write(page, f"IMG_{n:04d}.jpg")
    from pipeline.readers import read_document

    document = read_document(path)
    assert document.pages == 2
    assert {b.page for b in document.blocks if getattr(b, "page", None)} == {1, 2}
    record = _extract(path)
    assert record.kind == "form2"


def test_a_zip_without_photos_is_not_taken_for_photos(tmp_path):
    path = tmp_path / "notes.zip"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("notes.txt", "hello")
    from pipeline.readers import read_document

    with pytest.raises(UnreadableFileError):
        read_document(path)


@pytest.mark.slow
def test_a_photographed_form3_is_one_record_with_its_plan_read_from_the_gantt(tmp_path):
    """Issue 12: the sample Form 3 and its attached plan printed by LibreOffice and photographed page by page
    (scripts/gen/photos.py), one image-only PDF. The plan's month row stands between the fiscal-year row and a
    full-width phase row, so its column lines are a row high; when they were not seen, no Gantt was found and
    the plan (its steps, phases and months, which the score counts) was lost."""
    import random
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from pipeline.extractors.record import extract_all
    from pipeline.samples import sample_records
    from scripts.gen.photos import HALVES, encode, photograph, photos_pdf, random_style, render_pages
    from tests.fixtures.make_scan_fixtures import printed_pdf

    truth = sample_records("form3")[0].fields  # the record printed_pdf prints
    rng = random.Random(31)
    photos = []
    for n, page in enumerate(render_pages(printed_pdf("form3", tmp_path)), 1):
        style = random_style(HALVES["tune"], rng)
        style.update(dpi=200, jpeg_quality=60, rotated=0, exif=False, blur_sigma=0.8, motion_blur=False, shadow=False)
        photos.append(encode(photograph(page, style, np.random.default_rng(31 + n)), style, "jpg"))
    photos_pdf(photos, tmp_path / "form3-photos.pdf")
    records = extract_all(tmp_path / "form3-photos.pdf")
    assert [r.kind for r in records] == ["form3"]
    plan = records[0].fields["plan"]
    assert plan is not None
    assert plan["fiscal_year"] == truth["plan"]["fiscal_year"]
    assert [(s["phase"], s["months"]) for s in plan["steps"]] == [(s["phase"], s["months"])
                                                                  for s in truth["plan"]["steps"]]


@pytest.mark.slow
def test_a_photographed_browser_plan_whose_cells_are_drawn_apart_is_read_as_one_gantt():
    """A browser draws each cell's box apart (border-spacing): every column line is broken at every row and
    every row line is doubled; the Gantt's months are thin bars inside the cells, whose edges are long strokes
    too. Before, no grid was found and the steps were lost."""
    import json

    from pipeline.extractors.record import extract

    fixtures = Path(__file__).parent / "fixtures"
    truth = json.loads((fixtures / "photo_plan_cells_drawn_apart.truth.json").read_text(encoding="utf-8"))["fields"]
    got = extract(fixtures / "photo_plan_cells_drawn_apart.jpg")
    assert got.kind == "plan" and got.fields["fiscal_year"] == truth["fiscal_year"]
    assert [(s["phase"], s["months"]) for s in got.fields["steps"]] == [(s["phase"], s["months"]) for s in truth["steps"]]


@pytest.mark.slow
def test_a_black_and_white_scan_of_a_browser_plan_reads_its_month_heads_past_the_cells_own_borders():
    """Each month head's own left border, inside the grid line, was read as a bar before the month (``| พ.ย.``):
    no month matched, and no step was read."""
    import json

    from pipeline.extractors.record import extract

    fixtures = Path(__file__).parent / "fixtures"
    truth = json.loads((fixtures / "scan_plan_cells_drawn_apart_bw.truth.json").read_text(encoding="utf-8"))["fields"]
    got = extract(fixtures / "scan_plan_cells_drawn_apart_bw.pdf")
    assert [(s["phase"], s["months"]) for s in got.fields["steps"]] == [(s["phase"], s["months"]) for s in truth["steps"]]


def test_a_generated_form4_photos_truth_says_what_is_printed():
    # Form 4 prints the agency and project name once for itself and its attached plan, and KPI 2's method with
    # the survey's population: drawn from different samples, the truth disagreed with the page.
    import random

    from scripts.gen.photos import random_record

    for seed in range(1000, 1012):
        fields = random_record("form4", random.Random(seed)).fields
        assert fields["plan"]["agency"] == fields["agency"]
        assert fields["plan"]["project_name"] == fields["project_name"]
        assert fields["survey_population"] in fields["kpis"][1]["method"]


@pytest.mark.parametrize("photo", [CERTIFICATE, FORM2[0]])
def test_an_upside_down_photo_is_told_by_reading_a_few_of_its_lines(photo):
    from pipeline.readers.ocr.frames import load_page
    from pipeline.readers.ocr.orientation import probed_upside_down

    page = load_page("image", str(photo), 0).page
    assert not probed_upside_down(page)
    assert probed_upside_down(np.ascontiguousarray(np.rot90(page, 2)))


def test_an_upside_down_photo_is_read_once_the_right_way_up():
    """Read as it stood, an upside-down page cost a whole Tesseract reading thrown away (3.7-7.2 s CPU on the
    tuning photos); the probe turns it first, and the page is read once."""
    from pipeline.readers.ocr.frames import load_page
    from pipeline.readers.ocr.orientation import CLEAR_CONFIDENCE, read_upright, reading_quality
    from pipeline.readers.ocr.pages import read_page_image

    page, photo, turned, _ = load_page("image", str(FORM2[1]), 0)
    readings = []

    def read(image, flat=None):
        readings.append(image)
        return read_page_image(image, 300.0, 1, 120.0, flat=flat)

    blocks, turn = read_upright(np.ascontiguousarray(np.rot90(page, 2)), read, turned, probe=photo)
    assert (photo, turn, len(readings)) == (True, 180, 1)
    weighted, letters = reading_quality(blocks)
    assert weighted >= CLEAR_CONFIDENCE * letters > 0  # that one reading is of upright text
