import pytest

from workbooks.common.text import shorten


@pytest.mark.parametrize(
    "text, width, expected",
    [
        ("Temporary Protection Statute", 20, "Temporary…"),  # never "Temporary Protectio…"
        ("short", 20, "short"),
        ("exactly twenty chars", 20, "exactly twenty chars"),
        ("Supercalifragilistic word", 10, "Supercali…"),  # one word longer than the width is cut
        ("a  b\n c", 10, "a b c"),
        ("labour market, inclusion", 15, "labour market…"),  # no dangling comma
    ],
)
def test_shorten_cuts_between_words(text, width, expected):
    assert shorten(text, width) == expected
    assert len(shorten(text, width)) <= width
