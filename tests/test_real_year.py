"""A year of returned files for twelve agencies, written by `generate` and ingested: `status --json` shows exactly
those agencies, each in its one fiscal year, with the documents they sent — whatever their names look like."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from pipeline.cli.commands import main
from pipeline.generate import generate
from pipeline.ingest.stage import ingest
from pipeline.records import Record
from pipeline.samples import sample_agencies
from pipeline.store import open_store

# (the sample agency cloned, the agency's name in the list, the name written on its forms, PDF or DOCX)
AGENCIES = [
    ("สำนักงานเขตบางกะปิ", "สำนักงานเขตบางกะปิ", "บางกะปิ", "pdf"),              # the prefix missing
    ("สำนักงานเขตบางกะปิ", "สำนักงานเขตลาดพร้าว", "สำนักงานเขตลาดพราว", "docx"),   # a tone mark lost
    ("สำนักงานเขตบางกะปิ", "สำนักงานเขตดุสิต", "สำนักงานเขตดุสิต", "docx"),
    ("สำนักงานเขตบางกะปิ", "สำนักงานเขตห้วยขวาง", "เขตห้วยขวาง", "pdf"),
    ("สำนักการระบายน้ำ", "สำนักการระบายน้ำ", "สำนักการระบายนำ", "pdf"),             # the OCR'd name of the issue
    ("สำนักการระบายน้ำ", "สำนักการโยธา", "สำนักการโยธา", "docx"),
    ("สำนักการระบายน้ำ", "สำนักอนามัย", "สำนักอนามย", "docx"),
    ("สำนักการระบายน้ำ", "สำนักสิ่งแวดล้อม", "สำนักสิงแวดลอม", "pdf"),
    ("สำนักงานประชาสัมพันธ์", "สำนักงานประชาสัมพันธ์", "สำนักงานประชาสัมพันธ์", "docx"),
    ("สำนักงานประชาสัมพันธ์", "สำนักงานกฎหมายและคดี", "Legal Affairs Office", "docx"),
    ("สำนักงานประชาสัมพันธ์", "สำนักงานการต่างประเทศ", "สำนักงานการตางประเทศ", "pdf"),
    ("สำนักงานประชาสัมพันธ์", "สำนักงานเลขานุการสภากรุงเทพมหานคร", "สำนักเลขานุการสภากรุงเทพมหานคร", "pdf"),
]
TYPES = {"สำนักงานเขต": "district", "สำนักการระบายน้ำ": "department", "สำนักงานประชาสัมพันธ์": "permanent_secretary_unit"}
UNDATED = ("form1", "certificate", "survey")  # no year on the form: they join their agency's cycle
NEXT_YEAR = dt.datetime(2025, 11, 14, 3, 0, tzinfo=dt.UTC)  # 14 Nov 2025: fiscal year 2569


def _clone(records: list, sample: str, written: str) -> list[dict]:
    text = json.dumps([{"kind": r.kind, "fields": r.fields} for r in records], ensure_ascii=False)
    return json.loads(text.replace(sample, written))


@pytest.mark.slow
def test_a_year_of_twelve_agencies_lands_in_one_fiscal_year_each(tmp_path: Path, capsys) -> None:
    samples = {a["agency"]: a["records"] for a in sample_agencies()}
    sent: dict[str, Counter] = {}
    for fmt in ("pdf", "docx"):  # one call per format: LibreOffice starts once for all the PDFs
        clones = []
        for sample, name, written, agency_fmt in AGENCIES:
            if agency_fmt == fmt:
                clones += [Record.from_data(r) for r in _clone(samples[sample], sample, written)]
                sent[name] = Counter(r.kind for r in samples[sample])
        result = generate(clones, tmp_path / f"out-{fmt}", pdf=fmt == "pdf", per_agency=True)
        assert len(result.documents) == len(clones)
        for document in result.documents:  # an agency sends its files from a folder of the name it writes
            path = document.pdf if fmt == "pdf" else document.docx
            assert path is not None and path.exists(), document
            batch = "undated" if document.kind in UNDATED else "dated"
            target = tmp_path / batch / str(document.agency) / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    capsys.readouterr()
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"

    # The undated forms come first, in the next fiscal year: no plan yet, so the day received decides, warned.
    first = ingest(tmp_path / "undated", store_url=db, workers=2, received_at=NEXT_YEAR)
    assert first.rejected == first.failed == 0
    with open_store(db) as store:
        early = store.records(current_only=True)
    assert {r.fiscal_year for r in early} == {2569}
    assert all(any("taken from the day the file was received" in w for w in r.warnings) for r in early)

    # Then the plans, Form 2–4 (dated): the undated forms move to the year their agency's cycle states.
    second = ingest(tmp_path / "dated", store_url=db, workers=2, received_at=NEXT_YEAR)
    assert second.rejected == second.failed == 0
    assert main(["status", "--json", "--db", db]) == 0
    status = json.loads(capsys.readouterr().out)

    assert sorted(s["agency"] for s in status) == sorted(name for _, name, _, _ in AGENCIES)
    for entry in status:
        sample = next(s for s, n, _, _ in AGENCIES if n == entry["agency"])
        assert entry["fiscal_year"] == 2568, entry["agency"]
        assert entry["have"] == dict(sent[entry["agency"]]), entry["agency"]
        assert entry["agency_type"] == next(t for prefix, t in TYPES.items() if sample.startswith(prefix))
    with open_store(db) as store:
        moved = store.records(current_only=True, kind="form1")
    assert not any("taken from the day the file was received" in w for r in moved for w in r.warnings)
    assert main(["status", "--fiscal-year", "2569", "--json", "--db", db]) == 0
    assert all(not s["have"] for s in json.loads(capsys.readouterr().out))  # nothing left behind in 2569
