"""Text of a PDF, via pypdf.

PDFs wrap lines at the page margin, which splits sentences; a line is joined
to the next only when the sentence plainly continues (the next line starts in
lower case, or this one ends in a word like "of" or "the"), so table rows and
headings stay on their own lines.
"""

from __future__ import annotations

import io
import logging
import re

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

from tapecheck.errors import EmptyInput, InputError
from tapecheck.ingest.pdflayout import page_runs, page_text, running_lines

_CONTINUATION = re.compile(r"(?<=[^\W_]|[,;%)])\n(?=[a-z])")
# A line ending in a word no sentence ends with continues on the next line,
# even when that one starts with a name ("shares of\nToyota fell").
_DANGLING_WORD = re.compile(
    r"\b(of|the|a|an|and|or|to|in|on|at|by|for|with|from|as|while|than|that|its|their|said|says)"
    r"\n(?=[A-Z0-9\"'(])"
)
_HYPHEN_CONTINUATION = re.compile(r"(?<=[^\W\d_])-\n(?=[a-z])")

logging.getLogger("pypdf").setLevel(logging.ERROR)


def extract_pdf(data: bytes, name: str = "document.pdf") -> tuple[str, str | None]:
    """Return (text, title from the document info). Raises InputError for a
    corrupt or password-protected PDF and EmptyInput when no page has text."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not _unlock(reader):
            raise InputError(f"{name} is an encrypted PDF: remove the password (print it to a new PDF) and try again.")
        pages = _pages_text(reader)
        title = _title(reader)
    except InputError:
        raise
    except (FileNotDecryptedError, DependencyError):
        raise InputError(f"{name} is an encrypted PDF: remove the password (print it to a new PDF) and try again.") from None
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            AssertionError, RecursionError, OSError, EOFError, ZeroDivisionError) as error:
        raise InputError(f"{name} is not a readable PDF (corrupt or truncated: {type(error).__name__}).") from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text.strip():
        raise EmptyInput(f"{name} has no text layer: scanned PDF? Run it through OCR first.")
    text = _HYPHEN_CONTINUATION.sub("-", text)
    return _DANGLING_WORD.sub(r"\1 ", _CONTINUATION.sub(" ", text)), title


def _pages_text(reader: PdfReader) -> list[str]:
    """Each page in reading order from its text positions (ingest.pdflayout);
    pypdf's plain extraction where a page yields no positioned runs."""
    runs = [page_runs(page) for page in reader.pages]
    heights = [float(page.mediabox.height) for page in reader.pages]
    running = running_lines(runs, heights)
    texts = []
    for page, page_runs_, height in zip(reader.pages, runs, heights):
        if page_runs_:
            texts.append(page_text(page_runs_, float(page.mediabox.width), height, running))
        else:
            texts.append(page.extract_text() or "")
    return texts


def _unlock(reader: PdfReader) -> bool:
    """Many PDFs are encrypted only against editing: the empty password opens them."""
    try:
        return bool(reader.decrypt(""))
    except (FileNotDecryptedError, DependencyError, PdfReadError, NotImplementedError):
        return False


def _title(reader: PdfReader) -> str | None:
    info = reader.metadata
    title = info.title if info is not None else None
    return " ".join(str(title).split()) or None if title else None
