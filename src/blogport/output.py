"""Writing files safely: atomically (temp file + rename), never over an existing file unless asked.

Rules: a file is written to a temporary name and renamed into place, so a failure leaves
nothing behind; a folder of files is staged whole and moved into place only when every file
is written (:func:`staged_folder`); what is not a regular file (``/dev/stdout``, a FIFO, a
device) is written into, never renamed over. Every failure to write is an
:class:`~blogport.errors.OutputError` (exit 4) naming the path and the system's reason.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import OutputError
from .report import agree, counted


def file_mode() -> int:
    """The permissions a new file gets under the user's umask (temporary files start as 0600)."""
    return 0o666 & ~_umask()


def writes_in_place(target: Path) -> bool:
    """True for an existing output that is not a regular file (a device, a FIFO, ``/dev/stdout``).

    Such a target is written into: renaming a temporary file over it would replace the device
    or pipe (or the ``/dev/stdout`` link) instead of writing to it.
    """
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    if stat.S_ISDIR(mode):
        return False
    # /dev/stdout is a link to /proc/self/fd/1, which may be a regular file the shell opened.
    in_dev = os.path.abspath(target).startswith(("/dev/", "/proc/"))
    return not stat.S_ISREG(mode) or (target.is_symlink() and in_dev)


def cannot_write(path: Path, exc: OSError) -> OutputError:
    """The one-line output error for a failed write (read-only folder, full disk, ...)."""
    return OutputError(f"{path}: cannot write ({exc.strerror or exc})")


def check_writable(path: str | os.PathLike[str], force: bool) -> Path:
    """Fail early, before any work, if ``path`` exists (without ``force``) or its folder is missing."""
    target = Path(path)
    if writes_in_place(target):
        return target
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; give a file name for the output")
    if target.exists() and not force:
        raise OutputError(f"{target}: already exists; use --force to overwrite it")
    if not target.parent.exists():
        raise OutputError(f"{target.parent}: no such folder")
    return target


def same_bytes(target: Path, data: bytes | Path) -> bool:
    """Whether the file ``target`` already holds ``data`` (bytes, or the bytes of a file)."""
    if isinstance(data, Path):
        return target.stat().st_size == data.stat().st_size and target.read_bytes() == data.read_bytes()
    return target.read_bytes() == data


def conflicts_error(root: Path, conflicts: list[str]) -> OutputError:
    """The refusal to overwrite, without ``--force``, the files of folder ``root`` named in ``conflicts``."""
    count = len(conflicts)
    shown = ", ".join(conflicts[:5]) + (f" and {count - 5} more" if count > 5 else "")
    return OutputError(
        f"{root}: {counted(count, 'file')} {agree(count, 'exists', 'exist')} with other content "
        f"({shown}); use --force to overwrite {agree(count, 'it', 'them')}"
    )


@contextlib.contextmanager
def atomic_text_file(path: str | os.PathLike[str], force: bool = False, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Open a temporary file next to ``path``; on success it replaces ``path`` in one rename.

    On any error (or Ctrl-C) the temporary file is removed and ``path`` is untouched.
    """
    target = check_writable(path, force)
    if writes_in_place(target):
        try:
            with open(target, "w", encoding=encoding, newline="\n") as stream:
                yield stream
        except BrokenPipeError:
            raise  # the reader went away (``-o /dev/stdout | head``): not a failure, as for ``-o -``
        except OSError as exc:
            raise cannot_write(target, exc) from None
        return
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise cannot_write(target, exc) from None
    with _removed_on_failure(temp_name, target):
        with os.fdopen(handle, "w", encoding=encoding, newline="\n", buffering=1 << 20) as stream:
            yield stream
            stream.flush()
            os.fchmod(stream.fileno(), file_mode())
            os.fsync(stream.fileno())
        if target.exists() and not force:
            raise OutputError(f"{target}: appeared while writing; use --force to overwrite it")
        os.replace(temp_name, target)


@contextlib.contextmanager
def _removed_on_failure(temp_name: str, target: Path) -> Iterator[None]:
    """Remove the temporary file if the block fails; an ``OSError`` becomes an output error for ``target``."""
    try:
        yield
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise cannot_write(target, exc) from None
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
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise cannot_write(target, exc) from None
    with _removed_on_failure(temp, target):
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            os.fchmod(stream.fileno(), mode)
        os.replace(temp, target)


class StagedFolder:
    """Files for a folder, written first under a staging folder, then moved into place together.

    Where the folder does not exist yet, the staging folder (next to it) becomes it in one
    rename. Where it exists, the staging folder is inside it (hidden) and each file is renamed
    into place; files it replaces are set aside until every rename has succeeded, and put
    back if one fails.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.base = root.resolve()
        self._stage: Path | None = None
        self._files: list[tuple[Path, Path]] = []  # (staged, final)

    def _staging(self) -> Path:
        if self._stage is None:
            try:
                if self.root.is_dir():
                    self._stage = Path(tempfile.mkdtemp(prefix=".blogport-staging-", dir=self.root))
                else:
                    self.root.parent.mkdir(parents=True, exist_ok=True)
                    self._stage = Path(tempfile.mkdtemp(prefix=f".{self.root.name}.", dir=self.root.parent))
            except OSError as exc:
                raise cannot_write(self.root, exc) from None
        return self._stage

    def add(self, target: Path, data: bytes, mode: int) -> None:
        """Stage ``data`` for ``target`` (a path inside the folder, as :class:`OutputFence` gives it)."""
        self.write_staged(target, data, mode)
        self.adopt(target)

    def prepare(self) -> None:
        """Make the staging folder now, so forked workers can stage files into it (:meth:`write_staged`)."""
        self._staging()

    def write_staged(self, target: Path, data: bytes, mode: int) -> None:
        """Write ``data`` into the staging folder for ``target`` without recording it (see :meth:`adopt`).

        A forked worker calls it on its copy of the folder; the process that commits adopts the
        targets the worker names.
        """
        staged = self._staging() / target.relative_to(self.base)
        try:
            staged.parent.mkdir(parents=True, exist_ok=True)
            with open(os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), "wb") as stream:
                stream.write(data)
        except OSError as exc:
            raise cannot_write(target, exc) from None

    def adopt(self, target: Path) -> None:
        """Count ``target``'s file, already written by :meth:`write_staged`, among those to move into place."""
        self._files.append((self._staging() / target.relative_to(self.base), target))

    def commit(self) -> None:
        """Move every staged file into place (all of them, or none on failure)."""
        if self._stage is None:
            return
        if self._stage.parent != self.root:
            try:
                os.chmod(self._stage, 0o777 & ~_umask())
                os.rename(self._stage, self.root)  # fails if the folder appeared meanwhile: nothing replaced
            except OSError as exc:
                raise cannot_write(self.root, exc) from None
            self._stage = None
            return
        aside = self._stage / ".replaced"
        moved: list[tuple[Path, Path | None]] = []  # (final, original set aside)
        try:
            for index, (staged, target) in enumerate(self._files):
                target.parent.mkdir(parents=True, exist_ok=True)
                original = None
                if target.exists():
                    original = aside / str(index)
                    original.parent.mkdir(exist_ok=True)
                    os.rename(target, original)
                moved.append((target, original))
                os.rename(staged, target)
        except OSError as exc:
            for target, original in reversed(moved):
                with contextlib.suppress(OSError):
                    if original is not None:
                        os.replace(original, target)
                    else:
                        os.unlink(target)
            raise cannot_write(target, exc) from None

    def discard(self) -> None:
        """Remove what was staged (after a failure, or once committed)."""
        if self._stage is not None:
            shutil.rmtree(self._stage, ignore_errors=True)
            self._stage = None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def staged_folder(root: Path) -> Iterator[StagedFolder]:
    """Stage files for the folder ``root``; on success they all move into place, on any failure none do."""
    folder = StagedFolder(root)
    try:
        yield folder
        folder.commit()
    finally:
        folder.discard()
