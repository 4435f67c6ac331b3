"""Chinese numerals as used in statute numbering (第二十六条, （三）)."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))
_VALUES = {ch: i for i, ch in enumerate(_DIGITS)} | {"〇": 0, "两": 2}
_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000}


def to_chinese(n: int) -> str:
    """Write 1 <= n <= 9999 the way statutes number articles: 10 -> 十, 26 -> 二十六, 105 -> 一百零五."""
    if not 1 <= n <= 9999:
        raise ValueError(f"cannot write {n} as a statute number")
    out = []
    rest = n
    pending_zero = False
    for value, unit in _UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if pending_zero:
                out.append("零")
                pending_zero = False
            # 十 alone at the front reads 十二, not 一十二.
            if not (unit == "十" and digit == 1 and not out):
                out.append(_DIGITS[digit])
            out.append(unit)
        elif out:
            pending_zero = True
    if rest:
        if pending_zero:
            out.append("零")
        out.append(_DIGITS[rest])
    return "".join(out)


def parse_chinese(text: str) -> int:
    """Read a Chinese numeral (二十六, 十, 一百零五) or ASCII digits; raise ValueError otherwise."""
    if text.isascii() and text.isdigit():
        return int(text)
    if not text:
        raise ValueError("empty numeral")
    total = 0
    digit = None
    for ch in text:
        if ch in _VALUES:
            digit = _VALUES[ch]
        elif ch in _UNIT_VALUES:
            total += (1 if digit is None else digit) * _UNIT_VALUES[ch]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {text}")
    if digit is not None:
        total += digit
    if to_chinese(total) != text:
        raise ValueError(f"not a canonical Chinese numeral: {text}")
    return total
