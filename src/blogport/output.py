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


class OutputFence:
    """Checks that every path stays inside the output folder, symlinked folders included."""

    def __init__(self, root: Path) -> None:
        self.base = root.resolve()
        self._folders: dict[str, Path] = {}

    def target(self, relative: str) -> Path:
        """The absolute path of ``relative``, or an :class:`OutputError` if it would leave the folder."""
        parts = relative.split("/")
        if (
            not relative
            or relative.startswith(("/", "\\"))
            or any(part in ("", ".", "..") or "\\" in part or ":" in part or "\x00" in part for part in parts)
        ):
            raise OutputError(f"refusing to write outside the output folder: {relative!r}")
        folder_key = "/".join(parts[:-1])
        folder = self._folders.get(folder_key)
        if folder is None:
            # Resolved once per folder: a symlinked folder must not lead outside either.
            folder = (self.base / folder_key).resolve() if folder_key else self.base
            if folder != self.base and self.base not in folder.parents:
                raise OutputError(f"refusing to write outside the output folder: {relative!r} leads to {folder}")
            self._folders[folder_key] = folder
        target = folder / parts[-1]
        if target.is_symlink():
            raise OutputError(f"refusing to write through a symbolic link: {target}")
        return target


def atomic_bytes(target: Path, data: bytes, mode: int) -> None:
    """Write ``data`` to ``target`` through a temporary file renamed over it; nothing is left on failure."""
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            os.fchmod(stream.fileno(), mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
