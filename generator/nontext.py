"""Characters that are not text: private-use icons, zero-width marks and control characters.

Legal databases put icon glyphs from a private-use font (e.g. U+E704) and invisible marks into the
text of their web pages. They render as empty boxes, survive copy and paste into officers' documents
and break search, so the importer removes them from the source and the loader refuses them in content.
"""

from __future__ import annotations

import re

# Tab, line feed and carriage return are layout the importer and YAML already handle; every other
# C0/C1 control character, DEL, the zero-width characters and the BMP private-use area are not text.
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\ue000-\uf8ff]")


def code_point(char: str) -> str:
    """`U+E704` for one character."""
    return f"U+{ord(char):04X}"


def kind(char: str) -> str:
    """What kind of non-text character `char` is, in English (for error messages)."""
    if "\ue000" <= char <= "\uf8ff":
        return "private-use character"
    if char in "\u200b\u200c\u200d\u2060\ufeff":
        return "zero-width character"
    return "control character"


def reason(char: str) -> str:
    """Why the importer removed `char`, in Chinese (shown on the home page)."""
    cp = code_point(char)
    if "\ue000" <= char <= "\uf8ff":
        return f"数据库网页的图标字符（私用区 {cp}），不属于规定原文"
    if char in "\u200b\u200c\u200d\u2060\ufeff":
        return f"不可见的零宽字符（{cp}），不属于规定原文"
    return f"控制字符（{cp}），不属于规定原文"
