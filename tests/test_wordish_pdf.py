"""Wordish forms printed to PDF: the ``wordish-pdf`` generator prints what a sender sees (changes accepted, frames per page section, boxes placed)."""

from __future__ import annotations

import random
import tempfile
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from pipeline.generate.render import render_docx
from pipeline.office import page_sizes
from scripts.gen.records import KINDS, half_of, random_record, truth
from scripts.gen.wordish import DELETED_WORDS, rewrite_docx
from scripts.gen.wordish_layout import label_geometry, section_end
from scripts.gen.wordish_print import accept_tracked, place_value_boxes, print_pdf
from scripts.gen.wordxml import NS, text_of, truth_values, w


def _wordish(seed: int, tmp: Path) -> tuple[etree._Element, dict]:
    record = random_record(KINDS[seed % len(KINDS)], seed)
    source = render_docx(record, tmp / "form.docx")
    style = rewrite_docx(source, tmp / "wordish.docx", seed, half_of(seed), truth(record)["fields"])
    with zipfile.ZipFile(tmp / "wordish.docx") as package:
        body = etree.fromstring(package.read("word/document.xml")).find(w("body"))
    return body, {"style": style, "values": truth_values(truth(record)["fields"])}


@pytest.mark.parametrize("seed", [308, 316, 330])  # joined_lines, deleted_rows, ins_del
def test_tracked_changes_are_accepted_before_printing(seed):
    """The printout holds what Word shows with the changes accepted: no deleted word, no deleted row, no
    deleted paragraph mark (LibreOffice had printed the markup, struck words the truth does not hold)."""
    with tempfile.TemporaryDirectory() as tmp:
        body, _ = _wordish(seed, Path(tmp))
        assert any(True for tag in ("del", "ins") for _ in body.iter(w(tag)))
        accept_tracked(body)
        assert not any(True for tag in ("del", "ins", "delText") for _ in body.iter(w(tag)))
        assert not any(word in text_of(body) for word in DELETED_WORDS)


def test_a_layout_frame_keeps_the_page_sections():
    """Form 3 framed in a one-column layout table: its section break (portrait pages, then the landscape Gantt)
    stays in the body, one frame per section; inside a cell the break was lost and the Gantt cut at the
    portrait page's edge."""
    with tempfile.TemporaryDirectory() as tmp:
        body, meta = _wordish(352, Path(tmp))
        assert meta["style"]["layout"] == "frame_rows"
        breaks = [p for p in body.iter(w("p")) if section_end(p) is not None]
        assert breaks and all(p.getparent() is body for p in breaks)


def test_a_label_value_row_holds_no_second_label():
    """A line with two labels (``ชื่อ … กอง/สำนักงาน …``) is no label|value row: the second label stood in the
    value cell."""
    with tempfile.TemporaryDirectory() as tmp:
        body, meta = _wordish(308, Path(tmp))
        assert meta["style"]["layout"] == "label_cells"
        label = str(label_geometry(random.Random("wordish-table:308"))["label"])  # the tuning half's drawn width
        label_tables = [t for t in body.iter(w("tbl"))
                        if [c.get(w("w")) for c in t.findall(f"{w('tblGrid')}/{w('gridCol')}")][:1] == [label]]
        assert label_tables
        for row in (r for t in label_tables for r in t.iter(w("tr"))):
            cells = row.findall(w("tc"))
            if len(cells) == 2:
                rest = text_of(cells[1])
                for value in meta["values"]:
                    rest = rest.replace(value, "")
                assert not rest.replace(".", "").strip(), text_of(row)


def test_value_boxes_are_laid_over_their_dots():
    """A value's text box is placed where its dots start, over the line (no wrapping), as wide as its value;
    as made for the DOCX it stood at the column's left edge and pushed the line apart."""
    with tempfile.TemporaryDirectory() as tmp:
        body, meta = _wordish(302, Path(tmp))
        assert meta["style"]["text_box"] == "values"
        place_value_boxes(body)
        anchors = [a for a in body.iter(f"{{{NS['wp']}}}anchor")
                   if int(a.find(f"{{{NS['wp']}}}docPr").get("id")) >= 300]
        assert anchors
        for anchor in anchors:
            assert anchor.find(f"{{{NS['wp']}}}positionH").get("relativeFrom") == "character"
            assert anchor.find(f"{{{NS['wp']}}}wrapNone") is not None
            run = anchor.getparent().getparent().getparent().getparent()
            assert set(text_of(run.getnext())) == {"."}


@pytest.mark.slow
def test_a_framed_form3_prints_its_gantt_on_a_landscape_page():
    """LibreOffice keeps a section's page size only when the section does not start with a table: the framed
    Form 3 prints its Gantt on a landscape page."""
    with tempfile.TemporaryDirectory() as tmp:
        _wordish(352, Path(tmp))
        pdf = print_pdf(Path(tmp) / "wordish.docx", Path(tmp) / "form3.pdf", False)
        assert any(width > height for width, height in page_sizes(pdf))


def test_label_cells_geometry_varies_in_the_tuning_half():
    """The tuning half's label|value tables vary their widths, padding, font and spacing, so that the reader's
    rows are tuned on the kind of table (the testing half keeps its one geometry: its files stay as measured)."""
    with tempfile.TemporaryDirectory() as tmp:
        widths = set()
        for seed in (604, 624, 628):  # tuning seeds drawing label_cells
            body, meta = _wordish(seed, Path(tmp))
            assert meta["style"]["layout"] == "label_cells"
            widths |= {t.find(f"{w('tblGrid')}/{w('gridCol')}").get(w("w")) for t in body.iter(w("tbl"))
                       if t.find(f"{w('tblPr')}/{w('tblBorders')}") is not None}
        assert len(widths) > 1
        assert label_geometry(random.Random("wordish-table:604")) != label_geometry(random.Random("wordish-table:624"))
