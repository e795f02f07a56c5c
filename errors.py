"""Every error a user can see, in one place, each saying what to do.

The CLI prints ``str(error)`` as one line and exits non-zero; the app shows it
in an error box. Nothing else should reach a user as a traceback.
"""

from __future__ import annotations


class TapecheckError(Exception):
    """Base class: a problem the user can act on."""

    exit_code = 1


class InputError(TapecheckError):
    """The article (file, text, URL) cannot be read as an article."""

    exit_code = 2


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class TooLarge(InputError):
    pass


class UnsupportedFormat(InputError):
    pass


class FetchError(InputError):
    """A URL or feed could not be fetched (refused, timed out, bad status)."""


class UnsafeURL(FetchError):
    """A URL points somewhere tapecheck refuses to go (private network, bad scheme)."""


class PriceError(TapecheckError):
    """Prices could not be had (no data, rate limited, offline)."""


class RateLimited(PriceError):
    pass


class PriceImportError(TapecheckError):
    """A price CSV is missing a column or holds something that is not a price."""

    exit_code = 2


class NotFound(TapecheckError):
    """An article, claim, security or theme id that the database does not hold."""

    exit_code = 3


class ConfigError(TapecheckError):
    """A data file (registry, vocabulary, themes) is malformed."""
