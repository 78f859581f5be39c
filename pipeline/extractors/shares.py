"""A certificate's share OCR lost a digit of, or lost whole, put right from the other: the two shares make 100."""

from __future__ import annotations

from typing import Any

SHARES = ("agency_share_percent", "partner_share_percent")


def _within(short: str, long: str) -> bool:
    """Whether ``short``'s digits stand in ``long`` in order, some left out (0 in 80, 8 in 80, 5 in 35)."""
    rest = iter(long)
    return all(digit in rest for digit in short)


def shares_mended(fields: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The OCR'd certificate's fields with a share that, beside the other, does not make 100 and whose digits are
    100 less the other's with one or more lost, put as that, with a warning; unchanged otherwise (both shares
    could be that share, or neither). A share not read at all beside the other is 100 less the other."""
    shares = [fields.get(key) for key in SHARES]
    lost = [(key, 100 - other) for key, share, other in zip(SHARES, shares, shares[::-1], strict=True)
            if share is None and isinstance(other, int) and 0 < other < 100]
    if lost:  # every digit lost (``…คิดเป็นสัดส่วนร้อยละ`` and nothing after it, seed 3313): the same sum tells it
        key, share = lost[0]
        return {**fields, key: share}, [
            f"{key}: not read; the two shares make 100, so it is put as {share}: check it by eye — อ่านสัดส่วนไม่ได้ "
            f"จึงใช้ {share} ให้รวมกับอีกฝ่ายครบร้อยละ 100 กรุณาตรวจสอบกับต้นฉบับ"]
    if not all(isinstance(share, int) and 0 <= share <= 100 for share in shares) or sum(shares) == 100:
        return fields, []
    fits = [(key, 100 - other) for key, share, other in zip(SHARES, shares, shares[::-1], strict=True)
            if len(str(share)) < len(str(100 - other)) and _within(str(share), str(100 - other))]
    if len(fits) != 1:
        return fields, []
    key, share = fits[0]
    return {**fields, key: share}, [
        f"{key}: read as {fields[key]}, which with the other share does not make 100; a digit was lost, so it is put "
        f"as {share}: check it by eye — อ่านสัดส่วนได้ {fields[key]} ซึ่งรวมกับอีกฝ่ายไม่ครบร้อยละ 100 (ตัวเลขหายไป) "
        f"จึงใช้ {share} กรุณาตรวจสอบกับต้นฉบับ"]


__all__ = ["shares_mended"]
