"""The question bank's page URLs (site-root relative), spelled once here."""

from __future__ import annotations

QUIZ_INDEX = "quiz/index.html"
QUIZ_PRACTICE = "quiz/practice.html"
QUIZ_EXAM = "quiz/exam.html"
QUIZ_PAPER = "quiz/paper.html"
QUIZ_PRACTICE_ARTICLE = QUIZ_PRACTICE + "?scope=article:{number}"
