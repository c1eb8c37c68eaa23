"""The site is built in a staging folder and moved into place only when it is whole.

Rules:

* the staging folder is a hidden ``.SITE.<random>.part`` beside ``SITE`` (the way ``output.py``
  places its temporary files): on the same file system, so moving is a rename;
* a new ``SITE`` is the staging folder renamed in one step: a failure or Ctrl-C leaves nothing;
* into an existing ``SITE`` (a re-run), files with the same bytes are left alone, files that
  differ (edited, or from another input) are replaced only with ``force``: every conflict is
  reported before anything moves; then each file is moved in with one atomic rename;
* nothing is written outside ``SITE`` (symbolic links included): the Markdown writer's fence;
* the staging folder is removed whatever happens.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from ...errors import OutputError
from ...output import OutputFence as Fence
from ...output import conflicts_error, file_mode, same_bytes


class Staging:
    """A staging folder for the site at ``root``; use as a context manager, then :meth:`commit`."""

    def __init__(self, root: Path, force: bool) -> None:
        self.root = root
        self.force = force
        if root.exists() and not root.is_dir():
            raise OutputError(f"{root}: exists and is not a folder (HTML output is a site folder)")
        try:
            root.parent.mkdir(parents=True, exist_ok=True)
            self.folder = Path(tempfile.mkdtemp(prefix=f".{root.name}.", suffix=".part", dir=root.parent))
        except OSError as exc:
            raise OutputError(f"{root}: cannot write ({exc.strerror})") from None
        self._folders: set[str] = set()

    def __enter__(self) -> Staging:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def write(self, relative: str, text: str) -> None:
        """Write one file of the site (``relative`` uses ``/``) into the staging folder."""
        write_into(self.folder, relative, text, self._folders)

    def copy(self, relative: str, source: Path) -> None:
        """Copy the file ``source`` into the site at ``relative`` (an image of ``--media``)."""
        write_into(self.folder, relative, "", self._folders)
        shutil.copyfile(source, self.folder / relative)

    def commit(self) -> list[Path]:
        """Move the staged site into place (see the module rules); returns the files written."""
        mode = file_mode()
        os.chmod(self.folder, mode | (mode & 0o444) >> 2)  # a folder's usual mode: searchable where readable
        if not self.root.exists():
            try:
                os.rename(self.folder, self.root)
            except OSError as exc:
                raise OutputError(f"{self.root}: cannot write ({exc.strerror})") from None
            return sorted(path for path in self.root.rglob("*") if path.is_file())
        fence = Fence(self.root)
        moves: list[tuple[Path, Path]] = []
        conflicts: list[str] = []
        for staged, relative in _files(self.folder):
            target = fence.target(relative)
            if target.exists():
                if target.is_dir():
                    raise OutputError(f"{target}: is a folder, expected a file")
                if same_bytes(target, staged):
                    continue
                if not self.force:
                    conflicts.append(relative)
                    continue
            moves.append((staged, target))
        if conflicts:
            raise conflicts_error(self.root, conflicts)
        for staged, target in moves:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
        return [target for _, target in moves]


def write_into(folder: Path, relative: str, text: str, made: set[str]) -> None:
    """Write ``text`` at ``folder/relative``, creating sub-folders once (``made`` remembers them)."""
    parent, _, _ = relative.rpartition("/")
    if parent and parent not in made:
        (folder / parent).mkdir(parents=True, exist_ok=True)
        made.add(parent)
    with open(folder / relative, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)


def _files(folder: Path) -> Iterator[tuple[Path, str]]:
    for directory, _, names in sorted(os.walk(folder)):
        base = Path(directory)
        prefix = base.relative_to(folder).as_posix()
        for name in sorted(names):
            yield base / name, (name if prefix == "." else f"{prefix}/{name}")
