"""The input guards: every kind of bad returned file is refused with a reason in English and Thai, within caps."""

from __future__ import annotations

import functools
import io
import shutil
import struct
import time
import zipfile
import zlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from docx import Document as WordDocument
from hostile_files import more_bad_inputs, pdf_bytes
from shared_paths import CORPUS

from pipeline.errors import PipelineError, UnknownDocumentError, UnreadableFileError
from pipeline.generate.render import render_docx
from pipeline.ingest.limits import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileTooLargeError,
    GuardError,
    Limits,
    MemoryLimitError,
    TimeLimitError,
    TooManyPagesError,
    WrongFileTypeError,
    XmlEntityError,
    ZipBombError,
    check_structure,
)
from pipeline.ingest.sandbox import guarded_extract
from pipeline.readers import read_document
from pipeline.samples import sample_records
from pipeline.settings import SettingsError

LIMITS = Limits()


def needs_corpus() -> None:
    """Skip, as the corpus tests do, where ../shared is not beside the project."""
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is not here")


# --------------------------------------------------------------------------- builders of real bad files
def form_docx(path: Path, index: int = 0) -> Path:
    """A real filled form: a sample record rendered through the Word template."""
    return render_docx(sample_records()[index], path)


def rewrite_docx(source: Path, target: Path, document_xml: bytes) -> Path:
    """``source`` with its word/document.xml replaced."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info.filename, document_xml if info.filename == "word/document.xml" else src.read(info))
    return target


def xxe_docx(tmp: Path, secret: Path) -> Path:
    """A real form whose document.xml declares an external entity pointing at ``secret`` and uses it."""
    base = form_docx(tmp / "base-xxe.docx")
    xml = zipfile.ZipFile(base).read("word/document.xml").decode("utf-8")
    head, _, body = xml.partition("?>")
    xml = (f'{head}?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
           + body.replace("<w:body>", "<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", 1))
    return rewrite_docx(base, tmp / "xxe.docx", xml.encode("utf-8"))


def laughs_docx(tmp: Path) -> Path:
    """The 'billion laughs': internal entities that expand exponentially."""
    base = form_docx(tmp / "base-laughs.docx")
    xml = zipfile.ZipFile(base).read("word/document.xml").decode("utf-8")
    head, _, body = xml.partition("?>")
    entities = '<!ENTITY lol "lol">' + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                                              for i in range(1, 10))
    xml = f"{head}?><!DOCTYPE w:document [{entities}]>" + body.replace("<w:body>", "<w:body><w:p><w:r><w:t>&lol9;"
                                                                        "</w:t></w:r></w:p>", 1)
    return rewrite_docx(base, tmp / "laughs.docx", xml.encode("utf-8"))


def zip_bomb_docx(path: Path, gigabytes: float = 1.0) -> Path:
    """A DOCX whose well-formed document.xml unpacks to ``gigabytes`` GB (blanks); a few MB on disk."""
    path.write_bytes(_zip_bomb_bytes(gigabytes))
    return path


@functools.cache
def _zip_bomb_bytes(gigabytes: float) -> bytes:
    """Made once per test process: deflating a gigabyte takes seconds, and three fixtures want the same bomb."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                       b'wordprocessingml/2006/main"><w:body>')
            chunk = b" " * (1 << 20)
            for _ in range(int(gigabytes * 1024)):
                part.write(chunk)
            part.write(b"</w:body></w:document>")
    return buffer.getvalue()


_PAGE_OBJECTS = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]


def encrypted_pdf(path: Path) -> Path:
    """A PDF under the standard security handler whose user password is not empty: it opens only with it."""
    encrypt = f"<< /Filter /Standard /V 1 /R 2 /O <{'ab' * 32}> /U <{'cd' * 32}> /P -4 >>"
    ids = f"/Encrypt 4 0 R /ID [<{'01' * 16}> <{'01' * 16}>] "
    path.write_bytes(pdf_bytes([*_PAGE_OBJECTS, encrypt], ids))
    return path


def thousand_page_pdf(path: Path, pages: int = 1000) -> Path:
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    pdf.save(path)
    pdf.close()
    return path


def png_without_form(path: Path) -> Path:
    """A real 64×64 grey PNG: an image, no form on it."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\0" + bytes([200]) * 64 for _ in range(64))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 64, 8, 0, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return path


def docx_without_form(path: Path) -> Path:
    document = WordDocument()
    document.add_paragraph("รายงานการประชุมประจำเดือน: ไม่ใช่แบบฟอร์มตัวชี้วัด")
    document.save(path)
    return path


def truncated(source: Path, path: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def corrupted_docx(source: Path, path: Path) -> Path:
    """The ZIP directory intact, the compressed document.xml overwritten with noise."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as package:
        info = package.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 10: start + 400] = bytes((i * 37) % 256 for i in range(390))
    path.write_bytes(bytes(data))
    return path


def bad_inputs(tmp: Path) -> dict[str, tuple[Path, type[PipelineError]]]:
    """Every bad input of the issue, as real files in ``tmp``, with the error each must raise."""
    tmp.mkdir(parents=True, exist_ok=True)
    good = form_docx(tmp / "good-form.docx", 3)
    secret = tmp / "secret.txt"
    secret.write_text("TOP-SECRET-PASSWORD", encoding="utf-8")
    (tmp / "empty.docx").write_bytes(b"")
    renamed = tmp / "แบบฟอร์ม 2.pdf"
    shutil.copyfile(good, renamed)
    (tmp / "notes.docx").write_text("this is plain text, not Word", encoding="utf-8")
    (tmp / "broken.pdf").write_bytes(b"%PDF-1.7\n" + bytes((i * 91) % 256 for i in range(3000)))
    return {
        "empty": (tmp / "empty.docx", EmptyFileError),
        "truncated docx": (truncated(good, tmp / "truncated.docx"), CorruptFileError),
        "corrupt docx": (corrupted_docx(good, tmp / "corrupt.docx"), CorruptFileError),
        "zip bomb": (zip_bomb_docx(tmp / "bomb.docx"), ZipBombError),
        "external entity": (xxe_docx(tmp, secret), XmlEntityError),
        "billion laughs": (laughs_docx(tmp), XmlEntityError),
        "encrypted pdf": (encrypted_pdf(tmp / "locked.pdf"), EncryptedFileError),
        "malformed pdf": (tmp / "broken.pdf", CorruptFileError),
        "1000-page pdf": (thousand_page_pdf(tmp / "long.pdf"), TooManyPagesError),
        "docx that is no form": (docx_without_form(tmp / "minutes.docx"), UnknownDocumentError),
        "image with no form": (png_without_form(tmp / "photo.png"), UnreadableFileError),
        "wrong extension": (renamed, WrongFileTypeError),
        "text named docx": (tmp / "notes.docx", CorruptFileError),
        **({"truncated pdf": (truncated(CORPUS / "doc003.pdf", tmp / "cut.pdf"), CorruptFileError)}
           if CORPUS.is_dir() else {}),
        **{case: (path, _error_named(name)) for case, (path, name) in more_bad_inputs(tmp, good).items()},
    }


def _error_named(name: str) -> type[PipelineError]:
    import pipeline.errors
    import pipeline.ingest.limits

    return getattr(pipeline.ingest.limits, name, None) or getattr(pipeline.errors, name)


BAD_CASES = ["empty", "truncated docx", "corrupt docx", "zip bomb", "external entity", "billion laughs",
             "encrypted pdf", "malformed pdf", "truncated pdf", "1000-page pdf", "docx that is no form",
             "image with no form", "wrong extension", "text named docx", "docx posing as odt with a dtd",
             "password-protected docx", "password-protected named doc", "zip entry encrypted", "too many parts",
             "zip that is no word file", "empty document part", "binary document part", "odt named docx",
             "rtf named docx", "program named pdf", "png named pdf", "60 MB pdf", "25 pages to ocr",
             "2000-frame tiff", "decompression bomb png", "pdf with javascript", "pdf with a page tree loop",
             "pdf nested a million deep", "gif with no form"]


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, type[PipelineError]]]:
    return bad_inputs(tmp_path_factory.mktemp("bad"))


# --------------------------------------------------------------------------- tests
def test_every_kind_of_bad_input_is_tested() -> None:
    assert len(BAD_CASES) >= 30 and len(set(BAD_CASES)) == len(BAD_CASES)


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_input_is_refused_with_a_reason_in_english_and_thai(bad_files, case: str) -> None:
    if case not in bad_files:
        pytest.skip(f"{CORPUS} is not here: the case is made from a file of the dev corpus")
    path, expected = bad_files[case]
    started = time.monotonic()
    with pytest.raises(expected) as caught:
        guarded_extract(path, LIMITS, where=f"inbox/{path.name}")
    assert time.monotonic() - started < LIMITS.file_budget_s + 5  # within its budget, whatever the file
    err = caught.value
    assert type(err) is expected
    assert err.message_en and err.message_th
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in err.message_th)
    assert err.where and err.where.startswith(f"inbox/{path.name}")


def test_external_entity_is_never_resolved(bad_files) -> None:
    path, _ = bad_files["external entity"]
    with pytest.raises(XmlEntityError) as caught:
        guarded_extract(path, LIMITS)
    assert "TOP-SECRET" not in str(caught.value)
    assert "DTD" in caught.value.message_en and "word/document.xml" in caught.value.message_en
    document = read_document(path)  # the reader on its own does not resolve it either
    assert "TOP-SECRET" not in " ".join(getattr(b, "text", "") for b in document.blocks)


def test_zip_bomb_is_refused_by_its_directory_before_unpacking(bad_files) -> None:
    path, _ = bad_files["zip bomb"]
    assert path.stat().st_size < 20 * 1024 * 1024
    with pytest.raises(ZipBombError, match="1,024 MB"):
        guarded_extract(path, LIMITS)
    with pytest.raises(ZipBombError, match="unpacks .* times its size"):
        guarded_extract(path, Limits(max_unpacked_mb=100_000, max_compression_ratio=100))


def test_zip_bomb_past_the_size_checks_is_stopped_by_the_memory_cap(bad_files) -> None:
    path, _ = bad_files["zip bomb"]
    limits = Limits(max_unpacked_mb=100_000, max_compression_ratio=1e9, memory_limit_mb=300)
    with pytest.raises(MemoryLimitError, match="300 MB"):
        guarded_extract(path, limits)


def test_file_reading_longer_than_the_time_cap_is_stopped(tmp_path: Path) -> None:
    base = form_docx(tmp_path / "base.docx")
    xml = zipfile.ZipFile(base).read("word/document.xml").decode("utf-8")
    cut = xml.rindex("<w:sectPr")
    slow = rewrite_docx(base, tmp_path / "long.docx",
                        (xml[:cut] + "".join(f"<w:p><w:r><w:t>ข้อความ {i}</w:t></w:r></w:p>" for i in range(100_000))
                         + xml[cut:]).encode())
    with pytest.raises(TimeLimitError, match="longer than 0.5 s") as caught:
        guarded_extract(slow, Limits(time_limit_s=0.5), where="inbox/long.docx")
    assert caught.value.where == "inbox/long.docx"


def test_file_over_the_size_cap_is_refused_before_reading(tmp_path: Path) -> None:
    needs_corpus()
    path = shutil.copyfile(CORPUS / "doc003.pdf", tmp_path / "big.pdf")
    with pytest.raises(FileTooLargeError, match="over the limit of 0.01 MB"):
        guarded_extract(path, Limits(max_file_mb=0.01))


def test_a_blank_image_is_refused_as_blank_and_a_blank_pdf_page_is_named(tmp_path: Path) -> None:
    """A sheet with nothing on it says so (not "OCR found no text"), and is not put through two readings."""
    with pytest.raises(UnreadableFileError) as caught:
        read_document(png_without_form(tmp_path / "photo.png"))
    assert "the image is blank" in caught.value.message_en
    assert "ภาพว่างเปล่า" in caught.value.message_th
    document = read_document(thousand_page_pdf(tmp_path / "two.pdf", pages=2))
    assert document.blocks == []
    assert [w.split(":")[0] for w in document.warnings if "blank" in w] == ["page 1 is blank", "page 2 is blank"]


def test_pdf_within_the_page_cap_passes_and_one_over_is_refused(tmp_path: Path) -> None:
    path = thousand_page_pdf(tmp_path / "three.pdf", pages=3)
    with pytest.raises(TooManyPagesError, match="3 pages, over the limit of 2"):
        guarded_extract(path, Limits(max_pages=2))
    with pytest.raises(UnreadableFileError) as caught:  # within the cap it goes on to the reader: blank pages
        guarded_extract(path, Limits(max_pages=3))
    assert not isinstance(caught.value, GuardError)


@pytest.mark.parametrize("source", ["render", "doc003.pdf", "doc002.docx"])
def test_real_forms_pass_the_guards(tmp_path: Path, source: str) -> None:
    if source != "render":
        needs_corpus()
    path = form_docx(tmp_path / "form.docx", 4) if source == "render" else shutil.copy(CORPUS / source, tmp_path)
    record = guarded_extract(Path(path), LIMITS)
    assert record.kind in ("form3", "certificate", "form2")
    assert record.fields.get("agency")


def test_limits_come_from_env_then_from_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIPELINE_MAX_PAGES", "12")
    monkeypatch.setenv("PIPELINE_TIME_LIMIT_S", "2.5")
    limits = Limits.from_env(memory_limit_mb=100, max_file_mb=None)
    assert (limits.max_pages, limits.time_limit_s, limits.memory_limit_mb, limits.max_file_mb) == (12, 2.5, 100, 50)
    monkeypatch.setenv("PIPELINE_MAX_PAGES", "many")
    with pytest.raises(SettingsError, match="PIPELINE_MAX_PAGES"):
        Limits.from_env()


FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.mark.slow
def test_a_scanned_page_gets_the_time_ocr_needs_and_no_more(tmp_path: Path) -> None:
    # A scan is read by OCR, far slower than any typed form: each scanned page adds ocr_page_s to the cap.
    scan = FIXTURES / "form1_scan_rotated_noisy.pdf"
    record = guarded_extract(scan, Limits(time_limit_s=0.5, ocr_page_s=60), where="inbox/scan.pdf")
    assert record.kind == "form1"
    with pytest.raises(TimeLimitError, match="longer than 0.5 s"):
        guarded_extract(scan, Limits(time_limit_s=0.5, ocr_page_s=0), where="inbox/scan.pdf")


def test_a_typed_pdf_gets_no_ocr_allowance(tmp_path: Path) -> None:
    needs_corpus()
    text_pdf = next(p for p in sorted(CORPUS.glob("*.pdf")) if check_structure(p, "pdf", Limits(), where="x") == 0)
    assert text_pdf.is_file()
    assert check_structure(FIXTURES / "form1_scan_rotated_noisy.pdf", "pdf", Limits(ocr_page_s=7),
                           where="x") == 7 * len(pdfium.PdfDocument(FIXTURES / "form1_scan_rotated_noisy.pdf"))
    # a garbage text layer is read by OCR too, so it gets the same allowance as a page with none
    garbage = FIXTURES / "form1_garbage_text_layer.pdf"
    assert check_structure(garbage, "pdf", Limits(ocr_page_s=7), where="x") == 7 * len(pdfium.PdfDocument(garbage))
