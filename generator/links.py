"""Stage 3: every citable provision by id, formal citations, and page URLs."""

from __future__ import annotations

from generator.model import Article, Provision, Regulation
from generator.numerals import to_chinese


def paragraph_id(article: int, paragraph: int) -> str:
    return f"art_{article}__para_{paragraph}"


def point_id(article: int, paragraph: int, point: int) -> str:
    return f"art_{article}__para_{paragraph}__point_{point}"


def article_url(article: Article) -> str:
    """Path of an article page relative to the site root."""
    return f"articles/{article.slug}.html"


def provision_index(regulation: Regulation) -> dict[str, Provision]:
    """Every 条, 款 and 项 by id, in document order, with its formal citation (title omitted).

    A single-paragraph article is cited without 第一款 (第二十六条第（三）项), as Chinese
    drafting practice does; with several paragraphs the 款 is named (第二十五条第二款).
    """
    index: dict[str, Provision] = {}
    for art in regulation.articles:
        index[art.id] = Provision(art.id, art, citation=art.label, text=art.text)
        several = len(art.paragraphs) > 1
        for para in art.paragraphs:
            para_cite = art.label + (f"第{to_chinese(para.number)}款" if several else "")
            para_text = "\n".join([para.text, *(p.text for p in para.points)])
            index[para.id] = Provision(para.id, art, para, citation=para_cite, text=para_text)
            for point in para.points:
                index[point.id] = Provision(
                    point.id,
                    art,
                    para,
                    point,
                    citation=f"{para_cite}第（{to_chinese(point.number)}）项",
                    text=point.text,
                )
    return index


def formal_citation(regulation: Regulation, provision: Provision) -> str:
    """《吉林市行政执法责任制规定》第二十六条第（三）项"""
    return f"《{regulation.title}》{provision.citation}"


def provision_url(provision: Provision) -> str:
    """Site-root-relative URL of a provision: the article page, anchored below article level."""
    url = article_url(provision.article)
    return url if provision.paragraph is None else f"{url}#{provision.id}"
