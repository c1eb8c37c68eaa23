from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from mediaserve import Script, serving
from paths import CORPUS

# Property tests assert behaviour, not speed: on a loaded two-core CI machine a per-example
# deadline fails for reasons that are not the code's (speed lives in benchmarks/).
settings.register_profile("blogport", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("blogport")


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present (fresh clone): corpus tests skipped")
    return CORPUS


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Script]:
    """The loopback image server, as every ``http://`` request's proxy (``mediaserve.serving``)."""
    with serving(monkeypatch) as script:
        yield script
