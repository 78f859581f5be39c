"""Reading text PDFs: Thai text, tick boxes, table grids and shading, reading order, scans and broken files."""

from __future__ import annotations

import ctypes
import json
import re
import subprocess
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from PIL import Image, ImageDraw
from shared_paths import CORPUS

from pipeline.document import Document, Paragraph, Table
from pipeline.errors import UnreadableFileError
from pipeline.readers.pdf.reader import ARROW, SCAN_WARNING, read_pdf
from pipeline.readers.symbols import SOFT_WRAP
from pipeline.thai import normalize

FONT = "TH SarabunPSK"
SOFFICE = ["soffice", "--headless", "-env:UserInstallation=file:///tmp/lo-pdfreader"]
PASSWORD_EXPORT = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
                   '"DocumentOpenPassword":{"type":"string","value":"1234"}}')
THAI_WORDS = ["สำนักงาน", "กลุ่มงาน", "ชื่อ", "น้ำ", "ศักดิ์สิทธิ์"]
# Documents of the dev corpus that exist both as DOCX and as a text PDF (manifest.json, format "pdf").
PAIRED = ["doc004", "doc008", "doc012", "doc015", "doc018", "doc027", "doc032"]


# --------------------------------------------------------------------------- building real files
def _thai_run(paragraph, text: str):
    run = paragraph.add_run(text)
    run.font.size = Pt(16)
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    size_cs = OxmlElement("w:szCs")
    size_cs.set(qn("w:val"), "32")
    rpr.append(size_cs)
    return run


def _paragraph(document, text: str = "", symbol: str | None = None):
    paragraph = document.add_paragraph()
    if symbol:
        sym = OxmlElement("w:sym")
        sym.set(qn("w:font"), "Wingdings")
        sym.set(qn("w:char"), symbol)
        paragraph.add_run()._r.append(sym)
    if text:
        _thai_run(paragraph, text)
    return paragraph


def _set_cell(cell, text: str, fill: str | None = None) -> None:
    cell.paragraphs[0].text = ""
    if text:
        _thai_run(cell.paragraphs[0], text)
    if fill:
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        cell._tc.get_or_add_tcPr().append(shd)


def _form_docx(path: Path) -> None:
    """Thai lines, Wingdings tick boxes, a Gantt-like table with merged header cells and shaded marks."""
    document = docx.Document()
    _paragraph(document, "สำนักงานเขตบางรัก กลุ่มงานพัฒนาระบบ")
    _paragraph(document, "ชื่อ นายศักดิ์สิทธิ์ น้ำใจดี")
    _paragraph(document, " นวัตกรรมบริการ", symbol="F0FE")
    _paragraph(document, " นวัตกรรมเชิงนโยบาย", symbol="F0A8")
    table = document.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(0, 1).merge(table.cell(0, 2))
    _set_cell(table.cell(0, 0), "ขั้นตอน")
    _set_cell(table.cell(0, 1), "ปีงบประมาณ พ.ศ. 2568")
    _set_cell(table.cell(1, 1), "ต.ค.")
    _set_cell(table.cell(1, 2), "พ.ย.")
    _set_cell(table.cell(2, 0), "1. สำรวจข้อมูล")
    _set_cell(table.cell(2, 1), "", fill="A8D08D")
    _set_cell(table.cell(3, 0), "2. พัฒนาระบบ")
    _set_cell(table.cell(3, 1), "X")
    _set_cell(table.cell(3, 2), "", fill="5B9BD5")
    _paragraph(document, "หมายเหตุ หลังตาราง")
    document.save(str(path))


def _long_table_docx(path: Path) -> None:
    """A table too long for one page."""
    document = docx.Document()
    _paragraph(document, "ตารางยาว")
    table = document.add_table(rows=40, cols=2)
    table.style = "Table Grid"
    for n, row in enumerate(table.rows, start=1):
        _set_cell(row.cells[0], f"แถวที่ {n}")
        _set_cell(row.cells[1], f"ค่า {n}")
    _paragraph(document, "จบตาราง")
    document.save(str(path))


def _arrow_docx(path: Path) -> None:
    """A Gantt row marked by an arrow line drawn across two month cells (VML, as older Word files have it)."""
    document = docx.Document()
    _paragraph(document, "แผนการดำเนินการ")
    table = document.add_table(rows=3, cols=5)
    table.style = "Table Grid"
    for col, month in enumerate(["ขั้นตอน", "ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค."]):
        _set_cell(table.cell(0, col), month)
    _set_cell(table.cell(1, 0), "1. สำรวจ")
    _set_cell(table.cell(2, 0), "2. พัฒนา")
    _set_cell(table.cell(2, 3), "X")
    arrow = parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:line from="5pt,8pt" to="150pt,8pt" strokeweight="1.5pt" '
        'style="position:absolute;z-index:1;mso-position-horizontal-relative:text;'
        'mso-position-vertical-relative:text"><v:stroke endarrow="block"/></v:line></w:pict></w:r>')
    table.cell(1, 1).paragraphs[0]._p.append(arrow)
    document.save(str(path))


def _convert(docs: list[Path], outdir: Path, export: str = "pdf") -> None:
    subprocess.run([*SOFFICE, "--convert-to", export, "--outdir", str(outdir), *map(str, docs)],
                   check=True, capture_output=True, timeout=180)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf_reader")
    _form_docx(out / "form.docx")
    _long_table_docx(out / "long.docx")
    _arrow_docx(out / "arrow.docx")
    _convert([out / "form.docx", out / "long.docx", out / "arrow.docx"], out)
    (out / "locked").mkdir()
    (out / "locked" / "form.docx").write_bytes((out / "form.docx").read_bytes())
    _convert([out / "locked" / "form.docx"], out / "locked", PASSWORD_EXPORT)
    return {name: out / f"{name}.pdf" for name in ("form", "long", "arrow")} | {"locked": out / "locked" / "form.pdf"}


@pytest.fixture(scope="module")
def form(pdfs) -> Document:
    return read_pdf(pdfs["form"])


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", normalize(text))


# --------------------------------------------------------------------------- text PDFs made here
@pytest.mark.slow
def test_thai_words_come_back_exactly(form):
    text = form.text()
    for word in THAI_WORDS:
        assert word in text
    assert form.paragraphs[0].text == "สำนักงานเขตบางรัก กลุ่มงานพัฒนาระบบ"
    assert form.paragraphs[1].text == "ชื่อ นายศักดิ์สิทธิ์ น้ำใจดี"
    assert form.format == "pdf" and form.pages == 1 and not form.warnings


@pytest.mark.slow
def test_wingdings_tick_boxes_become_ballot_boxes(form):
    texts = [p.text for p in form.paragraphs]
    assert "☑ นวัตกรรมบริการ" in texts
    assert "☐ นวัตกรรมเชิงนโยบาย" in texts
    assert not any("\uf0fe" in t or "\uf0a8" in t for t in texts)


@pytest.mark.slow
def test_table_grid_repeats_merged_cells_and_reads_shading(form):
    (table,) = form.tables
    assert [[c.text for c in row] for row in table.rows] == [
        ["ขั้นตอน", "ปีงบประมาณ พ.ศ. 2568", "ปีงบประมาณ พ.ศ. 2568"],
        ["ขั้นตอน", "ต.ค.", "พ.ย."],
        ["1. สำรวจข้อมูล", "", ""],
        ["2. พัฒนาระบบ", "X", ""],
    ]
    assert table.rows[0][1] is table.rows[0][2] and table.rows[0][0] is table.rows[1][0]
    shaded = {(r, c): cell.fill for r, row in enumerate(table.rows) for c, cell in enumerate(row) if cell.shaded}
    assert shaded == {(2, 1): "A8D08D", (3, 2): "5B9BD5"}
    assert table.page == 1 and table.where == "page 1, table 1"
    assert table.rows[3][2].where == "page 1, table 1, row 4, column 3"
    assert table.rows[0][2].where == "page 1, table 1, row 1, column 2"  # the merged cell's first position


@pytest.mark.slow
def test_blocks_come_in_reading_order_and_table_text_is_not_a_paragraph(form):
    kinds = ["table" if isinstance(b, Table) else b.text for b in form.blocks]
    assert kinds == ["สำนักงานเขตบางรัก กลุ่มงานพัฒนาระบบ", "ชื่อ นายศักดิ์สิทธิ์ น้ำใจดี", "☑ นวัตกรรมบริการ",
                     "☐ นวัตกรรมเชิงนโยบาย", "table", "หมายเหตุ หลังตาราง"]
    assert [p.where for p in form.paragraphs] == [f"page 1, line {n}" for n in range(1, 6)]
    assert all(p.page == 1 for p in form.paragraphs)


@pytest.mark.slow
def test_table_running_over_a_page_break_comes_as_one_table_per_page(pdfs):
    document = read_pdf(pdfs["long"])
    tables = document.tables
    assert len(tables) >= 2 and [t.page for t in tables] == list(range(1, len(tables) + 1))
    rows = [[c.text for c in row] for t in tables for row in t.rows]
    assert rows == [[f"แถวที่ {n}", f"ค่า {n}"] for n in range(1, 41)]
    assert isinstance(document.blocks[0], Paragraph) and document.blocks[-1].text == "จบตาราง"


@pytest.mark.slow
def test_arrow_drawn_across_gantt_cells_marks_them_and_splits_no_row(pdfs):
    (table,) = read_pdf(pdfs["arrow"]).tables
    assert [[c.text for c in row] for row in table.rows] == [
        ["ขั้นตอน", "ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค."],
        ["1. สำรวจ", ARROW, ARROW, "", ""],
        ["2. พัฒนา", "", "", "X", ""],
    ]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["form", "long", "arrow"])
def test_pdf_tables_match_what_the_docx_reader_reads_from_the_same_file(pdfs, name):
    docx_reader = pytest.importorskip("pipeline.readers.docx.reader")
    from_docx = docx_reader.read_docx(pdfs[name].with_suffix(".docx"))
    from_pdf = read_pdf(pdfs[name])

    def rows(document: Document) -> list[list[tuple[str, bool, str | None]]]:
        return [[(_squash(c.text), c.shaded, c.fill) for c in row] for t in document.tables for row in t.rows]

    assert rows(from_pdf) == rows(from_docx)


@pytest.mark.slow
def test_password_protected_pdf_is_unreadable_with_a_thai_message(pdfs):
    with pytest.raises(UnreadableFileError) as caught:
        read_pdf(pdfs["locked"])
    assert "password" in caught.value.message_en and "รหัสผ่าน" in caught.value.message_th


# --------------------------------------------------------------------------- PDFs drawn object by object
SARABUN = Path("/usr/local/share/fonts/th-sarabun-new/THSarabunNew-webfont.ttf")
drawn = pytest.mark.skipif(not SARABUN.is_file(), reason="TH Sarabun New not installed (scripts/setup.sh)")


def _drawn_pdf(path: Path, texts: list[tuple], rects=(), pages: int = 1) -> Path:
    """A PDF written the way Word writes one: TrueType text with a ToUnicode map (PUA glyphs stay PUA),
    table borders and shading as filled rectangles. ``texts`` are (x, baseline, text) at 16 pt on page 1,
    or (page, x, baseline, text); ``rects`` are (x, y, width, height, (r, g, b)) on page 1."""
    texts = [t if len(t) == 4 else (1, *t) for t in texts]
    data = SARABUN.read_bytes()
    buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
    pdf = pdfium.PdfDocument.new()
    font = pdfium_c.FPDFText_LoadFont(pdf.raw, buffer, len(data), pdfium_c.FPDF_FONT_TRUETYPE, 1)
    for number in range(pages):
        page = pdf.new_page(595, 842)
        for x, y, width, height, rgb in rects if number == 0 else ():
            rect = pdfium_c.FPDFPageObj_CreateNewRect(x, y, width, height)
            pdfium_c.FPDFPageObj_SetFillColor(rect, *rgb, 255)
            pdfium_c.FPDFPath_SetDrawMode(rect, pdfium_c.FPDF_FILLMODE_ALTERNATE, False)
            pdfium_c.FPDFPage_InsertObject(page.raw, rect)
        for x, y, text in [t[1:] for t in texts if t[0] == number + 1]:
            obj = pdfium_c.FPDFPageObj_CreateTextObj(pdf.raw, font, 16.0)
            wide = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
            pdfium_c.FPDFText_SetText(obj, ctypes.cast(wide, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
            pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
            pdfium_c.FPDFPage_InsertObject(page.raw, obj)
        pdfium_c.FPDFPage_GenerateContent(page.raw)
        page.close()
    pdf.save(str(path))
    pdfium_c.FPDFFont_Close(font)
    pdf.close()
    return path


def _box(x0: float, y0: float, x1: float, y1: float, width: float = 0.5) -> list:
    """The four borders of a cell as thin black filled rectangles."""
    black = (0, 0, 0)
    return [(x0, y0, x1 - x0, width, black), (x0, y1, x1 - x0, width, black),
            (x0, y0, width, y1 - y0, black), (x1, y0, width, y1 - y0, black)]


@drawn
def test_word_private_use_area_glyphs_are_mapped_back(tmp_path):
    path = _drawn_pdf(tmp_path / "pua.pdf", [(72, 760, "ก\uf70bาวหน\uf70bา ส\uf711างาน")])
    assert [p.text for p in read_pdf(path).paragraphs] == ["ก้าวหน้า สำงาน"]


@drawn
def test_tone_mark_drawn_in_a_later_text_object_goes_back_over_its_base(tmp_path):
    # "ทั้ง" with its MAI THO drawn after the rest of the line, over the ท, as LibreOffice sometimes does.
    path = _drawn_pdf(tmp_path / "late.pdf", [(72, 760, "ทั"), (82.5, 760, "งอธิบาย"), (80.5, 760, "\u0e49")])
    assert [p.text for p in read_pdf(path).paragraphs] == ["ทั้งอธิบาย"]


@drawn
def test_words_far_apart_on_a_line_get_one_space_and_close_ones_none(tmp_path):
    path = _drawn_pdf(tmp_path / "gap.pdf", [(72, 760, "ชื่อ"), (140, 760, "นายสมชาย"), (72, 700, "ต่อ"), (91, 700, "ไป")])
    assert [p.text for p in read_pdf(path).paragraphs] == ["ชื่อ นายสมชาย", "ต่อไป"]


@drawn
def test_word_style_borders_and_shading_make_a_table_between_its_lines(tmp_path):
    rects = _box(72, 600, 222, 650) + _box(222, 600, 372, 650) + _box(72, 550, 222, 600) + _box(222, 550, 372, 600)
    rects.append((222.5, 550.5, 149.5, 49.5, (0x5B, 0x9B, 0xD5)))
    texts = [(72, 700, "ก่อนตาราง"), (80, 620, "ต.ค."), (230, 620, "พ.ย."), (80, 570, "ขั้นที่ 1"), (72, 500, "หลังตาราง")]
    document = read_pdf(_drawn_pdf(tmp_path / "grid.pdf", texts, rects))
    assert [type(b).__name__ for b in document.blocks] == ["Paragraph", "Table", "Paragraph"]
    (table,) = document.tables
    assert [[(c.text, c.shaded, c.fill) for c in row] for row in table.rows] == [
        [("ต.ค.", False, None), ("พ.ย.", False, None)], [("ขั้นที่ 1", False, None), ("", True, "5B9BD5")]]


@drawn
def test_side_by_side_blocks_without_borders_become_one_row_of_cells(tmp_path):
    texts = [(90, 300, "ลงชื่อ ........ ผู้เสนอ"), (330, 300, "ลงชื่อ ........ ผู้อนุมัติ"),
             (100, 275, "( นายสมชาย ใจดี )"), (340, 275, "( นางสมหญิง รักงาน )"), (345, 250, "ผู้อำนวยการ"),
             (72, 200, "หมายเหตุ ข้อความทั้งบรรทัดที่ยาวข้ามกลางหน้ากระดาษไปจนเกือบสุดขอบขวา")]
    document = read_pdf(_drawn_pdf(tmp_path / "columns.pdf", texts))
    (table,) = document.tables
    assert [c.text for c in table.rows[0]] == ["ลงชื่อ ........ ผู้เสนอ\n( นายสมชาย ใจดี )",
                                               "ลงชื่อ ........ ผู้อนุมัติ\n( นางสมหญิง รักงาน )\nผู้อำนวยการ"]
    assert [p.text for p in document.paragraphs] == [texts[-1][2]]


@drawn
def test_one_line_with_a_wide_gap_stays_a_paragraph(tmp_path):
    texts = [(72, 300, "ฝ่าย/กลุ่มงาน"), (330, 300, "กลุ่มงานพัฒนา"), (72, 275, "ข้อความบรรทัดถัดไปที่ยาวต่อเนื่องข้ามกลางหน้ากระดาษ")]
    document = read_pdf(_drawn_pdf(tmp_path / "gap_line.pdf", texts))
    assert document.tables == [] and [p.text for p in document.paragraphs][0] == "ฝ่าย/กลุ่มงาน กลุ่มงานพัฒนา"


@drawn
def test_running_header_is_marked_after_its_first_page_and_page_number_footers_are_dropped(tmp_path):
    texts = []
    for page in (1, 2, 3):
        texts += [(page, 450, 800, "แบบฟอร์ม 4"), (page, 280, 40, f"- {page} -"),
                  (page, 72, 760, f"เนื้อหาหน้า {page}"), (page, 72, 730, "บรรทัดที่สองของหน้า")]
    document = read_pdf(_drawn_pdf(tmp_path / "running.pdf", texts, pages=3))
    assert [(p.where, p.text) for p in document.paragraphs if not p.running] == [
        ("page 1, line 1", "แบบฟอร์ม 4"), ("page 1, line 2", "เนื้อหาหน้า 1"), ("page 1, line 3", "บรรทัดที่สองของหน้า"),
        ("page 2, line 2", "เนื้อหาหน้า 2"), ("page 2, line 3", "บรรทัดที่สองของหน้า"),
        ("page 3, line 2", "เนื้อหาหน้า 3"), ("page 3, line 3", "บรรทัดที่สองของหน้า")]
    assert [(p.where, p.text) for p in document.paragraphs if p.running] == [
        ("page 2, line 1", "แบบฟอร์ม 4"), ("page 3, line 1", "แบบฟอร์ม 4")]  # the extractors drop them


@drawn
def test_page_without_text_in_a_text_pdf_is_noted(tmp_path):
    document = read_pdf(_drawn_pdf(tmp_path / "two.pdf", [(72, 760, "หน้าแรก")], pages=2))
    assert document.format == "pdf" and document.pages == 2
    # Nothing drawn on page 2 either: it is said to be blank, once, and not "scanned?".
    assert [w.split(" — ")[0] for w in document.warnings] == ["page 2 is blank: nothing is written or printed on it"]


def test_a_scanned_page_in_a_text_pdf_is_noted(tmp_path):
    text = pdfium.PdfDocument(_drawn_pdf(tmp_path / "one.pdf", [(72, 760, "หน้าแรก")]))
    page = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(page).rectangle((100, 100, 1100, 300), outline=0, width=4)  # ink, but no text layer
    page.save(tmp_path / "scan.pdf", "PDF", resolution=150)
    text.import_pages(pdfium.PdfDocument(tmp_path / "scan.pdf"))
    text.save(tmp_path / "two.pdf")
    document = read_pdf(tmp_path / "two.pdf")
    assert document.format == "pdf" and document.warnings == [f"page 2: {SCAN_WARNING}"]


# --------------------------------------------------------------------------- scans and broken files
def test_image_only_pdf_is_reported_as_a_scan(tmp_path):
    page = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(page).rectangle((100, 100, 1100, 300), outline=0, width=4)
    path = tmp_path / "scan.pdf"
    page.save(path, "PDF", resolution=150)
    document = read_pdf(path)
    assert document.format == "scan" and document.blocks == [] and document.pages == 1
    assert document.warnings == [SCAN_WARNING]


@pytest.mark.parametrize("content,message", [
    (b"", "empty"),
    (b"PK\x03\x04 this is a zip, not a PDF", "not a readable PDF"),
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog", "not a readable PDF"),
])
def test_empty_or_corrupt_pdf_is_unreadable(tmp_path, content, message):
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError) as caught:
        read_pdf(path)
    assert message in caught.value.message_en and caught.value.message_th
    assert str(path) in str(caught.value)


def test_missing_file_is_unreadable(tmp_path):
    with pytest.raises(UnreadableFileError, match="not found"):
        read_pdf(tmp_path / "nothing.pdf")


# --------------------------------------------------------------------------- the dev corpus
corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="dev corpus not present")


def _docx_tables(path: Path) -> tuple[set[str], set[tuple[str, int, str]]]:
    """Cell texts and shaded cells (first cell of the row, column, fill) of a DOCX, read with python-docx."""
    texts, shaded = set(), set()
    for table in docx.Document(str(path)).tables:
        for row in table.rows:
            cells = row.cells
            for col, cell in enumerate(cells):
                texts.add(_squash(cell.text))
                shd = cell._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
                fill = shd.get(qn("w:fill")) if shd is not None else None
                if fill and fill.lower() not in ("auto", "ffffff"):
                    shaded.add((_squash(cells[0].text), col, fill.upper()))
    return texts - {""}, shaded


def _stitched_rows(document: Document, known: set[str]) -> list[list[tuple[str, bool, str | None]]]:
    """All table rows (text, shaded, fill); a row split by a page break is joined when the DOCX has the whole."""
    rows: list[list[tuple[str, bool, str | None]]] = []
    previous: Table | None = None
    for block in document.blocks:
        if not isinstance(block, Table):
            previous = None
            continue
        body = [[(_squash(c.text), c.shaded, c.fill) for c in row] for row in block.rows]
        if previous is not None and block.page == previous.page + 1 and rows and len(rows[-1]) == len(body[0]):
            joined = [(a[0] + b[0], a[1] or b[1], a[2] or b[2]) for a, b in zip(rows[-1], body[0], strict=True)]
            if all(text in known or not text for text, _, _ in joined) and joined != rows[-1]:
                rows[-1] = joined
                body = body[1:]
        rows += body
        previous = block
    return rows


@corpus
@pytest.mark.parametrize("doc", PAIRED)
def test_corpus_pdf_tables_match_the_docx(doc):
    manifest = json.loads((CORPUS / "manifest.json").read_text())
    assert {f["file"]: f["format"] for f in manifest["files"]}[f"{doc}.pdf"] == "pdf"
    docx_texts, docx_shaded = _docx_tables(CORPUS / f"{doc}.docx")
    rows = _stitched_rows(read_pdf(CORPUS / f"{doc}.pdf"), docx_texts)
    pdf_texts = {text for row in rows for text, _, _ in row} - {""}
    pdf_shaded = {(row[0][0], col, fill) for row in rows for col, (_, shaded, fill) in enumerate(row) if shaded}
    assert pdf_texts == docx_texts
    assert pdf_shaded == docx_shaded


@corpus
def test_corpus_shaded_gantt_cells_give_the_true_months():
    truth = json.loads((CORPUS / "doc022.truth.json").read_text())["fields"]["steps"]
    document = read_pdf(CORPUS / "doc022.pdf")
    fiscal_months = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    steps: list[set[int]] = []
    for table in document.tables:
        for row in table.rows:
            if row[0].text.startswith("ขั้นตอน"):
                continue
            months = {fiscal_months[c - 1] for c, cell in enumerate(row) if c and cell.shaded}
            assert all(cell.fill == "A8D08D" for cell in row if cell.shaded)
            if re.match(r"\d", row[0].text):
                steps.append(months)
            else:  # the rest of a row that ran over the page break
                steps[-1] |= months
    assert [sorted(s) for s in steps] == [sorted(step["months"]) for step in truth]


@corpus
def test_corpus_marks_drawn_in_a_later_text_run_go_back_over_their_base():
    text = read_pdf(CORPUS / "doc027.pdf").text()
    # LibreOffice's text layer lists these tone marks after the next consonant or several words later.
    assert "ประสิทธิภาพยิ่งขึ้น" in text
    assert "พร้อมทั้งอธิบายว่ามีการร่วมดำเนินการอย่างไร" in _squash(text)
    assert "ขึน้" not in text and "ทังอธิบาย" not in text


@corpus
def test_corpus_signature_block_without_borders_comes_as_columns():
    document = read_pdf(CORPUS / "doc027.pdf")
    signatures = [t for t in document.tables if t.page == 3]
    assert len(signatures) == 1 and len(signatures[0].rows) == 1
    left, right = (cell.text for cell in signatures[0].rows[0])
    assert "ผู้บังคับบัญชา" in left and "นางพรทิพย์ ทองดี" in left and "นางสาวสุดารัตน์" not in left
    assert "หัวหน้าหน่วยงาน" in right and "นางสาวสุดารัตน์ วงศ์สวัสดิ์" in right
    assert document.blocks[-1].text.startswith("ให้ชัดเจน")


@corpus
def test_corpus_hyphen_at_a_line_end_is_kept():
    text = read_pdf(CORPUS / "doc018.pdf").text()
    assert "(Tele-\nDM)" in text and "\ufffe" not in text


@corpus
def test_corpus_scanned_pdf_is_reported_as_a_scan():
    document = read_pdf(CORPUS / "doc011.pdf")  # its blocks, if any, come from OCR (readers/ocr.py)
    assert document.format == "scan" and document.warnings[:1] == [SCAN_WARNING]


# --------------------------------------------------------------------------- lines wrapped by the page width
WRAPPED_THAI = ("สำนักงานประชาสัมพันธ์บันทึกภาพข่าวภารกิจผู้บริหารกรุงเทพมหานครจัดเก็บในฮาร์ดดิสก์แยกตามวันที่"
                "การค้นหาภาพเพื่อประกอบข่าวหรือส่งให้หน่วยงานอื่นใช้เวลาเฉลี่ยนานต่อครั้งข่าวจึงเผยแพร่ช้า")
WRAPPED_CELL = "ประชุมคณะทำงานเพื่อกำหนดมาตรฐานการตั้งชื่อและคำสำคัญของภาพข่าว"
WRAPPED_LATIN = " ".join(["Weekly Citizen Voice report"] * 8)


@pytest.fixture(scope="module")
def wrapped(tmp_path_factory) -> Document:
    """Thai text with no spaces wrapped by the page and by a narrow cell, short lines ended by hand, Latin text."""
    from pipeline.office import convert_to_pdf

    out = tmp_path_factory.mktemp("wrapped")
    document = docx.Document()
    _paragraph(document, "ชื่อโครงการ")
    _paragraph(document, "หน่วยงาน")
    _paragraph(document, WRAPPED_THAI)
    _paragraph(document, WRAPPED_LATIN)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    _set_cell(table.cell(0, 0), WRAPPED_CELL)
    _set_cell(table.cell(0, 1), "บรรทัดแรก")
    _thai_run(table.cell(0, 1).add_paragraph(), "บรรทัดที่สอง")
    _set_cell(table.cell(0, 2), "")
    document.save(str(out / "wrapped.docx"))
    (pdf,) = convert_to_pdf([out / "wrapped.docx"], out)
    return read_pdf(pdf)


@pytest.mark.slow
def test_line_wrapped_inside_thai_text_is_marked_and_joins_back_without_a_space(wrapped):
    texts = [p.text for p in wrapped.paragraphs]
    start = next(n for n, t in enumerate(texts) if t.startswith("สำนักงานประชาสัมพันธ์"))
    end = next(n for n in range(start, len(texts)) if not texts[n].endswith(SOFT_WRAP))
    assert end > start  # the text did wrap
    assert "".join(t.removesuffix(SOFT_WRAP) for t in texts[start:end + 1]) == WRAPPED_THAI


@pytest.mark.slow
def test_lines_ended_by_hand_and_latin_wraps_are_not_soft_thai_wraps(wrapped):
    texts = [p.text for p in wrapped.paragraphs]
    assert texts[:2] == ["ชื่อโครงการ", "หน่วยงาน"]
    latin = [t for t in texts if "Weekly" in t or "report" in t]
    assert len(latin) >= 2 and not any(SOFT_WRAP in t for t in latin)
    assert " ".join(latin) == WRAPPED_LATIN


@pytest.mark.slow
def test_cell_text_wrapped_by_the_cell_width_comes_as_one_line(wrapped):
    (table,) = wrapped.tables
    assert [c.text for c in table.rows[0]] == [WRAPPED_CELL, "บรรทัดแรก\nบรรทัดที่สอง", ""]


def test_value_wrapped_inside_thai_text_joins_without_a_space_and_other_lines_with_one():
    from pipeline.extractors.text import clean_value

    assert clean_value(f"เพื่อให้ภาพ{SOFT_WRAP}\nข่าวของกรุงเทพมหานคร\nและเพื่อ") == "เพื่อให้ภาพข่าวของกรุงเทพมหานคร และเพื่อ"
    assert clean_value(f"ภาพข่าว{SOFT_WRAP}") == "ภาพข่าว"


# --------------------------------------------------------------------------- fill styles that trip a PDF reader
GANTT_STEPS = [("1. การสร้างนวัตกรรม", [], "arrow"), ("1.1 ออกแบบระบบ", [1, 2], "arrow"),
               ("2. การนำนวัตกรรมไปใช้ประโยชน์", [3, 4], "arrow"), ("3. การติดตามผล", [8, 9, 10], "arrow")]


# Narrow name cells make the table run over the page and cut the third step's name inside a word.
CUT_STEPS = [("1. การสร้างนวัตกรรม", [], "X"), ("1.1 ออกแบบระบบ", [1, 2], "X"), ("2. การนำนวัตกรรมไปใช้ประโยชน์", [3, 4], "X"),
             ("3. การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์", [8, 9, 10], "X"), ("3.1 สำรวจความพึงพอใจ", [10], "X"),
             ("4. สรุปผลการดำเนินโครงการ", [11], "X")]


@pytest.fixture(scope="module")
def styles(tmp_path_factory) -> dict[str, Path]:
    """Real files in the fill styles variant returns use, made in Word's formats and exported by LibreOffice."""
    from docx_builders import gantt, legacy_box, make_docx, text_box

    from pipeline.office import convert_to_pdf

    out = tmp_path_factory.mktemp("styles")
    made = {
        "midline": make_docx(out / "midline.docx", [
            "รูปแบบของนวัตกรรม ☐ นวัตกรรมเชิงนโยบาย (Policy Innovation)", "☒ นวัตกรรมบริการ (Service Innovation)"]),
        "legacy": make_docx(out / "legacy.docx", [
            [legacy_box('<w:default w:val="0"/>'), " นวัตกรรมเชิงนโยบาย"],
            [legacy_box('<w:default w:val="1"/>'), " นวัตกรรมบริการ"]]),
        "text_box": make_docx(out / "text_box.docx", [
            "แผนการดำเนินการ", ["หน่วยงาน ........", text_box("สำนักการโยธา")], "ชื่อโครงการ ซ่อมถนนด่วน"]),
        "one_line": make_docx(out / "one_line.docx", ["หน่วยงาน สำนักการโยธา ชื่อโครงการ ซ่อมถนนด่วน"]),
        "tabs": make_docx(out / "tabs.docx", ["แผนการดำเนินการ", "หน่วยงาน\tสำนักการโยธา", "ชื่อโครงการ\tซ่อมถนนด่วน"]),
        "gantt": make_docx(out / "gantt.docx", ["แผนการดำเนินการ", "หน่วยงาน สำนักการโยธา"], {-1: gantt(GANTT_STEPS)}),
        "cut": make_docx(out / "cut.docx", ["แผนการดำเนินการ", "หน่วยงาน สำนักการโยธา"], {-1: gantt(CUT_STEPS)}),
    }
    convert_to_pdf(list(made.values()), out)
    return {name: path.with_suffix(".pdf") for name, path in made.items()}


@pytest.mark.slow
def test_tick_box_glyph_from_a_fallback_font_stays_where_it_is_drawn(styles):
    # LibreOffice draws ☐ from a fallback font and lists it after the Thai text that follows it on the line.
    assert [p.text for p in read_pdf(styles["midline"]).paragraphs] == [
        "รูปแบบของนวัตกรรม ☐ นวัตกรรมเชิงนโยบาย (Policy Innovation)", "☒ นวัตกรรมบริการ (Service Innovation)"]


@pytest.mark.slow
def test_legacy_check_box_fields_drawn_as_squares_become_ballot_boxes(styles):
    document = read_pdf(styles["legacy"])  # the PDF has no glyph for them: a square, crossed when ticked
    assert [p.text for p in document.paragraphs] == ["☐ นวัตกรรมเชิงนโยบาย", "☑ นวัตกรรมบริการ"]
    assert document.tables == []


@pytest.mark.slow
def test_text_box_over_dotted_leaders_keeps_its_word_whole(styles):
    from pipeline.extractors.record import extract

    texts = [p.text for p in read_pdf(styles["text_box"]).paragraphs]
    assert any("สำนักการโยธา" in t and t.startswith("หน่วยงาน") for t in texts)
    assert extract(styles["text_box"]).fields["agency"] == "สำนักการโยธา"


@pytest.mark.slow
def test_space_listed_after_the_word_it_precedes_goes_back_before_it(styles):
    assert [p.text for p in read_pdf(styles["one_line"]).paragraphs] == ["หน่วยงาน สำนักการโยธา ชื่อโครงการ ซ่อมถนนด่วน"]


@pytest.mark.slow
def test_label_and_value_at_a_tab_stop_stay_lines_not_a_borderless_table(styles):
    document = read_pdf(styles["tabs"])
    assert document.tables == []
    assert [p.text for p in document.paragraphs] == ["แผนการดำเนินการ", "หน่วยงาน สำนักการโยธา", "ชื่อโครงการ ซ่อมถนนด่วน"]


@pytest.mark.slow
def test_gantt_arrow_drawn_on_a_row_border_marks_that_rows_months_and_wrapped_numbers_keep_the_phase(styles):
    from pipeline.extractors.record import extract

    steps = extract(styles["gantt"]).fields["steps"]
    assert [(s["name"], s["phase"], s["months"]) for s in steps] == [
        ("การสร้างนวัตกรรม", "creation", []), ("ออกแบบระบบ", "creation", [11, 12]),
        ("การนำนวัตกรรมไปใช้ประโยชน์", "deployment", [1, 2]), ("การติดตามผล", "follow_up", [6, 7, 8])]


@pytest.mark.slow
def test_table_row_cut_by_the_page_inside_a_thai_word_joins_back_without_a_space(styles):
    from pipeline.extractors.record import extract

    assert {t.page for t in read_pdf(styles["cut"]).tables} == {1, 2}
    assert [s["name"] for s in extract(styles["cut"]).fields["steps"]] == [
        "การสร้างนวัตกรรม", "ออกแบบระบบ", "การนำนวัตกรรมไปใช้ประโยชน์", "การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์",
        "สำรวจความพึงพอใจ", "สรุปผลการดำเนินโครงการ"]
