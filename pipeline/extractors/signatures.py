"""Signature blocks: the name in brackets under ``ลงชื่อ``, matched to its role (ผู้เสนอ…, ผู้อนุมัติ…, …)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extractors.stream import SENTINEL, Stream
from pipeline.extractors.text import clean_value, compact
from pipeline.extractors.vocabulary import loose, name_titles

_SIGN = re.compile(loose("ลงชื่อ").replace("ช", "[ชซ]"))  # ช read as ซ, a tick apart (``| ลงซื่อ``)
_BRACKET = re.compile(r"\(([^()]*)\)")
_BLOCK_LINES = 4


@dataclass
class Signature:
    name: str | None
    where: str


def read_signatures(stream: Stream, roles: dict[str, tuple[str, ...]], stop_lines: set[int]) -> dict[
        str, Signature]:
    """Each role's signed name (None when the brackets are empty); roles without a block are left out."""
    if not roles:
        return {}
    found: dict[str, Signature] = {}
    sign_lines = sorted({stream.line_at(m.start()) for m in _SIGN.finditer(stream.probe)})
    for k, n in enumerate(sign_lines):
        limit = sign_lines[k + 1] if k + 1 < len(sign_lines) else len(stream.lines)
        block = [n]
        for m in range(n + 1, min(limit, n + _BLOCK_LINES)):
            if stream.lines[m].text == SENTINEL or m in stop_lines:
                break
            block.append(m)
        for role, signature in _read_block(stream, block, roles).items():
            if role not in found or (found[role].name is None and signature.name is not None):
                found[role] = signature
    for role in roles:
        if role not in found:
            signature = _without_sign_line(stream, role, roles)
            if signature is not None:
                found[role] = signature
    return found


def _read_block(stream: Stream, block: list[int], roles: dict[str, tuple[str, ...]]) -> dict[str, Signature]:
    first = stream.lines[block[0]].text
    starts = [m.start() for m in _SIGN.finditer(first)]
    if len(starts) <= 1:
        text = " ".join(stream.lines[n].text for n in block)
        role = _role(text, roles) or (next(iter(roles)) if len(roles) == 1 else None)
        if role is None:
            return {}
        name, where = _first_name(stream, block, roles)
        if name is None and where is None:
            name, where = _typed_name(first, roles), stream.lines[block[0]].where
            if name is None:
                name, where = _unbracketed_name(stream, block[1:], roles)
        return {role: Signature(name, where or stream.lines[block[0]].where)}
    # Side by side: one "ลงชื่อ" per column on the first line, the brackets under them in the same order.
    columns = [first[a:b] for a, b in zip(starts, [*starts[1:], len(first)], strict=True)]
    brackets: list[tuple[str | None, str, str]] = []  # (name, text after the bracket, where)
    for n in block[1:]:
        line = stream.lines[n].text
        matches = list(_BRACKET.finditer(line))
        for i, m in enumerate(matches):
            tail = line[m.end(): matches[i + 1].start() if i + 1 < len(matches) else len(line)]
            if not _is_role_text(m.group(1), roles):
                brackets.append((_name(m.group(1)), tail, stream.lines[n].where))
            elif brackets:
                name, old_tail, where = brackets[-1]
                brackets[-1] = (name, old_tail + " " + m.group(1) + " " + tail, where)
    out: dict[str, Signature] = {}
    for k, column in enumerate(columns):
        name, tail, where = brackets[k] if k < len(brackets) else (None, "", stream.lines[block[0]].where)
        role = _role(column, roles) or _role(tail, roles)
        if role is not None and role not in out:
            out[role] = Signature(name, where)
    return out


def _role(text: str, roles: dict[str, tuple[str, ...]]) -> str | None:
    """The role whose words come first in a text."""
    probe = compact(text)
    best: tuple[int, str] | None = None
    for role, phrases in roles.items():
        for phrase in phrases:
            at = probe.find(compact(phrase))
            if at >= 0 and (best is None or at < best[0]):
                best = (at, role)
    return best[1] if best else None


def _is_role_text(text: str, roles: dict[str, tuple[str, ...]]) -> bool:
    probe = compact(text)
    return bool(probe) and any(compact(p) in probe for phrases in roles.values() for p in phrases) or (
        "เหนือขึ้นไป" in probe or "ตำแหน่ง" in probe)


# A speck read as a dot between a first name and a surname (``นางวรรณา.พึ่งบุญ``): a name's only dots end its
# rank's or degree's abbreviations (ร.ต.อ., ดร., ทพญ.), never a run of four letters or more before a word.
_DOT_BETWEEN_WORDS = re.compile(r"(?<=[\u0e01-\u0e4e]{4})\.(?=[\u0e01-\u0e4e]{3,}(?:\s|$))")


def _name(text: str) -> str | None:
    return clean_value(_DOT_BETWEEN_WORDS.sub(" ", text))


def _first_name(stream: Stream, block: list[int], roles: dict[str, tuple[str, ...]]) -> tuple[
        str | None, str | None]:
    """The first bracket in a block that is not role text: its name (None if empty) and where."""
    for k, n in enumerate(block):
        line = stream.lines[n].text
        for m in _BRACKET.finditer(line):
            if not _is_role_text(m.group(1), roles):
                return _name(m.group(1)), stream.lines[n].where
        opened = line.rfind("(")
        if opened >= 0 and ")" not in line[opened:] and k + 1 < len(block):
            # A name too long for its cell wraps inside the brackets: "( นางสาวคำพังเพย กบดำกบแด" / "งอุปัชฌาย )".
            following = stream.lines[block[k + 1]].text
            if ")" in following:
                name = _join_wrapped(line[opened + 1:], following[:following.index(")")])
                if not _is_role_text(name, roles):
                    return _name(name), stream.lines[n].where
    return None, None


def _join_wrapped(head: str, tail: str) -> str:
    """Two lines of one name: Thai broken mid-word joins up, anything else keeps a space."""
    head, tail = head.rstrip(), tail.lstrip()
    thai = re.compile(r"[\u0e01-\u0e4e]")
    glue = "" if head and tail and thai.match(head[-1]) and thai.match(tail[0]) else " "
    return head + glue + tail


def _typed_name(line: str, roles: dict[str, tuple[str, ...]]) -> str | None:
    """A name typed on the ``ลงชื่อ`` line itself instead of in brackets (``ลงชื่อ นายสมชาย ใจดี ผู้เสนอโครงการ``)."""
    text = _SIGN.sub(" ", line, count=1)
    for phrases in roles.values():
        for phrase in phrases:
            text = re.sub(loose(phrase), " ", text)
    value = clean_value(text)
    if value and value.startswith(name_titles()):
        return value
    return None


def _unbracketed_name(stream: Stream, lines: list[int], roles: dict[str, tuple[str, ...]]) -> tuple[
        str | None, str | None]:
    """A name typed without brackets on a line of its own under ``ลงชื่อ`` (not a role or position line)."""
    for n in lines:
        text = stream.lines[n].text.strip()
        if not text or _is_role_text(text, roles) or re.match(r"\s*(?:ตำแหน่ง|วันที่|ลงวันที่)", text):
            continue
        value = clean_value(text)
        if value and len(value) <= 60 and not re.search(r"[\d๐-๙]", value):
            return value, stream.lines[n].where
    return None, None


def _without_sign_line(stream: Stream, role: str, roles: dict[str, tuple[str, ...]]) -> Signature | None:
    """A role printed without ``ลงชื่อ``: the bracket on its line or the line above or below."""
    for phrase in roles[role]:
        m = re.search(loose(phrase), stream.probe)
        if not m:
            continue
        n = stream.line_at(m.start())
        for k in (n, n - 1, n + 1):
            if 0 <= k < len(stream.lines):
                line = stream.lines[k].text
                b = _BRACKET.search(line)
                # Only a bracket that opens its line, as under a signature, not one inside a sentence.
                if b and not line[: b.start()].strip() and not _is_role_text(b.group(1), roles) and _name(b.group(1)):
                    return Signature(_name(b.group(1)), stream.lines[k].where)
    return None
