import codecs

import pytest

from kronika.errors import BinaryInput, EmptyInput, InputTooLarge, NotEnglish, UndecodableInput
from kronika.ingest.text import (
    check_text,
    content_id,
    decode_bytes,
    detect_language,
    normalise_text,
)
from kronika.settings import Settings

ENGLISH = (
    "The harbour authority said on Tuesday that two ferries had been held at the quay "
    "after inspectors found faults in their steering gear, and that sailings would resume "
    "once repairs were certified."
)


def test_decodes_utf8_and_boms() -> None:
    text = "Mitrovica — “quoted” Vučić"
    assert decode_bytes(text.encode("utf-8")) == text
    assert decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8")) == text
    assert decode_bytes(text.encode("utf-16")) == text


def test_decodes_a_legacy_encoding() -> None:
    text = "Café owners in the old town said the façade would be restored. " * 5
    assert decode_bytes(text.encode("cp1252")) == text


def test_declared_charset_wins_over_detection() -> None:
    text = "Šta je rekao ministar o tome? Ništa posebno, rekao je čovjek. " * 3
    assert decode_bytes(text.encode("cp1250"), declared="cp1250") == text


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"hello\x00world\x00" * 10, "NUL"),
        (bytes(range(1, 9)) * 40, "control"),
    ],
)
def test_binary_is_refused(data: bytes, what: str) -> None:
    with pytest.raises(BinaryInput, match=what):
        decode_bytes(data)


def test_undecodable_bytes_are_refused() -> None:
    noise = bytes((i * 73 + 129) % 128 + 128 for i in range(4000))
    with pytest.raises(UndecodableInput):
        decode_bytes(noise)


def test_normalise_repairs_mojibake_and_line_ends() -> None:
    broken = "Vu\u00c4\u008di\u00c4\u0087 said\r\n\r\n\r\n\r\nnothing   \r\n"
    assert normalise_text(broken) == "Vučić said\n\nnothing"


def test_normalise_composes_unicode() -> None:
    decomposed = "Zvec\u030can"
    assert normalise_text(decomposed) == "Zvečan"


def test_content_id_is_stable_and_content_based() -> None:
    assert content_id("abc") == content_id("abc")
    assert content_id("abc") != content_id("abd")
    assert len(content_id("abc")) == 16


def test_check_text_accepts_english() -> None:
    check_text(ENGLISH, Settings())
    assert detect_language(ENGLISH)[0] == "en"


def test_check_text_refuses_empty_and_large() -> None:
    with pytest.raises(EmptyInput):
        check_text("   \n  ", Settings())
    with pytest.raises(InputTooLarge, match="cap"):
        check_text(ENGLISH * 10, Settings(max_chars=200))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Vlada je u utorak saopštila da će novi zakon o prevozu stupiti na snagu "
            "početkom sledeće godine, a ministar je rekao da su pregovori završeni.",
            "sr",
        ),
        (
            "Die Regierung teilte am Dienstag mit, dass das neue Verkehrsgesetz Anfang "
            "nächsten Jahres in Kraft treten werde und die Verhandlungen abgeschlossen seien.",
            "de",
        ),
    ],
)
def test_check_text_refuses_other_languages(text: str, lang: str) -> None:
    with pytest.raises(NotEnglish, match=repr(lang)):
        check_text(text, Settings())
    check_text(text, Settings(languages=("en", lang)))
