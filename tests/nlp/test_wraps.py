"""A figure pushed onto the next line by a hard wrap is still read with its words."""

from tapecheck.nlp import sentences


def _parts(text):
    return [text[a:b] for a, b in sentences(text)]


def test_a_line_ending_on_an_open_word_continues_into_a_figure(claims_of):
    text = "Kioxia shares are up about\n190% this year, and Advantest gained\n12.5% this week."
    assert len(_parts(text)) == 1
    got = [(c.ticker, c.value, c.qualifier, c.period) for c in claims_of(text)]
    assert got == [("285A.T", 190.0, "approx", "ytd"), ("6857.T", 12.5, "exact", "week")]


def test_a_heading_or_list_before_a_numbered_line_stays_apart():
    assert _parts("Top movers today\n1. Kioxia +5%") == ["Top movers today", "1.", "Kioxia +5%"]
    assert _parts("Tokyo close\n15:31 Nikkei closes +1.5%") == ["Tokyo close", "15:31 Nikkei closes +1.5%"]


def test_a_line_ending_on_a_name_in_capitals_continues_into_lower_case(claims_of):
    text = "Breadth was poor: the TOPIX\ngained a far more modest 2.1% over the week."
    assert [(c.ticker, c.value, c.period) for c in claims_of(text)] == [("^TOPX", 2.1, "week")]
