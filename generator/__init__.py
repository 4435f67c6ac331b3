"""Static knowledge-base generator for Chinese regulations (吉林市行政执法责任制规定 first)."""

from __future__ import annotations

__version__ = "0.1.0"
