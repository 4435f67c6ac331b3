"""Printable exam paper and separate answer key from the question bank (`python -m generator paper`).

The same bank, settings (count, seed, chapters, types) always give byte-identical files. The draw
uses one small documented generator, mulberry32 seeded with the 32-bit integer seed, and a
Fisher-Yates shuffle; the paper page of the site (generator/parts/quiz/theme/assets/javascripts/paper.js)
implements both identically, so a trainer in the browser prints the same paper as this command.
Shared vectors (tests/vectors/paper.yaml) run against Python, node and the browser.
Both files are self-contained HTML with print CSS, so they open and print from disk.

The draw, step by step (the browser does exactly this):
1. the pool: the bank in bank order, kept when its chapter and type are among those chosen;
2. `shuffled(pool)`: Fisher-Yates from the last index down, j = floor(next() * (i + 1));
3. the first `count` questions of the shuffled pool, grouped by type in TYPES order (drawn order
   inside a type), numbered from 1;
4. in that printed order, the options of each 单选/多选 question shuffled the same way
   (判断 and 填空 have no options and draw no number).

The mock exam's paper (`--exam`, exam.yaml's composition) replaces steps 2-3: for each cell
(type, share, regulation) of its plan (ExamSettings.plan, in TYPES order, then the order of the
shares by regulation), its questions of the bank (bank order; of that regulation unless the cell
names none) shuffled with the same generator and the first `share` kept; then step 4.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from generator.part import Loader
from generator.parts.quiz import LETTERS, TYPES, Question, bank_of, regulation_key
from generator.project import Project

SECTION_NAMES = {"单选": "单项选择题", "多选": "多项选择题", "判断": "判断题", "填空": "填空题"}
SECTION_HINTS = {
    "单选": "每题只有一个正确答案，将其字母填入括号内。",
    "多选": "每题有两个或两个以上正确答案，将其字母全部填入括号内；多选、少选、错选均不得分。",
    "判断": "判断表述是否正确，正确的填“√”，错误的填“×”。",
    "填空": "在括号处填写规定原文的用语。",
}
NUMERALS = "一二三四"


SEED_MAX = 2**32 - 1
_MASK = 0xFFFFFFFF
T = TypeVar("T")


class PaperError(ValueError):
    """A bad --count, --seed, --chapters or --types; the message says what is allowed."""


def mulberry32(seed: int) -> Callable[[], float]:
    """mulberry32 (Tommy Ettinger, public domain): floats in [0, 1) from a 32-bit seed.

    Every step is 32-bit integer arithmetic, so JavaScript (Math.imul, >>>) gives the same numbers.
    """
    state = seed & _MASK

    def imul(a: int, b: int) -> int:
        return (a * b) & _MASK

    def draw() -> float:
        nonlocal state
        state = (state + 0x6D2B79F5) & _MASK
        t = state
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & _MASK
        return ((t ^ (t >> 14)) & _MASK) / 4294967296

    return draw


def shuffled(items: Sequence[T], rand: Callable[[], float]) -> list[T]:
    """Fisher-Yates from the last index down, as kb.paper.shuffle and kb.quiz.shuffle do."""
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        j = int(rand() * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out


def draw(pool: Sequence[Question], count: int, seed: int) -> list[tuple[Question, tuple[str, ...]]]:
    """Steps 2-4 of the draw: (question, options in printed order) in printed order."""
    rand = mulberry32(seed)
    drawn = shuffled(pool, rand)[:count]
    out = []
    for qtype in TYPES:
        for q in (q for q in drawn if q.type == qtype):
            out.append((q, tuple(shuffled(q.options, rand)) if q.options else ()))
    return out


def draw_shares(
    pool: Sequence[Question],
    shares: Sequence[tuple],
    seed: int,
    regulation_of: Callable[[Question], str] = lambda q: "",
) -> list[tuple[Question, tuple[str, ...]]]:
    """The mock exam's paper: for each cell (type, n[, regulation]) of the plan, in its order, the
    first n of its questions shuffled (regulation '' or absent: any), then step 4."""
    rand = mulberry32(seed)
    drawn: list[Question] = []
    for share in shares:
        qtype, n, slug = share[0], share[1], share[2] if len(share) > 2 else ""
        mine = [q for q in pool if q.type == qtype and (not slug or regulation_of(q) == slug)]
        drawn += shuffled(mine, rand)[:n]
    return [(q, tuple(shuffled(q.options, rand)) if q.options else ()) for q in drawn]


def shares_text(shares: Sequence[tuple], names: dict[str, str] | None = None) -> str:
    """The plan as the paper prints it: 组卷方案：单选 12 题、多选 6 题…, then, when it has shares by
    regulation, ；按法规：《name》 n 题… (names: titles by slug, in the order to print)."""
    by_type: dict[str, int] = {}
    by_regulation: dict[str, int] = {}
    for share in shares:
        by_type[share[0]] = by_type.get(share[0], 0) + share[1]
        if len(share) > 2 and share[2]:
            by_regulation[share[2]] = by_regulation.get(share[2], 0) + share[1]
    text = "组卷方案：" + "、".join(f"{t} {by_type[t]} 题" for t in TYPES if t in by_type)
    if by_regulation:
        order = list(names or {}) + sorted(by_regulation)
        slugs = [s for i, s in enumerate(order) if s in by_regulation and s not in order[:i]]
        text += "；按法规：" + "、".join(
            f"《{(names or {}).get(s, s)}》 {by_regulation[s]} 题" for s in slugs
        )
    return text


def select(
    questions: Iterable[Question],
    chapter_of: Callable[[Question], int],
    chapters: Iterable[int] | None = None,
    types: Iterable[str] | None = None,
) -> list[Question]:
    """Step 1: the questions of the chosen chapters and types, in bank order (None: all)."""
    want_chapters = None if chapters is None else set(chapters)
    want_types = None if types is None else set(types)
    return [
        q
        for q in questions
        if (want_chapters is None or chapter_of(q) in want_chapters)
        and (want_types is None or q.type in want_types)
    ]


@dataclass(frozen=True)
class PaperItem:
    """One question as printed: its number, options in printed order, and the key's answer."""

    number: int
    question: Question
    options: tuple[str, ...]
    answer: str
    citations: str


@dataclass(frozen=True)
class Section:
    title: str
    hint: str
    items: tuple[PaperItem, ...]


@dataclass(frozen=True)
class PaperSpec:
    """What one paper is drawn from; the same spec and bank always give the same paper.

    count, seed: how many questions and the draw's seed; chapters, types: the chosen chapters and
    types (None: all); shares: the mock exam's composition (ExamSettings.plan), drawn instead of
    count, chapters and types (count is then its total).
    """

    count: int
    seed: int
    chapters: tuple[int, ...] | None = None
    types: tuple[str, ...] | None = None
    shares: tuple[tuple, ...] = ()

    @classmethod
    def of(
        cls,
        count: int,
        seed: int,
        chapters: Iterable[int] | None = None,
        types: Iterable[str] | None = None,
        shares: Sequence[tuple] = (),
    ) -> PaperSpec:
        return cls(
            count,
            seed,
            None if chapters is None else tuple(chapters),
            None if types is None else tuple(types),
            tuple(shares),
        )

    def drawn(self, project: Project) -> list[tuple[Question, tuple[str, ...]]]:
        """The questions drawn, each with its options in printed order (steps 1-3 of the module)."""
        if self.shares:
            return draw_shares(pool(project), self.shares, self.seed, lambda q: regulation_key(project, q))
        return draw(pool(project, self.chapters, self.types), self.count, self.seed)

    def scope(self, project: Project) -> str:
        """What the paper says it was drawn from: the composition, or the chapters and types."""
        if self.shares:
            return shares_text(self.shares, regulation_names(project))
        return scope_text(project, self.chapters, self.types)

    @property
    def stem(self) -> str:
        """File name stem: exam-paper-<count>[-mock]-seed<seed>[-ch1-3][-单选-判断] (paper_stem)."""
        return paper_stem(self.count, self.seed, self.chapters, self.types, bool(self.shares))


def parse_count(text: str, available: int, filtered: bool = False) -> int:
    """--count as an integer between 1 and the questions available, or PaperError.

    filtered: the questions were limited by --chapters or --types (said in the message)."""
    try:
        count = int(text)
    except ValueError:
        raise PaperError(f"--count must be a whole number, got {text!r}") from None
    if not 1 <= count <= available:
        raise PaperError(
            f"--count must be between 1 and {available} "
            f"({'the questions in the chosen chapters and types' if filtered else 'the size of the question bank'}), "
            f"got {count}"
        )
    return count


def parse_seed(text: str) -> int:
    """--seed as an integer between 0 and 4294967295 (the generator's 32-bit seed)."""
    try:
        seed = int(text)
    except ValueError:
        raise PaperError(f"--seed must be a whole number, got {text!r}") from None
    if not 0 <= seed <= SEED_MAX:
        raise PaperError(f"--seed must be between 0 and {SEED_MAX}, got {seed}")
    return seed


def parse_chapters(text: str | None, numbers: Sequence[int]) -> tuple[int, ...] | None:
    """--chapters as chapter numbers, e.g. "1,3" (None: every chapter)."""
    if text is None:
        return None
    out = []
    for part in (p.strip() for p in text.split(",")):
        if not part.isdigit() or int(part) not in numbers:
            raise PaperError(
                f"--chapters takes chapter numbers between {min(numbers)} and {max(numbers)} "
                f"separated by commas, got {part!r}"
            )
        out.append(int(part))
    return tuple(sorted(set(out)))


def parse_types(text: str | None) -> tuple[str, ...] | None:
    """--types as question types, e.g. "单选,判断" (None: every type)."""
    if text is None:
        return None
    out = []
    for part in (p.strip() for p in text.split(",")):
        if part not in TYPES:
            raise PaperError(f"--types takes {'、'.join(TYPES)} separated by commas, got {part!r}")
        out.append(part)
    return tuple(t for t in TYPES if t in out)


def pool(
    project: Project, chapters: Iterable[int] | None = None, types: Iterable[str] | None = None
) -> list[Question]:
    """The bank's questions of the chosen chapters and types, in bank order (none without a bank)."""
    bank = bank_of(project)
    reg = project.regulation

    def chapter_of(q: Question) -> int:
        # A further regulation's question is in no chapter of the site's own regulation.
        return 0 if q.law else reg.articles[q.article - 1].chapter

    return select(bank.questions if bank else (), chapter_of, chapters, types)


def compose(project: Project, *settings: Any, **named: Any) -> tuple[Section, ...]:
    """compose_spec of PaperSpec.of(*settings, **named): count, seed, chapters, types, shares."""
    return compose_spec(project, PaperSpec.of(*settings, **named))


def compose_spec(project: Project, spec: PaperSpec) -> tuple[Section, ...]:
    """Draw the spec's questions, group them by type, number them, shuffle the options."""
    sections: list[Section] = []
    number = 0
    drawn = spec.drawn(project)
    for qtype in TYPES:
        items = []
        for q, options in (d for d in drawn if d[0].type == qtype):
            number += 1
            if qtype in ("单选", "多选"):
                answer = "".join(LETTERS[options.index(a)] for a in sorted(q.answer, key=options.index))
                answer += "（" + "；".join(q.answer) + "）"
            elif qtype == "判断":
                answer = "√（正确）" if q.answer[0] == "正确" else "×（错误）"
            else:
                answer = q.answer[0]
            citations = "、".join(project.index[c].site_citation for c in q.keys)
            items.append(PaperItem(number, q, options, answer, citations))
        if items:
            title = f"{NUMERALS[len(sections)]}、{SECTION_NAMES[qtype]}（共{len(items)}题）"
            sections.append(Section(title, SECTION_HINTS[qtype], tuple(items)))
    return tuple(sections)


def scope_text(project: Project, chapters: Iterable[int] | None, types: Iterable[str] | None) -> str:
    """The chosen chapters and types as the paper prints them ('' when the whole bank)."""
    parts = []
    if chapters is not None:
        labels = [c.label for c in project.regulation.chapters if c.number in set(chapters)]
        parts.append("范围：" + "、".join(labels))
    if types is not None:
        parts.append("题型：" + "、".join(types))
    return "；".join(parts)


def regulation_names(project: Project) -> dict[str, str]:
    """Short titles of the site's regulations by slug, the site's own first."""
    return {r.slug: r.name for r in project.regulations}


def render_paper(project: Project, *settings: Any, **named: Any) -> tuple[str, str]:
    """render_spec of PaperSpec.of(*settings, **named): count, seed, chapters, types, shares."""
    return render_spec(project, PaperSpec.of(*settings, **named))


def render_spec(project: Project, spec: PaperSpec) -> tuple[str, str]:
    """(paper HTML, answer key HTML) of the spec."""
    from generator.render import environment

    ctx = {
        "regulation": project.regulation,
        "sections": compose_spec(project, spec),
        "count": spec.count,
        "seed": spec.seed,
        "scope": spec.scope(project),
        "letters": LETTERS,
    }
    env = environment()
    return env.get_template("paper.html.j2").render(ctx), env.get_template("paper-key.html.j2").render(ctx)


def paper_stem(
    count: int,
    seed: int,
    chapters: Iterable[int] | None = None,
    types: Iterable[str] | None = None,
    mock: bool = False,
) -> str:
    """File name stem: exam-paper-<count>-seed<seed>[-ch1-3][-单选-判断], -mock after the count for
    the mock exam's composition."""
    stem = f"exam-paper-{count}{'-mock' if mock else ''}-seed{seed}"
    if chapters is not None:
        stem += "-ch" + "-".join(str(c) for c in chapters)
    if types is not None:
        stem += "-" + "-".join(types)
    return stem


def write_paper(project: Project, spec: PaperSpec, out: Path) -> tuple[Path, Path]:
    """Write <stem>.html and <stem>-key.html into `out` (stem: PaperSpec.stem); return both paths."""
    paper, key = render_spec(project, spec)
    out.mkdir(parents=True, exist_ok=True)
    paths = (out / f"{spec.stem}.html", out / f"{spec.stem}-key.html")
    for path, text in zip(paths, (paper, key), strict=True):
        path.write_bytes(text.encode("utf-8"))
    return paths


def run_paper(args: argparse.Namespace, load: Loader) -> int:
    """Write paper.html and key.html under --out; 1 with one message on a bad setting."""
    project = load(Path(args.root), only=("quiz",))
    bank = bank_of(project)
    if bank is None:
        print("no question bank: content/questions/ is missing", file=sys.stderr)
        return 1
    shares = bank.exam.plan if args.exam else ()
    try:
        if args.exam and not shares:
            raise PaperError("--exam needs a composition in content/questions/exam.yaml")
        if args.exam and (args.chapters is not None or args.types is not None):
            raise PaperError("--exam draws the mock exam's composition; leave out --chapters and --types")
        chapters = parse_chapters(args.chapters, [c.number for c in project.regulation.chapters])
        types = parse_types(args.types)
        available = len(pool(project, chapters, types))
        if not available:
            raise PaperError("no question matches --chapters and --types")
        filtered = chapters is not None or types is not None
        count = sum(share[1] for share in shares) if shares else parse_count(args.count, available, filtered)
        seed = parse_seed(args.seed)
    except PaperError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    paper, key = write_paper(project, PaperSpec.of(count, seed, chapters, types, shares), Path(args.out))
    print(f"wrote {paper} and {key}")
    return 0
