"""Re-save a DOCX through LibreOffice (Word 2007 XML), as an agency that opens and saves the form there."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def libreoffice_resave(src: Path, out: Path, timeout: int = 180) -> Path:
    """``soffice --convert-to docx:"MS Word 2007 XML"`` with a private profile, written to ``out``."""
    with tempfile.TemporaryDirectory(prefix="gen-resave-") as tmp:
        tmp_path = Path(tmp)
        staged = tmp_path / "in" / "form.docx"
        staged.parent.mkdir()
        shutil.copy(src, staged)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                        "--convert-to", 'docx:MS Word 2007 XML', "--outdir", str(tmp_path / "out"), str(staged)],
                       check=True, capture_output=True, timeout=timeout)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / "out" / "form.docx", out)
    return out
