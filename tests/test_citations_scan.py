"""Every internal citation in the nine regulations' texts is a link (issue 26 item 4).

The scan reads each 款/项/目 line with a broad pattern of citation words (第N条, 第N款, 第N项,
第（N）项, 第N目, 、N条, 前款, 前两款, a bare 本条) and requires each one to lie inside a
cross-reference of the loaded project, unless it is listed in EXCEPTIONS with its reason. A
second check reads each link's own words and requires its target to be the provision they name.
"""

from __future__ import annotations

import re

import pytest

from generator.links import provision_key

pytestmark = pytest.mark.shipped

_N = "[零〇一二两三四五六七八九十百千]+"
# Broad on purpose: anything that may cite a provision. 本条 followed by 第 is the prefix of a
# citation whose 第… words are scanned themselves; 本条例 is a law's name for itself.
CITATION = re.compile(
    rf"第(?:{_N}|（{_N}）)[条款项目](?:之{_N})?|(?<=[、和或至]){_N}条|前[两二三四五]?款|本条(?![例第])"
)

# Citation words that are not links, each with its reason: (line key, words) -> reason.
EXCEPTIONS = {
    ("gjpc:art_19__para_1__point_2", "第十七条"): "刑法第十七条: the site does not hold 刑法",
    ("gjpc:art_19__para_1__point_2", "第十八条"): "刑法第十七条、第十八条: the list names 刑法 throughout",
    ("gjpc:art_19__para_1__point_3", "第十五条"): "刑事诉讼法第十五条: the site does not hold 刑事诉讼法",
    ("gjpc:art_19__para_1__point_3", "第一百七十三条"): "刑事诉讼法's list continues",
    ("gjpc:art_19__para_1__point_3", "第二款"): "第一百七十三条第二款 and 第二百七十三条第二款 of 刑事诉讼法",
    ("gjpc:art_19__para_1__point_3", "第二百七十三条"): "刑事诉讼法's list continues",
    ("gjpc:art_19__para_1__point_3", "第二百七十九条"): "刑事诉讼法's list ends",
    ("gjpc:art_24__para_3", "本条"): "依照本条规定: the article the reader is on",
    ("xzxk:art_53__para_4", "本条"): "违反本条规定: the article the reader is on",
}


def _lines(project):
    """(line key, text) of every 款 lead-in, 项 and 目 of the nine regulations."""
    for reg in (project.regulation, *project.laws):
        slug = reg.slug if reg.base else ""
        for article in reg.articles:
            for para in article.paragraphs:
                yield provision_key(slug, para.id), para.text
                for point in para.points:
                    yield provision_key(slug, point.id), point.text
                    for sub in point.subpoints:
                        yield provision_key(slug, sub.id), sub.text


def _scan(project) -> tuple[list[tuple[str, str, str]], set[tuple[str, str]]]:
    """Unlinked citation words not excepted, as (line key, words, context); and the exceptions met."""
    by_source: dict[str, list] = {}
    for ref in project.references:
        by_source.setdefault(ref.source, []).append(ref)
    unlinked, met = [], set()
    for key, text in _lines(project):
        for m in CITATION.finditer(text):
            if any(r.start <= m.start() and m.end() <= r.end for r in by_source.get(key, ())):
                continue
            if (key, m.group()) in EXCEPTIONS:
                met.add((key, m.group()))
                continue
            unlinked.append((key, m.group(), text[max(0, m.start() - 8) : m.end() + 8]))
    return unlinked, met


def test_every_citation_in_the_nine_texts_is_linked(shipped_project) -> None:
    unlinked, met = _scan(shipped_project)
    assert unlinked == []
    # An exception the text no longer holds is stale: the list says exactly what is left as text.
    assert met == set(EXCEPTIONS)
    assert len(shipped_project.laws) == 8


def _line_of(project, key: str) -> tuple[str, str]:
    """The text of a line and the key of its 款 (the base of 前款)."""
    provision = project.index[key]
    text = (provision.subpoint or provision.point or provision.paragraph).text
    slug = key.partition(":")[0] if ":" in key else ""
    return text, provision_key(slug, provision.paragraph.id)


_LAST = re.compile(rf"(?:第(?P<n>{_N})(?P<unit>[条款项目])|(?P<bare>{_N})条|前(?P<k>[两二三四五]?)款)$")
_COUNT = {"": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5}


def test_every_link_lands_on_the_provision_its_words_name(shipped_project) -> None:
    """A link's last words (第四项, 第二款, 第九条, 前两款) name its target's 项, 款, article or the 款
    that many before the line's own; checked from the words, for every link of the nine texts."""
    from generator.numerals import parse_chinese

    wrong, kinds = [], set()
    for ref in shipped_project.references:
        text, para_key = _line_of(shipped_project, ref.source)
        words = text[ref.start : ref.end]
        m = _LAST.search(words)
        assert m, words
        target = ref.target.partition(":")[2] if ":" in ref.target else ref.target
        if m.group("unit") == "项":
            ok = re.search(rf"__point_{parse_chinese(m.group('n'))}$", target) is not None
        elif m.group("unit") == "款":
            ok = target.endswith(f"__para_{parse_chinese(m.group('n'))}")
        elif m.group("unit") == "目":
            ok = target.endswith(f"__subpoint_{parse_chinese(m.group('n'))}")
        elif m.group("k") is not None:
            own = int(para_key.rpartition("_")[2])
            expected = para_key.rpartition("_")[0] + f"_{own - _COUNT[m.group('k')]}"
            ok = ref.target == expected
        else:
            number = parse_chinese(m.group("n") or m.group("bare"))
            ok = re.fullmatch(rf"art_{number}(?:-\d+)?(?:__.*)?", target) is not None
        if not ok:
            wrong.append((ref.source, words, ref.target))
        kinds.add(m.group("unit") or ("前款" if m.group("k") is not None else "条"))
    assert wrong == []
    assert kinds == {"条", "款", "项", "前款"}  # every kind of link the texts hold was read


# The internal citations issue 26 names, each with the provisions it must reach.
NAMED = [
    ("gjpc:art_36__para_1__point_2", "第三项", "gjpc:art_36__para_1__point_3"),
    ("gjpc:art_36__para_1__point_2", "第四项", "gjpc:art_36__para_1__point_4"),
    ("xzxk:art_69__para_3", "前两款", "xzxk:art_69__para_1"),
    ("xzxk:art_69__para_4", "第一款", "xzxk:art_69__para_1"),
    ("xzxk:art_69__para_4", "第二款", "xzxk:art_69__para_2"),
    ("xzss:art_55__para_3", "前两款", "xzss:art_55__para_1"),
    ("yssx:art_16__para_3", "第一款", "yssx:art_16__para_1"),
    ("yssx:art_16__para_3", "第二款", "yssx:art_16__para_2"),
    ("yssx:art_16__para_3", "前两款", "yssx:art_16__para_1"),
    ("gjpc:art_31__para_1__point_1", "第十七条第四项", "gjpc:art_17__para_1__point_4"),
    ("gjpc:art_31__para_1__point_1", "第五项", "gjpc:art_17__para_1__point_5"),
    ("gjpc:art_34__para_2", "前款第二项", "gjpc:art_34__para_1__point_2"),
    ("gjpc:art_34__para_2", "第三项", "gjpc:art_34__para_1__point_3"),
    ("xzfy:art_41__para_1__point_5", "第三十九条第一款第一项", "xzfy:art_39__para_1__point_1"),
    ("xzss:art_78__para_1", "第十二条第一款第十一项", "xzss:art_12__para_1__point_11"),
    ("xzxk:art_56__para_1", "第三十四条第三款", "xzxk:art_34__para_3"),
]


def test_the_citations_the_issue_names_reach_their_provisions(shipped_project) -> None:
    found = set()
    for ref in shipped_project.references:
        text, _ = _line_of(shipped_project, ref.source)
        found.add((ref.source, text[ref.start : ref.end], ref.target))
    assert [n for n in NAMED if n not in found] == []
