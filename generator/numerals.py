"""Chinese numerals as used in statute numbering (第二十六条, （三）)."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))
_VALUES = {ch: i for i, ch in enumerate(_DIGITS)} | {"〇": 0, "两": 2}
_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000}
# Articles never reach 万, but a mistyped label can (第一万条): reading it lets the parser say
# "article 10000 follows article 42" instead of treating the line as text.
MAX = 99_999_999


def _below_10000(n: int) -> str:
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


def to_chinese(n: int) -> str:
    """Write 1 <= n <= 99999999 the way statutes number articles: 10 -> 十, 26 -> 二十六,
    105 -> 一百零五, 10010 -> 一万零一十."""
    if not 1 <= n <= MAX:
        raise ValueError(f"cannot write {n} as a statute number")
    high, low = divmod(n, 10000)
    if not high:
        return _below_10000(low)
    head = _below_10000(high) + "万"
    if not low:
        return head
    tail = _below_10000(low)
    if low < 20 and tail.startswith("十"):
        tail = "一" + tail  # 一万零一十: after a higher unit 十 takes its digit
    return head + ("零" if low < 1000 else "") + tail


def _read(text: str) -> int:
    """The value of a numeral of 十, 百, 千 (no 万), not checked for canonical form."""
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
    return total


def parse_chinese(text: str) -> int:
    """Read a Chinese numeral (二十六, 十, 一百零五, 一万) or ASCII digits; raise ValueError otherwise."""
    if text.isascii() and text.isdigit():
        return int(text)
    if not text:
        raise ValueError("empty numeral")
    high, sep, low = text.partition("万")
    if sep and (not high or "万" in low):
        raise ValueError(f"not a Chinese numeral: {text}")
    total = _read(high) * 10000 + _read(low) if sep else _read(text)
    if not 1 <= total <= MAX or to_chinese(total) != text:
        raise ValueError(f"not a canonical Chinese numeral: {text}")
    return total
