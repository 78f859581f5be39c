"""A filled Word form rewritten as Markdown and converted by pandoc to DOCX: pandoc's styles, pipe tables, marks."""

from __future__ import annotations

import random
import re
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

MARKS = (("X", "✓"), ("●", "/", "✓"))  # tuning half, testing half
BOXES = (("☑", "☐"), ("[X]", "[ ]"), ("☒", "☐"))


def _escape(text: str) -> str:
    return re.sub(r"([\\*_`|#<>\[\]])", r"\\\1", text)


def _para_text(el) -> str:
    return "".join(t.text or "" for t in el.iter(qn("w:t")))


def _cell_text(tc) -> str:
    return " ".join(_para_text(p).strip() for p in tc.findall(qn("w:p")) if _para_text(p).strip())


def _shaded(tc) -> bool:
    shd = tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
    return shd is not None and shd.get(qn("w:fill")) not in (None, "auto", "FFFFFF")


def _rows(tbl) -> list[list]:
    rows = []
    for tr in tbl.findall(qn("w:tr")):
        row = []
        for tc in tr.findall(qn("w:tc")):
            span_el = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            row.append((tc, int(span_el.get(qn("w:val"))) if span_el is not None else 1))
        rows.append(row)
    return rows


def _paragraph_count(tc) -> int:
    return sum(1 for p in tc.findall(qn("w:p")) if _para_text(p).strip())


def _as_paragraphs(rows: list[list], box: tuple[str, str]) -> str:
    """Each row's first cell as a bold line, the other's paragraphs under it, as a person retypes the form."""
    out = []
    for row in rows:
        for n, (tc, _) in enumerate(row):
            for p in tc.findall(qn("w:p")):
                text = _escape(_para_text(p).strip().replace("☑", box[0]).replace("☐", box[1]))
                if text:
                    out.append(f"**{text}**" if n == 0 and len(row) > 1 else text)
    return "\n\n".join(out) + "\n"


def _table(tbl, mark: str, box: tuple[str, str]) -> str:
    rows = _rows(tbl)
    texts = [[_cell_text(tc) for tc, _ in row] for row in rows]
    flat = " ".join(" ".join(r) for r in texts)
    if "ลงชื่อ" in flat and len(rows) <= 3:  # signature blocks become paragraphs
        return "\n\n".join(_escape(t) for row in texts for t in row if t) + "\n"
    if len(rows[-1]) <= 2 and any(_paragraph_count(tc) > 1 for row in rows for tc, _ in row):
        return _as_paragraphs(rows, box)  # a layout table of long cells: a pipe table cannot hold paragraphs
    lead = ""
    head_rows = 1
    if len(rows) > 1 and any(span > 1 for _, span in rows[0]):
        head_rows = 2
        wide = [_cell_text(tc) for tc, span in rows[0] if span > 1]
        if "ต.ค." in " ".join(texts[1]):  # the Gantt: the fiscal-year line goes above the table
            lead = "".join(f"{_escape(w)}\n\n" for w in wide)
    width = sum(span for _, span in rows[-1])
    header = [_cell_text(tc) for tc, _ in rows[head_rows - 1]]
    if head_rows == 2:  # two-row head flattened: a merged top cell's text where the second row has none
        top = [_cell_text(tc) for tc, span in rows[0] for _ in range(span)]
        header = [h or t for h, t in zip(header + [""] * (width - len(header)), top, strict=False)]
        if len(header) < width:
            header = (top[:1] + header)[:width]
    out = ["| " + " | ".join(_escape(h) or " " for h in header) + " |", "|" + "---|" * width]
    for row in rows[head_rows:]:
        cells = []
        for tc, span in row:
            value = _cell_text(tc)
            if not value and _shaded(tc):
                value = mark
            cells += [_escape(value.replace("☑", box[0]).replace("☐", box[1]))] + [""] * (span - 1)
        out.append("| " + " | ".join(c or " " for c in cells) + " |")
    return lead + "\n".join(out) + "\n"


def docx_to_markdown(docx_path: Path, seed: int) -> str:
    """The Markdown a person would type for the same form: headings, numbered lines, pipe tables, marks."""
    rng = random.Random(f"pandoc:{seed}")
    mark = rng.choice(MARKS[seed % 2])
    box = rng.choice(BOXES)
    document = docx.Document(str(docx_path))
    blocks = []
    for el in document.element.body:
        if el.tag == qn("w:tbl"):
            blocks.append(_table(el, mark, box))
        elif el.tag == qn("w:p"):
            para = Paragraph(el, document)
            # Every run, those inside content controls too (the forms' tick boxes are w14:checkbox controls,
            # which ``Paragraph.text`` leaves out: the boxes had been lost and the truth's choice not printed).
            text = "".join(Run(r, para).text for r in el.iter(qn("w:r"))).strip()
            if not text:
                continue
            name = (para.style.name or "").lower() if para.style is not None else ""
            text = _escape(text.replace("☑", box[0]).replace("☐", box[1]))
            if "title" in name:
                blocks.append(f"# {text}")
            elif "heading" in name and not re.match(r"^\d+\.\s", para.text.strip()):
                blocks.append(f"## {text}")
            elif "heading" in name:
                blocks.append(f"**{text}**" if rng.random() < 0.5 else text)
            else:
                blocks.append(text)
    return "\n\n".join(blocks) + "\n"


def pandoc_docx(markdown: str, out: Path, timeout: int = 120) -> Path:
    """``pandoc -f markdown -t docx``."""
    with tempfile.TemporaryDirectory(prefix="gen-pandoc-") as tmp:
        source = Path(tmp) / "form.md"
        source.write_text(markdown, encoding="utf-8")
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pandoc", "-f", "markdown", "-t", "docx", "-o", str(out), str(source)],
                       check=True, capture_output=True, timeout=timeout)
    return out
