"""Print an HTML page to PDF with Debian's headless Chromium, as a browser's "print to PDF" or Google Docs does."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-pdf-header-footer")


def print_to_pdf(html_text: str, out_pdf: Path, timeout: int = 120) -> Path:
    """Write ``html_text`` to a temporary page and print it with a fresh Chromium profile."""
    with tempfile.TemporaryDirectory(prefix="gen-chromium-") as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(html_text, encoding="utf-8")
        profile = Path(tmp) / "profile"
        out_pdf.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["chromium", *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={out_pdf.resolve()}",
                        page.as_uri()], check=True, capture_output=True, timeout=timeout)
    return out_pdf
