"""Measure the search ranking on a query file: top-1 and top-3 per kind of query.

A query file is the shape of content/search_queries.yaml: `queries`, each with `query`, `expect`
(a provision id: 条, 款 or 项), optional `also` (other ids that answer as well) and optional `kind`
(entries without one count as `held-out`; an expected provision of a further regulation, `xzcf:art_55`,
counts under `national-<kind>`, apart from the site's own regulation). Blind sets kept outside the repository use the same
shape, so anyone can measure a set the ranking was never tuned to
(`python -m generator search --eval FILE`).

A hit counts at provision level when it is an expected provision or one inside it (as the bench and
the browser test count). An expected id is read as its index record (search.record_id: an
article's only 款, `art_N__para_1`, is the record `art_N`). The article figure counts a hit
anywhere in the expected article: the reader lands on the right page but must find the 款 or 项
there. The law figure counts a first hit in the expected regulation: the reader lands in the right
law (the site's own or the further regulation the answer is in), whatever its provision. The figure
within the law counts a first hit that answers when the search is limited to the expected
regulation (its own scope: 本规定, or that law's): the ranking among one law's provisions, apart from
the ranking of the laws against each other (a query can be first in its law and still lose to
another law in 全部, or land in the right law at a sibling provision).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem
from generator.load import read_yaml
from generator.search import record_id
from generator.validate import located

HELD_OUT = "held-out"
NATIONAL = "national-"
LAW_SEPARATOR = ":"
TOP = 3


@dataclass(frozen=True)
class Query:
    """One measured query: what is typed, the record ids that answer it, its kind."""

    query: str
    expect: tuple[str, ...]
    kind: str

    @property
    def group(self) -> str:
        """The line it is counted in: its kind, `national-<kind>` when a further regulation answers."""
        return f"{NATIONAL}{self.kind}" if LAW_SEPARATOR in self.expect[0] else self.kind


@dataclass
class Tally:
    """Counts of one kind: queries, top-1 hits, top-3 hits, top-3 article hits, first hits in the
    expected regulation, top-1 hits within it (None when not measured), and the misses (query,
    expected ids, the first three ids listed)."""

    queries: int = 0
    top1: int = 0
    top3: int = 0
    article3: int = 0
    law1: int = 0
    own1: int | None = None
    misses: list[tuple[str, tuple[str, ...], list[str]]] = field(default_factory=list)


def load_queries(path: Path, root: Path, ids: set[str]) -> tuple[list[Query], list[Problem]]:
    """The file's queries with their ids as index records; located problems (a missing field, an
    id with no provision)."""
    problems: list[Problem] = []
    doc = located(read_yaml(path, root), problems)
    if doc is None:
        return [], problems
    entries = doc.data.get("queries") if isinstance(doc.data, dict) else None
    if not isinstance(entries, list) or not entries:
        return [], [doc.problem(("queries",), "a list of queries is required")]
    out = []
    for i, entry in enumerate(entries):
        where = ("queries", i)
        if not isinstance(entry, dict) or not isinstance(entry.get("query"), str) or not entry["query"]:
            problems.append(doc.problem((*where, "query"), "a query (text) is required"))
            continue
        wanted = [((*where, "expect"), entry.get("expect"))] + [
            ((*where, "also", j), pid) for j, pid in enumerate(entry.get("also") or [])
        ]
        expect = []
        for at, pid in wanted:
            rid = record_id(pid, ids) if isinstance(pid, str) else None
            if rid is None:
                problems.append(doc.problem(at, f"{pid} is no provision of the index"))
            else:
                expect.append(rid)
        if len(expect) == len(wanted):
            out.append(Query(entry["query"], tuple(expect), str(entry.get("kind") or HELD_OUT)))
    return out, problems


def answers(entry: dict) -> tuple[str, ...]:
    """The ids that answer a query entry: `expect`, then each of `also`."""
    return (entry["expect"], *entry.get("also", []))


def found(listed: list[str], expect: tuple[str, ...]) -> bool:
    """Whether a listed id is one of the answers or a provision inside one."""
    return any(i == e or i.startswith(e + "__") for i in listed for e in expect)


def _article(pid: str) -> str:
    return pid.split("__")[0]


def _law(pid: str) -> str:
    """The regulation of an id: the further regulation's slug before LAW_SEPARATOR, '' for the site's own."""
    slug, sep, _ = pid.partition(LAW_SEPARATOR)
    return slug if sep else ""


def evaluate(
    ranked: dict[str, list[str]], queries: list[Query], own: dict[str, list[str]] | None = None
) -> dict[str, Tally]:
    """Tallies per kind, in order of first appearance. `ranked` holds each query's law hits (ids,
    best first), as `Engine.query` lists them; `own`, when given, the same in the scope of the
    query's expected regulation alone (see own_scope)."""
    out: dict[str, Tally] = {}
    for q in queries:
        listed = ranked[q.query]
        t = out.setdefault(q.group, Tally())
        t.queries += 1
        if own is not None:
            t.own1 = (t.own1 or 0) + found(own[q.query][:1], q.expect)
        t.top1 += found(listed[:1], q.expect)
        hit = found(listed[:TOP], q.expect)
        t.top3 += hit
        t.article3 += bool({_article(i) for i in listed[:TOP]} & {_article(e) for e in q.expect})
        t.law1 += bool(listed) and _law(listed[0]) in {_law(e) for e in q.expect}
        if not hit:
            t.misses.append((q.query, q.expect, listed[:TOP]))
    return out


def _law_hits(engines: dict, query: str, scope: str) -> list[str]:
    """The query's law hits in `scope` (ids, best first, the first TOP), as the header box lists them."""
    from generator.search import scoped_query

    return [h["id"] for h in scoped_query(engines, query, TOP, scope) if h["kind"] == "law"][:TOP]


def rank(engines: dict, queries: list[Query], scope: str) -> dict[str, list[str]]:
    """Each query's law hits (ids, best first, the first TOP) in `scope`, as the header box lists them."""
    return {q.query: _law_hits(engines, q.query, scope) for q in queries}


def own_scope(q: Query) -> str:
    """The scope of the regulation the query's (first) answer is in: its slug, home for the site's own."""
    return _law(q.expect[0]) or "home"


def rank_own(
    engines: dict, queries: list[Query], ranked: dict[str, list[str]] | None = None, scope: str = ""
) -> dict[str, list[str]]:
    """Each query's law hits (ids, best first, the first TOP) in the scope of its expected
    regulation alone (own_scope): the ranking within that law. A query whose own scope is `scope`
    takes its hits from `ranked` (rank's answer in that scope) instead of being ranked again."""
    known = ranked or {}
    return {
        q.query: known[q.query]
        if own_scope(q) == scope and q.query in known
        else _law_hits(engines, q.query, own_scope(q))
        for q in queries
    }


def _share(n: int, of: int) -> str:
    return f"{n}/{of} ({n / of:.0%})"


def report(tallies: dict[str, Tally], misses: bool = False) -> list[str]:
    """Lines: one per kind (top-1, top-3, top-3 by article, top-1 by law), then each miss when asked."""
    out = []
    for kind, t in tallies.items():
        out.append(
            f"{kind}: {t.queries} queries, top-1 {_share(t.top1, t.queries)}, top-3 "
            f"{_share(t.top3, t.queries)}, top-3 by article {_share(t.article3, t.queries)}, "
            f"top-1 by law {_share(t.law1, t.queries)}"
            + (f", top-1 within its law {_share(t.own1, t.queries)}" if t.own1 is not None else "")
        )
        if misses:
            out += [
                f"  miss: {q} expects {' or '.join(e)}; listed {', '.join(got) or 'nothing'}"
                for q, e, got in t.misses
            ]
    return out


def as_json(tallies: dict[str, Tally]) -> dict:
    return {
        kind: {
            "queries": t.queries,
            "top1": t.top1,
            "top3": t.top3,
            "article_top3": t.article3,
            "law_top1": t.law1,
            **({"own_top1": t.own1} if t.own1 is not None else {}),
            "misses": [{"query": q, "expect": list(e), "listed": got} for q, e, got in t.misses],
        }
        for kind, t in tallies.items()
    }
