"""Charts of the summary report, drawn with matplotlib in TH Sarabun New so Thai labels render correctly."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, never a window

from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

THAI_FONT = "TH Sarabun New"
FONT_DIRS = (Path("/usr/local/share/fonts/th-sarabun-new"), Path("/usr/share/fonts/truetype/th-sarabun-new"))
# TLWG fonts Debian ships (fonts-tlwg-*): Thai shapes right, but they are not the government's font.
FALLBACK_FONTS = ("Laksaman", "Garuda", "Loma", "Norasi")
LEVEL_COLOURS = ("#9e9e9e", "#d73027", "#fc8d59", "#fee08b", "#91cf60", "#1a9850")
BAR = "#2b6cb0"
DPI = 200
AGENCIES_PER_CHART = 40
_chosen: str | None = None


def thai_font() -> str:
    """Register TH Sarabun New with matplotlib and make it the default family; a TLWG font, with a warning,
    when it is not installed. Returns the family used."""
    global _chosen
    if _chosen:
        return _chosen
    for folder in FONT_DIRS:
        for ttf in sorted(folder.glob("*.ttf")) if folder.is_dir() else []:
            font_manager.fontManager.addfont(str(ttf))
    names = {f.name for f in font_manager.fontManager.ttflist}
    if THAI_FONT in names:
        _chosen = THAI_FONT
    else:
        _chosen = next((name for name in FALLBACK_FONTS if name in names), "DejaVu Sans")
        warnings.warn(f"{THAI_FONT} is not installed (bash scripts/setup.sh install); charts use {_chosen}",
                      stacklevel=2)
    matplotlib.rcParams["font.family"] = _chosen
    matplotlib.rcParams["axes.unicode_minus"] = False
    return _chosen


def font_file(family: str | None = None) -> Path:
    """The font file matplotlib draws a family with (the chart font, by default)."""
    prop = font_manager.FontProperties(family=family or thai_font())
    return Path(font_manager.findfont(prop, fallback_to_default=False))


def _figure(width_in: float, height_in: float) -> tuple[Figure, object]:
    thai_font()
    figure = Figure(figsize=(width_in, height_in), dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


def _save(figure: Figure, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(str(path))
    return path


def level_chart(counts: dict[int, int], path: Path, title: str = "จำนวนหน่วยงานตามระดับคะแนน") -> Path:
    """Columns: how many agencies reached each level (ระดับ 0–5)."""
    figure, axes = _figure(6.3, 3.4)
    levels = sorted(counts)
    bars = axes.bar([f"ระดับ {level}" for level in levels], [counts[level] for level in levels],
                    color=[LEVEL_COLOURS[min(level, 5)] for level in levels])
    axes.bar_label(bars, fontsize=14)
    axes.set_ylabel("จำนวนหน่วยงาน", fontsize=14)
    axes.set_title(title, fontsize=18)
    axes.tick_params(labelsize=14)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.set_ylim(0, max([*counts.values(), 1]) * 1.2)
    return _save(figure, path)


def score_charts(scores: Sequence[tuple[str, float, int]], path: Path,
                 title: str = "คะแนนรวมรายหน่วยงาน") -> list[Path]:
    """Horizontal bars of each agency's total (highest first), coloured by level; one picture per 40 agencies
    so that each fits a portrait page. ``scores`` are (agency, total, level)."""
    ordered = sorted(scores, key=lambda s: (-s[1], s[0]))
    chunks = [ordered[i:i + AGENCIES_PER_CHART] for i in range(0, len(ordered), AGENCIES_PER_CHART)] or [[]]
    paths = []
    for number, chunk in enumerate(chunks, 1):
        figure, axes = _figure(6.3, 1.3 + 0.2 * max(len(chunk), 3))
        names = [name for name, _, _ in chunk][::-1]
        values = [total for _, total, _ in chunk][::-1]
        bars = axes.barh(names, values, color=[LEVEL_COLOURS[min(lv, 5)] for _, _, lv in chunk][::-1])
        axes.bar_label(bars, labels=[f"{v:.2f}" for v in values], padding=2, fontsize=12)
        axes.set_xlim(0, 110)
        axes.set_xlabel("คะแนน (เต็ม 100)", fontsize=14)
        axes.tick_params(labelsize=12)
        part = f" (ชุดที่ {number}/{len(chunks)})" if len(chunks) > 1 else ""
        axes.set_title(title + part, fontsize=18)
        target = Path(path) if len(chunks) == 1 else Path(path).with_name(f"{Path(path).stem}_{number}.png")
        paths.append(_save(figure, target))
    return paths


def steps_chart(done: Sequence[tuple[str, int]], total: int, path: Path,
                title: str = "ความก้าวหน้า 5 ขั้นตอน") -> Path:
    """Horizontal bars: how many of ``total`` agencies completed each step, with the percent."""
    figure, axes = _figure(6.3, 3.4)
    labels = [label for label, _ in done][::-1]
    counts = [count for _, count in done][::-1]
    bars = axes.barh(labels, counts, color=BAR)
    axes.bar_label(bars, labels=[f"{c} จาก {total} ({100 * c / total:.0f}%)" if total else "0" for c in counts],
                   padding=3, fontsize=12)
    axes.set_xlim(0, max(total, 1) * 1.7)
    axes.set_xlabel("จำนวนหน่วยงานที่ดำเนินการแล้ว", fontsize=14)
    axes.tick_params(labelsize=14)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.set_title(title, fontsize=18)
    return _save(figure, path)
