"""Core: provision-level search. Builds the index from the model and ranks queries (the reference).

The page ranks with site_overrides/assets/javascripts/search.js, which implements `rank` below
step for step; tests/vectors/search.yaml holds both to the same order. The index is one record per
条, 款 and 项 (a 款 that is an article's only paragraph is the article itself), plus a smaller group
of reading aids (topics, roles, glossary terms, checklists, question bank) matched on their titles
and short descriptions. It ships as a script (`search-index.js`) so the page can load it from disk;
the further regulations' index ships as shards loaded on demand (shard_data, below).

Ranking, best first (`score` packs the keys into one integer so both runtimes sort alike):
1. a citation (26, 二十六, 第26条, 第二十六条第（三）项, 第25条第2款, 26.3) puts that provision first;
2. provisions whose text contains the query (every word of it when it has several), with a match
   in the caption, more occurrences and a larger share of the text ranking higher;
3. provisions whose caption contains it; 4. provisions containing some of the words;
5. the rest by character bigrams, pairs of characters one apart (skips: 私下分 meets 私分) and
   single characters, weighted by rarity (BM25 with IDF squared); a provision needs a bigram or a
   skip to be listed this way, unless no provision has one: then single characters list them.
   Its heading (its regulation's name, its article's own caption) counts in this score as a
   field of the provision (BM25F, see heading): it lists no provision, it ranks them (within each
   rank above too, where this score breaks ties). In an index of several regulations, each
   regulation's prior (Engine.prior: how much more typical the typed bigrams are of its articles
   than of the index's) adds to its provisions' score the same way.
The vocabulary (content/search_synonyms.yaml) adds a variant of the query: its filler words (吗,
什么, 能不能) left out and everyday words replaced by the law's wording (收红包 -> 索贿受贿); the
fuzzy score of the query as typed also leaves fillers out. Each provision keeps its best variant. A
provision is left out when one inside it already ranks above it.
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator import links
from generator.cache import Store
from generator.errors import Problem
from generator.load import read_yaml
from generator.model import Regulation
from generator.numerals import parse_chinese
from generator.project import Project
from generator.render import law_names, script_json
from generator.validate import check_schema, located

SYNONYMS = "content/search_synonyms.yaml"
# A further regulation's own vocabulary, in its folder content/laws/<slug>/.
LAW_SYNONYMS = "search_synonyms.yaml"
QUERIES = "content/search_queries.yaml"
INDEX_JS = "assets/javascripts/search-index.js"
# The whole laws index as one script: no longer written to the site (the page loads shards); the
# node runner (tests/js/run_search.js) still takes it.
LAWS_INDEX_JS = "assets/javascripts/search-index-laws.js"
LIMIT = 10
AID_LIMIT = 5

# Characters dropped before matching: spaces and punctuation, so 截留私分 finds 截留、私分.
_DROP = set(" \t\r\n\u3000，。、；：？！“”‘’《》〈〉「」『』（）()【】[],.;:?!\"'-—…·/")
_FOLD = {"〇": "零", "两": "二"}
# BM25 parameters; unigrams and skips (two characters one apart) count at a quarter of a bigram.
K1 = 1.2
B = 0.75
UNIGRAM = 0.25
SKIP = 0.25
_CN = "零〇一二两三四五六七八九十百千"
_NUM = rf"(\d+|[{_CN}]+)"
# What follows 条: a 款 (第二款, 2款) and a 项 (第（三）项, (3)项, 三项, or a bracketed number alone:
# 第二十六条（三）), as _width leaves them (half-width brackets).
_TAIL = rf"(?:第?{_NUM}款)?(?:第?\(?{_NUM}\)?项|\({_NUM}\))?"
_CITATION = re.compile(rf"^第?{_NUM}条?{_TAIL}$")
_DOTTED = re.compile(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?$")
# Shorthand without 第 is a citation once 条 follows the number (27条3项, 32条1款4项).
_ARTICLE = re.compile(rf"^{_NUM}条")
# A citation inside other text (根据第五十一条的规定, (2021年修订)第5条): 第N条 anywhere, or N条 in
# digits at the start after brackets and punctuation (〔〕51条; not 一条龙); a bare number only as
# the whole query.
_CITED = re.compile(rf"第{_NUM}条{_TAIL}")
_LEADING = re.compile(rf"^[^\w]*(\d+)条{_TAIL}")
# Characters left out when a query is read for a regulation's name (《行政处罚法》第55条).
_NAME_DROP = set("《》〈〉“”‘’「」『』\"'")


@dataclass(frozen=True)
class Synonym:
    """An editorial synonym: `words` a reader types, searched also as `text` (the law's wording)."""

    text: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    """The search part's model, from content/search_synonyms.yaml.

    synonyms: everyday words and other spellings, each searched also as the law's wording.
    fillers: question and filler words (吗, 什么, 能不能, ...) that are no evidence for any
        provision: the fuzzy score leaves them out (an exact phrase still matches them).
    laws: (slug, synonyms) of each further regulation with its own vocabulary
        (content/laws/<slug>/search_synonyms.yaml, each `text` in that regulation's text), in slug
        order: on that regulation's provisions its words are searched as its wording, over the
        site's own synonyms (for a word both list, the regulation's entry wins there).
    """

    synonyms: tuple[Synonym, ...] = ()
    fillers: tuple[str, ...] = ()
    laws: tuple[tuple[str, tuple[Synonym, ...]], ...] = ()


# --- Normalisation (search.js: fold) ---------------------------------------------------------------


def fold_char(ch: str) -> str:
    """One character as matched: full-width ASCII to half-width, lower case, 〇->零, 两->二;
    '' for spaces and punctuation."""
    if ch in _DROP:
        return ""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        ch = chr(code - 0xFEE0)
        if ch in _DROP:
            return ""
    return _FOLD.get(ch, ch.lower())


class _FoldTable(dict[int, str]):
    """fold_char by code point, each worked out at its first use (str.translate's table)."""

    def __missing__(self, code: int) -> str:
        value = fold_char(chr(code))
        self[code] = value
        return value


_FOLDED = _FoldTable()


def fold(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, its position in `text` (in code points)."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        f = _FOLDED[ord(ch)]
        if f:
            out.append(f)
            where.append(i)
    return "".join(out), where


def folded(text: str) -> str:
    """fold(text)'s text alone, each character folded in one pass of str.translate (a library's
    articles are folded for the index, the vocabularies' checks and the engine)."""
    return text.translate(_FOLDED)


def _width(text: str) -> str:
    """Full-width digits, letters and brackets to half-width, spaces removed (for citations)."""
    return "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text if not c.isspace())


# --- Index ---------------------------------------------------------------------------------------


def law_records(project: Project, laws: bool = False) -> list[dict]:
    """One record per 条, 款, 项 (and 目) in document order (a sole 款 is its article): of the
    site's own regulation, or with `laws` of every further regulation (ids slug:id, citations with
    the title, `reg` naming the regulation)."""
    out = []
    regs = {law.slug: law for law in project.laws}
    for pid, prov in project.index.items():
        art = prov.article
        slug, sep, _ = pid.partition(links.KEY_SEPARATOR)
        if bool(sep) != laws:
            continue
        if prov.paragraph is not None and prov.point is None and len(art.paragraphs) == 1:
            continue
        reg = regs[slug] if laws else project.regulation
        chapter = reg.chapter_of(art)
        record = {
            "id": pid,
            "kind": "law",
            "citation": prov.site_citation,
            "caption": art.caption or reg.name,
            "chapter": f"{chapter.label} {chapter.plain_title}" if chapter else "",
            "text": prov.text,
            "url": links.provision_url(prov),
        }
        if laws:
            record["reg"] = slug
        out.append(record)
    return out


def version_records(project: Project) -> list[dict]:
    """One record per article of every earlier version of a further regulation (Project.versions):
    ids slug:art_N, `reg` the version's slug and `of` the current regulation's, the citation with
    the version's short title (行政复议法（2017年修正）第九条), the URL where a part shows it
    (Project.locations); an article no part shows is left out. Searched in the 历史版本 scope only."""
    out = []
    for old in project.versions:
        for art in old.articles:
            key = f"{old.slug}{links.KEY_SEPARATOR}{art.id}"
            if key not in project.locations:
                continue
            chapter = old.chapter_of(art)
            out.append(
                {
                    "id": key,
                    "kind": "law",
                    "citation": f"{old.name}{art.label}",
                    "caption": art.caption or old.name,
                    "chapter": f"{chapter.label} {chapter.plain_title}" if chapter else "",
                    "text": art.text,
                    "url": project.locations[key],
                    "reg": old.slug,
                    "of": old.version_of,
                }
            )
    return out


def record_id(pid: str, ids: set[str]) -> str | None:
    """The index record of a provision id: itself, or art_N for `art_N__para_1` when that 款 is
    the article's only one (law_records lists it as the article); None when there is none."""
    if pid in ids:
        return pid
    article, _, rest = pid.partition("__")
    return article if rest == "para_1" and article in ids else None


def aid_records(project: Project) -> list[dict]:
    """Reading aids and tools: what the parts contribute (Part.search_records), matched on title
    and description and listed below the law. Search knows no part by name."""
    return [
        {"id": r.id, "kind": "aid", "citation": r.title, "caption": r.group, "text": r.text, "url": r.url}
        for r in project.search_aids
    ]


def load_vocabulary(project: Project) -> tuple[Vocabulary, list[Problem]]:
    """The editorial synonyms (each `text` checked to occur in the law text) and filler words, then
    each further regulation's own synonyms (LAW_SYNONYMS in its folder, each `text` checked to occur
    in that regulation's text); located problems. A word a reader types is listed once in a file,
    as a synonym or as a filler; a regulation's file lists no filler."""
    problems: list[Problem] = []
    home, seen = _read_synonyms(project, project.root / SYNONYMS, project.regulation, {}, problems)
    if home is None:
        return Vocabulary(), problems
    synonyms, fillers = home
    fillers_seen = {k: f"fillers of {SYNONYMS}" for k, v in seen.items() if v == "fillers"}
    laws = []
    for law in project.laws:
        path = project.root / "content" / "laws" / law.slug / LAW_SYNONYMS
        found, _ = _read_synonyms(project, path, law, dict(fillers_seen), problems, own=False)
        if found is not None and found[0]:
            laws.append((law.slug, found[0]))
    return Vocabulary(synonyms, fillers, tuple(laws)), problems


def _read_synonyms(
    project: Project,
    path: Path,
    reg: Regulation,
    seen: dict[str, str],
    problems: list[Problem],
    own: bool = True,
) -> tuple[tuple[tuple[Synonym, ...], tuple[str, ...]] | None, dict[str, str]]:
    """(synonyms, fillers) of one vocabulary file checked against `reg`'s text (((), ()) when there
    is no file, None when it cannot be read) and the folded words listed, with where."""
    if not path.is_file():
        return ((), ()), seen
    doc = located(read_yaml(path, project.root), problems)
    if doc is None:
        return None, seen
    found = check_schema(doc, "search_synonyms")
    if found:
        problems.extend(found)
        return None, seen
    law = folded("\n".join(a.text for a in reg.articles))

    def listed(key: str, where: tuple, word: str, name: str) -> None:
        if not key:
            problems.append(doc.problem(where, "no searchable character"))
        elif key in seen:
            problems.append(doc.problem(where, f"{word} is already listed in {seen[key]}"))
        else:
            seen[key] = name

    synonyms = []
    for i, entry in enumerate(doc.data["synonyms"]):
        if folded(entry["text"]) not in law:
            problems.append(
                doc.problem(("synonyms", i, "text"), f"{entry['text']} does not occur in the law text")
            )
        for j, word in enumerate(entry["words"]):
            listed(folded(word), ("synonyms", i, "words", j), word, f"synonyms[{i}]")
        synonyms.append(Synonym(entry["text"], tuple(entry["words"])))
    fillers = doc.data.get("fillers", [])
    if fillers and not own:
        problems.append(doc.problem(("fillers",), f"fillers are listed in {SYNONYMS} only"))
        fillers = []
    for i, word in enumerate(fillers):
        listed(folded(word), ("fillers", i), word, "fillers")
    return (tuple(synonyms), tuple(fillers)), seen


def plain(text: str) -> str:
    """`text` as read for a regulation's name: half-width, without title marks and quotes (spaces
    kept: they part the words of the rest)."""
    return "".join(
        chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text if c not in _NAME_DROP
    )


def regulation_names(project: Project) -> list[dict]:
    """What names each regulation of the library in a query: the site's own (slug "") and each
    further one, {slug, name, names}, names as `plain` reads them, longest first (from the
    regulations' data: titles, short titles, aliases)."""
    regs = [("", project.regulation), *((law.slug, law) for law in project.laws)]
    return [
        {"slug": slug, "name": reg.name, "names": [plain(n) for n in law_names(reg)]} for slug, reg in regs
    ]


def index_data(project: Project) -> dict:
    """The whole index as shipped to the page (and read by `rank`)."""
    vocabulary = project.vocabulary or Vocabulary()
    return {
        "title": project.regulation.title,
        "records": law_records(project) + aid_records(project),
        "synonyms": synonym_groups(vocabulary.synonyms),
        "fillers": sorted({folded(w) for w in vocabulary.fillers}),
        "regs": regulation_names(project),
    }


def synonym_groups(synonyms: tuple[Synonym, ...]) -> list[list[str]]:
    """[wording, word, word, ...]: the law's wording, then the folded words searched as it (each
    wording once, so it ships once), in wording order."""
    groups: dict[str, list[str]] = {}
    for s in synonyms:
        groups.setdefault(folded(s.text), []).extend(folded(w) for w in s.words)
    return [[text, *sorted(set(words))] for text, words in sorted(groups.items())]


def laws_index_data(project: Project) -> dict:
    """The index of the further regulations (content/laws/): their provisions only, with the same
    vocabulary and each regulation's own (`vocabularies`, by slug); searched when the reader widens
    the scope (相关法律法规, 全部)."""
    data = index_data(project)
    laws = (project.vocabulary or Vocabulary()).laws
    vocabularies = {slug: synonym_groups(synonyms) for slug, synonyms in laws}
    return {
        **data,
        "title": "相关法律法规",
        "records": law_records(project, laws=True),
        "vocabularies": vocabularies,
        "versions": version_records(project),
    }


def versions_index_data(laws: dict) -> dict:
    """The index of the 历史版本 scope, from the laws' index: the earlier versions' articles with the
    site's own vocabulary (search.js builds the same from the laws' index the node runner hands
    it, or from the v<k> shards)."""
    keep = ("synonyms", "fillers", "regs")
    return {**{k: laws[k] for k in keep}, "title": VERSIONS_TITLE, "records": laws.get("versions", [])}


def index_script(data: dict, scope: str = "home") -> str:
    """search-index.js: hands the index to search.js (window.kbSearch), loaded on first focus;
    search-index-laws.js (scope "laws") when the reader first searches the further regulations.
    The index goes packed (pack_index): search.js unpacks it as it arrives."""
    payload = script_json(pack_index(data), sort_keys=True)
    tail = "" if scope == "home" else f',"{scope}"'
    return f"window.kbSearch&&window.kbSearch.receive({payload}{tail});\n"


# --- The index as shipped (issue 29 item 3: a library's names once) --------------------------------
#
# At the whole library the names of 1,353 regulations came three times in the fixed bytes of a
# query: the regs of the index, each as its name and its names; the meta's folded names (now
# reg_rows, from these); and the reading aids naming a regulation (one per regulation). Packed:
#   regs     [slug, name, name, ...]: the names the page derives (derived_names: the name as
#            `plain` reads it, and each without NAME_PREFIX) left out; [slug, name, [names]] when
#            deriving would not give them back;
#   records  a citation or text naming a regulation of regs holds NAME_OPEN + its place in regs
#            (+ "." + k for its k-th name) + NAME_CLOSE in its stead; one holding NAME_OPEN
#            itself is stored whole, as [text].
NAME_PREFIX = "中华人民共和国"
NAME_OPEN, NAME_CLOSE = "\x05", "\x06"
# Names shorter than this stay as written (a reference is about as long).
NAME_MIN = 4
_NAME_REF = re.compile(f"{NAME_OPEN}(\\d+)(?:\\.(\\d+))?{NAME_CLOSE}")


def derived_names(name: str, extra: list[str]) -> list[str]:
    """A regulation's names from its `name` and the `extra` ones: each as `plain` reads it, and
    without NAME_PREFIX, longest first (then by UTF-16 code units, as search.js sorts them)."""
    base = [plain(name), *extra]
    every = base + [n[len(NAME_PREFIX) :] for n in base if n.startswith(NAME_PREFIX) and n != NAME_PREFIX]
    return sorted(set(every), key=lambda n: (-len(n), n.encode("utf-16-be")))


def _pack_reg(reg: dict) -> list:
    names = reg["names"]
    derived = set(derived_names(reg["name"], []))
    extra = [n for n in names if n not in derived and NAME_PREFIX + n not in names]
    if derived_names(reg["name"], extra) == names:
        return [reg["slug"], reg["name"], *extra]
    return [reg["slug"], reg["name"], names]


def _name_refs(regs: list[dict]) -> dict[str, list[tuple[str, str]]]:
    """(name, its reference) of every name of `regs` of NAME_MIN characters or more, by first
    character, longest first; a name two regulations share refers to the first."""
    refs: dict[str, str] = {}
    for i, reg in enumerate(regs):
        refs.setdefault(reg["name"], f"{NAME_OPEN}{i}{NAME_CLOSE}")
        for k, name in enumerate(reg["names"]):
            refs.setdefault(name, f"{NAME_OPEN}{i}.{k}{NAME_CLOSE}")
    by_first: dict[str, list[tuple[str, str]]] = {}
    for name, ref in sorted(refs.items(), key=lambda p: -len(p[0])):
        if len(name) >= NAME_MIN:
            by_first.setdefault(name[0], []).append((name, ref))
    return by_first


def _refer(text: str, by_first: dict[str, list[tuple[str, str]]]) -> str | list[str]:
    """`text` with each name of by_first in it (leftmost, longest) as its reference."""
    if NAME_OPEN in text:
        return [text]
    out, i = [], 0
    while i < len(text):
        found = next((p for p in by_first.get(text[i], ()) if text.startswith(p[0], i)), None)
        out.append(found[1] if found else text[i])
        i += len(found[0]) if found else 1
    return "".join(out)


def pack_index(data: dict) -> dict:
    """The index `data` (index_data, laws_index_data) as shipped: its regs and records packed
    (see above); unpack_index gives `data` back (search.js: unpackIndex)."""
    if not data.get("regs"):
        return data
    by_first = _name_refs(data["regs"])
    records = [
        {**r, "citation": _refer(r["citation"], by_first), "text": _refer(r["text"], by_first)}
        for r in data["records"]
    ]
    return {**data, "regs": [_pack_reg(r) for r in data["regs"]], "records": records}


def unpack_index(data: dict) -> dict:
    """The index as index_data gives it, from pack_index's (search.js: unpackIndex)."""
    if not data.get("regs") or not isinstance(data["regs"][0], list):
        return data
    regs = [
        {
            "slug": row[0],
            "name": row[1],
            "names": row[2] if row[2:] and isinstance(row[2], list) else derived_names(row[1], row[2:]),
        }
        for row in data["regs"]
    ]

    def named(text: str | list[str]) -> str:
        if isinstance(text, list):
            return text[0]
        return _NAME_REF.sub(
            lambda m: regs[int(m[1])]["name"] if m[2] is None else regs[int(m[1])]["names"][int(m[2])], text
        )

    records = [{**r, "citation": named(r["citation"]), "text": named(r["text"])} for r in data["records"]]
    return {**data, "regs": regs, "records": records}


SCOPES = ("home", "laws", "all", "versions")
# The scope of the earlier versions of further regulations (Project.versions): in no other scope.
VERSIONS = "versions"
VERSIONS_TITLE = "历史版本"
# The scope the header box starts in outside a law's pages: both kinds of answer (BENCHMARKS.md,
# issue 27); on a law's pages it starts in that law (its slug).
DEFAULT_SCOPE = "all"
# The regulation's own first answer stays within this many hits when the scope is widened.
KEEP = 3


def all_index_data(home: dict, laws: dict) -> dict:
    """One index of the library: the site's own provisions, then the further regulations', then
    the reading aids (so the site's own ranks first on equal scores); one rarity for all."""
    own = [r for r in home["records"] if r["kind"] == "law"]
    aids = [r for r in home["records"] if r["kind"] == "aid"]
    return {
        **home,
        "title": home["title"],
        "records": own + laws["records"] + aids,
        "vocabularies": laws.get("vocabularies", {}),
    }


def engines_of(project: Project) -> dict[str, Engine]:
    """The engines of scoped_query: home, and with further regulations laws and all."""
    home = index_data(project)
    engines = {"home": Engine(home)}
    if project.laws:
        laws = laws_index_data(project)
        engines["laws"] = Engine(laws)
        engines["all"] = Engine(all_index_data(home, laws))
        engines[VERSIONS] = Engine(versions_index_data(laws))
    return engines


def scoped_query(engines: dict[str, Engine], raw: str, limit: int = LIMIT, scope: str = "home") -> list[dict]:
    """kbSearch.query with its scope: the site's own regulation (home), the further regulations
    (laws), one of them (its slug) or the library (all: one ranking, in which the site's own first
    answer stays in the first KEEP). A query naming a regulation (行政处罚法第55条, 处罚法 听证)
    lists that regulation's hits for the rest of the query first, whatever the scope; in the
    earlier versions' scope (VERSIONS) its earlier versions' hits, when it has any."""
    home = engines["home"]
    named = home.named(raw)
    if scope == VERSIONS and (named is None or earlier(engines, named[0])):
        return _versions(engines, raw, limit, named)
    if named is not None and (named[0] == "" or "laws" in engines):
        slug, rest = named
        engine = home if slug == "" else engines["laws"]
        first = [h for h in engine.query(rest or "第1条", limit, only=slug) if h["kind"] == "law"]
        seen = {h["id"] for h in first}
        rest_hits = _scoped(engines, raw, limit, scope)
        law = first + [h for h in rest_hits if h["kind"] == "law" and h["id"] not in seen]
        return law[:limit] + [h for h in rest_hits if h["kind"] == "aid"]
    return _scoped(engines, raw, limit, scope)


def earlier(engines: dict[str, Engine], slug: str) -> list[str]:
    """The slugs of the earlier versions of regulation `slug` in the 历史版本 index, sorted."""
    engine = engines.get(VERSIONS)
    return sorted({r["reg"] for r in engine.law if r.get("of") == slug}) if engine else []


def _versions(engines: dict[str, Engine], raw: str, limit: int, named: tuple[str, str] | None) -> list[dict]:
    """The 历史版本 scope: the earlier versions' articles; a query naming a current regulation with
    earlier versions lists their hits for the rest of the query first."""
    engine = engines.get(VERSIONS)
    if engine is None:
        return []
    first: list[dict] = []
    if named is not None:
        first = [
            h
            for slug in earlier(engines, named[0])
            for h in engine.query(named[1] or "第1条", limit, only=slug)
        ]
    seen = {h["id"] for h in first}
    return (first + [h for h in engine.query(raw, limit) if h["id"] not in seen])[:limit]


def _scoped(engines: dict[str, Engine], raw: str, limit: int, scope: str) -> list[dict]:
    if scope == VERSIONS:
        return engines[VERSIONS].query(raw, limit) if VERSIONS in engines else []
    home = engines["home"]
    if scope == "home" or "laws" not in engines:
        return home.query(raw, limit)
    if scope == "laws":
        return engines["laws"].query(raw, limit)
    if scope != "all":
        return engines["laws"].query(raw, limit, only=scope)
    hits = engines["all"].query(raw, limit)
    own = next((h for h in home.query(raw, 1) if h["kind"] == "law"), None)
    law = [h for h in hits if h["kind"] == "law"]
    if own is not None and own["id"] not in [h["id"] for h in law[:KEEP]]:
        law = [h for h in law if h["id"] != own["id"]]
        law.insert(min(KEEP - 1, len(law)), own)
    return law[:limit] + [h for h in hits if h["kind"] == "aid"]


# --- Ranking (search.js: Engine) -----------------------------------------------------------------


def _count(haystack: str, needle: str) -> int:
    """Non-overlapping occurrences."""
    return haystack.count(needle) if needle else 0


def _grams(text: str) -> tuple[list[str], list[str]]:
    """Distinct bigrams and distinct characters of folded text, in order of first appearance."""
    bigrams = list(dict.fromkeys(text[i : i + 2] for i in range(len(text) - 1)))
    chars = list(dict.fromkeys(text))
    return bigrams, chars


@dataclass(frozen=True)
class Plan:
    """What the fuzzy score counts of a query variant: distinct bigrams, then distinct pairs of
    characters one apart that are not also bigrams (skips: 私下分 meets 私分), then distinct
    characters, each list in order of first appearance."""

    bigrams: tuple[str, ...]
    skips: tuple[str, ...]
    chars: tuple[str, ...]

    @classmethod
    def of(cls, words: list[str]) -> Plan:
        bigrams: dict[str, None] = {}
        skips: dict[str, None] = {}
        chars: dict[str, None] = {}
        for w in words:
            bg, ch = _grams(w)
            bigrams.update(dict.fromkeys(bg))
            chars.update(dict.fromkeys(ch))
            skips.update(dict.fromkeys(w[i] + w[i + 2] for i in range(len(w) - 2)))
        return cls(tuple(bigrams), tuple(g for g in skips if g not in bigrams), tuple(chars))

    def weighted(self) -> tuple[tuple[float, tuple[str, ...]], ...]:
        return ((1.0, self.bigrams), (SKIP, self.skips), (UNIGRAM, self.chars))


def _longest(pair: tuple[str, str]) -> tuple[int, str]:
    return (-len(pair[0]), pair[0])


def _pairs(groups: list[list[str]]) -> list[tuple[str, str]]:
    """(word, wording) pairs of synonym groups, longest word first."""
    return sorted(((w, group[0]) for group in groups for w in group[1:]), key=_longest)


def _strip_rules(pairs: list[tuple[str, str]], fillers: list[str]) -> list[tuple[str, str]]:
    """Fillers are dropped, except inside a word that has a synonym (目的, 一把手): that word is
    kept whole, as long sources come first and a synonym before a filler as long."""
    rules = [(w, w) for w, _ in pairs] + [(w, "") for w in fillers]
    return sorted(rules, key=lambda r: (-len(r[0]), r[1] == ""))


def _within(word: str, i: int, src: str, dst: str) -> bool:
    """Whether `src`, met in `word` at i, stands there inside its own target `dst` (复议 inside
    行政复议, for the rule 复议 -> 行政复议): the word already holds the wording."""
    k = dst.find(src)
    while k != -1:
        if k <= i and word.startswith(dst, i - k):
            return True
        k = dst.find(src, k + 1)
    return False


def _rewrite(word: str, rules: list[tuple[str, str]]) -> str:
    """`word` with every rule's source replaced by its target, left to right, longest source first;
    a source standing inside its own target is kept (行政复议 stays, never 行政行政复议)."""
    # Only rules whose source starts with the character at hand can match there: grouping them by
    # that character (order kept) makes a long query cost its length, not its length times the rules.
    by_first: dict[str, list[tuple[str, str]]] = {}
    for rule in rules:
        by_first.setdefault(rule[0][0], []).append(rule)
    out = []
    i = 0
    while i < len(word):
        for src, dst in by_first.get(word[i], ()):
            if word.startswith(src, i):
                out.append(src if _within(word, i, src, dst) else dst)
                i += len(src)
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


def cited_numbers(raw: str) -> tuple[int, int, int, bool] | None:
    """(article, second, third, dotted) of a query shaped as a citation (26.3: dotted, second and
    third as typed; 第二十六条第三项: 条, 款, 项 with 0 for none), else None. The first citation
    of a query holding one among other words (根据第五十一条的规定: see cited_all)."""
    every = cited_all(raw)
    return every[0] if every else None


def cited_all(raw: str) -> list[tuple[int, int, int, bool]]:
    """Every citation of a query, in order, as cited_numbers gives them: the whole query shaped as
    one (26, 26.3, 第26, 二十六条三项); else each 第N条… it holds (第五十一条、第五十二条) after the
    N条… in digits it starts with (〔〕51条); [] when none (2006年1月1日, 有一条规定, 一条龙)."""
    text = _width(raw)
    m = _DOTTED.match(text)
    if m:
        art, second, third = (int(g) if g else 0 for g in m.groups())
        return [(art, second, third, True)]
    m = _CITATION.match(text)
    if m and (text.startswith("第") or re.fullmatch(_NUM + "条?", text) or _ARTICLE.match(text)):
        found = [m]
    else:
        lead = _LEADING.match(text)
        found = ([lead] if lead else []) + list(_CITED.finditer(text, lead.end() if lead else 0))
    out: list[tuple[int, int, int, bool]] = []
    for m in found:
        try:
            art, para, point, bracketed = (parse_chinese(g) if g else 0 for g in m.groups())
        except ValueError:
            return out
        out.append((art, para, point or bracketed, False))
    return out


# Parts the folded heading of a provision (no query gram holds it: fold drops it from queries).
HEADING_SEPARATOR = "\n"


def heading(record: dict, name: str) -> str:
    """The folded heading of a law record in its regulation `name`d: the regulation's name and its
    article's caption when it has its own (a further regulation's articles have none: law_records
    gives them its name), parted so no gram spans the two.

    The fuzzy score counts the heading's grams as occurrences in the provision (BM25F with the
    heading as a field, left out of the length): a heading says what the provision is about
    (行政处罚法 for 处罚, 许可 for 行政许可法, 考核结果的运用 for 考核), often in the words a reader
    uses rather than the text's, so a provision ranks by where it stands in the library, not by
    its wording alone. Chapter titles are left out: the staged loading of the shards bounds the
    score from the name and the captions it has (meta, postings), and has no chapter."""
    caption = record["caption"] if record["caption"] != name else ""
    return HEADING_SEPARATOR.join(folded(part) for part in (name, caption) if part)


class Engine:
    """The ranking over one index. `query` mirrors window.kbSearch.query."""

    def __init__(self, data: dict) -> None:
        self.title = data["title"]
        self.records = data["records"]
        # (name, slug) of every regulation of the library, longest name first.
        self.names = sorted(
            ((n, r["slug"]) for r in data.get("regs", []) for n in r["names"]),
            key=lambda p: (-len(p[0]), p[0]),
        )
        self.regs = [r.get("reg", "") for r in self.records]
        # (word, wording) pairs, longest word first, so 喝了酒 is replaced before 喝酒 could be.
        self.synonyms = _pairs(data["synonyms"])
        self.strip_rules = _strip_rules(self.synonyms, data["fillers"])
        # Each vocabulary by key ("" the site's own; a slug: that regulation's words over the site's
        # own, its entry first for a word both list) as (synonym pairs, strip rules); a record is
        # searched with its regulation's vocabulary, or the site's own when it has none.
        self.vocabs = {"": (self.synonyms, self.strip_rules)}
        for slug, groups in sorted(data.get("vocabularies", {}).items()):
            own = _pairs(groups)
            words = {w for w, _ in own}
            pairs = sorted(own + [p for p in self.synonyms if p[0] not in words], key=_longest)
            self.vocabs[slug] = (pairs, _strip_rules(pairs, data["fillers"]))
        self.vkeys = [reg if reg in self.vocabs else "" for reg in self.regs]
        self.law = [r for r in self.records if r["kind"] == "law"]
        self.aids = [r for r in self.records if r["kind"] == "aid"]
        self.ids = {r["id"] for r in self.law}
        self.folded = [folded(r["text"]) for r in self.records]
        self.captions = [folded(r["caption"]) for r in self.records]
        self.titles = [folded(r["citation"]) for r in self.records]
        reg_names = {r["slug"]: r["name"] for r in data.get("regs", [])}
        self.headings = [
            heading(r, reg_names.get(self.regs[i], "")) if r["kind"] == "law" else ""
            for i, r in enumerate(self.records)
        ]
        # Rarity of bigrams and characters over articles (the unit a reader thinks in).
        articles = [
            self.folded[i] for i, r in enumerate(self.records) if r["kind"] == "law" and "__" not in r["id"]
        ]
        self.n = len(articles)
        df: dict[str, int] = {}
        for text in articles:
            bigrams, chars = _grams(text)
            for g in bigrams + chars:
                df[g] = df.get(g, 0) + 1
        self.df = df
        # The same per regulation (slug, "" the site's own): its articles and their document
        # frequencies, for the prior of a regulation (see prior).
        self.reg_n: dict[str, int] = {}
        self.reg_df: dict[str, dict[str, int]] = {}
        for i, r in enumerate(self.records):
            if r["kind"] == "law" and "__" not in r["id"]:
                reg = self.regs[i]
                self.reg_n[reg] = self.reg_n.get(reg, 0) + 1
                counts = self.reg_df.setdefault(reg, {})
                bigrams, chars = _grams(self.folded[i])
                for g in bigrams + chars:
                    counts[g] = counts.get(g, 0) + 1
        law_lengths = [len(self.folded[i]) for i, r in enumerate(self.records) if r["kind"] == "law"]
        self.avg = sum(law_lengths) / len(law_lengths) if law_lengths else 1.0

    def idf(self, gram: str) -> float:
        d = self.df.get(gram, 0)
        return math.log(1 + (self.n - d + 0.5) / (d + 0.5))

    def named(self, raw: str) -> tuple[str, str] | None:
        """(slug, the rest of the query) when the query names a regulation of the library (its
        longest name found, the first one on equal length), else None."""
        text = plain(raw)
        found = min(
            ((text.find(n), -len(n), n, slug) for n, slug in self.names if n in text),
            default=None,
            key=lambda f: (f[1], f[0]),
        )
        if found is None:
            return None
        at, _, name, slug = found
        return slug, text[:at] + text[at + len(name) :]

    def citation(self, raw: str, reg: str = "") -> str | None:
        """The provision id a citation names (in the further regulation `reg`, ids reg:art_N), or
        None when `raw` is not a citation of one."""
        cited = self.citations(raw, reg)
        return cited[0] if cited else None

    def citations(self, raw: str, reg: str = "") -> list[str]:
        """The provision ids of every citation of `raw` (see cited_all), in order, until one names
        no provision; none when `raw` names another regulation than `reg` (scoped_query asks that
        one's engine: 处罚法第十一条 cites no article 11 of the site's own)."""
        named = self.named(raw)
        if named is not None and named[0] != reg:
            return []
        out: list[str] = []
        for numbers in cited_all(raw):
            pid = self._cited(numbers, reg)
            if pid is None:
                break
            out.append(pid)
        return out

    def _cited(self, numbers: tuple[int, int, int, bool], reg: str) -> str | None:
        art, second, third, dotted = numbers
        prefix = f"{reg}{links.KEY_SEPARATOR}" if reg else ""
        if dotted and second and not third and f"{prefix}art_{art}__para_2" not in self.ids:
            return self._resolve(prefix, art, 1, second)
        return self._resolve(prefix, art, second, third)

    def _resolve(self, prefix: str, art: int, para: int, point: int) -> str | None:
        base = f"{prefix}art_{art}"
        if base not in self.ids:
            return None
        if point:
            pid = f"{base}__para_{para or 1}__point_{point}"
            return pid if pid in self.ids else None
        if para:
            return record_id(f"{base}__para_{para}", self.ids)
        return base

    def _words(self, raw: str) -> list[str]:
        return [w for w in (folded(p) for p in raw.split()) if w]

    def _stripped(self, words: list[str], key: str = "") -> list[str]:
        """Words without their fillers (a word that is all fillers is kept whole)."""
        rules = self.vocabs[key][1]
        return [_rewrite(w, rules) or w for w in words]

    def _swapped(self, words: list[str], key: str = "") -> list[str]:
        """Words without their fillers, then with synonyms replaced (so 翻我的包 meets 翻包)."""
        pairs = self.vocabs[key][0]
        return [_rewrite(w, pairs) for w in self._stripped(words, key)]

    def keyed(self, raw: str) -> list[tuple[list[str], frozenset[str] | None]]:
        """The query's words, folded, for every record (None); then the same with synonyms replaced
        and fillers left out by each vocabulary (the site's own, then by slug), when that changes
        them, with the keys of the vocabularies giving that variant."""
        words = self._words(raw)
        if not words:
            return []
        out: list[tuple[list[str], frozenset[str] | None]] = [(words, None)]
        for key in self.vocabs:
            swapped = self._swapped(words, key)
            if swapped == words:
                continue
            same = next((k for k, (v, _) in enumerate(out) if k and v == swapped), None)
            if same is None:
                out.append((swapped, frozenset([key])))
            else:
                out[same] = (swapped, (out[same][1] or frozenset()) | {key})
        return out

    def variants(self, raw: str) -> list[list[str]]:
        """The query's words, folded; then the same with synonyms replaced and fillers left out,
        when that changes them (one variant per distinct rewrite, see keyed)."""
        return [v for v, _ in self.keyed(raw)]

    def plans(self, raw: str) -> list[tuple[list[str], Plan, frozenset[str] | None]]:
        """Each variant with the plan of its fuzzy score and the vocabularies it is for: the typed
        words count without their fillers; the rewritten words count as they are."""
        keyed = self.keyed(raw)
        return [(v, Plan.of(self._stripped(v) if k == 0 else v), keys) for k, (v, keys) in enumerate(keyed)]

    def rarity(self, gram: str) -> float:
        """The gram's IDF squared: a query shares few grams with a provision, so the rare ones
        (开除, 搜查, 酒) must outweigh common ones (单位, 执法) met in a shorter provision."""
        idf = self.idf(gram)
        return idf * idf

    def prior(self, plan: Plan) -> dict[str, float]:
        """Each regulation's prior for a plan (the typed query's): how much more typical its
        bigrams are of that regulation's articles than of the index's, sum over the bigrams of
        rarity x (share of the regulation's articles holding it - share of all articles holding
        it), at least 0. It is what one occurrence of a bigram adds to a provision's fuzzy score
        (BM25 with tf 1 at the average length adds its rarity), weighted by how likely an article of
        the regulation is to hold it: the regulation counts as a field of its provisions, as in
        cluster-based smoothing of a document by its cluster (Liu and Croft, 2004). 申请人,
        复议机关 and 被申请人 are held by most of 行政复议法's articles and few of the others', so a
        question in those words leans to 行政复议法 before any provision is scored. Computed from
        the index (document frequencies per regulation), so it holds for any query and any
        regulation; with one regulation (本规定, or one law) every prior is 0. Only the typed
        words count: a vocabulary's rewrite says what a word may mean, not which regulation
        the reader has in mind."""
        out: dict[str, float] = {}
        for reg, n in self.reg_n.items():
            own = self.reg_df[reg]
            total = 0.0
            for g in plan.bigrams:
                d = self.df.get(g, 0)
                if d:
                    total += self.rarity(g) * (own.get(g, 0) / n - d / self.n)
            out[reg] = max(0.0, total)
        return out

    def fuzzy(self, plan: Plan, text: str, head: str = "") -> float:
        """BM25 over the plan's weighted grams in `text` and its `head`ing (see heading), with
        rarity for IDF (grams of no article count nothing) and the length of `text` alone."""
        norm = K1 * (1 - B + B * len(text) / self.avg)
        total = 0.0
        for weight, grams in plan.weighted():
            for g in grams:
                tf = text.count(g) + head.count(g)
                if tf and self.df.get(g, 0):
                    total += weight * self.rarity(g) * (tf * (K1 + 1)) / (tf + norm)
        return total

    def law_score(
        self, i: int, words: list[str], plan: Plan, single: bool = False, prior: float = 0.0
    ) -> int:
        """The record's score for one query variant; 0 leaves it out. A record that shares
        neither a word nor a pair of characters with the query is listed only with `single`.
        `prior` (its regulation's, see prior) adds to a fuzzy score that is not 0."""
        text = self.folded[i]
        caption = self.captions[i]
        head = self.headings[i]
        hits = [w for w in words if w in text]
        raw = self.fuzzy(plan, text, head)
        fuzzy = min(int(math.floor((raw + prior if raw else 0.0) * 1000 + 0.5)), 9_999_999)
        if len(hits) == len(words):
            occ = sum(_count(text, w) for w in words)
            share = math.floor(1000 * sum(len(w) * _count(text, w) for w in words) / len(text))
            cap = 1 if all(w in caption for w in words) else 0
            return pack(3, cap, occ, share, fuzzy)
        if all(w in caption for w in words) and "__" not in self.records[i]["id"]:
            return pack(2, 0, 0, 0, fuzzy)
        if hits:
            return pack(1, 0, len(hits), sum(len(w) for w in hits), fuzzy)
        # Listed on a pair of characters (a bigram or a skip) of its text; on single characters of
        # its text only in the second pass (see query). Its heading adds to the score, it lists no
        # record: every provision of the regulation holds its name's pairs (执法, 责任).
        held = plan.bigrams + plan.skips + (plan.chars if single else ())
        if fuzzy and any(g in text and self.df.get(g, 0) for g in held):
            return pack(0, 0, 0, 0, fuzzy)
        return 0

    def aid_score(self, i: int, words: list[str], plan: Plan) -> int:
        title = self.titles[i]
        text = self.folded[i]
        fuzzy = min(int(math.floor(self.fuzzy(plan, title + text) * 1000 + 0.5)), 9_999_999)
        if all(w in title for w in words):
            return pack(3, 1, 0, 0, fuzzy)
        if all(w in title or w in text for w in words):
            return pack(2, 0, 0, 0, fuzzy)
        matched = sum(1 for w in words for j in range(len(w) - 1) if w[j : j + 2] in title + text)
        return pack(0, 0, 0, 0, fuzzy) if matched >= 2 else 0

    def query(self, raw: str, limit: int = LIMIT, only: str | None = None) -> list[dict]:
        """Law hits (at most `limit`), then reading aids (at most AID_LIMIT), best first; with
        `only`, the hits of that regulation alone (its slug; "" for the site's own) and no aids."""
        plans = self.plans(raw)
        variants = [v for v, _, _ in plans]
        cited = self.citations(raw, only or "")
        law = self._law(plans, cited, False, only)
        if not law and cited_numbers(raw) is None:
            # Nothing shares a word or a pair of characters with the query (扣钱): list the
            # records holding its characters, rarest first, rather than nothing (a citation of
            # no provision, 99, still lists nothing).
            law = self._law(plans, cited, True, only)
        aids: list[tuple[int, int]] = []
        for i, rec in enumerate(self.records):
            if rec["kind"] == "aid" and plans and only is None:
                best = max(self.aid_score(i, v, p) for v, p, keys in plans if keys is None or "" in keys)
                if best:
                    aids.append((-best, i))
        law.sort()
        aids.sort()
        kept: list[tuple[int, int]] = []
        for neg, i in law:
            rid = self.records[i]["id"]
            if any(self.records[j]["id"].startswith(rid + "__") for _, j in kept):
                continue
            kept.append((neg, i))
            if len(kept) == limit:
                break
        out = [self._hit(i, -neg, variants) for neg, i in kept]
        out += [self._hit(i, -neg, variants) for neg, i in aids[: min(AID_LIMIT, limit)]]
        return out

    def _law(
        self,
        plans: list[tuple[list[str], Plan, frozenset[str] | None]],
        cited: list[str],
        single: bool,
        only: str | None,
    ) -> list[tuple[int, int]]:
        """(-score, record) of every law record listed (of regulation `only` when given), unsorted;
        each record scored with the variants of its vocabulary; the provisions `cited` above all,
        in their order."""
        law: list[tuple[int, int]] = []
        # Limited to one regulation, the priors rank nothing against each other: left out.
        priors = self.prior(plans[0][1]) if plans and only is None else {}
        above = {pid: len(cited) - k - 1 for k, pid in reversed(list(enumerate(cited)))}
        for i, rec in enumerate(self.records):
            if rec["kind"] == "law" and (only is None or self.regs[i] == only):
                key = self.vkeys[i]
                mine = [(v, p) for v, p, keys in plans if keys is None or key in keys]
                prior = priors.get(self.regs[i], 0.0)
                best = max((self.law_score(i, v, p, single, prior) for v, p in mine), default=0)
                if rec["id"] in above:
                    best = pack(4, 0, 0, 0, 0) + above[rec["id"]]
                if best:
                    law.append((-best, i))
        return law

    def _hit(self, i: int, score: int, variants: list[list[str]]) -> dict:
        rec = self.records[i]
        return {
            "id": rec["id"],
            "citation": rec["citation"],
            "url": rec["url"],
            "snippet": snippet(rec["text"], variants),
            "score": score,
            "kind": rec["kind"],
        }


# score = ((((tier * 2 + caption) * 100 + occurrences) * 1001 + share) * TIER + fuzzy: one integer
# below 2**53, so JavaScript compares it exactly.
TIER = 10_000_000


def pack(tier: int, cap: int, occ: int, share: int, fuzzy: int) -> int:
    return (((tier * 2 + cap) * 100 + min(occ, 99)) * 1001 + share) * TIER + fuzzy


SNIPPET = 80
LEAD = 20


def marks(text: str, variants: list[list[str]]) -> list[tuple[int, int]]:
    """Spans of `text` (code points, end exclusive) to highlight: every occurrence of a query word
    (or its synonym variant); when there is none, every occurrence of a query bigram."""
    folded, where = fold(text)
    terms = list(dict.fromkeys(w for v in variants for w in v))
    spans = _spans(folded, terms)
    if not spans:
        spans = _spans(folded, list(dict.fromkeys(w[j : j + 2] for w in terms for j in range(len(w) - 1))))
    covered = {k for s, e in spans for k in range(s, e)}
    out: list[tuple[int, int]] = []
    for k in sorted(covered):
        if out and k - 1 in covered:
            out[-1] = (out[-1][0], where[k] + 1)  # across dropped punctuation inside one match
        else:
            out.append((where[k], where[k] + 1))
    return out


def _spans(folded: str, terms: list[str]) -> list[tuple[int, int]]:
    spans = []
    for t in terms:
        if not t:
            continue
        start = folded.find(t)
        while start >= 0:
            spans.append((start, start + len(t)))
            start = folded.find(t, start + len(t))
    return spans


def snippet(text: str, variants: list[list[str]]) -> str:
    """At most SNIPPET characters of `text` around the first match (… where cut)."""
    chars = list(text.replace("\n", " "))
    if len(chars) <= SNIPPET:
        return "".join(chars)
    found = marks(text, variants)
    start = max(0, min(found[0][0] - LEAD, len(chars) - SNIPPET)) if found else 0
    end = start + SNIPPET
    return ("…" if start else "") + "".join(chars[start:end]) + ("…" if end < len(chars) else "")


# --- The index files ------------------------------------------------------------------------------


def exports(project: Project, store: Store | None = None) -> dict[str, str]:
    """The index scripts: the site's own regulation and the reading aids (one file, loaded on first
    focus), and the further regulations' index as shards loaded on demand (SHARDS_DIR); `store`
    keeps the folded text of each regulation's records between builds (folded_texts)."""
    shards = shard_data(project, store)
    # Each shard lets go of its data once it is a script: a library's shards are held once, as data
    # or as text, not twice. The whole shard holds the record shards' dicts: it is written first.
    scripts = {name: "" for name in shards}
    for name in sorted(shards, key=lambda n: n != WHOLE_SHARD):
        scripts[name] = shard_script(name, shards.pop(name))
    out = {INDEX_JS: index_script(index_data(project))}
    out.update((f"{SHARDS_DIR}/{name}.js", text) for name, text in scripts.items())
    return out


# --- The sharded index of the further regulations (issue 29 item 3) --------------------------------
#
# The further regulations' index ships as small script files under SHARDS_DIR, each handing its part
# to the page with window.kbSearch.shard(name, data), loaded on demand by search-shards.js (script
# tags, so it works from disk). What a query needs is found from its grams:
#   meta.js     the laws scope's statistics (articles, summed lengths, records), the hash modulus,
#               the first article of each record shard (delta coded: a shard mostly holds one
#               article), each regulation's slug and article count (its shards, first article
#               and name the page derives: reg_rows),
#               the regulations' own vocabularies (a query's variants need them before any record),
#               and each earlier version's slug with its current regulation's;
#   p<k>.js     postings {key: article ordinals, delta coded, as text (code_numbers)} of every
#               bigram and character of an
#               article or its 款/项, of every character of an article's own caption ("\x01" + char)
#               and of every article by number ("\x02" + slug:N), sharded by hash(key) % P; beside
#               a bigram's, in its shard, "\x03" + bigram: the bound of its tf ratio in each article
#               listed (tf_ratios), so the staged loader bounds a fuzzy score without the text; and
#               beside a bigram's, "\x04" + bigram: its document frequency over the articles' text
#               (the fuzzy score needs the df of every query gram): one script per gram a query needs
#               (before, frequencies had shards of their own, d<k>: two scripts per gram); a
#               character's "\x04" + char lies where the hash of that key names (df_place): its
#               postings, often most articles, load only for a query of single characters;
#   r<k>.js     the records of whole articles (an article and its 款/项 in one shard), compact: each
#               regulation's citation and URL prefix, captions and chapters once per shard; a 款/项
#               names its text as a span of its article's text when it is one;
#   v<k>.js     the records of the k-th earlier version (meta's versions), compact as r<k>: the
#               历史版本 scope alone loads them, all at once (its engine has its own statistics).
#   w.js        with meta.whole only: every record shard in one script ({"parts": [r0, r1, ...]}),
#               what the page loads on the first query of a small library (one script, not one per
#               record shard; the r<k> stay for the staged path).
# The page builds the laws engine from the record shards it has: a superset of the records that can
# score gives the same ranking as the whole index, as the statistics come from meta and p shards.
SHARDS_DIR = "assets/javascripts/search"
SHARDS_META = f"{SHARDS_DIR}/meta.js"
# Target sizes of a record shard and of a postings shard (with its frequencies), in characters of
# JSON (the modulus follows from the total): a query loads a few of each, whatever the library's
# size. Small, as a query needs one gram of a gram shard and an article or two of a record shard:
# measured with `bench --search` (corpus, BENCHMARKS.md 2026-12-07 s5), 8,000/3,000 -> 2,000/1,000
# -> 1,000/500 took the median first query from 265 to 140 to 109 KB gzip (a record shard now
# mostly holds one article; it closes once past SHARD_CHARS).
SHARD_CHARS = 1_000
GRAM_CHARS = 500
# Below this many characters of records in all, the page loads every record on the first query
# (the whole shard WHOLE_SHARD) and ranks over the whole index (measured: on the shipped eight laws,
# 286,000 characters, fewer bytes than the staged loading of a question-like query needs).
WHOLE_CHARS = 400_000
WHOLE_SHARD = "w"
CAPTION_KEY = "\x01"
ARTICLE_KEY = "\x02"
DF_KEY = "\x04"


def gram_hash(key: str) -> int:
    """A hash of `key` that search-shards.js computes alike (over UTF-16 code units)."""
    h = 0
    for unit in _units(key):
        h = (h * 31 + unit) % 4_294_967_296
    return h


def _units(text: str) -> list[int]:
    data = text.encode("utf-16-le")
    return [data[i] | data[i + 1] << 8 for i in range(0, len(data), 2)]


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _common_prefix(values: list[str]) -> str:
    if not values:
        return ""
    low, high = min(values), max(values)
    n = 0
    while n < len(low) and low[n] == high[n]:
        n += 1
    return low[:n]


def _relative(value: str, prefix: str) -> str | list[str]:
    """`value` without `prefix` when it starts with it, else [value] (stored whole)."""
    return value[len(prefix) :] if value.startswith(prefix) else [value]


def _articles(records: list[dict]) -> list[list[dict]]:
    """Records grouped by article: each article record with the 款/项 records that follow it."""
    groups: list[list[dict]] = []
    for rec in records:
        if "__" not in rec["id"].partition(links.KEY_SEPARATOR)[2] or not groups:
            groups.append([rec])
        else:
            groups[-1].append(rec)
    return groups


def _compact(group: list[dict], tables: dict[str, list]) -> list[list]:
    """The records of one article, compact (see shard_records)."""
    art = group[0]
    slug = art["reg"]
    table = tables[slug]
    cite_prefix, url_prefix, captions, chapters = table[1], table[2], table[3], table[4]
    out = []
    for rec in group:
        for name, values in (("caption", captions), ("chapter", chapters)):
            if rec[name] not in values:
                values.append(rec[name])
        if rec is art:
            rid: str = rec["id"][len(slug) + 1 :]
            cite = _relative(rec["citation"], cite_prefix)
            text: str | list[int] = rec["text"]
            url: str | list[str] | int = _relative(rec["url"], url_prefix)
        else:
            rid = rec["id"][len(art["id"]) :]
            cite = _relative(rec["citation"], art["citation"])
            at = art["text"].find(rec["text"])
            text = (
                [_utf16(art["text"][:at]), _utf16(art["text"][:at]) + _utf16(rec["text"])]
                if rec["text"] and at >= 0
                else rec["text"]
            )
            local = rec["id"].partition(links.KEY_SEPARATOR)[2]
            url = 0 if rec["url"] == art["url"].partition("#")[0] + "#" + local else rec["url"]
        out.append(
            [
                list(tables).index(slug),
                rid,
                cite,
                captions.index(rec["caption"]),
                chapters.index(rec["chapter"]),
                text,
                url,
            ]
        )
    return out


def expand_records(shard: dict) -> list[dict]:
    """The records of a record shard as law_records(laws=True) gives them (search-shards.js: expand)."""
    out: list[dict] = []
    art: dict = {}
    for reg_at, rid, cite, cap, chap, text, url in shard["recs"]:
        slug, cite_prefix, url_prefix, captions, chapters = shard["regs"][reg_at]
        sub = rid.startswith("__")
        if sub:
            full = art["text"].encode("utf-16-le")
            body = full[text[0] * 2 : text[1] * 2].decode("utf-16-le") if isinstance(text, list) else text
            rec = {
                "id": art["id"] + rid,
                "citation": cite[0] if isinstance(cite, list) else art["citation"] + cite,
                "text": body,
                "url": art["url"].partition("#")[0] + "#" + (art["id"] + rid).partition(":")[2]
                if url == 0
                else url,
            }
        else:
            rec = {
                "id": f"{slug}{links.KEY_SEPARATOR}{rid}",
                "citation": cite[0] if isinstance(cite, list) else cite_prefix + cite,
                "text": text,
                "url": url[0] if isinstance(url, list) else url_prefix + url,
            }
        rec.update(kind="law", caption=captions[cap], chapter=chapters[chap], reg=slug)
        if not sub:
            art = rec
        out.append(
            {k: rec[k] for k in ("id", "kind", "citation", "caption", "chapter", "text", "url", "reg")}
        )
    return out


def _delta(values: list[int]) -> list[int]:
    return [v - (values[k - 1] if k else 0) for k, v in enumerate(values)]


def shard_inputs(project: Project) -> dict:
    """What the shards of `project` are made from (shards_of's arguments but the store): the
    further regulations' records and names, their own vocabularies, the earlier versions' records
    and the folded lengths of the site's own law records with their count."""
    laws = (project.vocabulary or Vocabulary()).laws
    own = [len(folded(r["text"])) for r in law_records(project)]
    return {
        "records": law_records(project, laws=True),
        "names": {law.slug: law.name for law in project.laws},
        "vocabularies": {slug: synonym_groups(synonyms) for slug, synonyms in laws},
        "versions": version_records(project),
        "home_lengths": (sum(own), len(own)),
    }


def shard_data(project: Project, store: Store | None = None) -> dict[str, dict]:
    """The shards of the further regulations' index by name (meta, p<k>, r<k>, v<k>, w); {}
    without further regulations. meta also carries each regulation's own vocabulary. `store`
    keeps each regulation's postings between builds (_postings)."""
    return shards_of(**shard_inputs(project), store=store)


def shards_of(
    records: list[dict],
    names: dict[str, str],
    size: int = SHARD_CHARS,
    gram_size: int = GRAM_CHARS,
    vocabularies: dict[str, list[list[str]]] | None = None,
    versions: list[dict] | None = None,
    store: Store | None = None,
    home_lengths: tuple[int, int] = (0, 0),
) -> dict[str, dict]:
    """The shards of `records` (law_records(laws=True): articles each followed by its 款/项) of
    the regulations named in `names` (slug: name, an article's caption when it has none): record
    shards of about `size` characters of JSON, postings shards (with the frequencies) of about
    `gram_size`; the regulations' own `vocabularies` (laws_index_data's) in meta; the earlier
    versions' records (version_records) one shard v<k> per version; with meta.whole, every record
    shard in one (WHOLE_SHARD); {} without records. `home_lengths` (the summed
    folded lengths of the site's own law records, their count) gives the library engine's average
    length, which the bigrams' tf ratio bounds in the p shards (RATIO_KEY) allow for. `store` keeps
    each regulation's postings and ratio bounds between builds (_postings)."""
    if not records:
        return {}
    groups = _articles(records)
    df, post, ratios, lengths = _postings(groups, names, store, home_lengths)
    parts, _ = gram_shards(df, post, ratios, gram_size)
    out = layout_shards(records, groups, names, size, lengths, len(parts), vocabularies, versions)
    out.update((f"p{k}", part) for k, part in enumerate(parts))
    return out


def gram_shards(
    df: dict[str, int], post: dict[str, list[int]], ratios: dict[str, list[int]], gram_size: int = GRAM_CHARS
) -> tuple[list[dict], int]:
    """The postings shards p<k> (shards_of) of the merged postings (_postings), and the length of
    the JSON their count was taken from (shard_cache keeps it to tell when the count changes).
    `post` is delta coded in place."""
    for key, ordinals in post.items():
        post[key] = _delta(ordinals)  # in place: the plain lists go as their coded ones come
    # len(script_json([post, ratios, df])) without making that string: the brackets and two commas.
    total = _json_length(post) + _json_length(ratios) + _json_length(df) + 4
    count = shard_count(total, gram_size)
    parts: list[dict] = [{} for _ in range(count)]
    for key, value in post.items():
        part = parts[gram_hash(key) % count]
        part[key] = value
        if key in ratios:
            part[RATIO_KEY + key] = ratios[key]
    for key, n in df.items():
        parts[gram_hash(df_place(key)) % count][DF_KEY + key] = n
    return parts, total


def df_place(gram: str) -> str:
    """The key whose hash names the postings shard holding `gram`'s frequency: the gram's own
    (beside its postings), but for a character DF_KEY + it. A query needs every gram's frequency
    and a character's postings only when it is typed alone (measured at the whole library: the
    characters' postings were 63% of the postings' gzip bytes a first query loaded)."""
    return DF_KEY + gram if len(gram) == 1 else gram


def shard_count(total: int, gram_size: int) -> int:
    """How many postings shards hold `total` characters of JSON: at least one per `gram_size`,
    rounded up to six significant bits (steps of at most 1/32, 3%), so that an edit's few hundred
    characters seldom change the count (every key's shard follows it: shard_cache then assembles
    every shard anew). Below 64 shards, exactly one per `gram_size`."""
    n = max(1, math.ceil(total / gram_size))
    step = 1 << max(0, n.bit_length() - 6)
    return -(-n // step) * step


def layout_shards(
    records: list[dict],
    groups: list[list[dict]],
    names: dict[str, str],
    size: int,
    lengths: int,
    count: int,
    vocabularies: dict[str, list[list[str]]] | None = None,
    versions: list[dict] | None = None,
) -> dict[str, dict]:
    """The shards of shards_of but the postings shards: the record shards r<k>, meta (with the
    summed folded `lengths` and the `count` of postings shards), w and the versions' v<k>."""
    out, starts, _ = _record_shards(groups, size)
    chars = sum(len(script_json(part)) for part in out.values())
    out["meta"] = {
        "n": len(groups),
        "lengths": lengths,
        "laws": len(records),
        "p": count,
        "starts": _delta(starts),
        "whole": chars <= WHOLE_CHARS,
        # Each regulation's slug and articles, in article order (its runs follow one another):
        # the page finds its first article, its record shards and its name from these, the starts
        # and the site's index (reg_rows; the prior of a regulation, Engine.prior, counts articles).
        "regs": [[slug, end - start] for start, end, slug in _reg_runs(groups)],
        "vocabularies": vocabularies or {},
        "versions": [],
    }
    if out["meta"]["whole"]:
        out[WHOLE_SHARD] = {"parts": [out[f"r{k}"] for k in range(len(starts))]}
    for k, (slug, of, shard) in enumerate(_version_shards(versions or [])):
        out["meta"]["versions"].append([slug, of])
        out[f"v{k}"] = shard
    return out


def reg_rows(meta: dict, names: dict[str, str]) -> list[list]:
    """[slug, first record shard, last record shard, folded name, first article, articles] of each
    regulation of meta.regs, with its name from `names` (slug: name, the site's index's regs):
    what search-shards.js regRows gives the loader."""
    rows, first = [], 0
    starts = list(itertools.accumulate(meta["starts"]))  # delta coded in the meta

    def shard_of(ordinal: int) -> int:
        return bisect.bisect_right(starts, ordinal) - 1

    for slug, count in meta["regs"]:
        rows.append(
            [slug, shard_of(first), shard_of(first + count - 1), folded(names.get(slug, "")), first, count]
        )
        first += count
    return rows


def _json_length(values: dict, chunk: int = 10_000) -> int:
    """len(script_json(values)), measured `chunk` items at a time: a library's postings as one
    string would be hundreds of megabytes held beside everything else."""
    items = list(values.items())
    if not items:
        return 2
    parts = [len(script_json(dict(items[k : k + chunk]))) - 2 for k in range(0, len(items), chunk)]
    return 2 + sum(parts) + len(parts) - 1


def _version_shards(records: list[dict]) -> list[tuple[str, str, dict]]:
    """(slug, slug of the current regulation, shard) of each earlier version, in the order of
    `records` (version_records): its articles compact as in a record shard (expand_records reads
    them; `of` is the meta's)."""
    by_slug: dict[str, list[dict]] = {}
    for rec in records:
        by_slug.setdefault(rec["reg"], []).append(rec)
    out = []
    for slug, recs in by_slug.items():
        prefixes = [_common_prefix([r["citation"] for r in recs]), _common_prefix([r["url"] for r in recs])]
        tables: dict[str, list] = {slug: [slug, *prefixes, [], []]}
        compact = [row for rec in recs for row in _compact([rec], tables)]
        out.append((slug, recs[0]["of"], {"regs": list(tables.values()), "recs": compact}))
    return out


def expand_versions(shards: dict[str, dict]) -> list[dict]:
    """The earlier versions' records of the shards as version_records gives them (search.js builds
    the same from the v<k> shards)."""
    out: list[dict] = []
    for k, (_, of) in enumerate(shards["meta"]["versions"]):
        out += [{**rec, "of": of} for rec in expand_records(shards[f"v{k}"])]
    return out


POSTINGS = "postings"  # the kind of one regulation's postings in a Store
RATIOS = "ratios"  # the kind of one regulation's tf ratio bounds in a Store


def _postings(
    groups: list[list[dict]],
    names: dict[str, str],
    store: Store | None = None,
    home_lengths: tuple[int, int] = (0, 0),
) -> tuple[dict[str, int], dict[str, list[int]], dict[str, list[int]], int]:
    """Document frequencies over the articles' text, the article ordinals listed under each key
    (_reg_postings), for each bigram aligned with its postings the bound of its tf ratio in the
    article (tf_ratios), and the summed length of the records' folded text: each regulation's from
    `store` when it holds them for the same records and name, else computed (and stored).

    The bounds are taken at the engines' average lengths rounded up (ceil_avg): a larger average
    only raises a ratio, so they stay bounds, and an edit that moves the averages a little keeps
    every other regulation's stored bounds."""
    spans = list(_reg_runs(groups))
    df: dict[str, int] = {}
    post: dict[str, list[int]] = {}
    lengths = 0
    # Each regulation's postings are merged as they come and let go: held all at once until the
    # averages are known, they were a second copy of the library's postings (issue 29).
    for start, end, slug in spans:
        piece = _cached(
            store,
            POSTINGS,
            names[slug],
            groups[start:end],
            (),
            lambda g: _reg_postings(g, names),
            _is_postings,
        )
        lengths += piece["lengths"]
        for gram, n in piece["df"].items():
            df[gram] = df.get(gram, 0) + n
        for gram, ordinals in piece["post"].items():
            post.setdefault(gram, []).extend(start + o for o in ordinals)
        del piece
    count = sum(len(g) for g in groups)
    avgs = (ceil_avg(lengths / count), ceil_avg((lengths + home_lengths[0]) / (count + home_lengths[1])))
    ratios: dict[str, list[int]] = {}
    for start, end, slug in spans:
        bounds = _cached(
            store, RATIOS, names[slug], groups[start:end], avgs, lambda g: _reg_ratios(g, avgs), _is_ratios
        )
        for gram, values in bounds["ratios"].items():
            ratios.setdefault(gram, []).extend(values)
    return df, post, ratios, lengths


def _reg_runs(groups: list[list[dict]]) -> Iterator[tuple[int, int, str]]:
    """(start, end, slug) of each regulation's run of articles in `groups`."""
    start = 0
    while start < len(groups):
        slug = groups[start][0]["reg"]
        end = start
        while end < len(groups) and groups[end][0]["reg"] == slug:
            end += 1
        yield start, end, slug
        start = end


def _cached(
    store: Store | None,
    kind: str,
    name: str,
    groups: list[list[dict]],
    salt: tuple,
    compute: Callable[[list[list[dict]]], dict],
    check: Callable[[object], bool],
) -> dict:
    """compute(groups), or what `store` holds of it for the same records, name and `salt` when
    `check` accepts it (a damaged entry is computed anew)."""
    if store is None:
        return compute(groups)
    key = piece_key(store, kind, name, groups, salt)
    piece = store.get(kind, key, check)
    if piece is None:
        piece = compute(groups)
        store.put(kind, key, groups[0][0]["reg"], piece)
    return piece


def piece_key(store: Store, kind: str, name: str, groups: list[list[dict]], salt: tuple) -> str:
    """The key _cached keeps one regulation's piece of `kind` under (its records, name and salt)."""
    shape = [[r["id"], r["caption"], r["text"]] for g in groups for r in g]
    return store.key(kind, name, json.dumps([shape, list(salt)], ensure_ascii=False))


def _is_postings(value: object) -> bool:
    """Whether a stored value has the shape _reg_postings gives."""
    if not isinstance(value, dict) or not _is_int(value.get("lengths")):
        return False
    df, post = value.get("df"), value.get("post")
    return (
        isinstance(df, dict)
        and all(_is_int(n) for n in df.values())
        and isinstance(post, dict)
        and all(isinstance(o, list) and all(_is_int(n) for n in o) for o in post.values())
    )


def _is_ratios(value: object) -> bool:
    """Whether a stored value has the shape _reg_ratios gives: steps 1..RATIO_STEPS by bigram."""
    ratios = value.get("ratios") if isinstance(value, dict) else None
    return isinstance(ratios, dict) and all(
        isinstance(steps, list) and all(_is_int(n) and 1 <= n <= RATIO_STEPS for n in steps)
        for steps in ratios.values()
    )


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _reg_postings(groups: list[list[dict]], names: dict[str, str]) -> dict:
    """Of the articles of one regulation, numbered from 0: "df" (each bigram and character of an
    article's text: in how many articles), "post" (the ordinals listed under each key: the bigrams
    and characters of an article or its 款/项, the characters of its own caption (CAPTION_KEY), its
    number (ARTICLE_KEY slug:N)) and "lengths" (the summed length of the folded texts). The keys'
    order is not kept: every shard is written with sorted keys."""
    df: dict[str, int] = {}
    post: dict[str, list[int]] = {}
    lengths = 0
    for ordinal, group in enumerate(groups):
        art = group[0]
        texts = [folded(r["text"]) for r in group]
        lengths += sum(len(text) for text in texts)
        bigrams, chars = _grams(texts[0])
        for g in bigrams + chars:
            df[g] = df.get(g, 0) + 1
        keys: dict[str, None] = {}
        for text in texts:
            bg, ch = _grams(text)
            keys.update(dict.fromkeys(bg + ch))
        if art["caption"] != names[art["reg"]]:
            keys.update(dict.fromkeys(CAPTION_KEY + c for c in folded(art["caption"])))
        number = art["id"].partition(links.KEY_SEPARATOR)[2].removeprefix("art_")
        keys[f"{ARTICLE_KEY}{art['reg']}{links.KEY_SEPARATOR}{number}"] = None
        for key in keys:
            post.setdefault(key, []).append(ordinal)
    return {"df": df, "post": post, "lengths": lengths}


def _reg_ratios(groups: list[list[dict]], avgs: tuple[float, ...]) -> dict:
    """Of the articles of one regulation in order, under "ratios": each bigram's tf ratio bounds
    (tf_ratios at `avgs`), one per article holding it, aligned with its postings (_reg_postings
    lists a bigram under every article whose records hold it); _is_ratios checks a stored one."""
    ratios: dict[str, list[int]] = {}
    for group in groups:
        for gram, bound in tf_ratios([folded(r["text"]) for r in group], avgs).items():
            ratios.setdefault(gram, []).append(bound)
    return {"ratios": ratios}


def ceil_avg(avg: float) -> float:
    """`avg` rounded up to the grid 2^(k/16) (about 4% apart), never below it."""
    return max(avg, 2 ** (math.ceil(math.log2(max(avg, 1.0)) * 16) / 16))


# The term-frequency ratio tf / (tf + norm) of BM25 (search.js fuzzyAll, Engine.fuzzy), bounded per
# article and bigram in steps of 1 / RATIO_STEPS, rounded up: the staged loader's bound of an
# article's fuzzy score (search.js fuzzyBounds) then counts each bigram of its text at that ratio,
# not as if it occurred without end.
RATIO_STEPS = 32
RATIO_KEY = "\x03"


def tf_ratios(folded: list[str], avgs: tuple[float, ...]) -> dict[str, int]:
    """For each bigram of the records of one article (`folded` texts), the least n with n /
    RATIO_STEPS above tf / (tf + K1 * (1 - B + B * length / avg)) of every record holding it, for
    every avg of `avgs` (the engines' average lengths that may rank it: laws, library)."""
    out: dict[str, int] = {}
    for text in folded:
        for g in _grams(text)[0]:
            tf = _count(text, g)
            for avg in avgs:
                ratio = tf / (tf + K1 * (1 - B + B * len(text) / avg))
                out[g] = max(out.get(g, 0), min(RATIO_STEPS, math.floor(ratio * RATIO_STEPS) + 1))
    return out


def _record_shards(
    groups: list[list[dict]], size: int
) -> tuple[dict[str, dict], list[int], dict[str, list[int]]]:
    """Record shards r<k> of whole articles, each closed once it holds `size` characters; the
    first article of each; the shards of each regulation."""
    prefixes: dict[str, tuple[list[str], list[str]]] = {}
    for group in groups:
        cites, urls = prefixes.setdefault(group[0]["reg"], ([], []))
        cites.append(group[0]["citation"])
        urls.append(group[0]["url"])
    common = {slug: (_common_prefix(c), _common_prefix(u)) for slug, (c, u) in prefixes.items()}
    out: dict[str, dict] = {}
    starts: list[int] = []
    reg_shards: dict[str, list[int]] = {}
    tables: dict[str, list] = {}
    recs: list[list] = []
    filled = 0
    for ordinal, group in enumerate(groups):
        slug = group[0]["reg"]
        if not starts or filled >= size:
            if starts:
                out[f"r{len(starts) - 1}"] = {"regs": list(tables.values()), "recs": recs}
            starts.append(ordinal)
            tables, recs, filled = {}, [], 0
        if slug not in tables:
            tables[slug] = [slug, *common[slug], [], []]
        reg_shards.setdefault(slug, []).append(len(starts) - 1)
        compact = _compact(group, tables)
        recs.extend(compact)
        filled += len(script_json(compact))
    out[f"r{len(starts) - 1}"] = {"regs": list(tables.values()), "recs": recs}
    return out, starts, reg_shards


def shard_head(name: str) -> str:
    """How the script of shard `name` starts (shard_script; shard_cache reads kept scripts back)."""
    return f"window.kbSearch&&window.kbSearch.shard({script_json(name)},"


def shard_script(name: str, data: dict) -> str:
    """One shard as a script: hands `data` to the page's loader (search-shards.js); a postings
    shard's lists coded as text (pack_postings)."""
    if re.fullmatch(r"p\d+", name):
        data = pack_postings(data)
    return f"{shard_head(name)}{script_json(data, sort_keys=True)});\n"


# A postings shard's lists as text (issue 29 item 3: 15% fewer gzip bytes of the postings a first
# query loads at the whole library than JSON's numbers): each number (an ordinal's delta, a tf ratio
# bound) in DIGITS, of which the first DIGITS_END end a number and the rest carry its lower digits
# (base len(DIGITS) - DIGITS_END), least significant first: below 64 one character, below 1,536
# two, below 36,864 three. DIGITS are the printable ASCII characters JSON and script_json write as
# they are.
DIGITS = "".join(chr(c) for c in range(0x23, 0x7F) if chr(c) not in "\\<>&")
DIGITS_END = 64
_DIGIT = {c: k for k, c in enumerate(DIGITS)}


def code_numbers(values: list[int]) -> str:
    """`values` (each 0 or more) as text (see DIGITS); decode_numbers reads them back."""
    out = []
    base = len(DIGITS) - DIGITS_END
    for n in values:
        if n < 0:
            raise ValueError(f"code_numbers: {n} is negative")
        while n >= DIGITS_END:
            out.append(DIGITS[DIGITS_END + n % base])
            n //= base
        out.append(DIGITS[n])
    return "".join(out)


def decode_numbers(text: str) -> list[int]:
    """The numbers code_numbers wrote (search-shards.js: decodeNumbers)."""
    out, n, scale = [], 0, 1
    base = len(DIGITS) - DIGITS_END
    for char in text:
        digit = _DIGIT[char]
        if digit < DIGITS_END:
            out.append(n + digit * scale)
            n, scale = 0, 1
        else:
            n += (digit - DIGITS_END) * scale
            scale *= base
    if scale != 1:
        raise ValueError("decode_numbers: the text ends inside a number")
    return out


def pack_postings(part: dict) -> dict:
    """A postings shard as shipped: every list (postings, ratio bounds) as text (code_numbers)."""
    return {k: code_numbers(v) if isinstance(v, list) else v for k, v in part.items()}


def unpack_postings(part: dict) -> dict:
    """A postings shard as shards_of gives it, from pack_postings'."""
    return {k: decode_numbers(v) if isinstance(v, str) else v for k, v in part.items()}
