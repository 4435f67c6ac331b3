"""Cross-references in the law text (generator/xref.py)."""

from __future__ import annotations

from generator.xref import find_references


def test_find_references_reads_lists_that_drop_the_repeated_di() -> None:
    text = "行政执法机关工作人违反本规定第二十四条、二十五条、二十六条规定的，按下列规定处理。"
    found = find_references(text)
    assert [(text[s:e], n) for s, e, n in found] == [("第二十四条", 24), ("二十五条", 25), ("二十六条", 26)]


def test_find_references_other_forms_and_no_false_positives() -> None:
    assert [n for *_, n in find_references("依照第十条和本规定第一百零五条")] == [10, 105]
    assert find_references("第（三）项、吉林市人民政府令第167号、第一章") == []
    # A non-canonical numeral is not a reference.
    assert find_references("第一十条") == []
