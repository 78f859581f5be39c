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
