from __future__ import annotations

import pytest

from generator.numerals import parse_chinese, to_chinese


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (26, "二十六"),
        (43, "四十三"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1010, "一千零一十"),
        (4300, "四千三百"),
        (10000, "一万"),
        (10010, "一万零一十"),
        (10100, "一万零一百"),
        (12345, "一万二千三百四十五"),
        (100000, "十万"),
        (99999999, "九千九百九十九万九千九百九十九"),
    ],
)
def test_round_trip(n: int, text: str) -> None:
    assert to_chinese(n) == text
    assert parse_chinese(text) == n


def test_every_number_up_to_9999_round_trips() -> None:
    assert all(parse_chinese(to_chinese(n)) == n for n in range(1, 10000))


def test_ascii_digits_are_accepted() -> None:
    assert parse_chinese("26") == 26


@pytest.mark.parametrize("text", ["", "abc", "一十", "二二", "万", "一万万", "零", "一万一十"])
def test_rejects_non_numerals(text: str) -> None:
    with pytest.raises(ValueError):
        parse_chinese(text)


def test_to_chinese_range() -> None:
    with pytest.raises(ValueError, match="cannot write 0 as a statute number"):
        to_chinese(0)
    with pytest.raises(ValueError, match="cannot write 100000000 as a statute number"):
        to_chinese(100_000_000)


def test_numbers_with_wan_round_trip() -> None:
    assert all(parse_chinese(to_chinese(n)) == n for n in range(10_000, 120_000, 7))
