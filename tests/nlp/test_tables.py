"""Table columns as the spec: each cell is read as its own column header says."""

from tapecheck.nlp.tables import column


def moves(claims):
    return {(c.ticker, c.value): (c.period, c.period_source) for c in claims if c.metric == "price_return"}


def test_column_headers_name_periods_and_units():
    assert (column("1-day").period, column("WTD").period, column("MTD").period) == ("1d", "week", "month")
    assert (column("YTD 2026").period, column("12M").period, column("Day").period) == ("ytd:2026", "1y", "1d")
    assert (column("Chg%").kind, column("Close").kind, column("Last").kind) == ("pct", "level", "level")
    assert column("Sector").kind == "text" and column("Sector").period is None


def test_markdown_table_binds_each_cell_to_its_column(claims_of):
    text = ("Chip stocks this week\n\n| Name | Ticker | 1D | WTD | YTD |\n|---|---|---|---|---|\n"
            "| Nvidia | NVDA | +1.1% | -4.0% | +22.5% |\n| Micron | MU | -2.3% | +0.8% | +41.0% |\n")
    assert moves(claims_of(text)) == {
        ("NVDA", 1.1): ("1d", "table_header"), ("NVDA", -4.0): ("week", "table_header"),
        ("NVDA", 22.5): ("ytd", "table_header"), ("MU", -2.3): ("1d", "table_header"),
        ("MU", 0.8): ("week", "table_header"), ("MU", 41.0): ("ytd", "table_header")}


def test_table_row_names_the_company_not_its_code(claims_of):
    text = "| Stock | Code | 1D |\n|---|---|---|\n| Toyota | 7203.T | +1.9% |\n"
    (c,) = [c for c in claims_of(text) if c.metric == "price_return"]
    assert c.ticker == "7203.T" and c.entity != "7203.T"


def test_space_aligned_quote_board_reads_the_percent_column_only(claims_of):
    text = ("Tokyo movers at the close\n\n"
            "Stock              Last     Chg    Chg %\n"
            "Tokyo Electron   31,450    +820    +2.68\n"
            "Toyota            2,911     -41    -1.39\n")
    # 'Last' is a price and 'Chg' a yen change: neither is a percent move
    assert moves(claims_of(text)) == {("8035.T", 2.68): ("1d", "table_header"),
                                      ("7203.T", -1.39): ("1d", "table_header")}


def test_space_aligned_table_with_two_period_columns(claims_of):
    text = "Stock            1-day     YTD\nAdvantest        -2.2%   +18.0%\nNvidia           +0.7%    -5.5%\n"
    assert moves(claims_of(text)) == {("6857.T", -2.2): ("1d", "table_header"), ("6857.T", 18.0): ("ytd", "table_header"),
                                      ("NVDA", 0.7): ("1d", "table_header"), ("NVDA", -5.5): ("ytd", "table_header")}


def test_prose_with_double_spaces_is_not_a_table(claims_of):
    c = [c for c in claims_of("Toyota rose 2% today.  Sony fell 1% this week.") if c.metric == "price_return"]
    assert {(x.ticker, x.period) for x in c} == {("7203.T", "1d"), ("6758.T", "week")}


def test_a_row_with_its_own_period_does_not_change_the_header_for_later_rows(claims_of):
    text = ("Table. Movers (YTD 2026)\n"
            "Stock              Change (YTD 2026)   Why\n"
            "Advantest          ~60%                Test demand\n"
            "Topix              ++% (for the week)  Broad buying\n"
            "Nvidia             ~15%                Data centres\n")
    assert {(c.ticker, c.period) for c in claims_of(text) if c.metric == "price_return"} == {
        ("6857.T", "ytd:2026"), ("NVDA", "ytd:2026")}


def test_over_the_same_week(claims_of):
    claims = claims_of("Sony rose 3% over the week. Over the same week the Nasdaq fell 2%.")
    assert [c.period for c in claims if c.metric == "price_return"] == ["week", "week"]


def test_prose_figure_takes_the_period_its_security_has_in_a_table_row(claims_of):
    text = ("Scorecard\n"
            "Nikkei 225     >>% (for the week)\n"
            "S&P 500        -2.0% (YTD)\n\n"
            "The Nikkei rose 6% while the S&P 500 fell 2%.")
    prose = {(c.ticker, c.period) for c in claims_of(text) if c.metric == "price_return" and c.value in (6, -2)
             and c.sentence.startswith("The Nikkei")}
    assert prose == {("^N225", "week"), ("^GSPC", "ytd")}


def test_tab_separated_and_borderless_pipe_tables(claims_of):
    tabbed = "Stock\tClose\tChg%\nToyota\t2,911\t-1.39\nSony\t3,400\t+0.88\n"
    assert moves(claims_of(tabbed)) == {("7203.T", -1.39): ("1d", "table_header"),
                                        ("6758.T", 0.88): ("1d", "table_header")}
    borderless = "Name | 1W | 1M\n--- | --- | ---\nNvidia | +3.1% | -7.2%\n"
    assert moves(claims_of(borderless)) == {("NVDA", 3.1): ("week", "table_header"),
                                            ("NVDA", -7.2): ("1m", "table_header")}


def closes(claims):
    return {(c.ticker, c.metric, c.value): c.period for c in claims if c.metric in ("level", "points")}


def test_a_dated_quote_board_states_closes_and_point_changes(claims_of):
    text = ("Tokyo movers at the close\n\n"
            "Stock              Last     Chg    Chg %\n"
            "Tokyo Electron   31,450    +820    +2.68\n"
            "Toyota            2,911     -41    -1.39\n")
    assert closes(claims_of(text)) == {
        ("8035.T", "level", 31450.0): "1d", ("8035.T", "points", 820.0): "1d",
        ("7203.T", "level", 2911.0): "1d", ("7203.T", "points", -41.0): "1d"}


def test_a_close_column_with_a_date_is_that_days_close(claims_of):
    text = ("| Stock | Close (13 Feb) | YTD % |\n|---|---|---|\n| Advantest | 24,150 | +31.2% |\n")
    assert closes(claims_of(text)) == {("6857.T", "level", 24150.0): "day:2026-02-13"}


def test_an_undated_price_list_is_not_a_set_of_claims(claims_of):
    text = ("Reference prices\n\n| Stock | Price |\n|---|---|\n| Sony | 3,420 |\n| Nintendo | 11,050 |\n")
    assert closes(claims_of(text)) == {}


def test_forecast_and_valuation_columns_are_not_moves(claims_of):
    text = ("Our picks this week\n\n| Stock | 1W | Target | Upside % | Div yield % |\n|---|---|---|---|---|\n"
            "| Hitachi | +2.1% | 5,200 | 18.5% | 1.2% |\n")
    claims = claims_of(text)
    assert [(c.ticker, c.metric, c.value, c.period) for c in claims] == [("6501.T", "price_return", 2.1, "week")]


def test_a_month_column_is_that_months_move(claims_of):
    text = ("| Stock | October % |\n|---|---|\n| Renesas | -6.4% |\n")
    assert moves(claims_of(text)) == {("6723.T", -6.4): ("month:10", "table_header")}


def test_a_ruled_performance_table_with_a_trailing_3m_column(claims_of):
    text = ("Table 2: Price performance (%)\n\n"
            "  Security               Close      1M       3M      YTD       1Y\n"
            "  ----------------------------------------------------------------\n"
            "  Advantest             28,260    +39.0    +10.8    +43.9   +382.0\n"
            "  Kioxia Holdings       37,560    +96.9    +75.8   +259.9  +1924.8(3)\n")
    got = {(c.ticker, c.metric, c.value): c.period for c in claims_of(text)}
    assert got[("6857.T", "level", 28260.0)] == "1d"
    assert got[("6857.T", "price_return", 39.0)] == "1m"        # the trailing month up to the close
    assert got[("6857.T", "price_return", 10.8)] == "3m"        # the trailing three months
    assert got[("285A.T", "price_return", 1924.8)] == "1y"      # a footnote mark after the figure


def test_trailing_month_columns_and_a_note_naming_the_month(claims_of):
    assert [column(h).period for h in ("1M", "3M", "6 months", "12M", "3Y")] == ["1m", "3m", "6m", "1y", "none"]
    text = ("Name         Code     Close(2)      1M       3M      YTD\n"
            "-------------------------------------------------------\n"
            "Advantest    6857       28,260    +39.0    +10.8    +43.9\n"
            "-------------------------------------------------------\n"
            "(1) Price return. 1M is April (from the 31 March close).\n")
    got = {(c.ticker, c.value): c.period for c in claims_of(text) if c.metric == "price_return"}
    assert got == {("6857.T", 39.0): "month:04", ("6857.T", 10.8): "3m", ("6857.T", 43.9): "ytd"}
    noted = text.replace("(from the 31 March close)", "(from the 31 March close to the 30 April 2026 close)")
    got = {(c.ticker, c.value): c.period for c in claims_of(noted) if c.metric == "price_return"}
    assert got[("6857.T", 39.0)] == "month:2026-04"


def test_quarter_and_half_columns_with_their_year(claims_of):
    assert [column(h).period for h in ("Q2 2025 %", "2Q25", "H1 2025", "1H25", "Q2 %")] == [
        "quarter:2025-Q2", "quarter:2025-Q2", "half:2025-H1", "half:2025-H1", None]
    text = "| Stock | Q2 2025 (%) | H1 2025 (%) |\n|---|---|---|\n| Advantest | +64.6 | +20.1 |\n"
    got = {(c.ticker, c.value): c.period for c in claims_of(text) if c.metric == "price_return"}
    assert got == {("6857.T", 64.6): "quarter:2025-Q2", ("6857.T", 20.1): "half:2025-H1"}
    # the year in a header cell written with its unit is the column's year, not a 2,025% move
    text = "| Stock | Q2 2025 % | YTD 2026 % |\n|---|---|---|\n| Advantest | +64.6 | +20.1 |\n"
    got = {(c.ticker, c.value): c.period for c in claims_of(text) if c.metric == "price_return"}
    assert got == {("6857.T", 64.6): "quarter:2025-Q2", ("6857.T", 20.1): "ytd:2026"}
