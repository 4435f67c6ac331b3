"""The alignment of an earlier version of a regulation with its current text, and the changes
inside each aligned pair. Pure: texts in, rows and segments out.

The alignment pairs each current article with at most one earlier article. The score of a
candidate pair is the similarity of the two texts (difflib's SequenceMatcher ratio over the texts
with spaces removed and full-width forms folded), plus a small bonus for the same relative place
in the text (numbering), so that of two equally similar candidates the one where the article
stands wins. Pairs are taken greedily, best score first, ties broken by the current then the
earlier number, which makes the assignment the same on every run. Hand corrections (forced pairs,
articles forced to stay unpaired) are applied before anything is computed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher

# A pair below this similarity is not a counterpart: the articles are 新增 and 删除.
THRESHOLD = 0.4
# Weight of the same relative place (0..1) beside the text similarity (0..1).
PLACE_WEIGHT = 0.05
# An unchanged stretch this short between two changes is shown as part of the change: a change
# marked character by character around a shared 的 or 。 is harder to read than one span.
MIN_EQUAL = 2

UNCHANGED = "unchanged"
RENUMBERED = "renumbered"
CHANGED = "changed"
ADDED = "added"
DELETED = "deleted"
KINDS = (UNCHANGED, RENUMBERED, CHANGED, ADDED, DELETED)


@dataclass(frozen=True)
class Corrections:
    """Editorial corrections of the computed alignment (by article key, e.g. (13, 0) for 第十三条).

    pairs: (earlier, current) pairs that hold whatever the texts say;
    added: current articles that have no counterpart; deleted: earlier articles that have none.
    """

    pairs: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()
    added: tuple[tuple[int, int], ...] = ()
    deleted: tuple[tuple[int, int], ...] = ()


NO_CORRECTIONS = Corrections()


@dataclass(frozen=True)
class Match:
    """One row of an alignment: an earlier key, a current key or both.

    kind: one of KINDS; ratio: the texts' similarity (0 for an unpaired article); forced: set by a
    hand correction rather than computed.
    """

    kind: str
    old: tuple[int, int] | None
    new: tuple[int, int] | None
    ratio: float = 0.0
    forced: bool = False


def normalise(text: str) -> str:
    """The text as compared: NFKC (full-width digits and brackets folded), whitespace removed."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if not c.isspace())


def similarity(a: str, b: str) -> float:
    """SequenceMatcher ratio of two normalised texts (no junk heuristic: short texts are whole)."""
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _place(i: int, n: int, j: int, m: int) -> float:
    """1 for the same relative place in both texts, 0 for opposite ends."""
    return 1 - abs((i + 0.5) / n - (j + 0.5) / m)


def _kind(old: tuple[int, int], new: tuple[int, int], same_text: bool) -> str:
    if not same_text:
        return CHANGED
    return UNCHANGED if old == new else RENUMBERED


def align(
    old: Mapping[tuple[int, int], str],
    new: Mapping[tuple[int, int], str],
    corrections: Corrections = NO_CORRECTIONS,
) -> tuple[Match, ...]:
    """Every current article in order, each with its earlier counterpart or as ADDED, and every
    earlier article without a counterpart as DELETED, placed after the row of the nearest earlier
    article before it that has one (at the top when none has).

    Pure and the costliest step of a load (every pair of articles through difflib), so the result
    is kept for the same texts and corrections: a process that loads a project many times (the
    tests, `mkdocs serve`) aligns an unchanged version once."""
    return _align(tuple(sorted(old.items())), tuple(sorted(new.items())), corrections)


@functools.lru_cache(maxsize=8)
def _align(
    old_items: tuple[tuple[tuple[int, int], str], ...],
    new_items: tuple[tuple[tuple[int, int], str], ...],
    corrections: Corrections,
) -> tuple[Match, ...]:
    old, new = dict(old_items), dict(new_items)
    old_keys, new_keys = sorted(old), sorted(new)
    norm_old = {k: normalise(v) for k, v in old.items()}
    norm_new = {k: normalise(v) for k, v in new.items()}
    paired: dict[tuple[int, int], tuple[tuple[int, int], float, bool]] = {}
    for o, n in corrections.pairs:
        paired[n] = (o, similarity(norm_old[o], norm_new[n]), True)
    used_old = {o for o, _, _ in paired.values()} | set(corrections.deleted)
    closed_new = set(paired) | set(corrections.added)
    candidates = []
    for i, o in enumerate(old_keys):
        if o in used_old:
            continue
        for j, n in enumerate(new_keys):
            if n in closed_new:
                continue
            matcher = SequenceMatcher(None, norm_old[o], norm_new[n], autojunk=False)
            if matcher.real_quick_ratio() < THRESHOLD or matcher.quick_ratio() < THRESHOLD:
                continue
            ratio = matcher.ratio()
            if ratio >= THRESHOLD:
                score = ratio + PLACE_WEIGHT * _place(i, len(old_keys), j, len(new_keys))
                candidates.append((-score, n, o, ratio))
    for _, n, o, ratio in sorted(candidates):
        if n not in paired and o not in used_old:
            paired[n] = (o, ratio, False)
            used_old.add(o)
    rows = []
    for n in new_keys:
        if n in paired:
            o, ratio, forced = paired[n]
            rows.append(Match(_kind(o, n, norm_old[o] == norm_new[n]), o, n, ratio, forced))
        else:
            rows.append(Match(ADDED, None, n, 0.0, n in corrections.added))
    return _with_deleted(
        rows, [o for o in old_keys if o not in used_old or o in corrections.deleted], corrections
    )


def _with_deleted(
    rows: list[Match], deleted: Iterable[tuple[int, int]], corrections: Corrections
) -> tuple[Match, ...]:
    """The rows with each deleted earlier article after the last row whose earlier article precedes it."""
    out = list(rows)
    for o in deleted:
        at = 0
        for i, row in enumerate(out):
            if row.old is not None and row.old < o:
                at = i + 1
        out.insert(at, Match(DELETED, o, None, 0.0, o in corrections.deleted))
    return tuple(out)


@dataclass(frozen=True)
class Segment:
    """A piece of a compared text: kept, or only in the earlier (deleted) or current (inserted) text."""

    text: str
    change: str = ""  # "", "del" or "ins"


# Digit runs and Latin words are compared whole (2010年 against 2020年 is one number changed, not a
# 1 inserted and a 1 deleted); every other character is a token of its own.
TOKEN = re.compile(r"[0-9０-９]+|[A-Za-z]+|.", re.S)


def _tokens(text: str) -> tuple[list[str], list[int]]:
    """The text's tokens and the offset of each, with the text's length last."""
    tokens = TOKEN.findall(text)
    offsets = [0]
    for t in tokens:
        offsets.append(offsets[-1] + len(t))
    return tokens, offsets


def _opcodes(a: str, b: str) -> list[tuple[str, int, int, int, int]]:
    """Opcodes over the texts' tokens, as character offsets, with short unchanged stretches between
    two changes folded into them (a change around a shared 的 reads as one)."""
    ta, oa = _tokens(a)
    tb, ob = _tokens(b)
    ops = SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes()
    out: list[tuple[str, int, int, int, int]] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        i1, i2, j1, j2 = oa[i1], oa[i2], ob[j1], ob[j2]
        if tag == "equal" and 0 < k < len(ops) - 1 and i2 - i1 < MIN_EQUAL:
            tag = "replace"
        if out and tag != "equal" and out[-1][0] != "equal":
            _, p1, _, q1, _ = out[-1]
            out[-1] = ("replace", p1, i2, q1, j2)
        else:
            out.append((tag, i1, i2, j1, j2))
    return out


def changes(old: str, new: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """The earlier text and the current text cut into segments: what both keep, what the earlier
    text loses (del) and what the current text adds (ins). Each side joins back to its text."""
    left: list[Segment] = []
    right: list[Segment] = []
    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        if tag == "equal":
            left.append(Segment(old[i1:i2]))
            right.append(Segment(new[j1:j2]))
            continue
        if i2 > i1:
            left.append(Segment(old[i1:i2], "del"))
        if j2 > j1:
            right.append(Segment(new[j1:j2], "ins"))
    return _merged(left), _merged(right)


def _merged(segments: list[Segment]) -> tuple[Segment, ...]:
    """Neighbouring segments of the same kind as one."""
    out: list[Segment] = []
    for seg in segments:
        if out and out[-1].change == seg.change:
            out[-1] = Segment(out[-1].text + seg.text, seg.change)
        else:
            out.append(seg)
    return tuple(out)
