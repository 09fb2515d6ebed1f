"""User-facing errors. `api/errors.py` alone maps them to HTTP statuses.

RagError
 ├── InputError                 bad input from a user: 4xx / CLI exit 1 with one line
 │    ├── SourceParseError      a file that cannot be parsed (format, encoding, structure)
 │    ├── UnsafeInputError      hostile or oversized input (XML entities, zip bombs, size, path)
 │    ├── NotFoundError         an unknown document, job or user
 │    └── PersonalInfoError     a question that looks like it holds 個人情報 (not confirmed)
 ├── AuthenticationError        no, a wrong or a revoked credential (HTTP 401)
 ├── PermissionDeniedError      authenticated, but the role or department does not allow it (403)
 ├── RateLimitedError           too many requests from one key, session or address (429)
 ├── IndexNotReadyError         the store is empty or locked by another process
 ├── BackendUnavailableError    Qdrant server, embedding model or LLM cannot be reached
 ├── StorageFullError           the data dir is (nearly) full: writes refused (HTTP 507)
 ├── DataDirError               the data dir is missing, not a folder or not writable
 │    └── DataDirInUseError     another chonai process holds the data dir's lock
 └── NoAnswerError              evidence too weak to answer (abstention)
"""

from __future__ import annotations


class RagError(Exception):
    """Base of every error chonai reports to a person; `str(err)` is one line."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(RagError):
    pass


class SourceParseError(InputError):
    pass


class UnsafeInputError(InputError):
    pass


class NotFoundError(InputError):
    pass


class PersonalInfoError(InputError):
    """`details` lists the findings (kind and offsets, never the values)."""

    def __init__(self, message: str, *, details: list[dict[str, object]]) -> None:
        super().__init__(message)
        self.details = details


class AuthenticationError(RagError):
    pass


class PermissionDeniedError(RagError):
    pass


class RateLimitedError(RagError):
    """`retry_after_s`: seconds until the caller's bucket holds a token again."""

    def __init__(self, message: str, *, retry_after_s: float) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class IndexNotReadyError(RagError):
    pass


class BackendUnavailableError(RagError):
    pass


class StorageFullError(RagError):
    pass


class NoAnswerError(RagError):
    pass


class DataDirError(RagError):
    pass


class DataDirInUseError(DataDirError):
    """`owner`: the holder as recorded in the data dir (core.datadir.Owner), if known."""

    def __init__(self, message: str, *, owner: object = None) -> None:
        super().__init__(message)
        self.owner = owner
