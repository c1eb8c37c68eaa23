"""Where the tests find their data: the project's own samples and, when present, ../shared."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CLASSIC_SAMPLE = SAMPLES / "blog-03-20-2013.xml"
TAKEOUT_SAMPLE = SAMPLES / "takeout"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
