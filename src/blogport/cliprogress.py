"""How the command line shows a run's progress: a bar per phase on a terminal, times under ``-v``."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator

from .progress import Advance
from .report import counted

# A bar appears only for a phase still running after this long, so quick runs print nothing.
_BAR_DELAY_SECONDS = 0.5


class ConsoleTracker:
    """Shows each :func:`blogport.progress.phase` on stderr.

    ``bars``: a tqdm bar per phase (nested phases get their own line); ``verbose``: one line per
    phase when it ends, with its time and size (``blogport: reading: 3.21 s (185.8 MB)``).
    """

    def __init__(self, bars: bool, verbose: bool) -> None:
        self.bars = bars
        self.verbose = verbose
        self._depth = 0

    @contextlib.contextmanager
    def phase(self, name: str, total: int, unit: str) -> Iterator[Advance]:
        """Show one phase while the block runs."""
        started = time.perf_counter()
        bar = None
        if self.bars:
            from tqdm import tqdm

            in_bytes = unit == "B"
            bar = tqdm(
                total=total or None,
                unit=unit,
                unit_scale=in_bytes,
                unit_divisor=1024 if in_bytes else 1000,
                desc=name,
                file=sys.stderr,
                leave=False,
                delay=_BAR_DELAY_SECONDS,
                position=self._depth,
            )
        self._depth += 1
        try:
            yield bar.update if bar is not None else _ignore
        finally:
            self._depth -= 1
            if bar is not None:
                bar.close()
        if self.verbose:
            print(f"blogport: {name}: {time.perf_counter() - started:.2f} s{_size(total, unit)}", file=sys.stderr)


def _ignore(_done: int) -> None:
    return None


def _size(total: int, unit: str) -> str:
    if not total:
        return ""
    if unit == "B":
        return f" ({total / 1e6:.1f} MB)"
    return f" ({counted(total, unit)})"


def wants_bars(quiet: bool) -> bool:
    """Bars go to a terminal only, and never under ``-q``."""
    return not quiet and sys.stderr.isatty()
