"""Bundles: where each form of a file that holds several starts (its title), and whether a form's pages are whole."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from pipeline.extractors.classify import FORM_NUMBER
from pipeline.extractors.gaps import Gap, label_gaps
from pipeline.extractors.orphans import doubt_warnings, orphan_starts
from pipeline.extractors.phases import phase_of_heading
from pipeline.extractors.starts import fallback_starts, label_checks, label_matches
from pipeline.extractors.stream import SENTINEL, SIGNATURE_LINE, Stream
from pipeline.extractors.tables import GANTT
from pipeline.extractors.text import LINE_PREFIX, compact
from pipeline.extractors.vocabulary import BundleRules, Phrases, bundle_rules, vocabulary
from pipeline.readers.symbols import SOFT_WRAP

_NUMBER_HEAD = re.compile(r"^แบบฟอร์ม(?:ที่)?[1-4]")
# A photo's page edge or a table's outer rule read as a bar (or a speck as a comma) before a line's first word:
# no title opens with these marks.
_EDGE_MARKS = re.compile(r"^[|,.'‘’]+")
_SIGNED_UNDER = re.compile(r"^\s*(?:\(|ตำแหน่ง)")  # the name in brackets and the position under a signature


@dataclass
class Part:
    """One form of a file: the kind its title names (None: text before any title) and its lines first..last-1."""

    kind: str | None
    first: int
    last: int
    # pages that may be another form's whose title page is missing (``orphans.orphan_starts``' doubts): their kind
    doubts: list[tuple[int, str]] = field(default_factory=list)


def split_forms(stream: Stream, typed: frozenset[int] = frozenset(), unread: frozenset[int] = frozenset()) -> list[Part]:
    """The forms of a stream in file order: a new one wherever a form's title starts a line (or, on a PDF or
    scan page where no title is read, where ``starts.fallback_starts`` sees one begin). A plan right after
    (or, for a Form 3 without one, right before) a Form 3 is that form's attached plan; a survey's
    questionnaires and its tally are one survey. A form whose title page is missing starts where
    ``orphans.orphan_starts`` is sure of it (``typed``: the pages read as printed; ``unread``: the pages nothing was
    read from); where it only doubts, the form holding the page says a page of another form may be there."""
    starts = form_starts(stream)
    starts = sorted(starts + fallback_starts(stream, starts))
    orphans = orphan_starts(stream, starts, typed, unread)
    starts = sorted(starts + orphans.starts)
    if not starts:
        return [Part(None, 0, len(stream.lines))]
    parts: list[Part] = []
    first = starts[0][0]
    if first > 0 and _has_content(stream, 0, first):
        parts.append(Part(None, 0, first))
    else:
        starts[0] = (0, starts[0][1])
    for n, (line, kind) in enumerate(starts):
        parts.append(Part(kind, line, starts[n + 1][0] if n + 1 < len(starts) else len(stream.lines)))
    for line, kind in orphans.doubts:
        part = next(p for p in parts if p.first <= line < p.last)
        part.doubts.append((stream.lines[line].page or 0, kind))
    return joined(stream, parts)


def form_starts(stream: Stream) -> list[tuple[int, str]]:
    """(first line, kind) of every form: the line its title starts, moved back over what stands above the title
    on its page (a form-number line, a header) or, without pages, over blank and form-number lines."""
    rules = bundle_rules()
    out: list[tuple[int, str]] = []
    for n, line in enumerate(stream.lines):
        if line.cell or line.table is not None or not line.text.strip():
            continue
        found = _title_at(stream, n, rules)
        if found is None or (n > 0 and stream.lines[n - 1].text.endswith(SOFT_WRAP)):
            continue  # (a line a paragraph wrapped onto: a value that holds a title's words, no title)
        kind, short = found
        above = _lines_above(stream, n)
        if stream.lines[n].page is not None and above >= rules.top_lines and short:
            continue  # a short title (แผนการดำเนินการ) starts a form only at the top of a page
        start = n
        if stream.lines[n].page is not None and above < rules.top_lines:
            start = n - above_all(stream, n)
            if out:
                start = _after_previous(stream, start, n, out[-1][1])
        else:
            while start > 0 and (not stream.lines[start - 1].text.strip()
                                 or FORM_NUMBER.match(stream.lines[start - 1].text)):
                start -= 1
        if out and start <= out[-1][0]:
            continue
        out.append((start, kind))
    return out


def _title_at(stream: Stream, n: int, rules: BundleRules) -> tuple[str, bool] | None:
    """The kind whose title starts line n, the line holding nothing but (the start of) a title of that kind, and
    whether that title is a short one (a browser prints the forms one after another down the pages: a long
    title may stand anywhere on a page)."""
    at = bisect_left(stream.compact.index, stream.offsets[n])
    head = stream.compact.lower[at:at + 400]
    edge = _EDGE_MARKS.match(head)
    skip = edge.end() if edge else 0
    number = _NUMBER_HEAD.match(head[skip:])
    skip += number.end() if number else 0
    head = head[skip:]
    own = compact(stream.lines[n].text).lower()[skip:]
    before = stream.compact.lower[max(0, at - 40):at]
    for key, kind in rules.titles:
        if not head.startswith(key):
            continue
        if any(before.endswith(p) for p in rules.not_preceded_by.get(kind, ())):
            return None  # the tail of a longer title (Form 4's inside Form 3's)
        # A sentence that begins with a title's words (guidance that names the certificate) goes on with
        # other words; a title line goes on with its own title's words, or stops.
        kept = max(_common(own, title) for title, other in rules.titles if other == kind)
        return (kind, len(key) < rules.long_title) if len(own) - kept <= rules.title_line_extra else None
    return None


def _common(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _lines_above(stream: Stream, n: int) -> int:
    """Non-blank lines above line n on its page."""
    page, count, m = stream.lines[n].page, 0, n - 1
    while m >= 0 and stream.lines[m].page == page:
        count += 1 if stream.lines[m].text.strip() else 0
        m -= 1
    return count


def above_all(stream: Stream, n: int) -> int:
    """Lines (blank or not) above line n on its page."""
    page, m = stream.lines[n].page, n - 1
    while m >= 0 and stream.lines[m].page == page:
        m -= 1
    return n - 1 - m


def _after_previous(stream: Stream, first: int, title: int, previous: str) -> int:
    """The first of lines first..title-1 above a title that is no part of the form before (of kind
    ``previous``): a browser that prints the forms one after another puts the last lines of one (its
    signatures, the name in brackets and position under them, a ``ลงวันที่`` label, a table) at the top of the
    page the next one's title stands on."""
    checks = label_checks(previous)
    # A table there is the previous form's too (a form prints none above its title): Form 3's plan's Gantt.
    ends = [m for m in range(first, title) if SIGNATURE_LINE.match(stream.lines[m].text)
            or stream.lines[m].table is not None or stream.lines[m].cell
            or _opens_with_label(stream.lines[m].text, checks)]
    if not ends:
        return first
    start = ends[-1] + 1
    while start < title and _SIGNED_UNDER.match(stream.lines[start].text):
        start += 1
    return start


def _opens_with_label(text: str, checks: tuple[tuple[str, Phrases, bool], ...]) -> bool:
    return any(LINE_PREFIX.fullmatch(text[:at]) is not None for _, pattern, _ in checks
               for at, _ in pattern.spans(text))


def _has_content(stream: Stream, first: int, last: int) -> bool:
    """Text before the first title that is more than a header: a form whose title page is missing."""
    text = "".join(compact(ln.text) for ln in stream.lines[first:last]
                   if ln.text != SENTINEL and not FORM_NUMBER.match(ln.text))
    return len(text) >= 80 or any(ln.table is not None for ln in stream.lines[first:last])


def _has_gantt(stream: Stream, part: Part) -> bool:
    return any(part.first <= t.line < part.last for t in stream.tables_of(GANTT))


def _gantt_page_ahead(stream: Stream, part: Part) -> bool:
    """Is the Gantt of a Form 3 with no plan title a page that opens with it, the form's last: the next
    plan's page, shuffled in ahead of that plan's title page?"""
    last = stream.lines[part.last - 1].page
    gantts = [t.line for t in stream.tables_of(GANTT) if part.first <= t.line < part.last]
    return last is not None and all(
        stream.lines[n].page == last and not any(stream.lines[m].text.strip() for m in range(n - above_all(stream, n), n))
        for n in gantts)


def joined(stream: Stream, parts: list[Part]) -> list[Part]:
    """Parts that are one form joined: a Form 3 and its attached plan (either way round, or with the plan's
    Gantt page shuffled in ahead of its title), a survey's pieces."""
    out: list[Part] = []
    for part in parts:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == part.kind == "survey":
            prev.last = part.last
            prev.doubts += part.doubts
        elif (prev is not None and prev.kind == "form3" and part.kind == "plan"
              and (not _has_gantt(stream, prev) or _gantt_page_ahead(stream, prev))):
            prev.last = part.last
            prev.doubts += part.doubts
        elif (prev is not None and prev.kind == "plan" and part.kind == "form3" and not _has_gantt(stream, part)
              and (len(out) < 2 or out[-2].kind != "form3")):
            prev.kind, prev.last = "form3", part.last
            prev.doubts += part.doubts
        else:
            out.append(Part(part.kind, part.first, part.last, list(part.doubts)))
    return out


# --------------------------------------------------------------------------- pages shuffled or missing
@dataclass
class Arranged:
    """A form's lines in reading order (its pages put back in the order its labels say) and what was moved."""

    kind: str | None
    lines: list[int]
    warnings: list[str]


def arrange(stream: Stream, parts: list[Part]) -> list[Arranged]:
    """Each form's lines, pages in the form's order: a page holding none of its form's labels (but for words
    inside the other's) and two or more of the next (or previous) form's goes to that form; a form's pages are
    sorted by the labels each holds. Every move is a warning on the form (pages out of order), in English and
    Thai."""
    pieces = [stream.slice(p.first, p.last) for p in parts]
    seen: dict[tuple[int, str], dict[int, list[tuple[int, int, int]]]] = {}

    def labels(i: int, kind: str) -> dict[int, list[tuple[int, int, int]]]:
        """Part i's matches of a kind's labels, by page."""
        if (i, kind) not in seen:
            piece, found = pieces[i], {}
            for match in label_matches(piece, kind):
                found.setdefault(piece.lines[piece.line_at(match[1])].page or 0, []).append(match)
            seen[(i, kind)] = found
        return seen[(i, kind)]

    hints: dict[int, list[tuple[int, int]]] = {}

    def guidance(i: int, kind: str) -> list[tuple[int, int]]:
        """Where part i prints its kind's guidance sentences."""
        if i not in hints:
            hints[i] = Phrases(vocabulary(kind).guidance).spans(pieces[i].compact)
        return hints[i]

    groups = [_page_groups(stream, part) for part in parts]
    notes: list[list[str]] = [[] for _ in parts]
    moved: dict[int, int] = {}  # a page moved to another form: the part it stood in
    for i, part in enumerate(parts):
        if part.kind is None:
            continue
        for group in list(groups[i][1:]):
            for j in (i + 1, i - 1):
                other = parts[j].kind if 0 <= j < len(parts) else None
                if other is None or other == part.kind:
                    continue
                # Words of the other form's labels inside a data table or naming a plan's phase in a table's
                # cell (Form 4's Gantt names Form 3's phases) or inside this form's printed guidance (Form 4's
                # budget hint) are no labels of the other. (A browser prints a form's labels in layout cells.)
                told = guidance(i, part.kind)
                theirs = [m for m in labels(i, other).get(group[0], []) if not _in_table(pieces[i], m, other)
                          and not any(a <= m[1] < b for a, b in told)]
                ours = labels(i, part.kind).get(group[0], [])
                # Words that are a label of both forms (``งบประมาณ``, Form 3's and Form 4's section 7) say
                # nothing of which form the page is: they count for neither.
                shared = {(a, b) for _, a, b in ours} & {(a, b) for _, a, b in theirs}
                ours = [m for m in ours if (m[1], m[2]) not in shared]
                theirs = [m for m in theirs if (m[1], m[2]) not in shared]
                lone = _lone_signature(pieces[i], ours, theirs, labels(j, other))
                if (_belongs(ours, theirs) or lone) and not (_gantt_in(stream, group[1]) and any(
                        _gantt_in(stream, lines) for _, lines in groups[j])):  # (one Gantt per form)
                    groups[i].remove(group)
                    # in file order among that form's pages (a page shuffled ahead of its form's title page stood
                    # before the pages it is sorted among; its form's attached plan follows)
                    groups[j].insert(sum(page < group[0] for page, _ in groups[j]), group)
                    moved[group[0]] = i
                    notes[j].append(f"{other}: page {group[0]} stood among the pages of another form ({part.kind}) "
                                    f"and was read with this one — หน้า {group[0]} อยู่ปนกับหน้าของแบบฟอร์มอื่น")
                    break
    for i, part in enumerate(parts[:-1]):
        if part.kind is not None and parts[i + 1].kind == part.kind:
            _copy_page_to_next(i, part.kind, groups, labels, notes)
    out = []
    for i, (part, found, note) in enumerate(zip(parts, groups, notes, strict=True)):
        ordered = found
        if part.kind and len(found) > 1 and found[0][0]:
            at = {page: [(m[0], parts[k].first + pieces[k].line_at(m[1])) for m in labels(k, part.kind).get(page, [])]
                  for page, k in ((page, moved.get(page, i)) for page, _ in found)}
            ordered = _in_label_order(stream, found, at, part.kind)
        if [g[0] for g in ordered] != [g[0] for g in found] or note:
            pages = ", ".join(str(g[0]) for g in ordered)
            note.append(f"{part.kind}: the pages were out of order; read in the order {pages} "
                        f"— หน้าของแบบฟอร์มเรียงสลับกัน อ่านตามลำดับหน้า {pages}")
            # The running header the reader kept where it first stood (a page now read later) would stand
            # inside a value that runs on over the page break.
            ordered = [ordered[0]] + [(page, _without_header(stream, lines)) for page, lines in ordered[1:]]
        kept = {page for page, _ in ordered}  # (a doubted page arrange moved to its form is no doubt)
        doubts = doubt_warnings(part.kind, [(page, kind) for page, kind in part.doubts if page in kept])
        out.append(Arranged(part.kind, [n for _, lines in ordered for n in lines], doubts + note))
    return out


def _copy_page_to_next(i: int, kind: str, groups: list[list[tuple[int, list[int]]]], labels,
                       notes: list[list[str]]) -> None:
    """Two copies of one form, one after the other: a page of copy i whose labels (two or more) all stand on
    another of its pages too, none of them on copy i+1's, is copy i+1's page, shuffled in ahead of it. The
    page nearest the next copy goes."""
    found = labels(i, kind)
    later = {n for matches in labels(i + 1, kind).values() for n, _, _ in matches}
    for page, lines in reversed(groups[i][1:]):
        here = {n for n, _, _ in found.get(page, [])}
        elsewhere = {n for other, matches in found.items() if other != page for n, _, _ in matches}
        if len(here) >= 2 and here <= elsewhere and not here & later:
            groups[i].remove((page, lines))
            groups[i + 1].append((page, lines))
            notes[i + 1].append(f"{kind}: page {page} stood among the pages of the copy before and was read with "
                                f"this one — หน้า {page} อยู่ปนกับหน้าของแบบฟอร์มชุดก่อน")
            return


def _without_header(stream: Stream, lines: list[int]) -> list[int]:
    """A page's lines without a ``แบบฟอร์ม N`` header at its top."""
    top = next((k for k, n in enumerate(lines) if stream.lines[n].text.strip()), None)
    if top is not None and FORM_NUMBER.match(stream.lines[lines[top]].text):
        return lines[:top] + lines[top + 1:]
    return lines


def _gantt_in(stream: Stream, lines: list[int]) -> bool:
    return any(stream.lines[n].table is not None and stream.tables[stream.lines[n].table].kind == GANTT
               for n in lines)


def _page_groups(stream: Stream, part: Part) -> list[tuple[int, list[int]]]:
    """A part's lines by page, in file order; one group (page 0) for a document without pages."""
    groups: dict[int, list[int]] = {}
    for n in range(part.first, part.last):
        groups.setdefault(stream.lines[n].page or 0, []).append(n)
    return list(groups.items())


def _in_table(stream: Stream, match: tuple[int, int, int], kind: str) -> bool:
    """Is a match of one of a kind's labels in a data table, or a phase's name in a table cell?"""
    line = stream.lines[stream.line_at(match[1])]
    return line.table is not None or (line.cell and phase_of_heading(label_checks(kind)[match[0]][0]) is not None)


def _lone_signature(piece: Stream, ours: list[tuple[int, int, int]], theirs: list[tuple[int, int, int]],
                    other: dict[int, list[tuple[int, int, int]]]) -> bool:
    """Does a page holding none of its form's labels hold one signature line (``ลงชื่อ …``) of another form that
    the other form's own pages lack (the certificate's last signature, its page swapped ahead of the title)?"""
    if ours or len({n for n, _, _ in theirs}) != 1:
        return False
    rank, start, _ = theirs[0]
    found = {n for matches in other.values() for n, _, _ in matches}
    return rank not in found and SIGNATURE_LINE.match(piece.lines[piece.line_at(start)].text) is not None


def _belongs(ours: list[tuple[int, int, int]], theirs: list[tuple[int, int, int]]) -> bool:
    """Does a page hold two or more of another form's labels and none of its own form's outside them (a
    signature ผู้เสนอโครงการ inside ผู้แทนจากหน่วยงานผู้เสนอโครงการ is the other's)?"""
    if len({n for n, _, _ in theirs}) < 2:
        return False
    return not any(not any(a <= start and end <= b for _, a, b in theirs) for _, start, end in ours)


def _in_label_order(stream: Stream, groups: list[tuple[int, list[int]]], found: dict[int, list[tuple[int, int]]],
                    kind: str) -> list[tuple[int, list[int]]]:
    """Pages sorted by the (middle) label each holds (``found``: a page's (label rank, line)): the title's page
    first; a page with one label only where that label opens a line (not a signature's words met in a sentence);
    a page with no label, and Form 3's attached plan from its title or Gantt table on (the plan repeats Form 3's
    first labels), right after the page it followed."""
    rules, inline = bundle_rules(), label_checks(kind)
    keyed: list[tuple[int, float, tuple[int, list[int]]]] = []
    last, tail, titled = -1, False, False
    began: tuple[int, float] | None = None  # where the plan began with a Gantt page and no title (shuffled)
    for n, (page, lines) in enumerate(groups):
        titles = {k: (_title_at(stream, k, rules) or ("",))[0] for k in lines
                  if not stream.lines[k].cell and stream.lines[k].text.strip()}
        plan = [k for k in lines if titles.get(k) == "plan" or (
            stream.lines[k].table is not None and stream.tables[stream.lines[k].table].kind == GANTT)]
        cut = plan[0] if kind == "form3" and plan else None
        here = sorted({rank for rank, line in found.get(page, []) if cut is None or line < cut})
        if cut is not None and "plan" not in titles.values():
            # The plan's title misread: the head it repeats (หน่วยงาน, ชื่อโครงการ …) stands above its Gantt.
            here = [rank for rank in here if rank not in _plan_head_ranks()]
        if kind in titles.values():
            key = -1
        elif kind == "form3" and titled and not here and plan and titles.get(plan[0]) == "plan" and not any(
                stream.lines[k].text.strip() for k in lines if k < plan[0]):
            key = len(inline)  # the attached plan's title page, after the form's title: after all its labels
        elif not tail and len(here) == 1 and (not inline[here[0]][2] or any(
                rank == here[0] and SIGNATURE_LINE.match(stream.lines[line].text) for rank, line in found[page])):
            key = here[0]  # one label opening a line (10.2 การประเมินผลโครงการ under the indicators' table, ลงชื่อ …)
        elif tail or len(here) < 2:
            key = last
        else:
            key = here[len(here) // 2]  # the middle one: a label named in guidance is no key
        if kind == "form3" and tail and began is not None and "plan" in titles.values():
            keyed.append((began[0], began[1] - 0.5, (page, lines)))  # the plan's title page goes before its Gantt
            began = None
            continue
        if kind == "form3" and not tail and cut is not None and "plan" not in titles.values():
            began = (key, n)
        tail = tail or cut is not None
        titled = titled or kind in titles.values()
        last = key
        keyed.append((key, n, (page, lines)))
    return [group for _, _, group in sorted(keyed, key=lambda item: (item[0], item[1]))]


_SIGN_WORD = re.compile(r"ลงชื่อ|ลงนาม")  # the word each signature line opens with


@cache
def _plan_head_ranks() -> frozenset[int]:
    """The ranks of Form 3's labels that its attached plan prints again in its head."""
    plan = {compact(label) for anchor in vocabulary("plan").anchors for label in anchor.labels}
    return frozenset(rank for rank, (label, _, _) in enumerate(label_checks("form3")) if compact(label) in plan)


def missing_pages(stream: Stream, kind: str) -> tuple[list[str], list[Gap], dict[int, list[int]]]:
    """A form's printed labels (and signatures) not found in the form's order, two or more in a row: a page is
    missing. (A label counts after the one before it: signature words met in the title do not.) Its last
    signature line alone missing says the same of its last page. The warnings, in English and Thai, the gaps
    in the form's labels they report, and where each label was found."""
    rules = bundle_rules()
    checks = label_checks(kind)
    signed = len(vocabulary(kind).signatures) if kind else 0  # label_checks ends with its signatures
    gaps, places = label_gaps(stream, kind)
    warnings: list[str] = []
    reported: list[Gap] = []
    for gap in gaps:
        run = [checks[n][0] for n in gap.missing]
        if (gap.missing[-1] == len(checks) - 1 and signed and not places.get(len(checks) - 1)
                and len(run) < rules.missing_run and len(_SIGN_WORD.findall(stream.text)) < signed):
            # Its last signature line is nowhere in the form (out of order is no matter: Form 2 prints its date
            # after the signature), and fewer lines say ลงชื่อ than it has signatures (OCR may garble the label
            # under a signature, seldom both): a page holding only a signature (a certificate's partner) is
            # gone, or the form came unsigned. One label is too few for a missing page elsewhere.
            warnings.append(f"{kind}: its last signature line ({run[-1]!r}) is not found: its last page may be "
                            f"missing — ไม่พบบรรทัดลงนามสุดท้าย ({run[-1]}) อาจขาดหน้าสุดท้าย")
            reported.append(gap)
        elif len(run) >= rules.missing_run:
            warnings.append(f"{kind}: {len(run)} printed labels in a row are not found ({run[0]!r} … {run[-1]!r}): "
                            f"a page may be missing — ไม่พบหัวข้อ {len(run)} หัวข้อติดกัน ({run[0]} … {run[-1]}) "
                            f"อาจขาดหน้าไป")
            reported.append(gap)
    return warnings, reported, places
