"""Errors blogport raises on purpose: each carries one clear line for the user."""

from __future__ import annotations


class BlogportError(Exception):
    """Base of every error blogport reports to the user instead of a traceback."""

    exit_code = 1


class InputError(BlogportError):
    """The input cannot be read: missing, empty, binary, truncated, unsafe or not a blog export."""

    exit_code = 3

    def __init__(
        self, message: str, path: str | None = None, line: int | None = None, column: int | None = None
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.message}" if where else self.message


class UsageError(BlogportError):
    """The request does not fit the input (for example several blogs and no ``--blog``)."""

    exit_code = 2


class OutputError(BlogportError):
    """The output cannot be written (exists without ``--force``, unwritable folder, ...)."""

    exit_code = 4


# Exit codes that belong to no error type: the outcomes of the commands that run many items.
EXIT_OK = 0  # done; with batch and media, also when every failed item is recorded
EXIT_FAILURES = 3  # --strict and at least one item (blog, image) failed
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), what a shell reports for it
EXIT_INTERNAL = 1  # a bug of blogport's own, reported as "internal error" with where to send it
