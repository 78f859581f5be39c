"""Print an HTML page to PDF with Debian's headless Chromium, as a browser's "print to PDF" or Google Docs does."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from pipeline.processes import run_killable

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-pdf-header-footer")


def print_to_pdf(html_text: str, out_pdf: Path, timeout: float = 120, header_footer: bool = False) -> Path:
    """Write ``html_text`` to a temporary page and print it with a fresh Chromium profile (killed past
    ``timeout`` with all its helper processes). ``header_footer``: with the browser's own header and footer, as
    its print dialog has them by default (the date and the page's title above, the page number below)."""
    with tempfile.TemporaryDirectory(prefix="gen-chromium-") as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(html_text, encoding="utf-8")
        out_pdf.parent.mkdir(parents=True, exist_ok=True)
        flags = [f for f in FLAGS if not (header_footer and f == "--no-pdf-header-footer")]
        proc = run_killable(["chromium", *flags, f"--user-data-dir={Path(tmp) / 'profile'}",
                             f"--print-to-pdf={out_pdf.resolve()}", page.as_uri()], timeout)
        if proc.returncode != 0 or not out_pdf.is_file():
            raise subprocess.CalledProcessError(proc.returncode, proc.args, proc.stdout, proc.stderr)
    return out_pdf
