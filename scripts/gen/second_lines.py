"""Would a second reading of a value's own line tell a word misread into another word? Measured offline (issue 12,
part 4; OCR.md, twenty-second round): each file of a corpus read as the reader reads it, the line (Tesseract's line,
as the reader kept its words) that holds each unwarned text value cut out and read again alone (``--psm 7``, at the
page's scale and at 1.5×), and the value's letters compared with the second reading's.

    .venv/bin/python -m scripts.gen.second_lines read ROWS.jsonl CORPUS OUT.jsonl [FILE ...]
    .venv/bin/python -m scripts.gen.second_lines score OUT.jsonl [OUT.jsonl ...]

ROWS.jsonl comes from ``scripts.gen.confidence --rows``. ``read`` writes one line per unwarned text value (its
lines as read and read again, the CPU seconds of each second reading); ``score`` prints, per rule, how many right
and wrong values it fires on. A rule "fires" where the letters part (tone marks, ํ and ำ/า aside: the first reading
loses marks the reader's repairs put back) inside the value, not at the crop's ends, and the dictionary does not
settle it for the first reading (newmm: the second reading's letters leave fewer letters outside words, or as many in
as many words or fewer).
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import time
from collections import defaultdict
from pathlib import Path

import cv2
import numpy as np
from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize
from rapidfuzz import fuzz

import pipeline.readers.ocr.pages as pages
from pipeline.readers import read_document
from pipeline.readers.ocr.tesseract import Word, run_tesseract
from pipeline.thai import normalize

THAI = re.compile(r"[\u0e01-\u0e4e]")
MARKS = re.compile("[\u0e48-\u0e4d]")  # tone marks, ์ and ํ: the first reading's repairs put these back
MIN_LETTERS = 4
LINE_MATCH = 88  # rapidfuzz partial ratio of a value in its line
SECOND_MATCH = 80
_pages: list[tuple[list[Word], np.ndarray, float]] = []


def _key(text: str) -> str:
    return "".join(ch for ch in normalize(str(text)) if ch.isalnum() or THAI.match(ch))


def _letters(text: str) -> str:
    return MARKS.sub("", text.replace("\u0e33", "\u0e32"))


def _outside(text: str) -> tuple[int, int]:
    """Letters newmm leaves outside dictionary words, and how many pieces it cuts the text into."""
    pieces = word_tokenize(text, engine="newmm", keep_whitespace=False)
    words = thai_words()
    return sum(len(p) for p in pieces if p not in words and THAI.search(p)), len(pieces)


def disagreement(value: str, second: str, *, settle: bool = True, strict: bool = False) -> list[tuple[str, str]]:
    """The pieces where the value's letters and a second reading of its line part (value's, second's); none
    where the dictionary settles it for the value (``settle``), or (``strict``) where it does not settle it for
    the second reading (fewer letters outside words, or as many in fewer words)."""
    value, second = _key(value), _key(second)
    if len(value) < MIN_LETTERS or len(second) < 3:
        return []
    if len(value) <= len(second):
        found = fuzz.partial_ratio_alignment(value, second)
        ours, theirs = value, second[found.dest_start:found.dest_end]
    else:
        found = fuzz.partial_ratio_alignment(second, value)
        ours, theirs = value[found.dest_start:found.dest_end], second
    if found.score < SECOND_MATCH:
        return []
    a, b = _letters(ours), _letters(theirs)
    parts = [(a[i0:i1], b[j0:j1]) for tag, i0, i1, j0, j1 in
             difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
             if tag != "equal" and i0 > 0 and i1 < len(a) and j0 > 0 and j1 < len(b)]
    parts = [p for p in parts if THAI.search(p[0] + p[1])]
    if parts and settle:
        (out_a, cut_a), (out_b, cut_b) = _outside(ours), _outside(theirs)
        if out_b > out_a or (out_b == out_a and cut_b > cut_a):
            return []
        if strict and (out_b, cut_b) == (out_a, cut_a):
            return []
    return parts


def _keep(words, grids, boxes, page, dpi, image):  # noqa: ANN001 - the reader's own call, passed on unchanged
    _pages.append((list(words), image.copy(), dpi))
    return _page_blocks(words, grids, boxes, page, dpi, image)


_page_blocks = pages.page_blocks


def _lines() -> list[tuple[list[Word], np.ndarray, float]]:
    out = []
    for words, image, dpi in _pages:
        by_line: dict[tuple[int, int, int], list[Word]] = defaultdict(list)
        for word in words:
            by_line[word.line_key].append(word)
        out += [(sorted(ws, key=lambda w: w.left), image, dpi) for ws in by_line.values()]
    return out


def _read_again(line: list[Word], image: np.ndarray, dpi: float, scale: float) -> tuple[str, float]:
    height = max(w.bottom for w in line) - min(w.top for w in line)
    y0, y1 = max(0, min(w.top for w in line) - int(0.3 * height)), max(w.bottom for w in line) + int(0.3 * height)
    x0, x1 = max(0, min(w.left for w in line) - 8), max(w.right for w in line) + 8
    crop = cv2.copyMakeBorder(image[y0:y1, x0:x1], 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=255)
    if scale != 1:
        crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    started = time.process_time()
    words = run_tesseract(crop, dpi * scale, 60, psm=7)
    return _key("".join(w.text for w in words)), time.process_time() - started


def read(rows_path: Path, corpus: Path, out: Path, only: set[str]) -> None:
    # The reader's page words and image are what a second reading needs; the reader keeps neither, so they are
    # taken on their way to the layout (one process: no page pool).
    pages.workers = lambda: 1
    pages.page_blocks = _keep
    by_file: dict[str, list[dict]] = defaultdict(list)
    for line in rows_path.open(encoding="utf-8"):
        row = json.loads(line)
        text = row.get("got")
        if not row["warned"] and isinstance(text, str) and len(THAI.findall(_key(text))) >= MIN_LETTERS:
            by_file[row["file"]].append(row)
    with out.open("a", encoding="utf-8") as sink:
        for name, rows in by_file.items():
            if only and name not in only:
                continue
            _pages.clear()
            read_document(corpus / name)
            lines = _lines()
            texts = [_key("".join(w.text for w in ws)) for ws, _, _ in lines]
            for row in rows:
                value = _key(row["got"])
                hits = []
                for n, text in enumerate(texts):
                    if min(len(text), len(value)) < MIN_LETTERS:
                        continue
                    short, long_ = (value, text) if len(value) <= len(text) else (text, value)
                    score = fuzz.partial_ratio_alignment(short, long_).score
                    if score >= LINE_MATCH:
                        hits.append((score, -abs(len(text) - len(value)), n))
                found = []
                for _, _, n in sorted(hits, reverse=True)[:2]:
                    words, image, dpi = lines[n]
                    plain, cpu = _read_again(words, image, dpi, 1.0)
                    large, _ = _read_again(words, image, dpi, 1.5)
                    found.append({"first": texts[n], "psm7": plain, "psm7x15": large, "cpu": cpu})
                kept = {k: row[k] for k in ("format", "file", "path", "right", "got", "expected")}
                sink.write(json.dumps({**kept, "lines": found}, ensure_ascii=False) + "\n")
                sink.flush()


def score(paths: list[Path]) -> None:
    rules = {
        "letters part, any": lambda v, x: disagreement(v, x["psm7"], settle=False),
        "letters part, dictionary not for the first (1x)": lambda v, x: disagreement(v, x["psm7"]),
        "the same at 1.5x": lambda v, x: disagreement(v, x["psm7x15"]),
        "both 1x and 1.5x": lambda v, x: disagreement(v, x["psm7"]) and disagreement(v, x["psm7x15"]),
        "the dictionary for the second (1x)": lambda v, x: disagreement(v, x["psm7"], strict=True),
    }
    counts = {name: [0, 0, 0, 0] for name in rules}
    cpu = []
    for path in paths:
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            if not row["lines"]:
                continue
            best = row["lines"][0]
            if "cpu" in best:  # the first measuring runs kept no time
                cpu.append(best["cpu"])
            for name, rule in rules.items():
                fired = bool(rule(row["got"], best))
                count = counts[name]
                count[0 if row["right"] else 2] += 1
                count[1 if row["right"] else 3] += fired
    for name, (right, right_fired, wrong, wrong_fired) in counts.items():
        print(f"{name}: right {right_fired}/{right}, wrong {wrong_fired}/{wrong}")
    if cpu:
        print(f"second readings {len(cpu)}, CPU {sum(cpu) / len(cpu):.3f} s a line")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("read")
    r.add_argument("rows", type=Path)
    r.add_argument("corpus", type=Path)
    r.add_argument("out", type=Path)
    r.add_argument("files", nargs="*")
    s = sub.add_parser("score")
    s.add_argument("outs", type=Path, nargs="+")
    args = parser.parse_args()
    if args.command == "read":
        read(args.rows, args.corpus, args.out, set(args.files))
    else:
        score(args.outs)


if __name__ == "__main__":
    main()
