import codecs

import pytest

from briefing.ingest.decode import NotText, declared_encoding, decode, looks_binary


def test_utf8_and_bom():
    assert decode("Café".encode()) == ("Café", "utf-8")
    assert decode(codecs.BOM_UTF8 + "Café".encode()) == ("Café", "utf-8")


def test_latin1_is_read_not_skipped():
    text, encoding = decode("Le café est très bon, naïve façade.".encode("latin-1"))
    assert text == "Le café est très bon, naïve façade."
    assert encoding == "cp1252"


def test_windows_1252_quotes():
    assert (
        decode("the Premier’s “plan” — done".encode("cp1252"))[0] == "the Premier’s “plan” — done"
    )


def test_declared_encoding_wins_over_guessing():
    html = '<html><head><meta charset="koi8-r"></head><body>Привет</body></html>'
    data = html.encode("koi8-r")
    assert declared_encoding(data) == "koi8-r"
    assert decode(data)[0] == html


def test_utf16_with_bom():
    data = "Hello world".encode("utf-16")
    assert decode(data) == ("Hello world", "utf-16")


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(32)) * 10])
def test_binary_is_refused(data):
    assert looks_binary(data)
    with pytest.raises(NotText):
        decode(data)
