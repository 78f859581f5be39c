"""The command line: a thin shell over the library, one command per library call."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from .errors import PipelineError

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


COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [_add_schema]


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
