"""LibreOffice headless: DOCX → PDF conversion, many files per process, time-limited and cut off from the network."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pypdfium2

from pipeline.errors import ConversionError, UnreadableFileError
from pipeline.processes import run_killable

SOFFICE_NAMES = ("soffice", "libreoffice")
# A cold LibreOffice start (new profile) takes a few seconds; each page of a form a fraction of one.
BASE_TIMEOUT_S = 60.0
PER_FILE_TIMEOUT_S = 10.0
# Files per soffice call: few enough that a failed call loses little, many enough that start-up is amortized.
FILES_PER_CALL = 40
# A returned file may link images or objects by URL: LibreOffice must never fetch them (SSRF). The profile turns
# link updates off and sends any request to a closed port; the network namespace (where allowed) has no route out.
_PROFILE_ITEMS = (
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "2"),  # 2 = never update links
    ("/org.openoffice.Office.Calc/Content/Update", "Link", "2"),
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "1"),  # manual proxy: a closed port on loopback
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy", ""),
)
_NAMESPACES = (("unshare", "--net"), ("unshare", "--user", "--map-root-user", "--net"),
               ("bwrap", "--dev-bind", "/", "/", "--unshare-net", "--die-with-parent"))


def find_soffice() -> str:
    """The LibreOffice executable, or a ConversionError telling how to install it."""
    for name in SOFFICE_NAMES:
        path = shutil.which(name)
        if path:
            return path
    raise ConversionError(
        "LibreOffice is not installed, so no PDF can be made: run `bash scripts/setup.sh install` "
        "(or apt-get install libreoffice-writer-nogui)",
        "ไม่พบโปรแกรม LibreOffice จึงสร้างไฟล์ PDF ไม่ได้ ให้ติดตั้งด้วยคำสั่ง bash scripts/setup.sh install",
    )


@contextmanager
def _profile() -> Iterator[Path]:
    """A LibreOffice user profile no other soffice is using, locked while we use it.

    Two soffice processes on one profile hand work to each other and exit early; a new profile costs
    seconds to create, so profiles are kept under the cache folder and reused, one lock each.
    """
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "bma-pipeline"
    for slot in range(64):
        profile = base / f"lo-profile-{slot}"
        profile.mkdir(parents=True, exist_ok=True)
        lock = open(profile / ".lock", "w")  # noqa: SIM115 - held for the duration of the conversion
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.close()
            continue
        try:
            harden_profile(profile)
            yield profile
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
            lock.close()
        return
    raise ConversionError("no free LibreOffice profile (64 conversions already running)",
                          "มีการแปลงไฟล์ด้วย LibreOffice พร้อมกันมากเกินไป")


def harden_profile(profile: Path) -> None:
    """Write the settings of ``_PROFILE_ITEMS`` into the profile (LibreOffice keeps them when it rewrites it)."""
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    xcu = user / "registrymodifications.xcu"
    text = xcu.read_text(encoding="utf-8") if xcu.is_file() else ""
    if text and all(f'"{name}"' in text for _, name, _ in _PROFILE_ITEMS) and "<value>9</value>" in text:
        return
    items = "".join(f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop>'
                    "</item>\n" for path, name, value in _PROFILE_ITEMS)
    if "</oor:items>" not in text:
        text = ('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
                "</oor:items>\n")
    xcu.write_text(text.replace("</oor:items>", items + "</oor:items>", 1), encoding="utf-8")


_JAIL: list[tuple[str, ...]] = []  # the prefix found to work (a failure is not kept: it may be the machine's load)


def network_jail() -> tuple[str, ...]:
    """The command prefix that runs a program with no network at all (a namespace with only a loopback that is
    down); () where the platform allows none (then the profile alone keeps LibreOffice from fetching)."""
    if _JAIL:
        return _JAIL[0]
    for prefix in _NAMESPACES:
        if not shutil.which(prefix[0]):
            continue
        try:  # a new network namespace can take seconds while the kernel tears down others
            if subprocess.run([*prefix, "true"], capture_output=True, timeout=60).returncode == 0:
                _JAIL.append(prefix)
                return prefix
        except (OSError, subprocess.SubprocessError):
            continue
    return ()


def _run_soffice(args: list[str], profile: Path, limit: float, what: str, where: str) -> None:
    """Run soffice headless on a private profile; kill its whole process group if it overruns ``limit``."""
    cmd = [*network_jail(), find_soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nologo",
           *args]
    try:
        proc = run_killable(cmd, limit)
    except subprocess.TimeoutExpired:
        raise ConversionError(
            f"LibreOffice did not finish {what} within {limit:.0f} s and was stopped",
            f"LibreOffice ทำงาน ({what}) ไม่เสร็จภายใน {limit:.0f} วินาที จึงถูกหยุด", where=where,
        ) from None
    if proc.returncode != 0:
        raise ConversionError(
            f"LibreOffice failed {what} (exit {proc.returncode}): {proc.stderr.decode(errors='replace')[-300:]}",
            f"LibreOffice ทำงาน ({what}) ไม่สำเร็จ", where=where,
        )


def _convert_batch(files: list[Path], outdir: Path, profile: Path, timeout: float | None) -> None:
    limit = timeout if timeout is not None else BASE_TIMEOUT_S + PER_FILE_TIMEOUT_S * len(files)
    _run_soffice(["--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)], profile, limit,
                 f"converting {len(files)} file(s) to PDF", str(files[0]))


def convert_to_pdf(files: list[Path], outdir: Path | None = None, *, workers: int = 1,
                   timeout: float | None = None) -> list[Path]:
    """Convert documents to PDF beside them (or into ``outdir``); ``workers`` soffice processes share the files.

    Returns the PDF paths in the order of ``files``; a file LibreOffice could not convert raises ConversionError.
    """
    files = [Path(f) for f in files]
    if not files:
        return []
    pdfs = [(Path(outdir) if outdir else f.parent) / (f.stem + ".pdf") for f in files]
    workers = max(1, min(workers, len(files)))
    slots = [list(range(i, len(files), workers)) for i in range(workers)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_run_slot, [files[i] for i in s], [pdfs[i] for i in s], timeout) for s in slots]
        for fut in futures:
            fut.result()
    for src, pdf in zip(files, pdfs, strict=True):
        if not pdf.is_file():
            raise ConversionError(f"LibreOffice made no PDF of {src.name}",
                                  f"LibreOffice ไม่ได้สร้างไฟล์ PDF ของ {src.name}", where=str(src))
    return pdfs


def _run_slot(files: list[Path], pdfs: list[Path], timeout: float | None) -> None:
    """Convert one worker's share in as few soffice calls as possible, whatever folders the PDFs go to.

    soffice writes every PDF of a call into one folder and names it after its input, so inputs from many folders
    (one per agency) are staged under unique names in one folder: a start of soffice costs about a second,
    a page a fraction of that.
    """
    with _profile() as profile, tempfile.TemporaryDirectory(prefix="pipeline-pdf-") as tmp:
        staged_dir = Path(tmp)
        for start in range(0, len(files), FILES_PER_CALL):
            chunk = range(start, min(start + FILES_PER_CALL, len(files)))
            staged = []
            for i in chunk:
                link = staged_dir / f"{i:05d}{files[i].suffix}"
                os.symlink(files[i].resolve(), link)
                staged.append(link)
            _convert_batch(staged, staged_dir, profile, timeout)
            for i, link in zip(chunk, staged, strict=True):
                made = link.with_suffix(".pdf")
                if made.is_file():
                    pdfs[i].parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(made, pdfs[i])
                link.unlink()


def convert_to_docx(path: Path, outdir: Path | None = None, *, timeout: float | None = None) -> Path:
    """Convert a .doc, .odt or .rtf file to DOCX with LibreOffice, into ``outdir`` or a temporary folder."""
    outdir = Path(outdir or tempfile.mkdtemp(prefix="pipeline-docx-"))
    with _profile() as profile:
        _run_soffice(["--convert-to", "docx", "--outdir", str(outdir), str(path)], profile,
                     timeout or BASE_TIMEOUT_S, "converting to DOCX", str(path))
    out = outdir / (Path(path).stem + ".docx")
    if not out.is_file():  # the file's own name is in ``where``: the message names no (internal) file name
        raise ConversionError("LibreOffice could not convert the file to DOCX: it is damaged, or not a word-processing "
                              "document", "LibreOffice แปลงไฟล์เป็น DOCX ไม่ได้ ไฟล์อาจเสียหายหรือไม่ใช่เอกสาร",
                              where=str(path))
    return out


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Width and height in points of each page of a PDF."""
    try:
        doc = pypdfium2.PdfDocument(str(pdf))
    except pypdfium2.PdfiumError as exc:
        raise UnreadableFileError(f"cannot open PDF: {exc}", "เปิดไฟล์ PDF ไม่ได้", where=str(pdf)) from None
    try:
        return [tuple(doc[i].get_size()) for i in range(len(doc))]  # type: ignore[misc]
    finally:
        doc.close()


def count_pages(pdf: Path) -> int:
    """Number of pages of a PDF."""
    return len(page_sizes(pdf))


def count_portrait_lead_pages(pdf: Path) -> int:
    """Pages before the first landscape page: Form 3's own length, its attached plan being landscape."""
    sizes = page_sizes(pdf)
    for i, (w, h) in enumerate(sizes):
        if w > h:
            return i
    return len(sizes)
