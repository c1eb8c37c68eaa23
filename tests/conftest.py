from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CLASSIC_SAMPLE = SAMPLES / "blog-03-20-2013.xml"
TAKEOUT_SAMPLE = SAMPLES / "takeout"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present (fresh clone): corpus tests skipped")
    return CORPUS
