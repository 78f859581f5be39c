"""The reader-neutral document model: paragraphs and tables with their text, tick boxes and cell marks."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cell:
    """One table cell: its text (paragraphs joined by newlines) and whether it is shaded."""

    text: str
    shaded: bool = False
    fill: str | None = None  # the shading colour as RRGGBB, when known
    where: str = ""


@dataclass
class Paragraph:
    """One paragraph (DOCX) or text line (PDF), outside any table."""

    text: str
    where: str = ""  # e.g. "paragraph 12" or "page 1, line 5"
    page: int | None = None
    # A PDF page's top line repeating an earlier page's word for word at the same place: a running header, or
    # the title of the next copy of a form in a bundle (the extractors, who know the titles, tell which).
    running: bool = False


@dataclass
class Table:
    """A table as a grid of rows; a merged cell repeats in every grid position it covers."""

    rows: list[list[Cell]]
    where: str = ""
    page: int | None = None
    # A PDF table whose border lines stop open at the page's foot (its last row runs on past the break) or start
    # open at its head (its first row is the rest of a row from the page before): a row the page break cut.
    open_below: bool = False
    open_above: bool = False


Block = Paragraph | Table


@dataclass
class Document:
    """A returned file read into blocks in reading order, with what the reader noticed."""

    blocks: list[Block]
    source: str = ""
    format: str = ""  # "docx" | "pdf" | "scan"
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def text(self) -> str:
        """All text in reading order, tables row by row with cells separated by tabs."""
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                lines.append(block.text)
            else:
                lines.extend("\t".join(c.text.replace("\n", " ") for c in row) for row in block.rows)
        return "\n".join(lines)


def number_blocks(page: int, blocks: list[Block]) -> None:
    """Fill in ``where`` as every page reader writes it: "page P, line L" / "page P, table T" counted from
    the top of the page, a cell's own ``where`` prefixed by its table's."""
    line_no = table_no = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            line_no += 1
            block.where = f"page {page}, line {line_no}"
            continue
        table_no += 1
        block.where = f"page {page}, table {table_no}"
        for cell in {id(cell): cell for row in block.rows for cell in row}.values():
            cell.where = f"{block.where}, {cell.where}"
