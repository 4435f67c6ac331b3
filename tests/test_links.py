from __future__ import annotations

import pytest

from generator.links import formal_citation, provision_url


@pytest.fixture(scope="module")
def project(shipped_project):
    return shipped_project


@pytest.mark.parametrize(
    ("pid", "citation", "url"),
    [
        (
            "art_26__para_1__point_3",
            "《吉林市行政执法责任制规定》第二十六条第（三）项",
            "articles/art-26.html#art_26__para_1__point_3",
        ),
        (
            "art_25__para_2",
            "《吉林市行政执法责任制规定》第二十五条第二款",
            "articles/art-25.html#art_25__para_2",
        ),
        (
            "art_16__para_1",
            "《吉林市行政执法责任制规定》第十六条第一款",
            "articles/art-16.html#art_16__para_1",
        ),
        ("art_19__para_1", "《吉林市行政执法责任制规定》第十九条", "articles/art-19.html#art_19__para_1"),
        ("art_43", "《吉林市行政执法责任制规定》第四十三条", "articles/art-43.html"),
        (
            "art_28__para_3",
            "《吉林市行政执法责任制规定》第二十八条第三款",
            "articles/art-28.html#art_28__para_3",
        ),
    ],
)
def test_citations_and_urls(project, pid: str, citation: str, url: str) -> None:
    provision = project.index[pid]
    assert formal_citation(project.regulation, provision) == citation
    assert provision_url(provision) == url


def test_index_holds_every_point_in_order(project) -> None:
    ids = [pid for pid in project.index if pid.startswith("art_27__")]
    assert ids == ["art_27__para_1"] + [f"art_27__para_1__point_{k}" for k in range(1, 9)]
    assert project.index["art_27__para_1__point_7"].text == "（七）泄露国家秘密、商业秘密或者个人隐私；"
