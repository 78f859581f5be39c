"""The command line: a thin shell over the library, one command per library call."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from pipeline.cells import printable
from pipeline.cli.arguments import CommandLineError, folder, record_id
from pipeline.cli.arguments import add_db as _add_db
from pipeline.cli.arguments import store_must_exist as _store_must_exist
from pipeline.errors import PipelineError


def _fiscal_year(text: str) -> int:
    """A --fiscal-year value: a Buddhist-Era year 2500–2700, else argparse's error with the reason in both languages."""
    from pipeline.identity import FiscalYearError, fiscal_year

    try:
        return fiscal_year(text)
    except FiscalYearError as exc:
        raise argparse.ArgumentTypeError(f"{exc.message_en} ({exc.message_th})") from None


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# --------------------------------------------------------------------------- schema
def _add_schema(sub: argparse._SubParsersAction) -> None:
    from pipeline.forms import KINDS

    p = sub.add_parser("schema", help="print the JSON Schema of a kind's record")
    p.add_argument("kind", choices=KINDS)
    p.set_defaults(handler=_schema)


def _schema(args: argparse.Namespace) -> int:
    from pipeline.records import json_schema

    _print_json(json_schema(args.kind))
    return 0


# --------------------------------------------------------------------------- generate
def _add_generate(sub: argparse._SubParsersAction) -> None:
    from pipeline.forms import KINDS

    p = sub.add_parser("generate", help="fill the Word template of a kind (blank or from data), DOCX and PDF")
    p.add_argument("kind", choices=[*KINDS, "all"], help="the document to make, or 'all' (every kind in the data)")
    p.add_argument("--data", type=Path, help="JSON or YAML: one record or a list ({kind, fields} or bare fields)")
    p.add_argument("--blank", action="store_true", help="the blank form (the default without --data)")
    p.add_argument("--pdf", action="store_true", help="also convert to PDF with LibreOffice and count pages")
    p.add_argument("--strict", action="store_true", help="with --pdf: a form over its page limit is an error")
    p.add_argument("--out", type=folder, default=Path("outbox"), help="output folder (default outbox/)")
    p.set_defaults(handler=_generate)


def _generate(args: argparse.Namespace) -> int:
    from pipeline.forms import KINDS
    from pipeline.generate.stage import generate, generate_blank, load_records

    if args.data and args.blank:
        raise CommandLineError("use --data FILE or --blank, not both", "เลือกใช้ --data หรือ --blank อย่างใดอย่างหนึ่ง")
    progress = sys.stderr.isatty()
    if args.data:
        records = load_records(args.data, None if args.kind == "all" else args.kind)
        for warning in (w for r in records for w in r.warnings):  # an agency name not in the agency list
            sys.stderr.write(f"warning: {warning}\n")
        result = generate(records, args.out, pdf=args.pdf, strict=args.strict, progress=progress)
    else:
        kinds = list(KINDS) if args.kind == "all" else [args.kind]
        result = generate_blank(kinds, args.out, pdf=args.pdf, progress=progress)
    for doc in result.documents:
        pages = f" ({doc.pages_text()})" if doc.pages is not None else ""
        print(f"{doc.docx}{'  + ' + str(doc.pdf) if doc.pdf else ''}{pages}")
    for warning in result.warnings:
        sys.stderr.write(f"warning: {warning}\n")
    return 0


# --------------------------------------------------------------------------- demo
def _add_demo(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="run the whole job on the embedded sample year into outbox/")
    p.add_argument("--out", type=folder, default=Path("outbox"), help="output folder (default outbox/)")
    p.add_argument("--no-pdf", action="store_true", help="skip the PDFs (no LibreOffice)")
    p.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    from pipeline.cli.demo import run_demo

    report = run_demo(args.out, pdf=not args.no_pdf, progress=sys.stderr.isatty())
    print("\n".join(report.lines()))
    return 0


COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [_add_schema, _add_generate, _add_demo]


# --------------------------------------------------------------------------- satisfaction, score, committee
def _add_satisfaction(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("satisfaction", help="the satisfaction percent and points of a survey (as extract prints it)")
    p.add_argument("survey", type=Path, help="JSON or YAML: a survey record {kind, fields} or its bare fields")
    p.add_argument("--fiscal-year", type=_fiscal_year, help="the rules' year (default 2568)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_satisfaction)


def _satisfaction(args: argparse.Namespace) -> int:
    from pipeline.cli.score_text import survey_text
    from pipeline.scoring.satisfaction import survey_result

    result = survey_result(args.survey, args.fiscal_year)
    if args.json:
        _print_json(result.model_dump(mode="json"))
    else:
        print(survey_text(result))
    return 0


def _add_source_arguments(p: argparse.ArgumentParser) -> None:
    _add_db(p, "the record store's URL (default $PIPELINE_DB, else data/pipeline.sqlite)")
    p.add_argument("--evaluations", type=Path, help="with the store: the folder of committee.csv / committee*.docx "
                   "and evaluation.yaml (default $PIPELINE_EVALUATIONS, else data/evaluations/)")
    p.add_argument("--evidence", type=Path, help="instead of the store: a folder of records, committee.csv and "
                   "evaluation.yaml")
    p.add_argument("--sample", action="store_true", help="instead of the store: the embedded sample year")


def _source(args: argparse.Namespace):
    from pipeline.scoring.sources import Source

    if args.sample and args.evidence:
        raise CommandLineError("use --evidence DIR or --sample, not both", "เลือกใช้ --evidence หรือ --sample อย่างใดอย่างหนึ่ง")
    if not (args.sample or args.evidence):
        _store_must_exist(args.db, args.create_db)
    return Source(db=args.db, evidence_dir=args.evidence, sample=args.sample, evaluations_dir=args.evaluations)


def _add_score(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("score", help="score agencies: every point with its rule, document and reason; total, level")
    p.add_argument("--agency", help="one agency (its name or a part of it)")
    p.add_argument("--fiscal-year", type=_fiscal_year, help="score under this year's rules (default: each agency's own year)")
    _add_source_arguments(p)
    p.add_argument("--json", action="store_true", help="print the score cards as JSON")
    p.set_defaults(handler=_score)


def _score(args: argparse.Namespace) -> int:
    from pipeline.cli.score_text import card_text
    from pipeline.scoring.score import score_cards

    cards = score_cards(_source(args), args.agency, args.fiscal_year)
    if args.json:
        _print_json([card.model_dump(mode="json") for card in cards])
    else:
        print("\n\n".join(card_text(card) for card in cards))
    return 0


def _add_committee(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("committee", help="the committee's score sheets for part 2: make them, import them")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    t = actions.add_parser("template", help="a committee score sheet (DOCX) per agency, its project filled in")
    t.add_argument("--agency", help="one agency (default: every agency of the evidence)")
    t.add_argument("--project", help="the project's name (default: from the agency's Form 4 / 3 / 2)")
    t.add_argument("--fiscal-year", type=_fiscal_year, help="the fiscal year on the sheet (default: the evidence's)")
    _add_source_arguments(t)
    t.add_argument("--out", type=folder, default=Path("outbox/committee"), help="output folder")
    t.set_defaults(handler=_committee_template)
    i = actions.add_parser("import", help="read filled sheets (DOCX) or a CSV; check every score's range")
    i.add_argument("files", type=Path, nargs="+", help="committee CSV files and/or filled DOCX sheets")
    i.add_argument("--out", type=Path, help="merge the scores into this committee.csv")
    i.add_argument("--json", action="store_true", help="print JSON")
    i.set_defaults(handler=_committee_import)


def _committee_template(args: argparse.Namespace) -> int:
    from pipeline.scoring.sources import committee_sheets

    for path in committee_sheets(args.out, _source(args), agency=args.agency, project=args.project,
                                 fiscal_year=args.fiscal_year):
        print(path)
    return 0


def _committee_import(args: argparse.Namespace) -> int:
    from pipeline.scoring.committee import import_files

    scores = import_files(args.files, args.out)
    if args.json:
        _print_json([json.loads(s.model_dump_json()) for s in scores])
    for s in [] if args.json else scores:
        points = ", ".join(f"{k} {v}" for k, v in s.points.items())
        print(f"{s.agency} FY{s.fiscal_year or '?'}: {points} = {s.total} ({s.source})")
    if args.out:
        sys.stderr.write(f"merged into {args.out}\n")
    return 0


COMMANDS += [_add_satisfaction, _add_score, _add_committee]

# --------------------------------------------------------------------------- extract
def _add_extract(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="read a returned DOCX, PDF or scan back into its records (one per form)")
    p.add_argument("file", type=Path, help="the returned file (.docx, .pdf, a scan)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true",
                     help="print the first form's record as JSON {kind, fields, warnings, provenance, origin}")
    out.add_argument("--jsonl", action="store_true",
                     help="print every form's record, one JSON object per line, in file order")
    p.set_defaults(handler=_extract)


def _extract(args: argparse.Namespace) -> int:
    from pipeline.cli.extract_text import summary_lines
    from pipeline.extractors.record import extract_all, first_form, summary

    records = extract_all(args.file)
    if args.jsonl:
        for record in records:
            sys.stdout.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
        return 0
    if args.json:
        if len(records) > 1:
            print(f"warning: {args.file} holds {len(records)} forms ({', '.join(r.kind for r in records)}); "
                  f"--json prints the first, --jsonl prints them all (ไฟล์นี้มีแบบฟอร์ม {len(records)} ชุด "
                  f"--json แสดงเฉพาะชุดแรก ใช้ --jsonl เพื่อแสดงทุกชุด)", file=sys.stderr)
        _print_json(first_form(records).to_json())
        return 0
    for n, record in enumerate(records):
        if n:
            print()
        print("\n".join(summary_lines(summary(record))))
    return 0


COMMANDS.append(_add_extract)

# --------------------------------------------------------------------------- record store: records, review, correct, status
_DB_HELP = "database URL (default: $PIPELINE_DB, else data/pipeline.sqlite under the project)"


def _add_records(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("records", help="list the stored records (every version; * marks the current one)")
    p.add_argument("--fiscal-year", type=_fiscal_year, help="only this fiscal year (Buddhist Era, e.g. 2568)")
    p.add_argument("--agency", help="only this agency (its name or a part of it)")
    p.add_argument("--kind", help="only this kind (form1 … survey)")
    p.add_argument("--current", action="store_true", help="only the current version of each document")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    _add_db(p, _DB_HELP)
    p.set_defaults(handler=_records)


def _records(args: argparse.Namespace) -> int:
    _store_must_exist(args.db, args.create_db)
    from pipeline.cli.store_text import records_report

    print(records_report(args.db, fiscal_year=args.fiscal_year, agency=args.agency, kind=args.kind,
                         current_only=args.current, as_json=args.json))
    return 0


def _add_review(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review", help="the fields to check by hand: a warning or a low confidence, with file and place")
    p.add_argument("--fiscal-year", type=_fiscal_year, help="only this fiscal year")
    p.add_argument("--threshold", type=float, default=0.8, help="list confidences below this (default 0.8)")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    _add_db(p, _DB_HELP)
    p.set_defaults(handler=_review)


def _review(args: argparse.Namespace) -> int:
    _store_must_exist(args.db, args.create_db)
    from pipeline.cli.store_text import review_report

    print(review_report(args.db, fiscal_year=args.fiscal_year, threshold=args.threshold, as_json=args.json))
    return 0


def _add_correct(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("correct", help="set a field of a stored record by hand (kept in an audit trail)")
    p.add_argument("record", type=record_id, help="the record's id (see `records`)")
    p.add_argument("field", help="the field key; dotted for a part: plan.policy, kpis.0.target")
    p.add_argument("value", help="the new value ('' for blank; JSON for a list)")
    p.add_argument("--by", required=True, help="who corrects it")
    p.add_argument("--note", help="why")
    _add_db(p, _DB_HELP)
    p.set_defaults(handler=_correct)


def _correct(args: argparse.Namespace) -> int:
    _store_must_exist(args.db, args.create_db)
    from pipeline.cli.store_text import correct_report

    print(correct_report(args.db, args.record, args.field, args.value, by=args.by, note=args.note))
    return 0


def _add_status(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("status", help="per agency: which documents are in, missing, invalid, at a glance")
    p.add_argument("--fiscal-year", type=_fiscal_year, help="only this fiscal year (every known agency is listed)")
    p.add_argument("--json", action="store_true", help="print JSON")
    _add_db(p, _DB_HELP)
    p.set_defaults(handler=_status)


def _status(args: argparse.Namespace) -> int:
    _store_must_exist(args.db, args.create_db)
    from pipeline.cli.store_text import status_report

    print(status_report(args.db, fiscal_year=args.fiscal_year, as_json=args.json))
    return 0


COMMANDS += [_add_records, _add_review, _add_correct, _add_status]


# --------------------------------------------------------------------------- report
def _add_report(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="reports: an agency's quarterly KPI report, its score card, the summary")
    kinds = p.add_subparsers(dest="report", required=True, metavar="REPORT")
    q = kinds.add_parser("quarterly", help="the quarterly KPI report (seed 000's layout), DOCX and PDF")
    q.add_argument("--agency", help="one agency (its name or a part of it; default: every agency)")
    q.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help="the fiscal quarter (default: all four)")
    q.add_argument("--notes", type=Path, help="YAML: the agencies' own text per quarter (replaces the drafts)")
    q.set_defaults(handler=_report_quarterly)
    c = kinds.add_parser("scorecard", help="an agency's score, line by line, with its findings (DOCX, PDF)")
    c.add_argument("--agency", help="one agency (its name or a part of it; default: every agency)")
    c.set_defaults(handler=_report_scorecard)
    s = kinds.add_parser("summary", help="all agencies: XLSX table and a DOCX/PDF report with charts")
    s.set_defaults(handler=_report_summary)
    for k in (q, c, s):
        k.add_argument("--fiscal-year", type=_fiscal_year, help="the fiscal year (default: the evidence's own)")
        _add_source_arguments(k)
        k.add_argument("--pdf", action="store_true", help="also convert to PDF with LibreOffice")
        k.add_argument("--out", type=folder, default=Path("outbox/reports"), help="output folder (default outbox/reports/)")


def _report_quarterly(args: argparse.Namespace) -> int:
    from pipeline.reports.quarterly import quarterly_reports

    print("\n".join(map(str, quarterly_reports(
        args.out, agency=args.agency, quarters=[args.quarter] if args.quarter else None,
        fiscal_year=args.fiscal_year, notes_file=args.notes, source=_source(args), pdf=args.pdf))))
    return 0


def _report_scorecard(args: argparse.Namespace) -> int:
    from pipeline.reports.scorecard import scorecard_reports

    print("\n".join(map(str, scorecard_reports(args.out, agency=args.agency, fiscal_year=args.fiscal_year,
                                               source=_source(args), pdf=args.pdf))))
    return 0


def _report_summary(args: argparse.Namespace) -> int:
    from pipeline.reports.summary import summary_report

    print("\n".join(map(str, summary_report(args.out, fiscal_year=args.fiscal_year, source=_source(args),
                                            pdf=args.pdf))))
    return 0


COMMANDS.append(_add_report)


# --------------------------------------------------------------------------- ingest
def _add_ingest(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="take every file in the inbox: extract, store, move to processed/ or rejected/")
    p.add_argument("--inbox", type=folder, help="the inbox folder (default $PIPELINE_INBOX, else inbox/ of the project)")
    p.add_argument("--watch", action="store_true", help="keep going as files arrive (Ctrl-C stops)")
    p.add_argument("--workers", type=int, help="processes working in parallel (default: one per core)")
    p.add_argument("--db", help="the store's URL (default $PIPELINE_DB, else data/pipeline.sqlite)")
    p.add_argument("--received-on", help="files back-filled from an archive: record them as received on this day "
                   "(2568-01-15, 15 ม.ค. 2568; default: when each is taken)")
    for flag, what in (("max-file-mb", "largest file"), ("max-pages", "most PDF pages"),
                       ("max-unpacked-mb", "largest unpacked DOCX"), ("time-limit-s", "seconds per file"),
                       ("memory-limit-mb", "memory per file")):
        p.add_argument(f"--{flag}", type=float, dest=flag.replace("-", "_"), help=f"cap: {what}")
    p.set_defaults(handler=_ingest)


def _received_on(text: str | None):
    """A day given on the command line → noon of that day in Bangkok."""
    import datetime as dt

    from pipeline.thai import BANGKOK, parse_date

    if not text:
        return None
    try:
        day = parse_date(text)
    except ValueError:
        day = None
    if day is None:
        raise CommandLineError(f"--received-on {text!r} is not a date (use 2568-01-15 or 15 ม.ค. 2568)",
                               f"--received-on {text!r} ไม่ใช่วันที่ (เช่น 2568-01-15 หรือ 15 ม.ค. 2568)")
    return dt.datetime(day.year, day.month, day.day, 12, 0, tzinfo=BANGKOK)


def _ingest(args: argparse.Namespace) -> int:
    from pipeline.ingest.stage import ingest

    caps = {k: getattr(args, k) for k in ("max_file_mb", "max_unpacked_mb", "time_limit_s", "memory_limit_mb")}
    caps["max_pages"] = int(args.max_pages) if args.max_pages else None
    summary = ingest(args.inbox, store_url=args.db, workers=args.workers, watch=args.watch, limits=caps,
                     progress=sys.stderr.isatty(), echo=True, received_at=_received_on(args.received_on))
    print(summary.line())
    if summary.stopped:
        sys.stderr.write(f"stopped: {summary.stopped}\n")
    return 1 if summary.failed or summary.stopped else 0


COMMANDS.append(_add_ingest)


def _add_web(sub: argparse._SubParsersAction) -> None:
    from pipeline.cli.web import COMMANDS as WEB_COMMANDS

    for add in WEB_COMMANDS:
        add(sub)


COMMANDS.append(_add_web)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="BMA innovation KPI (ตัวชี้วัดที่ 2.2): generate the forms, read returned files, score, report.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in COMMANDS:
        add(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except PipelineError as exc:
        sys.stderr.write(f"error: {printable(str(exc), keep_newlines=True)}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
    except BrokenPipeError:  # `status | head` closed the pipe: stop quietly, as other commands do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the exit's flush must not fail again
        return 141
    except Exception as exc:  # noqa: BLE001 - a disk, a database or a bug: one line, never a traceback
        from pipeline import settings

        if settings.current().debug:
            raise
        from pipeline.ingest.trouble import trouble

        sys.stderr.write(f"error: {printable(trouble(exc)[0])}; set PIPELINE_DEBUG=1 to see where\n")
        return 1
