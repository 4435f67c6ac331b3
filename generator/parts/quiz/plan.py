"""The mock exam's plan: how many questions of each type from each regulation (issue 28 item 4).

exam.yaml's composition gives shares by type and, optionally, shares by regulation. The plan is
the table of cells (type, regulation, count) whose rows add up to the type shares and whose
columns add up to the regulation shares, no cell asking for more questions than the bank holds.
It is computed once, here, from the settings and the bank alone (not from the seed), and exported
with the questions, so the exam, the browser's paper and `python -m generator paper --exam` draw
from the same cells without reimplementing this.

The table is a small transport problem, solved as a maximum flow (type -> regulation) in two
rounds: first each cell is capped at its proportional share rounded up, so every regulation's
share mixes the types as the whole paper does; then the caps are lifted to what the bank holds, to
fill whatever the first round could not. Edmonds-Karp with a fixed node order: the same settings
and bank always give the same table.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence

Cell = tuple[str, int, str]


def _augment(flow: dict, cap: dict, nodes: Sequence[str]) -> int:
    """One shortest augmenting path from "s" to "t" (Edmonds-Karp); the flow added (0: none)."""
    parent: dict[str, str] = {"s": "s"}
    queue = deque(["s"])
    while queue and "t" not in parent:
        u = queue.popleft()
        for v in nodes:
            if v not in parent and cap.get((u, v), 0) - flow.get((u, v), 0) + flow.get((v, u), 0) > 0:
                parent[v] = u
                queue.append(v)
    if "t" not in parent:
        return 0
    path = []
    v = "t"
    while v != "s":
        path.append((parent[v], v))
        v = parent[v]
    push = min(cap.get(e, 0) - flow.get(e, 0) + flow.get((e[1], e[0]), 0) for e in path)
    for u, v in path:
        back = min(push, flow.get((v, u), 0))  # cancel flow the other way first
        flow[(v, u)] = flow.get((v, u), 0) - back
        flow[(u, v)] = flow.get((u, v), 0) + push - back
    return push


def allocate(
    types: Sequence[tuple[str, int]],
    regulations: Sequence[tuple[str, int]],
    available: Mapping[tuple[str, str], int],
) -> tuple[Cell, ...] | None:
    """The cells (type, count, regulation) in types order, then regulations order, zero cells left
    out; None when the bank cannot fill both sets of shares at once.

    types: (type, share) adding up to the paper's size; regulations: (slug, share) adding up to the
    same; available: questions the bank holds by (type, slug).
    """
    total = sum(n for _, n in types)
    if total != sum(n for _, n in regulations):
        return None
    tnodes = [f"T{t}" for t, _ in types]
    rnodes = [f"R{r}" for r, _ in regulations]
    nodes = ["s", *tnodes, *rnodes, "t"]
    cap: dict[tuple[str, str], int] = {("s", f"T{t}"): n for t, n in types}
    cap.update({(f"R{r}", "t"): n for r, n in regulations})
    flow: dict[tuple[str, str], int] = {}
    for final in (False, True):
        for t, tn in types:
            for r, rn in regulations:
                have = available.get((t, r), 0)
                cap[(f"T{t}", f"R{r}")] = have if final else min(have, -(-tn * rn // total) if total else 0)
        while _augment(flow, cap, nodes):
            pass
    if sum(flow.get(("s", f"T{t}"), 0) for t, _ in types) != total:
        return None
    return tuple(
        (t, flow[(f"T{t}", f"R{r}")], r)
        for t, _ in types
        for r, _ in regulations
        if flow.get((f"T{t}", f"R{r}"), 0) > 0
    )
