"""kronika's exception tree. Catch ``KronikaError`` to catch them all.

    KronikaError
    ├── InputError              an input cannot become a document (the batch goes on)
    │   ├── NoSuchInput
    │   ├── EmptyInput
    │   ├── BinaryInput
    │   ├── InputTooLarge
    │   ├── UndecodableInput
    │   ├── NotEnglish
    │   ├── NoArticleText       HTML with no extractable main text
    │   └── FeedError
    ├── FetchError              a URL could not be fetched
    │   └── BlockedAddress      SSRF guard: private / loopback / link-local target
    ├── ModelNotFound           the configured spaCy pipeline is not installed
    ├── NotFound                no such document (or other record) in the store
    └── StoreError              the database cannot be opened or migrated

Each class carries the CLI exit code and HTTP status it maps to, so the
interfaces translate errors in one place each.
"""

from __future__ import annotations


class KronikaError(Exception):
    """Base of every error kronika raises on purpose."""

    exit_code = 1
    http_status = 500
    reason = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(KronikaError):
    """An input cannot be turned into a document."""

    exit_code = 2
    http_status = 422
    reason = "bad input"


class NoSuchInput(InputError):
    """A named file or folder does not exist."""

    reason = "not found"


class EmptyInput(InputError):
    """The input holds no text (or only whitespace)."""

    reason = "empty"


class BinaryInput(InputError):
    """The input is binary data, not text or HTML."""

    reason = "binary"


class InputTooLarge(InputError):
    """The input is over the configured size cap."""

    http_status = 413
    reason = "too large"


class UndecodableInput(InputError):
    """The bytes could not be decoded as text in any plausible encoding."""

    reason = "undecodable"


class NotEnglish(InputError):
    """Language identification says the text is not English."""

    reason = "not English"


class NoArticleText(InputError):
    """HTML from which no main article text could be extracted."""

    reason = "no article text"


class FeedError(InputError):
    """An RSS/Atom feed that cannot be parsed or has no items."""

    reason = "bad feed"


class FetchError(KronikaError):
    """A URL could not be fetched (network, status, size, redirects)."""

    exit_code = 3
    http_status = 502
    reason = "fetch failed"


class BlockedAddress(FetchError):
    """The URL resolves to a private, loopback or link-local address."""

    http_status = 403
    reason = "blocked address"


class ModelNotFound(KronikaError):
    """The configured spaCy pipeline is not installed."""

    exit_code = 4
    reason = "model not found"


class NotFound(KronikaError):
    """No record with that id in the store."""

    exit_code = 5
    http_status = 404
    reason = "not found"


class StoreError(KronikaError):
    """The database cannot be opened, migrated or written."""

    exit_code = 6
    reason = "store error"
