"""The shipped content, as a group (`pytest -m shipped`): invariants only.

Whatever an agency puts in content/ and checklists/ (its own scheme, more checklists, another
question bank), these hold: every quote is verbatim in what it cites, every id resolves, the
scheme's maxima add to 100, every article the checklists must cover is covered. They never pin a
count or a name of areas, grades, checklists or questions: the part tests pin those on their own
fixtures (generator/parts/<name>/fixtures/). They read the content under test (CONTENT_ROOT, or the
copy named by KB_CONTENT_ROOT) through the session's one loaded project.
"""

from __future__ import annotations

import pytest

from generator.parts import checklists, quiz, scoring

pytestmark = pytest.mark.shipped


def test_every_part_loaded(shipped_project) -> None:
    assert scoring.scheme_of(shipped_project) is not None
    assert checklists.checklists_of(shipped_project) is not None
    assert quiz.bank_of(shipped_project) is not None


def test_checklist_quotes_are_verbatim_in_their_cites(shipped_project) -> None:
    index = shipped_project.index
    for checklist in checklists.checklists_of(shipped_project).checklists:
        for item in checklist.items:
            assert item.cites, (checklist.id, item.id)
            assert all(ref in index for ref in item.cites + item.consequences), (checklist.id, item.id)
            for quote in item.quote:
                assert any(quote in index[ref].text for ref in item.cites), (checklist.id, item.id, quote)


def test_checklist_items_feed_areas_of_the_scheme(shipped_project) -> None:
    areas = {a.id for a in scoring.scheme_of(shipped_project).areas}
    named = {i.area for c in checklists.checklists_of(shipped_project).checklists for i in c.items}
    assert named <= areas


def test_the_checklists_cover_every_article_they_must(shipped_project) -> None:
    lists = checklists.checklists_of(shipped_project)
    cited = {
        int(ref.split("__")[0][4:])
        for c in lists.checklists
        for i in c.items
        for ref in i.cites
        if ":" not in ref
    }
    assert set(lists.coverage.articles) <= cited
    assert all(any(lists.coverage.items(n, c.id) for c in lists.checklists) for n in lists.coverage.articles)


def test_every_question_cites_existing_provisions(shipped_project) -> None:
    index = shipped_project.index
    for q in quiz.bank_of(shipped_project).questions:
        # a further regulation's question cites its own ids: q.keys are their site-wide keys
        assert q.cites and all(ref in index for ref in q.keys), q.id
        assert all(opt for opt in q.options), q.id


def test_every_scheme_id_resolves_and_maxima_add_to_100(shipped_project) -> None:
    scheme = scoring.scheme_of(shipped_project)
    assert sum(a.max for a in scheme.areas) == scoring.SCALE
    assert scheme.grades[-1].min == 0
    refs = [r for a in scheme.areas for r in a.cites] + [r for c in scheme.consequences for r in c.cites]
    assert all(r in shipped_project.index for r in refs)
    names = {g.name for g in scheme.grades}
    for c in scheme.consequences:
        assert set(c.grades) <= names and set(c.previous_grades) <= names, c.id
