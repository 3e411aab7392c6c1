"""The therapist export's detail sections, in the order they are written.

A module of its own so that the CLI can build ``--sections`` without loading the document
builder (exporters/document.py and reports/common.py, about 30 ms) for the JSON and CSV exports
and for ``journal import``, which never use it.
"""

from __future__ import annotations

DETAIL_SECTIONS = (
    "discuss",
    "homework",
    "checkins",
    "diary-card",
    "thoughts",
    "practice",
    "reflections",
    "conversations",
    "entries",
    "safety-plan",
)
