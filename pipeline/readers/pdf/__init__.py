"""The PDF reader: text, geometry and tables of a PDF (pypdfium2) into the document model."""

from pipeline.readers.pdf.reader import read_pdf

__all__ = ["read_pdf"]
