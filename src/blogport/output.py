"""Writing files safely: atomically (temp file + rename), never over an existing file unless asked."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import OutputError


def file_mode() -> int:
    """The permissions a new file gets under the user's umask (temporary files start as 0600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def check_writable(path: str | os.PathLike[str], force: bool) -> Path:
    """Fail early, before any work, if ``path`` exists (without ``force``) or its folder is missing."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; give a file name for the output")
    if target.exists() and not force:
        raise OutputError(f"{target}: already exists; use --force to overwrite it")
    if not target.parent.exists():
        raise OutputError(f"{target.parent}: no such folder")
    return target


@contextlib.contextmanager
def atomic_text_file(path: str | os.PathLike[str], force: bool = False, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Open a temporary file next to ``path``; on success it replaces ``path`` in one rename.

    On any error (or Ctrl-C) the temporary file is removed and ``path`` is untouched.
    """
    target = check_writable(path, force)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as stream:
            yield stream
            stream.flush()
            os.fchmod(stream.fileno(), file_mode())
            os.fsync(stream.fileno())
        if target.exists() and not force:
            raise OutputError(f"{target}: appeared while writing; use --force to overwrite it")
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
