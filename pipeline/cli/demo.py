"""The demo: the whole tour on the embedded sample year — forms, returned files, ingest, scores, reports."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.forms import KINDS
from pipeline.generate.stage import GeneratedDocument, generate, generate_blank
from pipeline.ingest.stage import IngestSummary, ingest
from pipeline.records import Record
from pipeline.scoring.evidence import Evidence, sample_evidence, sample_scoring_dir
from pipeline.scoring.sources import Source
from pipeline.thai import BANGKOK

DEMO_FOLDER = "demo"  # the demo's own inbox and store, remade on every run
KINDS_SENT_AS_PDF = ("form3", "form4", "certificate")  # signed pages come back as PDF; the rest as Word files


@dataclass
class DemoReport:
    """What the demo made and where, step by step."""

    outbox: Path
    steps: list[tuple[str, float, list[str]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"demo: everything is in {self.outbox}/ (ทุกไฟล์อยู่ในโฟลเดอร์ {self.outbox}/)"]
        for title, seconds, made in self.steps:
            out.append(f"\n{title} ({seconds:.1f} s)")
            out.extend(f"  {line}" for line in made)
        out.extend(f"  warning: {w}" for w in self.warnings)
        return out


def _step(report: DemoReport, title: str, work: Callable[[], list[str]]) -> None:
    started = time.perf_counter()
    made = work()
    report.steps.append((title, time.perf_counter() - started, made))


def _forms(report: DemoReport, evidence: list[Evidence], pdf: bool, progress: bool
           ) -> list[tuple[Record, GeneratedDocument]]:
    outbox = report.outbox
    blank = generate_blank(list(KINDS), outbox / "blank", pdf=pdf, progress=progress)
    records = [r for item in evidence for r in item.records]
    filled = generate(records, outbox / "prefilled", pdf=pdf, per_agency=True, progress=progress)
    for result in (blank, filled):
        report.warnings.extend(w for w in result.warnings if not w.startswith("replaced "))
    return list(zip(records, filled.documents, strict=True))


def _received_at(evidence: list[Evidence]) -> dict[int, dt.datetime]:
    """When the office receives each sample record (by the record's identity): the sample year's schedule."""
    from pipeline.reports.inputs import synthesized_received

    return {id(item.record): item.received_at.replace(tzinfo=BANGKOK)
            for e in evidence for item in synthesized_received(e, e.fiscal_year or 2568)}


def returned_files(made: list[tuple[Record, GeneratedDocument]], received: dict[int, dt.datetime], pdf: bool
                   ) -> dict[dt.datetime, list[tuple[Path, str, bool]]]:
    """What the agencies send back, grouped by the day it arrives, as (file, name in the inbox, cut off) triples.

    Word files, and the signed forms as PDF; on the first day also the same file sent twice and a file cut off
    half-way, as a failed download leaves it.
    """
    rounds: dict[dt.datetime, list[tuple[Path, str, bool]]] = {}
    for record, document in made:
        day = received.get(id(record)) or dt.datetime(2025, 9, 15, 10, 0, tzinfo=BANGKOK)
        sent = document.pdf if pdf and document.pdf and record.kind in KINDS_SENT_AS_PDF else document.docx
        rounds.setdefault(day, []).append((sent, f"{document.docx.parent.name}/{sent.name}", False))
    first = min(rounds)
    sent, name, _ = rounds[first][0]
    folder, _, file_name = name.rpartition("/")
    rounds[first] += [(sent, f"{folder}/สำเนา {file_name}", False), (sent, f"{folder}/ไฟล์เสีย {file_name}", True)]
    return rounds


def _drop(inbox: Path, files: list[tuple[Path, str, bool]]) -> None:
    for source, name, cut_off in files:
        target = inbox / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if cut_off:
            data = source.read_bytes()
            target.write_bytes(data[: len(data) // 2])
        else:
            shutil.copyfile(source, target)


def _ingest_rounds(inbox: Path, url: str, rounds: dict[dt.datetime, list[tuple[Path, str, bool]]]) -> IngestSummary:
    total = IngestSummary()
    for day in sorted(rounds):
        _drop(inbox, rounds[day])
        # written whole by the demo itself: the cut-off file is cut on purpose, not still arriving
        summary = ingest(inbox, store_url=url, received_at=day, stable_s=0, incomplete_s=0)
        for outcome in summary.outcomes:
            total.add(outcome)
        total.waiting = summary.waiting
    return total


def run_demo(outbox: Path, *, pdf: bool = True, progress: bool = False) -> DemoReport:
    """The whole tour on the embedded sample year into ``outbox``: blank and prefilled forms, the agencies'
    returned files ingested into a fresh store (``outbox/demo/``), scores, quarterly reports, score cards and
    the summary (``outbox/reports/``)."""
    from pipeline.cli.score_text import card_text
    from pipeline.cli.store_text import status_report
    from pipeline.reports.bundle import write_reports
    from pipeline.reports.inputs import load_report_inputs

    outbox = Path(outbox)
    report = DemoReport(outbox)
    evidence = sample_evidence()
    demo = outbox / DEMO_FOLDER
    if demo.exists():
        report.warnings.append(f"the previous demo's inbox and store in {demo} were replaced")
        shutil.rmtree(demo)
    inbox, url = demo / "inbox", f"sqlite:///{(demo / 'store.sqlite').resolve()}"
    made: list[tuple[Record, GeneratedDocument]] = []

    def forms() -> list[str]:
        made.extend(_forms(report, evidence, pdf, progress))
        kinds = "DOCX + PDF" if pdf else "DOCX"
        return [f"blank/             {len(KINDS)} blank forms, {kinds} (แบบฟอร์มเปล่า)",
                f"prefilled/<agency>/ {len(made)} forms prefilled from the sample data, {kinds} "
                f"(แบบฟอร์มที่กรอกข้อมูลแล้ว), {len(evidence)} agencies"]

    def returned() -> list[str]:
        rounds = returned_files(made, _received_at(evidence), pdf)
        summary = _ingest_rounds(inbox, url, rounds)
        out = [f"{DEMO_FOLDER}/inbox/ {sum(map(len, rounds.values()))} returned files dropped on {len(rounds)} days "
               f"and ingested: {summary.line()}"]
        out += [f"  {o.status}: {o.rel_path}" + (f" — {o.reason}" if o.reason else "")
                for o in summary.outcomes if o.status != "processed"]
        out.append(f"{DEMO_FOLDER}/store.sqlite the record store (ฐานข้อมูล)")
        return out

    def scores() -> list[str]:
        source = Source(db=url, evaluations_dir=Path(str(sample_scoring_dir())))
        inputs = load_report_inputs(source)
        (demo / "scores.txt").write_text("\n\n".join(card_text(i.card) for i in inputs) + "\n", encoding="utf-8")
        (demo / "status.txt").write_text(status_report(url) + "\n", encoding="utf-8")
        paths = write_reports(inputs, outbox / "reports", pdf=pdf)
        out = [f"{DEMO_FOLDER}/scores.txt every agency's score, line by line; {DEMO_FOLDER}/status.txt what is in"]
        out += [f"  {i.agency}: {i.card.total} / 100, level {i.card.level}" for i in inputs]
        counted = {prefix: [p for p in paths if p.name.startswith(prefix)] for prefix in ("quarterly", "scorecard",
                                                                                          "summary")}
        kinds = "DOCX + PDF" if pdf else "DOCX"
        out += [f"reports/quarterly_*  {len(counted['quarterly'])} files: a quarterly KPI report per agency and "
                f"quarter, {kinds} (รายงานผลรายไตรมาส)",
                f"reports/scorecard_*  {len(counted['scorecard'])} files: each agency's score card, {kinds} "
                "(คะแนนรายหน่วยงาน)",
                "reports/summary_*    all agencies: " + ", ".join(p.suffix[1:].upper() for p in counted["summary"])
                + " with charts (สรุปผลทุกหน่วยงาน)"]
        return out

    _step(report, "1. forms (แบบฟอร์ม)", forms)
    _step(report, "2. returned files, ingested (รับไฟล์ที่หน่วยงานส่งกลับ)", returned)
    _step(report, "3. scores and reports (คะแนนและรายงาน)", scores)
    return report
