"""Every report of a year at once: each agency's four quarterly reports and score card, and the summary."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.reports.inputs import QUARTERS, ReportInput
from pipeline.reports.output import render_report, with_pdf
from pipeline.reports.quarterly import quarterly_context, quarterly_path
from pipeline.reports.scorecard import scorecard_context, scorecard_path
from pipeline.reports.summary import write_summary


def write_reports(inputs: Sequence[ReportInput], out_dir: Path, *, pdf: bool = False) -> list[Path]:
    """All reports into ``out_dir``: DOCX (and PDF, one LibreOffice run for all), the summary's XLSX and charts."""
    out_dir = Path(out_dir)
    docs = [render_report("quarterly", quarterly_context(inp, q), quarterly_path(inp, q, out_dir))
            for inp in inputs for q in QUARTERS]
    docs += [render_report("scorecard", scorecard_context(inp.card), scorecard_path(inp.card, out_dir))
             for inp in inputs]
    xlsx, summary_docx = write_summary(inputs, out_dir)
    return [xlsx, *with_pdf([*docs, summary_docx], pdf)]
