"""按法规 practice in Chromium over file://, offline: every regulation with a bank is offered with the
size of its bank in the content, a chosen regulation's practice holds exactly its own questions (each
linking to that regulation's articles), answers given there are recorded, and a scope in the address
that names no regulation of the site starts nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import CONTENT_ROOT

# The further regulations whose practice the tests walk: the first bank added and 行政诉讼法's.
LAWS = ("xzcf", "xzss")


def _read(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _ids(folder: Path) -> list[str]:
    """The ids of the questions in a bank folder's art-NN.yaml files, as written in the content."""
    return [q["id"] for f in sorted(folder.glob("art-*.yaml")) for q in _read(f)["questions"]]


def banks() -> dict[str, tuple[str, str, list[str]]]:
    """slug -> (name shown, full title, question ids) of every bank in the content: the site's own
    (content/questions/) and each further regulation's (content/laws/<slug>/questions/)."""
    own = _read(CONTENT_ROOT / "content" / "regulation.yaml")
    out = {
        own["slug"]: (
            own.get("short_title") or own["title"],
            own["title"],
            _ids(CONTENT_ROOT / "content" / "questions"),
        )
    }
    for folder in sorted((CONTENT_ROOT / "content" / "laws").iterdir()):
        if (folder / "questions").is_dir():
            reg = _read(folder / "regulation.yaml")
            out[folder.name] = (
                reg.get("short_title") or reg["title"],
                reg["title"],
                _ids(folder / "questions"),
            )
    return out


def practice(built_site: Path, query: str = "?seed=1") -> str:
    return built_site.joinpath("quiz/practice.html").as_uri() + query


def start(page, scope: str, count: int, mode: str = "answer") -> None:
    page.select_option("#kb-practice-scope", scope)
    page.check(f".kb-quiz-setup input[name=mode][value={mode}]")
    page.fill("#kb-practice-count", str(count))
    page.locator(".kb-quiz-setup button[type=submit]").click()


SHOWN = """root => {
  const box = root.querySelector(".kb-quiz-question");
  const links = [...root.querySelectorAll(".kb-quiz-cites a")];
  return {id: box.dataset.kbQuestion, hrefs: links.map(a => a.getAttribute("href")),
          citations: links.map(a => a.textContent)};
}"""


def test_each_regulation_is_offered_with_the_size_of_its_bank(built_site: Path, offline) -> None:
    page = offline.page
    page.goto(practice(built_site))
    content = banks()
    assert set(LAWS) <= set(content), "the banks these tests walk are missing from the content"
    offered = page.eval_on_selector_all(
        '#kb-practice-scope optgroup[label="按法规"] option', "els => els.map(e => [e.value, e.textContent])"
    )
    assert dict(offered) == {
        f"law:{slug}": f"《{name}》（{len(ids)}题）" for slug, (name, _, ids) in content.items()
    }
    own = _read(CONTENT_ROOT / "content" / "regulation.yaml")["slug"]
    assert offered[0][0] == f"law:{own}"  # the site's own regulation first
    total = sum(len(ids) for _, _, ids in content.values())
    assert page.locator('#kb-practice-scope option[value="all"]').text_content() == f"全部题目（{total}题）"


@pytest.mark.parametrize("slug", LAWS)
def test_practice_by_law_holds_exactly_that_laws_questions(built_site: Path, offline, slug: str) -> None:
    """Every question of the bank, in 背题模式 so that each shows its citations at once."""
    page = offline.page
    page.goto(practice(built_site))
    _, title, want = banks()[slug]
    start(page, f"law:{slug}", len(want), mode="study")
    progress = page.locator(".kb-quiz-progress")
    session = page.locator(".kb-quiz-session")
    seen = []
    for i in range(len(want)):
        assert progress.text_content() == f"背题模式：第 {i + 1} / {len(want)} 题"
        shown = session.evaluate(SHOWN)
        assert shown["id"] in want, f"{shown['id']} is not a question of {slug}"
        assert shown["hrefs"] and all(h.startswith(f"../laws/{slug}/articles/art-") for h in shown["hrefs"])
        assert all(c.startswith(f"《{title}》第") for c in shown["citations"])
        seen.append(shown["id"])
        page.locator(".kb-quiz-next").click()
    assert sorted(seen) == sorted(want)


@pytest.mark.parametrize("slug", LAWS)
def test_answers_in_a_laws_practice_are_recorded(built_site: Path, offline, slug: str) -> None:
    page = offline.page
    page.goto(practice(built_site))
    data = {
        q["id"]: q
        for q in page.evaluate('JSON.parse(document.getElementById("kb-quiz-data").textContent)')["questions"]
    }
    want = banks()[slug][2]
    start(page, f"law:{slug}", 2)
    answered = []
    for right in (True, False):
        box = page.locator(".kb-quiz-question")
        q = data[box.get_attribute("data-kb-question")]
        assert q["id"] in want and q["regulation"] == slug
        _answer(box, q, right)
        page.locator(".kb-quiz-check").click()
        assert page.locator(".kb-quiz-verdict").text_content() == ("回答正确。" if right else "回答错误。")
        answered.append(q["id"])
        page.locator(".kb-quiz-next").click()
    assert page.locator(".kb-quiz-progress").text_content() == "练习完成：共 2 题，答对 1 题。"

    # Both answers are stored (and survive a reload); the wrong one is in the 错题本.
    page.reload()
    cards = page.evaluate('kb.storage.read("quiz:progress").cards')
    good, bad = answered
    assert (cards[good]["right"], cards[good]["wrong"]) == (1, 0)
    assert (cards[bad]["right"], cards[bad]["wrong"]) == (0, 1)
    book = page.locator(".kb-quiz-book-item")
    assert [book.nth(i).get_attribute("data-kb-question") for i in range(book.count())] == [bad]
    # The regulation's never-seen practice now leaves both out.
    total = sum(len(ids) for _, _, ids in banks().values())
    page.select_option("#kb-practice-scope", "unseen")
    page.fill("#kb-practice-count", str(total))
    page.locator(".kb-quiz-setup button[type=submit]").click()
    assert page.locator(".kb-quiz-progress").text_content() == f"第 1 / {total - 2} 题，已答对 0 题"


def _answer(box, q: dict, right: bool) -> None:
    """Answer the question shown in `box` rightly or wrongly, as a user would."""
    if q["type"] == "填空":
        box.locator("input[type=text]").fill(q["answer"] if right else "不知道")
        return
    want = q["answer"] if isinstance(q["answer"], list) else [q["answer"]]
    if not right:
        want = want[:1] if q["type"] == "多选" else [next(o for o in q["options"] if o not in want)]
    inputs = box.locator("input")
    for i in range(inputs.count()):
        if inputs.nth(i).get_attribute("value") in want:
            inputs.nth(i).check()


def test_a_law_scope_in_the_address_starts_that_laws_practice(built_site: Path, offline) -> None:
    page = offline.page
    page.goto(practice(built_site, "?seed=1&scope=law:xzss"))
    want = banks()["xzss"][2]
    assert page.locator(".kb-quiz-progress").text_content() == f"第 1 / {len(want)} 题，已答对 0 题"
    assert page.locator(".kb-quiz-question").get_attribute("data-kb-question") in want


@pytest.mark.parametrize(
    "scope",
    [
        "law:nosuch",  # no such regulation
        "law:__proto__",  # an object's own property name
        "law:",  # no slug
        "law:XZSS",  # slugs are lower case
        "law:xzss:1",  # a slug and more
        "law:xzs%ZZ",  # a malformed escape
    ],
)
def test_a_scope_naming_no_regulation_starts_nothing(built_site: Path, offline, scope: str) -> None:
    page = offline.page
    page.goto(practice(built_site, f"?seed=1&scope={scope}"))
    assert page.locator(".kb-quiz-setup").is_visible()
    assert page.locator(".kb-quiz-session").is_hidden()
    assert page.locator("#kb-practice-scope").input_value() == "all"
    assert page.locator(".kb-quiz-status").text_content() == ""
