"""Bad content is rejected with every problem located as path:line: field: message."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import load_project
from generator.errors import ContentError


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(project: Path) -> list[str]:
    with pytest.raises(ContentError) as exc:
        load_project(project)
    return [str(p) for p in exc.value.problems]


def test_the_shipped_content_is_valid(shipped_project) -> None:
    project = shipped_project
    assert len(project.regulation.articles) == 43
    own = [key for key in project.index if ":" not in key]
    assert len(own) == 43 + sum(
        len(a.paragraphs) + sum(len(p.points) for p in a.paragraphs) for a in project.regulation.articles
    )
    # The eight related national laws and regulations of content/laws/ (issue 17), 551 articles.
    assert [(law.slug, len(law.articles)) for law in project.laws] == [
        ("gjpc", 42),
        ("xzcf", 86),
        ("xzfy", 90),
        ("xzqz", 71),
        ("xzss", 103),
        ("xzxk", 83),
        ("yssx", 20),
        ("zfxxgk", 56),
    ]


@pytest.mark.parametrize(
    ("rel", "old", "new", "message"),
    [
        (
            "content/questions/art-27.yaml",
            "或者（　　）。",
            "或者（　　）。\ue704",
            "content/questions/art-27.yaml:21: questions[1].stem: contains U+E704 (private-use character), "
            "which is not text",
        ),
        (
            "content/articles/art-31.yaml",
            "title: 70分属于哪一等级",
            "title: 70分属于哪一等级\ue705",
            "content/articles/art-31.yaml:9: notes[0].title: contains U+E705 (private-use character), "
            "which is not text",
        ),
        (
            "checklists/officer.yaml",
            "本人是否为本机关",
            "本人是否为\u200b本机关",
            "checklists/officer.yaml:11: items[0].text: contains U+200B (zero-width character), which is not text",
        ),
        (
            "content/topics.yaml",
            "title: 立法目的与适用范围",
            'title: "立法目的与适用范围\\x1b"',
            "content/topics.yaml:9: topics[0].title: contains U+001B (control character), which is not text",
        ),
        (
            "content/glossary.yaml",
            "term: 行政相对人",
            "term: 行政相对人\ufeff",
            "content/glossary.yaml:8: terms[0].term: contains U+FEFF (zero-width character), which is not text",
        ),
        (
            "checklists/scoring.yaml",
            "title: 组织领导及行政决策",
            "title: 组织领导及行政决策\uf8ff",
            "checklists/scoring.yaml:20: areas[0].title: contains U+F8FF (private-use character), "
            "which is not text",
        ),
    ],
)
def test_non_text_characters_are_refused_in_every_kind_of_file(
    project_copy: Path, rel: str, old: str, new: str, message: str
) -> None:
    edit(project_copy, rel, old, new)
    assert problems(project_copy) == [message]


def test_missing_article(project_copy: Path) -> None:
    (project_copy / "content/articles/art-07.yaml").unlink()
    assert problems(project_copy) == [
        "content/regulation.yaml:22: chapters[1]: article 7 is missing (expected in content/articles/art-07.yaml)"
    ]


def test_extra_article_outside_chapters(project_copy: Path) -> None:
    text = (project_copy / "content/articles/art-43.yaml").read_text(encoding="utf-8")
    (project_copy / "content/articles/art-44.yaml").write_text(
        text.replace("number: 43", "number: 44"), encoding="utf-8"
    )
    assert problems(project_copy) == [
        "content/articles/art-44.yaml:2: number: article 44 is outside the chapters (1 to 43)"
    ]


def test_file_name_must_match_number(project_copy: Path) -> None:
    edit(project_copy, "content/articles/art-30.yaml", "number: 30", "number: 31")
    assert problems(project_copy) == [
        "content/articles/art-30.yaml:2: number: article 31 must be in art-31.yaml, not art-30.yaml",
        "content/articles/art-31.yaml:2: number: article 31 is also defined in content/articles/art-30.yaml",
        "content/regulation.yaml:30: chapters[3]: article 30 is missing (expected in content/articles/art-30.yaml)",
    ]


def test_chapter_must_match_ranges(project_copy: Path) -> None:
    edit(project_copy, "content/articles/art-12.yaml", "chapter: 2", "chapter: 3")
    assert problems(project_copy) == [
        "content/articles/art-12.yaml:3: chapter: article 12 belongs to chapter 2, not 3"
    ]


def test_chapter_ranges_must_be_contiguous(project_copy: Path) -> None:
    edit(project_copy, "content/regulation.yaml", "  first: 5\n", "  first: 6\n")
    assert problems(project_copy) == [
        "content/regulation.yaml:24: chapters[1].first: expected article 5, got 6"
    ]


def test_schema_problems_are_all_reported(project_copy: Path) -> None:
    edit(project_copy, "content/articles/art-12.yaml", "caption: 重大行政处罚和重大决策", "caption: ''")
    edit(project_copy, "content/articles/art-20.yaml", "（三）截留", "（五）截留")
    edit(project_copy, "content/articles/art-20.yaml", "- ref: art_27\n", "- ref: art_99\n")
    path = project_copy / "content/articles/art-20.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "foo: 1\n", encoding="utf-8")
    edit(project_copy, "content/articles/art-21.yaml", "number: 21", "number: '21'")
    assert problems(project_copy) == [
        "content/articles/art-12.yaml:4: caption: must not be empty",
        "content/articles/art-20.yaml:10: paragraphs[0].points[2]: item label （五） is not （三）",
        "content/articles/art-20.yaml:13: related[0].ref: unknown provision art_99",
        "content/articles/art-20.yaml:45: foo: unknown field",
        "content/articles/art-21.yaml:2: number: expected integer, got string",
    ]


def test_reference_must_resolve_to_an_existing_provision(project_copy: Path) -> None:
    edit(project_copy, "content/articles/art-17.yaml", "- ref: art_25\n", "- ref: art_25__para_4\n")
    edit(project_copy, "content/articles/art-17.yaml", "- ref: art_36__para_1__point_3\n", "- ref: art-25\n")
    assert problems(project_copy) == [
        "content/articles/art-17.yaml:16: related[0].ref: unknown provision art_25__para_4",
        "content/articles/art-17.yaml:19: related[1].ref: 'art-25' is not valid: expected a provision id: "
        "art_N, art_N__para_M or art_N__para_M__point_K; of a further regulation: slug:id (xzcf:art_32).",
    ]


def test_yaml_syntax_error_does_not_also_report_missing(project_copy: Path) -> None:
    edit(project_copy, "content/articles/art-33.yaml", "paragraphs:", "paragraphs: [\n")
    assert problems(project_copy) == [
        "content/articles/art-33.yaml:7: -: invalid YAML: expected the node content, but found '-'"
    ]


def test_missing_required_field(project_copy: Path) -> None:
    edit(project_copy, "content/regulation.yaml", "issuer: 吉林市人民政府\n", "")
    assert problems(project_copy) == ["content/regulation.yaml:2: issuer: missing required field"]


PLAIN_NOTE_40 = """\
notes:
- title: 与国家赔偿法的关系
  text: 说明。
  refs:{refs}
  quote:
  - 赔偿后依法向存在故意或过失的行政执法人员追偿部分或全部赔偿费用
  - 赔偿义务机关赔偿损失后，应当责令有故意或者重大过失的工作人员
  - {third}
related:
"""


def _plain_note_40(root: Path, refs: str, third: str) -> None:
    """Replace the notes of 第四十条 with an ordinary note (quote checked against the article and refs)."""
    path = root / "content/articles/art-40.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("notes:\n"), text.index("related:\n")
    path.write_text(
        text[:start] + PLAIN_NOTE_40.format(refs=refs, third=third) + text[end + 9 :], encoding="utf-8"
    )


def test_a_note_quote_must_be_verbatim_in_its_article_or_refs(project_copy: Path) -> None:
    # Quoting 国家赔偿法's "故意或者重大过失" as if it were this article's words is refused.
    _plain_note_40(project_copy, " []", "故意或者重大过失")
    # (Without the 上位法提示, the questions quoting 国家赔偿法 are refused too: not this test's subject.)
    assert [p for p in problems(project_copy) if not p.startswith("content/questions/")] == [
        "content/articles/art-40.yaml:13: notes[0].quote[1]: not found in the text of 第四十条",
        "content/articles/art-40.yaml:14: notes[0].quote[2]: not found in the text of 第四十条",
    ]


def test_a_note_quote_may_stand_on_a_further_regulation(project_copy: Path) -> None:
    # With 国家赔偿法 第十六条第一款 in refs its words are found there, and a fragment found in
    # neither is reported with both citations.
    _plain_note_40(project_copy, "\n  - gjpc:art_16__para_1", "故意或者一般过失")
    assert [p for p in problems(project_copy) if not p.startswith("content/questions/")] == [
        "content/articles/art-40.yaml:15: notes[0].quote[2]: not found in the text of "
        "第四十条、《中华人民共和国国家赔偿法》第十六条第一款"
    ]


def test_a_reference_to_a_further_regulation_must_exist(project_copy: Path) -> None:
    edit(project_copy, "content/articles/art-40.yaml", "- ref: gjpc:art_16__para_1\n", "- ref: gjpc:art_99\n")
    text = (project_copy / "content/articles/art-40.yaml").read_text(encoding="utf-8").splitlines()
    line = text.index("- ref: gjpc:art_99") + 1
    assert problems(project_copy) == [
        f"content/articles/art-40.yaml:{line}: related[2].ref: unknown provision gjpc:art_99"
    ]


def test_document_information_fields(project_copy: Path) -> None:
    edit(project_copy, "content/regulation.yaml", "validity: 现行有效", "validity: 有效")
    assert problems(project_copy) == [
        "content/regulation.yaml:70: validity: must be one of: 现行有效, 已被修改, 部分失效, 失效, 尚未生效"
    ]
    # Both fields are optional: without them the block leaves their rows out.
    edit(project_copy, "content/regulation.yaml", "validity: 有效\n", "")
    edit(project_copy, "content/regulation.yaml", "level: 地方政府规章\n", "")
    reg = load_project(project_copy).regulation
    assert (reg.level, reg.validity) == ("", "")


# --- the compiled schema check ---------------------------------------------------------------------


def _mutations(data: object):
    """Each way one value of `data` can go wrong, each as a whole new document: an unknown key
    added to a mapping, a key dropped, a value of another type, an empty string, a negative number
    (the first three items of each list are walked)."""

    def fresh(node):
        return dict(node) if isinstance(node, dict) else list(node)

    def changed(where: tuple, change) -> object:
        # A new document: the containers on the way to the value are copied, the rest is shared
        # with `data` (the validators only read; a deep copy per mutation took a fifth of the time).
        doc = node = fresh(data)
        for key in where[:-1]:
            node[key] = fresh(node[key])
            node = node[key]
        change(node, where[-1])
        return doc

    def walk(node: object, where: tuple):
        if isinstance(node, dict):
            yield changed((*where, "zz_unknown"), lambda n, k: n.__setitem__(k, 1))
            for key, value in node.items():
                yield changed((*where, key), lambda n, k: n.pop(k))
                yield from walk(value, (*where, key))
        elif isinstance(node, list):
            for i, value in enumerate(node[:3]):
                yield from walk(value, (*where, i))
        if where:
            for wrong in ({"x": 1}, [1], 7, "", -1, True):
                yield changed(where, lambda n, k, w=wrong: n.__setitem__(k, w))

    yield from walk(data, ())


@pytest.mark.parametrize(
    "files_per_kind", [pytest.param(3, marks=pytest.mark.slow), 1], ids=["three files", "one file"]
)
def test_the_compiled_check_agrees_with_jsonschema_on_every_kind(files_per_kind: int) -> None:
    """fastjsonschema (draft 7) decides alone that a record is valid, so it must never accept what
    jsonschema (draft 2020-12, the reference) rejects, nor the other way round: on the first three
    files of every kind of the repository's content, and on every single-value mutation of them (the
    slow tier; the fast tier's share is the first file of every kind)."""
    import re

    import fastjsonschema
    import jsonschema
    import yaml
    from conftest import CONTENT_ROOT, ROOT

    from generator import validate

    header = re.compile(r"\$schema=\S*?schemas?/(\w+)\.schema\.json")
    files: dict[str, list[Path]] = {}
    for path in sorted([*CONTENT_ROOT.glob("content/**/*.yaml"), *CONTENT_ROOT.glob("checklists/*.yaml")]):
        m = header.search(path.read_text(encoding="utf-8").split("\n", 1)[0])
        if m and not path.name.startswith("_"):
            files.setdefault(m.group(1), []).append(path)
    kinds = {
        p.name.removesuffix(".schema.json")
        for p in (
            *validate.SCHEMAS.glob("*.schema.json"),
            *(ROOT / "generator" / "parts").glob("*/schema/*.schema.json"),
        )
    }
    assert set(files) == kinds
    verdicts = {True: 0, False: 0}
    for kind, paths in files.items():
        fast = fastjsonschema.compile(validate.schema(kind))
        slow = jsonschema.Draft202012Validator(validate.schema(kind))
        for path in paths[:files_per_kind]:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            for doc in [data, *_mutations(data)]:
                try:
                    fast(doc)
                    fast_ok = True
                except fastjsonschema.JsonSchemaValueException:
                    fast_ok = False
                assert fast_ok == slow.is_valid(doc), (kind, path.name, doc)
                verdicts[fast_ok] += 1
    assert verdicts[True] >= files_per_kind * len(kinds) and verdicts[False] > 400 * files_per_kind
