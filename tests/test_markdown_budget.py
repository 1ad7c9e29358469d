"""The Markdown budget of untrusted prose: refused with where and how to fix it, and within it any
text renders fast."""

from __future__ import annotations

import time

import pytest

from upgrading_atlas.link.safe_text import SafeMarkdown
from upgrading_atlas.markdown_budget import BudgetExceeded, check_prose, within_budget

LONGEST = 20_000  # the longest prose field


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- " * 3000 + "x", "line 1 of the text nests 3000 levels of lists, quotes or indents; the limit is 10"),
        ("1. " * 11 + "x", "nests 11 levels"),
        ("ok\n" + "> " * 11 + "x", "line 2 of the text nests 11 levels"),
        ("ok\n" + " " * 44 + "- x", "line 2 of the text nests 12 levels"),
        ("[" * 20_000, "paragraph 1 of the text has 20000 opening brackets [; the limit is 30 — split the paragraph,"
                       " or write a bracket that opens no link as \\["),
        ("[`]` " * 31, "has 31 opening brackets"),  # a closing bracket in a code span closes nothing
        ("fine\n\n" + "[a](" * 31, "paragraph 2 of the text has 31 opening brackets"),
        ("a\n=\n" * 60, "paragraph 1 of the text runs over 121 lines; the limit is 100 — split it with blank lines"),
    ],
)
def test_prose_beyond_the_budget(text: str, message: str) -> None:
    with pytest.raises(BudgetExceeded) as caught:
        check_prose(text)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "text",
    ["A [link](https://a.org) and `code [x]` and \\[escaped\\] " * 5, "- a\n  - b\n    - c\n", "> quoted",
     "1. one\n2. two", "(a (b (c)))" * 100, "\\[" * 5000, "[a]" * 30],
)
def test_prose_within_the_budget(text: str) -> None:
    assert check_prose(text) == text


@pytest.mark.parametrize(
    "unit",
    ["[x ", "[a](", "![", "[`]` ", "*_", "`a ", "\\", "- " * 10 + "x\n", "> " * 10 + "x\n", "a\n=\n", "***\n",
     "**a** ", "_a ", "&<", "[" * 10 + "a" + "]" * 10 + " "],
)
def test_within_the_budget_the_worst_text_renders_fast(unit: str) -> None:
    # as many of the construct as the budget lets into the longest field, padded to its length
    def text_of(count: int) -> str:
        head = (unit * count)[:LONGEST]
        return head + "a " * ((LONGEST - len(head)) // 2)

    low, high = 0, LONGEST // len(unit) + 1
    while low + 1 < high:
        middle = (low + high) // 2
        low, high = (middle, high) if within_budget(text_of(middle)) else (low, middle)
    text = text_of(low)
    assert within_budget(text) and len(text) >= LONGEST - 1
    started = time.process_time()
    SafeMarkdown().block(text)
    assert time.process_time() - started < 1.0, low
