"""Build a corpus of returned forms from other producers (Chromium, absolutely positioned spans printed by Chromium,
pandoc, LibreOffice re-save, other word processors' XML, and that printed to PDF) with truth JSON.

Usage: python -m scripts.gen.corpus --producer chromium --seeds 0-27 --half tune --out /tmp/gen/chromium-tune
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from pipeline.generate.render import render_docx
from scripts.gen.absolute import print_absolute
from scripts.gen.chromium import print_to_pdf
from scripts.gen.html import HtmlStyle, docx_to_html
from scripts.gen.pandoc import docx_to_markdown, pandoc_docx
from scripts.gen.records import KINDS, half_of, random_record, truth
from scripts.gen.resave import libreoffice_resave
from scripts.gen.wingdings import ticks_as_wingdings
from scripts.gen.wordish import rewrite_docx
from scripts.gen.wordish_print import print_pdf

PRODUCERS = ("chromium", "absolute", "pandoc", "resave", "wordish", "wordish-pdf")


def build_one(producer: str, seed: int, out_dir: Path) -> Path:
    """One returned file of kind ``KINDS[seed % 7]`` and its ``.truth.json``; the seed picks contents and style."""
    kind = KINDS[seed % len(KINDS)]
    record = random_record(kind, seed)
    name = f"{producer}-{seed:03d}-{kind}"
    with tempfile.TemporaryDirectory(prefix="gen-") as tmp:
        source = render_docx(record, Path(tmp) / "form.docx")
        if producer == "chromium":
            style = HtmlStyle.draw(seed)
            out = print_to_pdf(docx_to_html(source, style), out_dir / f"{name}.pdf")
            meta = style.as_dict()
        elif producer == "absolute":
            out = out_dir / f"{name}.pdf"
            meta = print_absolute(source, seed, out)
        elif producer == "pandoc":
            out = pandoc_docx(docx_to_markdown(source, seed), out_dir / f"{name}.docx")
            meta = {}
        elif producer == "wordish":
            out = out_dir / f"{name}.docx"
            meta = rewrite_docx(source, out, seed, half_of(seed), truth(record)["fields"])
        elif producer == "wordish-pdf":  # the same file printed as its sender sees it (wordish_print)
            meta = rewrite_docx(source, Path(tmp) / "wordish.docx", seed, half_of(seed), truth(record)["fields"])
            out = print_pdf(Path(tmp) / "wordish.docx", out_dir / f"{name}.pdf", meta["text_box"] == "values")
        else:
            if seed % 3 != 2:
                source = ticks_as_wingdings(source, Path(tmp) / "sym.docx")
            out = libreoffice_resave(source, out_dir / f"{name}.docx")
            meta = {"wingdings": seed % 3 != 2}
    data = truth(record)
    (out_dir / f"{name}.truth.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    (out_dir / f"{name}.style.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return out


def _seeds(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--producer", choices=PRODUCERS, required=True)
    parser.add_argument("--seeds", default="0-27")
    parser.add_argument("--half", choices=("tune", "test"), required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for seed in _seeds(args.seeds):
        if half_of(seed) == args.half:
            print(build_one(args.producer, seed, args.out), flush=True)


if __name__ == "__main__":
    main()
