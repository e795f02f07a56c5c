"""The tolerance rule at its edges: the figure's rounding, the qualifier, the slack."""

import pytest

from tapecheck.correlate.tolerance import band, judge


def verdict(value, actual, qualifier="exact", precision=1.0, metric="price_return"):
    return judge(band(metric, value, precision, qualifier), actual, metric)


@pytest.mark.parametrize("actual, expected", [
    (4.5, "supported"), (5.49, "supported"), (4.96, "supported"),
    (4.3, "exaggerated"), (5.8, "understated"), (-4.96, "wrong_direction"),
])
def test_five_percent_means_what_rounds_to_five(actual, expected):
    assert verdict(5, actual) == expected


def test_data_slack_is_small():
    # 5% allows [4.5, 5.5] plus 0.05 + 0.5% of 5 = 0.075 pp.
    assert verdict(5, 4.43) == "supported"
    assert verdict(5, 4.41) == "exaggerated"
    assert verdict(5, 5.57) == "supported"
    assert verdict(5, 5.59) == "understated"


def test_one_decimal_figure_is_tight():
    b = band("price_return", -1.4, 0.1, "exact")
    low, high = b.signed()
    assert low == pytest.approx(-1.45 - 0.057)
    assert high == pytest.approx(-1.35 + 0.057)
    assert verdict(-1.4, -1.39, precision=0.1) == "supported"
    assert verdict(-1.4, -0.14, precision=0.1) == "exaggerated"
    assert verdict(-1.4, -1.6, precision=0.1) == "understated"


def test_about_allows_ten_percent_of_the_figure():
    assert verdict(120, 118.9, "approx", 10) == "supported"
    assert verdict(120, 108.0, "approx", 10) == "supported"
    assert verdict(120, 106.0, "approx", 10) == "exaggerated"
    assert verdict(120, 134.0, "approx", 10) == "understated"


def test_more_than_needs_the_figure_and_has_no_ceiling():
    assert verdict(60, 70.6, "more_than", 10) == "supported"
    assert verdict(60, 400.0, "more_than", 10) == "supported"
    assert verdict(60, 59.0, "more_than", 10) == "exaggerated"
    assert verdict(-10, -16.97, "at_least") == "supported"


def test_less_than_and_up_to_cap_the_move():
    assert verdict(1, 0.6, "less_than") == "supported"
    assert verdict(1, 1.3, "less_than") == "understated"
    assert verdict(1, -0.5, "less_than") == "wrong_direction"
    assert verdict(10, 10.4, "up_to") == "supported"


def test_nearly_is_just_below():
    assert verdict(100, 92.0, "nearly") == "supported"   # "nearly doubled"
    assert verdict(100, 85.0, "nearly") == "exaggerated"
    assert verdict(100, 104.0, "nearly") == "understated"


def test_much_more_means_well_above():
    assert verdict(50, 51.2, "much_more") == "exaggerated"
    assert verdict(50, 75.0, "much_more") == "supported"


def test_flat_and_outperformed():
    assert verdict(0, -0.02, precision=0.1) == "supported"
    assert verdict(0, 2.0, precision=0.1) == "understated"
    # "outperformed": relative, value 0, more than.
    assert verdict(0, 0.4, "more_than", metric="relative") == "supported"
    assert verdict(0, -0.4, "more_than", metric="relative") == "wrong_direction"


def test_levels_allow_one_percent_when_approximate():
    assert verdict(57000, 56941.97, "approx", 1000, metric="level") == "supported"
    assert verdict(57000, 55500.0, "approx", 1000, metric="level") == "exaggerated"
    assert verdict(57000, 56941.97, "more_than", 1000, metric="level") == "exaggerated"
