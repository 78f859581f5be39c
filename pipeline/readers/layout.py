"""Merged table cells from a ruled grid: the slots no ruling line separates, united into one cell each."""

from __future__ import annotations

from collections.abc import Callable

Span = tuple[int, int, int, int]  # first row, first column, last row, last column (inclusive)


def cluster(values: list[float], tolerance: float) -> list[float]:
    """Line positions that stand within ``tolerance`` of their neighbour merged into their mean, ascending."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= tolerance:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(group) / len(group) for group in groups]


def merge_slots(rows: int, cols: int, joined_right: Callable[[int, int], bool],
                joined_below: Callable[[int, int], bool]) -> tuple[list[list[int]], list[Span]]:
    """Slot (r, c) → cell index, and each cell's span; cells numbered by their first slot, row by row.

    ``joined_right(r, c)``: no line between slots (r, c) and (r, c + 1); ``joined_below(r, c)``: none
    between (r, c) and (r + 1, c).
    """
    parent = list(range(rows * cols))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and joined_right(r, c):
                parent[find(r * cols + c + 1)] = find(r * cols + c)
            if r + 1 < rows and joined_below(r, c):
                parent[find((r + 1) * cols + c)] = find(r * cols + c)
    index: dict[int, int] = {}
    spans: list[list[int]] = []
    slots = [[0] * cols for _ in range(rows)]
    for r in range(rows):
        for c in range(cols):
            root = find(r * cols + c)
            if root not in index:
                index[root] = len(spans)
                spans.append([r, c, r, c])
            n = slots[r][c] = index[root]
            span = spans[n]
            span[0], span[1] = min(span[0], r), min(span[1], c)
            span[2], span[3] = max(span[2], r), max(span[3], c)
    return slots, [(s[0], s[1], s[2], s[3]) for s in spans]


__all__ = ["Span", "cluster", "merge_slots"]
