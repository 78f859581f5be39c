"""The demo: the main job run on the embedded sample year, leaving every document it makes in ``outbox/``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .forms import KINDS
from .generate import GeneratedDocument, generate, generate_blank
from .samples import sample_agencies


@dataclass
class DemoReport:
    """What the demo made and where."""

    outbox: Path
    documents: list[GeneratedDocument] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"demo: {len(self.documents)} documents in {self.outbox}"]
        for d in self.documents:
            pages = f", {d.pages} page(s)" if d.pages is not None else ""
            pdf = f" + {d.pdf.name}" if d.pdf else ""
            out.append(f"  {d.docx.relative_to(self.outbox)}{pdf}{pages}")
        out.extend(f"  warning: {w}" for w in self.warnings)
        return out


def run_demo(outbox: Path, *, pdf: bool = True, progress: bool = False) -> DemoReport:
    """Generate every blank form and every sample agency's prefilled forms, DOCX and PDF, into ``outbox``."""
    outbox = Path(outbox)
    report = DemoReport(outbox)
    blank = generate_blank(list(KINDS), outbox / "blank", pdf=pdf, progress=progress)
    records = [r for agency in sample_agencies() for r in agency["records"]]
    filled = generate(records, outbox / "prefilled", pdf=pdf, per_agency=True, progress=progress)
    for result in (blank, filled):
        report.documents.extend(result.documents)
        report.warnings.extend(w for w in result.warnings if not w.startswith("replaced "))
    return report
