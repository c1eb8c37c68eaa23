from __future__ import annotations

from pathlib import Path

import pytest

from paths import CORPUS


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present (fresh clone): corpus tests skipped")
    return CORPUS
