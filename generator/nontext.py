"""Characters that are not text: control, format (invisible) and private-use characters.

Legal databases put icon glyphs from a private-use font (e.g. U+E704) and invisible marks into the
text of their web pages. They render as empty boxes or not at all, survive copy and paste into
officers' documents and break search; a right-to-left override (U+202E) even makes the text read
in another order than it is stored. So the importer removes them from the source and the loader
refuses them in content.

"Not text" is every character of Unicode's general categories Cc (control), Cf (format: zero-width
marks, bidirectional controls, the soft hyphen, …) and Co (private use), except tab and line feed,
which are layout. The set is taken from the running Python's Unicode database, not listed by hand,
so no invisible character is forgotten.
"""

from __future__ import annotations

import re
import sys
import unicodedata

_CATEGORIES = ("Cc", "Cf", "Co")
_LAYOUT = "\t\n"


def _ranges() -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for cp in range(sys.maxunicode + 1):
        char = chr(cp)
        if unicodedata.category(char) in _CATEGORIES and char not in _LAYOUT:
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    return ranges


def _char_class(ranges: list[tuple[int, int]]) -> str:
    parts = (re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return "[" + "".join(parts) + "]"


NOT_TEXT = re.compile(_char_class(_ranges()))

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
# Unicode's Bidi_Control characters: embeddings, overrides, isolates and marks.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SOFT_HYPHEN = "\u00ad"


# Whitespace at the end of a line is layout, not text: the national collection has hundreds of
# lines ending in spaces or full-width spaces. It is removed and recorded like the characters above.
TRAILING_SPACE = re.compile("[ \t\u3000\u00a0]+$")


def trailing_space_reason(chars: str) -> str:
    """Why the importer removed the whitespace `chars` at the end of a line, in Chinese."""
    return f"行尾空白（{len(chars)} 个字符：{' '.join(code_point(c) for c in chars)}），不属于规定原文"


def code_point(char: str) -> str:
    """`U+E704` for one character."""
    return f"U+{ord(char):04X}"


def kind(char: str) -> str:
    """What kind of non-text character `char` is, in English (for error messages)."""
    category = unicodedata.category(char)
    if category == "Co":
        return "private-use character"
    if char in _ZERO_WIDTH:
        return "zero-width character"
    if char in _BIDI:
        return "bidirectional control character"
    if char == _SOFT_HYPHEN:
        return "soft hyphen"
    if category == "Cf":
        return "invisible format character"
    return "control character"


def reason(char: str) -> str:
    """Why the importer removed `char`, in Chinese (shown on the home page)."""
    cp = code_point(char)
    category = unicodedata.category(char)
    if category == "Co":
        return f"数据库网页的图标字符（私用区 {cp}），不属于规定原文"
    if char in _ZERO_WIDTH:
        return f"不可见的零宽字符（{cp}），不属于规定原文"
    if char in _BIDI:
        return f"不可见的文字方向控制字符（{cp}），不属于规定原文"
    if char == _SOFT_HYPHEN:
        return f"不可见的软连字符（{cp}），不属于规定原文"
    if category == "Cf":
        return f"不可见的格式字符（{cp}），不属于规定原文"
    return f"控制字符（{cp}），不属于规定原文"
