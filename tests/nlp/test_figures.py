"""Figures as written -> value, sign, qualifier and precision."""

import pytest

from tapecheck.nlp.figures import find_figures, precision_of


def one(text):
    figs = find_figures(text)
    assert len(figs) == 1, figs
    return figs[0]


@pytest.mark.parametrize("text, value, qualifier, precision", [
    ("5%", 5.0, None, 1.0),
    ("+5%", 5.0, None, 1.0),
    ("-1.4%", -1.4, None, 0.1),
    ("~120%", 120.0, "approx", 10.0),
    (">60%", 60.0, "more_than", 1.0),
    ("1,000%", 1000.0, None, 100.0),
    ("1.63 pct", 1.63, None, 0.01),
    ("5 per cent", 5.0, None, 1.0),
    ("5 percent", 5.0, None, 1.0),
    ("1.4 %", 1.4, None, 0.1),
    ("a 10-15% rise", 12.5, "approx", 5.0),
])
def test_percent_forms(text, value, qualifier, precision):
    f = one(text)
    assert (f.kind, f.value, f.qualifier, f.precision) == ("pct", value, qualifier, precision)


def test_much_more_without_digits_is_kept_without_a_value():
    f = one("Nikkei 225 >>% (for the week)")
    assert (f.kind, f.value, f.qualifier) == ("nofig", None, "much_more")


@pytest.mark.parametrize("word, value", [("doubled", 100), ("tripled", 200), ("halved", -50),
                                         ("tenfold", 900), ("quadrupled", 300)])
def test_multiples_are_percent_moves(word, value):
    f = one(f"the stock {word}")
    assert (f.kind, f.value) == ("mult", value)


def test_an_index_name_is_not_a_minus_sign():
    assert [f.value for f in find_figures("S&P 500 -1.4% Monetary restriction")] == [-1.4]


def test_level_points_and_percent_in_one_sentence():
    figs = find_figures("The Nikkei closed at 51,117.26, down 844.72 points, or 1.63 pct.")
    assert [(f.kind, f.value) for f in figs] == [("level", 51117.26), ("points", 844.72), ("pct", 1.63)]


def test_a_year_is_not_a_level():
    assert find_figures("Toyota rose in 2025") == []


@pytest.mark.parametrize("number, step", [("5", 1.0), ("1.4", 0.1), ("1.63", 0.01), ("120", 10.0),
                                          ("1000", 100.0), ("51,117.26", 0.01), ("40,000", 1000.0)])
def test_precision_is_the_rounding_step_as_written(number, step):
    assert precision_of(number) == step


@pytest.mark.parametrize("text, value", [("lost a fifth of its value", 20.0), ("have fallen by a third", 33.33),
                                         ("shed more than half its market value", 50.0)])
def test_fractions_of_value_are_percent_moves(text, value):
    f = one(text)
    assert (f.kind, f.value, f.precision) == ("pct", value, 5.0)
