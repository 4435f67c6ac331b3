"""Cross-references in the law text (generator/xref.py)."""

from __future__ import annotations

import pytest

from generator.xref import CitedPath, find_references, line_references


def test_find_references_reads_lists_that_drop_the_repeated_di() -> None:
    text = "行政执法机关工作人违反本规定第二十四条、二十五条、二十六条规定的，按下列规定处理。"
    found = find_references(text)
    assert [(text[s:e], n) for s, e, n in found] == [("第二十四条", 24), ("二十五条", 25), ("二十六条", 26)]


def test_find_references_other_forms_and_no_false_positives() -> None:
    assert [n for *_, n in find_references("依照第十条和本规定第一百零五条")] == [10, 105]
    assert find_references("第（三）项、吉林市人民政府令第167号、第一章") == []
    # A non-canonical numeral is not a reference.
    assert find_references("第一十条") == []


# --- Citations inside a further regulation's text (law_references, line_references) ---------------

# A small law "d": 第九条 has one 款 with five 项; 第十条 three 款, its 第二款 with two 项; 第十一条
# two 款 that both have a 第一项 (which of them "第十一条第一项" means, the text does not say).
KEYS = {
    "d:art_9": 1,
    "d:art_9__para_1": 1,
    **{f"d:art_9__para_1__point_{k}": 1 for k in range(1, 6)},
    "d:art_10": 1,
    **{f"d:art_10__para_{k}": 1 for k in range(1, 4)},
    "d:art_10__para_2__point_1": 1,
    "d:art_10__para_2__point_2": 1,
    "d:art_11": 1,
    "d:art_11__para_1__point_1": 1,
    "d:art_11__para_2__point_1": 1,
    "d:art_11__para_1": 1,
    "d:art_11__para_2": 1,
    "e:art_3": 1,
}
TITLES = {"中华人民共和国乙法": "e", "乙法": "e"}


def _links(text: str, para: int = 3, article: str = "art_10") -> list[tuple[str, str]]:
    found = line_references(text, "d", CitedPath("d", article, para), KEYS, TITLES)
    return [(text[s:e], target) for s, e, target in found]


@pytest.mark.parametrize(
    ("text", "para", "expected"),
    [
        # 本条第N项 / 本条第一款、第二款: the article the line stands in; 本条 stays outside the link.
        ("依照本条第一款、第二款的规定", 3, [("第一款", "d:art_10__para_1"), ("第二款", "d:art_10__para_2")]),
        # 前款 / 前两款: the 款 before / the first of the two before.
        ("前款规定", 2, [("前款", "d:art_10__para_1")]),
        ("比照前两款的规定", 3, [("前两款", "d:art_10__para_1")]),
        # 前款第二项: one link to the 项, and the list after it stays in that 款.
        (
            "前款第一项、第二项规定的",
            3,
            [("前款第一项", "d:art_10__para_2__point_1"), ("第二项", "d:art_10__para_2__point_2")],
        ),
        # 本法第N条第K项 with no 款: the article's one 款 with that 项; the list continues it.
        (
            "本法第九条第一项、第四项和应当由法律规定的",
            1,
            [("第九条第一项", "d:art_9__para_1__point_1"), ("第四项", "d:art_9__para_1__point_4")],
        ),
        # 第N条第M款第K项, and 至 joining a range's ends.
        ("第十条第二款第二项", 1, [("第十条第二款第二项", "d:art_10__para_2__point_2")]),
        ("本法第九条至第十一条", 1, [("第九条", "d:art_9"), ("第十一条", "d:art_11")]),
    ],
)
def test_law_citation_forms_link_to_the_provision_they_name(text, para, expected) -> None:
    assert _links(text, para) == expected


@pytest.mark.parametrize(
    ("text", "para", "expected"),
    [
        # Another law's name without brackets: the whole list is that law's, left as text.
        ("依照刑法第十七条、第九条第二款规定", 1, []),
        # A bracketed title the site does not hold, and the list after it.
        ("《中华人民共和国丙法》第三条、第九条", 1, []),
        # A bracketed title the site holds: the link covers the title.
        ("《中华人民共和国乙法》第三条", 1, [("《中华人民共和国乙法》第三条", "e:art_3")]),
        # 前款 in a first 款 and 前三款 in a second name nothing.
        ("前款规定", 1, []),
        ("前三款规定的", 2, []),
        # A bare 第二款 or 第二项: whose, the text does not say; left as text.
        ("符合第二款规定的，依照第二项处理", 3, []),
        # 本条例 is a law's name for itself, not 本条; 本条 alone is the article the reader is on.
        ("本条例第九条", 1, [("第九条", "d:art_9")]),
        ("违反本条规定", 1, []),
        # A non-canonical numeral: no link, no crash; a 项 the article does not have: the link
        # reaches the deepest provision that exists; an article it does not have: no link.
        ("第一十条、第九条第九项", 1, [("第九条第九项", "d:art_9")]),
        ("本法第九十九条第一款", 1, []),
        # 第十一条第一项: two 款 have a 第一项: the link names the article only.
        ("本法第十一条第一项", 1, [("第十一条第一项", "d:art_11")]),
        # A list broken by other words does not carry its article to the next 第N项.
        ("第九条第一项规定的情形，以及第二项", 1, [("第九条第一项", "d:art_9__para_1__point_1")]),
    ],
)
def test_law_citation_hostile_inputs(text, para, expected) -> None:
    assert _links(text, para) == expected
