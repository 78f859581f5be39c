"""The DOCX reader: a Word file into the document model."""

from pipeline.readers.docx.reader import read_docx

__all__ = ["read_docx"]
