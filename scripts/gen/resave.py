"""Re-save a DOCX through LibreOffice (Word 2007 XML), as an agency that opens and saves the form there."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from pipeline.office import convert_to_docx


def libreoffice_resave(src: Path, out: Path, timeout: float = 180) -> Path:
    """The file opened and saved again by LibreOffice (``soffice --convert-to docx``), written to ``out``."""
    with tempfile.TemporaryDirectory(prefix="gen-resave-") as tmp:
        staged = Path(tmp) / "in" / "form.docx"
        staged.parent.mkdir()
        shutil.copy(src, staged)
        saved = convert_to_docx(staged, Path(tmp) / "out", timeout=timeout)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(saved, out)
    return out
