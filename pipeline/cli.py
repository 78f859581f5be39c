"""The command line: a thin shell over the library, one command per library call."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from .errors import PipelineError


class CommandLineError(PipelineError):
    """Arguments that do not fit together."""

Handler = Callable[[argparse.Namespace], int]


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# --------------------------------------------------------------------------- schema
def _add_schema(sub: argparse._SubParsersAction) -> None:
    from .forms import KINDS

    p = sub.add_parser("schema", help="print the JSON Schema of a kind's record")
    p.add_argument("kind", choices=KINDS)
    p.set_defaults(handler=_schema)


def _schema(args: argparse.Namespace) -> int:
    from .records import json_schema

    _print_json(json_schema(args.kind))
    return 0


# --------------------------------------------------------------------------- generate
def _add_generate(sub: argparse._SubParsersAction) -> None:
    from .forms import KINDS

    p = sub.add_parser("generate", help="fill the Word template of a kind (blank or from data), DOCX and PDF")
    p.add_argument("kind", choices=[*KINDS, "all"], help="the document to make, or 'all' (every kind in the data)")
    p.add_argument("--data", type=Path, help="JSON or YAML: one record or a list ({kind, fields} or bare fields)")
    p.add_argument("--blank", action="store_true", help="the blank form (the default without --data)")
    p.add_argument("--pdf", action="store_true", help="also convert to PDF with LibreOffice and count pages")
    p.add_argument("--strict", action="store_true", help="with --pdf: a form over its page limit is an error")
    p.add_argument("--out", type=Path, default=Path("outbox"), help="output folder (default outbox/)")
    p.set_defaults(handler=_generate)


def _generate(args: argparse.Namespace) -> int:
    from .forms import KINDS
    from .generate import generate, generate_blank, load_records

    if args.data and args.blank:
        raise CommandLineError("use --data FILE or --blank, not both", "เลือกใช้ --data หรือ --blank อย่างใดอย่างหนึ่ง")
    progress = sys.stderr.isatty()
    if args.data:
        records = load_records(args.data, None if args.kind == "all" else args.kind)
        result = generate(records, args.out, pdf=args.pdf, strict=args.strict, progress=progress)
    else:
        kinds = list(KINDS) if args.kind == "all" else [args.kind]
        result = generate_blank(kinds, args.out, pdf=args.pdf, progress=progress)
    for doc in result.documents:
        pages = f" ({doc.pages} page{'s' if doc.pages != 1 else ''})" if doc.pages is not None else ""
        print(f"{doc.docx}{'  + ' + str(doc.pdf) if doc.pdf else ''}{pages}")
    for warning in result.warnings:
        sys.stderr.write(f"warning: {warning}\n")
    return 0


# --------------------------------------------------------------------------- demo
def _add_demo(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="run the whole job on the embedded sample year into outbox/")
    p.add_argument("--out", type=Path, default=Path("outbox"), help="output folder (default outbox/)")
    p.add_argument("--no-pdf", action="store_true", help="skip the PDFs (no LibreOffice)")
    p.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    from .demo import run_demo

    report = run_demo(args.out, pdf=not args.no_pdf, progress=sys.stderr.isatty())
    print("\n".join(report.lines()))
    return 0


COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [_add_schema, _add_generate, _add_demo]


# --------------------------------------------------------------------------- satisfaction, score, committee
def _add_satisfaction(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("satisfaction", help="the satisfaction percent and points of a survey (as extract prints it)")
    p.add_argument("survey", type=Path, help="JSON or YAML: a survey record {kind, fields} or its bare fields")
    p.add_argument("--fiscal-year", type=int, help="the rules' year (default 2568)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_satisfaction)


def _satisfaction(args: argparse.Namespace) -> int:
    from .satisfaction import satisfaction_report

    print(satisfaction_report(args.survey, args.fiscal_year, as_json=args.json))
    return 0


def _add_score(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("score", help="score agencies: every point with its rule, document and reason; total, level")
    p.add_argument("--agency", help="one agency (its name or a part of it)")
    p.add_argument("--fiscal-year", type=int, help="score under this year's rules (default: each agency's own year)")
    p.add_argument("--evidence", type=Path, help="evidence folder (records, committee.csv, evaluation.yaml); "
                                                  "default: the embedded sample year")
    p.add_argument("--json", action="store_true", help="print the score cards as JSON")
    p.set_defaults(handler=_score)


def _score(args: argparse.Namespace) -> int:
    from .scoring import score_report

    print(score_report(args.evidence, args.agency, args.fiscal_year, as_json=args.json))
    return 0


def _add_committee(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("committee", help="the committee's score sheets for part 2: make them, import them")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    t = actions.add_parser("template", help="a committee score sheet (DOCX) per agency, its project filled in")
    t.add_argument("--agency", help="one agency (default: every agency of the evidence)")
    t.add_argument("--project", help="the project's name (default: from the agency's Form 4 / 3 / 2)")
    t.add_argument("--fiscal-year", type=int, help="the fiscal year on the sheet (default: the evidence's)")
    t.add_argument("--evidence", type=Path, help="evidence folder (default: the embedded sample year)")
    t.add_argument("--out", type=Path, default=Path("outbox/committee"), help="output folder")
    t.set_defaults(handler=_committee_template)
    i = actions.add_parser("import", help="read filled sheets (DOCX) or a CSV; check every score's range")
    i.add_argument("files", type=Path, nargs="+", help="committee CSV files and/or filled DOCX sheets")
    i.add_argument("--out", type=Path, help="merge the scores into this committee.csv")
    i.add_argument("--json", action="store_true", help="print JSON")
    i.set_defaults(handler=_committee_import)


def _committee_template(args: argparse.Namespace) -> int:
    from .evidence import make_committee_sheets

    for path in make_committee_sheets(args.out, agency=args.agency, project=args.project,
                                      fiscal_year=args.fiscal_year, evidence_dir=args.evidence):
        print(path)
    return 0


def _committee_import(args: argparse.Namespace) -> int:
    from .committee import import_files

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
    p = sub.add_parser("extract", help="read a returned DOCX or PDF form back into its record")
    p.add_argument("file", type=Path, help="the returned file (.docx or .pdf)")
    p.add_argument("--json", action="store_true", help="print the record as JSON {kind, fields, warnings, provenance}")
    p.set_defaults(handler=_extract)


def _extract(args: argparse.Namespace) -> int:
    from .extract import describe, extract

    record = extract(args.file)
    if args.json:
        _print_json(record.to_json())
    else:
        print("\n".join(describe(record)))
    return 0


COMMANDS.append(_add_extract)


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
        sys.stderr.write(f"error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
