"""Score cards and survey results as text for the terminal: each point with its rule, documents and reason."""

from __future__ import annotations

from decimal import Decimal

from pipeline.scoring.satisfaction import SatisfactionResult
from pipeline.scoring.score import ScoreCard, show, whole


def _band_text(card: ScoreCard, bands: list[Decimal]) -> str:
    if card.level == 0:
        return f"{show(card.total)} < {whole(bands[0])}"
    low = whole(bands[card.level - 1])
    return f"{low} ≤ {show(card.total)}" + (f" < {whole(bands[card.level])}" if card.level < len(bands) else "")


def card_text(card: ScoreCard) -> str:
    """The card as a person checks it by hand: each line's points, rule, documents and reason, then the totals."""
    type_from = {"list": "ตามรายชื่อหน่วยงาน / from the agency list", "data": "ตามข้อมูล / from the data"}.get(
        card.agency_type_from, "จากชื่อ / from the name")
    out = [f"═══ {card.agency} — {card.agency_type_th} ({card.agency_type}, {type_from})",
           f"    เกณฑ์ / rules: FY{card.rules_year} ({card.rules_file}) · หลักฐาน / evidence: "
           f"FY{card.evidence_year or '?'} ({card.evidence_source})"]
    for part in card.parts:
        out.append("")
        out.append(f"ส่วนที่ {part.number} {part.th} / {part.en}".ljust(86) + f"{show(part.earned):>7} / {whole(part.possible)}")
        for line in (ln for ln in card.lines if ln.part == part.number):
            out.append(f"  • {line.title_th}".ljust(86) + f"{show(line.earned):>7} / {whole(line.possible)}")
            out.append(f"      {line.title_en}  [{line.rule}]")
            docs = ", ".join(f"{d.label_th()} · {d.label_en()}" for d in line.documents)
            out.append(f"      เอกสาร / documents: {docs}")
            out.append(f"      ไทย: {line.reason_th}")
            out.append(f"      en:  {line.reason_en}")
    weight = whole(card.weight_percent)
    out += ["", f"คะแนนรวม / total: {show(card.total)} / {whole(card.possible)} "
                f"(= {' + '.join(show(p.earned) for p in card.parts)})",
            f"ระดับ / level: {card.level} ({_band_text(card, card.level_bands)}); "
            f"ระดับแบบเทียบสัดส่วน / interpolated: {card.level_interpolated}",
            f"คะแนนถ่วงน้ำหนัก / weighted: {show(card.total)} × {weight} ÷ 100 = {card.weighted.normalize():f} "
            f"(of {weight})"]
    errors = sum(1 for f in card.findings if f.severity == "error")
    out += ["", f"ข้อสังเกต / findings: {errors} error(s), {len(card.findings) - errors} warning(s)"]
    out += [f"  {f.severity:<7} {f.rule:<26} {f.document.label_th()} · {f.document.label_en()}: {f.message_th}"
            f"\n  {'':<7} {'':<26} {f.message_en}" for f in card.findings]
    return "\n".join(out)


def survey_text(result: SatisfactionResult) -> str:
    """A survey's satisfaction computed step by step, as an evaluator would write it out by hand."""
    out = ["ข้อ  มากที่สุด(4) มาก(3) น้อย(2) น้อยที่สุด(1)  ผู้ตอบ  ค่าคะแนนเฉลี่ยรายข้อ = (4×n4 + 3×n3) ÷ ผู้ตอบ"]
    for q in result.questions:
        n4, n3, n2, n1 = q.counts
        out.append(f"{q.number:>3}  {n4:>11} {n3:>6} {n2:>7} {n1:>13}  {q.respondents:>6}  "
                   f"(4×{n4} + 3×{n3}) ÷ {q.respondents} = {q.score}")
    out.append(f"ค่าคะแนนเฉลี่ยความพึงพอใจระดับมากขึ้นไป (mean of question scores) = {result.mean}")
    out.append(f"ร้อยละความพึงพอใจ (satisfaction percent) = {result.mean_exact} × 100 ÷ 4 = {result.percent}")
    out.append(f"คะแนน (points) = {result.points} / {result.possible}  [{result.points_formula}]")
    out.append(f"{result.percent} % → {result.points} points")
    return "\n".join(out)
