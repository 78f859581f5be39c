"""The seed's satisfaction arithmetic: a question's score, the mean over questions and the percent, exactly."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

PERCENT_PLACES = Decimal("0.001")  # the seed prints 80.000 and 3.200
WEIGHTS = (4, 3, 0, 0)  # only มากที่สุด (4) and มาก (3) count: "ระดับมากขึ้นไป"


def question_score(counts: list[int]) -> Fraction:
    """(4 × n₄ + 3 × n₃) / all respondents of the question, exactly."""
    respondents = sum(counts)
    if respondents == 0:
        raise ValueError("nobody answered the question")
    return Fraction(sum(w * n for w, n in zip(WEIGHTS, counts, strict=True)), respondents)


def to_decimal(value: Fraction, places: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(places, rounding=rounding)


def survey_percent(counts: list[list[int]]) -> tuple[Fraction, Decimal]:
    """The exact mean over questions, and the percent (mean × 100 / 4) rounded half-up to three decimals."""
    if not counts:
        raise ValueError("the survey has no question")
    mean = sum((question_score(c) for c in counts), Fraction(0)) / len(counts)
    return mean, to_decimal(mean * 100 / 4, PERCENT_PLACES)
