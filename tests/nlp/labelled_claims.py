"""A labelled set of our own market sentences and the claims an analyst would
write down for each: (ticker, metric, value, qualifier, period, forward).

Written for this project (Japanese, US and European market styles); the
articles are taken as published on Friday 2026-02-20 unless a case says
otherwise. An empty claim list means: nothing here is a price claim.
Used by tests/nlp/test_labelled.py and bench/claims_bench.py.
"""

from __future__ import annotations

PUBLISHED = "2026-02-20"
P, LVL, PTS, REC, REL = "price_return", "level", "points", "record_high", "relative"


def pr(ticker, value, qualifier="exact", period="1d", forward=False):
    return (ticker, P, value, qualifier, period, forward)


def lvl(ticker, value, period="1d", qualifier="exact"):
    return (ticker, LVL, value, qualifier, period, False)


def pts(ticker, value, period="1d", qualifier="exact"):
    return (ticker, PTS, value, qualifier, period, False)


def rec(ticker, period="1d", forward=False):
    return (ticker, REC, None, "exact", period, forward)


def rel(ticker, value, qualifier="exact", period="1d"):
    return (ticker, REL, value, qualifier, period, False)


CASES: list[tuple[str, list[tuple]]] = [
    # --- percent forms and sign words -------------------------------------------------
    ("Toyota shares fell 3.2% on Tuesday.", [pr("7203.T", -3.2, period="day:tue")]),
    ("Advantest jumped 7% in Tokyo trading.", [pr("6857.T", 7)]),
    ("Tokyo Electron gained 4.5% on the day.", [pr("8035.T", 4.5)]),
    ("Sony slid 2.1 percent after the results.", [pr("6758.T", -2.1)]),
    ("Nintendo dropped 5 per cent this week.", [pr("7974.T", -5, period="week")]),
    ("Honda rallied 1.63 pct on Monday.", [pr("7267.T", 1.63, period="day:mon")]),
    ("Nvidia surged 8.6% overnight.", [pr("NVDA", 8.6)]),
    ("Micron climbed 3% on Wednesday.", [pr("MU", 3, period="day:wed")]),
    ("Shares in Fast Retailing added 1.2% today.", [pr("9983.T", 1.2)]),
    ("Hitachi advanced 2% in afternoon trade.", [pr("6501.T", 2)]),
    ("SoftBank Group soared 11% on Thursday.", [pr("9984.T", 11, period="day:thu")]),
    ("Lasertec plunged 14% after a weak outlook.", [pr("6920.T", -14)]),
    ("Disco tumbled 6.3% in early trading.", [pr("6146.T", -6.3)]),
    ("Renesas eased 0.8% on the session.", [pr("6723.T", -0.8)]),
    ("Daikin slipped 1.1% on Friday.", [pr("6367.T", -1.1, period="day:fri")]),
    ("Kioxia sank 9% this week.", [pr("285A.T", -9, period="week")]),
    ("Mizuho lost 2.4% on Tuesday.", [pr("8411.T", -2.4, period="day:tue")]),
    ("Nissan declined 3% on the day.", [pr("7201.T", -3)]),
    ("Shiseido was down 4% by the close.", [pr("4911.T", -4)]),
    ("Mitsubishi UFJ was up 1.5% at the close.", [pr("8306.T", 1.5)]),
    ("Tesla stock rose +5% on Monday.", [pr("TSLA", 5, period="day:mon")]),
    ("Meta Platforms closed -1.4% on Thursday.", [pr("META", -1.4, period="day:thu")]),
    ("Alphabet has risen 40% since its low in April.", [pr("GOOGL", 40, period="since_event")]),
    ("Rheinmetall shares rocketed 12 percent on Monday.", [pr("RHM.DE", 12, period="day:mon")]),
    ("SAP fell 4 per cent in Frankfurt trading.", [pr("SAP.DE", -4)]),
    ("BAE Systems gained 3.5 per cent on Tuesday in London.", [pr("BA.L", 3.5, period="day:tue")]),
    ("LVMH shed 2.2% in Paris trading.", [pr("MC.PA", -2.2)]),
    ("Novo Nordisk tanked 17% this week.", [pr("NOVO-B.CO", -17, period="week")]),
    ("HSBC edged up 0.4% on the day.", [pr("HSBA.L", 0.4)]),
    ("Samsung Electronics retreated 2% on Wednesday.", [pr("005930.KS", -2, period="day:wed")]),
    ("SK Hynix rebounded 6% on Friday.", [pr("000660.KS", 6, period="day:fri")]),
    ("Tencent dipped 1.7% in Hong Kong trading.", [pr("0700.HK", -1.7)]),
    ("Alibaba spiked 9% after the earnings call.", [pr("BABA", 9)]),
    ("Goldman Sachs slumped 5% on Tuesday.", [pr("GS", -5, period="day:tue")]),

    # --- qualifiers -------------------------------------------------------------------------
    ("Toyota rose about 2% on Monday.", [pr("7203.T", 2, "approx", "day:mon")]),
    ("The Topix has gained about 8% since the start of the year.", [pr("^TOPX", 8, "approx", "ytd")]),
    ("Advantest jumped more than 10% this week.", [pr("6857.T", 10, "more_than", "week")]),
    ("Tokyo Electron has nearly doubled over the past 12 months.", [pr("8035.T", 100, "nearly", "1y")]),
    ("Sony gained around 3% on Tuesday.", [pr("6758.T", 3, "approx", "day:tue")]),
    ("Nintendo fell roughly 6% this month.", [pr("7974.T", -6, "approx", "month")]),
    ("SoftBank Group added some 4% this week.", [pr("9984.T", 4, "approx", "week")]),
    ("Kioxia shares are up ~120% year to date.", [pr("285A.T", 120, "approx", "ytd")]),
    ("Lasertec is down almost 20% this year.", [pr("6920.T", -20, "nearly", "ytd")]),
    ("Hitachi rose over 5% this week.", [pr("6501.T", 5, "more_than", "week")]),
    ("Disco climbed above 7% intraday.", [pr("6146.T", 7, "more_than")]),
    ("Kawasaki Heavy is up >60% so far this year.", [pr("7012.T", 60, "more_than", "ytd")]),
    ("Mitsubishi Heavy has risen at least 40% since the start of the year.", [pr("7011.T", 40, "at_least", "ytd")]),
    ("Renesas fell less than 1% on Thursday.", [pr("6723.T", -1, "less_than", "day:thu")]),
    ("Fast Retailing slipped under 2% on the day.", [pr("9983.T", -2, "less_than")]),
    ("Nvidia jumped as much as 9% intraday.", [pr("NVDA", 9, "up_to")]),
    ("Micron rose up to 6% in early trade.", [pr("MU", 6, "up_to")]),
    ("The Nikkei 225 is up >>% this week.", [pr("^N225", None, "much_more", "week")]),
    ("IHI shares gained well over 50% in 2025.", [pr("7013.T", 50, "much_more", "year:2025")]),
    ("Shin-Etsu gained approximately 3.5% on Monday.", [pr("4063.T", 3.5, "approx", "day:mon")]),
    ("The DAX fell close to 2% on Friday.", [pr("^GDAXI", -2, "nearly", "day:fri")]),
    ("The FTSE 100 rose more than 1% on Tuesday.", [pr("^FTSE", 1, "more_than", "day:tue")]),
    ("The CAC 40 lost nearly 3% this week.", [pr("^FCHI", -3, "nearly", "week")]),

    # --- multiples ----------------------------------------------------------------------------
    ("Kioxia has doubled since its December listing.", [pr("285A.T", 100, period="since_event")]),
    ("JX Advanced Metals tripled in 2025.", [pr("5016.T", 200, period="year:2025")]),
    ("Lasertec has halved over the past year.", [pr("6920.T", -50, period="1y")]),
    ("SoftBank Group has risen tenfold over the past year.", [pr("9984.T", 900, period="1y")]),
    ("Sumitomo Metal Mining more than doubled in 2025.", [pr("5713.T", 100, "more_than", "year:2025")]),
    ("Nvidia shares have nearly tripled over the past 12 months.", [pr("NVDA", 200, "nearly", "1y")]),

    # --- periods ----------------------------------------------------------------------------------
    ("The Nikkei rose 2% for the week.", [pr("^N225", 2, period="week")]),
    ("The Topix fell 1.2% last week.", [pr("^TOPX", -1.2, period="last_week")]),
    ("The S&P 500 gained 2.7% in January.", [pr("^GSPC", 2.7, period="month:2026-01")]),
    ("The Nasdaq Composite fell 4% last month.", [pr("^IXIC", -4, period="last_month")]),
    ("The Dow is up 3% year-to-date.", [pr("^DJI", 3, period="ytd")]),
    ("Advantest is up 30% YTD.", [pr("6857.T", 30, period="ytd")]),
    ("Tokyo Electron rose 45% in 2025.", [pr("8035.T", 45, period="year:2025")]),
    ("Toyota gained 12% last year.", [pr("7203.T", 12, period="year:2025")]),
    ("Sony has risen 25% over the past year.", [pr("6758.T", 25, period="1y")]),
    ("Mizuho rose 18% over the last 12 months.", [pr("8411.T", 18, period="1y")]),
    ("The Nikkei has gained 9% since the October election.", [pr("^N225", 9, period="since_event")]),
    ("Mitsubishi Heavy is up 35% since Takaichi took office.", [pr("7011.T", 35, period="since_event")]),
    ("Nvidia has gained 14% since Jan. 5.", [pr("NVDA", 14, period="since:2026-01-05")]),
    ("The Topix rose 4% in December.", [pr("^TOPX", 4, period="month:2025-12")]),
    ("Kioxia climbed 8% on Feb. 13.", [pr("285A.T", 8, period="day:2026-02-13")]),
    ("The Euro Stoxx 50 has added 6% so far this year.", [pr("^STOXX50E", 6, period="ytd")]),
    ("The Stoxx 600 rose 0.9% this month.", [pr("^STOXX", 0.9, period="month")]),
    ("The Hang Seng fell 2.3% this week.", [pr("^HSI", -2.3, period="week")]),
    ("The DAX rose 1.1% on the day.", [pr("^GDAXI", 1.1)]),
    ("Honda shares are up 7% month-to-date.", [pr("7267.T", 7, period="month")]),
    ("Nintendo is down 11% since the start of 2026.", [pr("7974.T", -11, period="ytd:2026")]),
    ("The FTSE 100 gained 5% in 2025.", [pr("^FTSE", 5, period="year:2025")]),
    ("Shiseido rose 3% yesterday.", [pr("4911.T", 3, period="day:2026-02-19")]),

    # --- levels, points, record highs ------------------------------------------------------------
    ("The Nikkei closed at 51,117.26, down 844.72 points, or 1.63 pct.",
     [lvl("^N225", 51117.26), pts("^N225", -844.72), pr("^N225", -1.63)]),
    ("The Dow ended at 44,210.5, up 312 points.", [lvl("^DJI", 44210.5), pts("^DJI", 312)]),
    ("The Topix closed at a record high on Thursday.", [rec("^TOPX", "day:thu")]),
    ("The S&P 500 finished at a record close.", [rec("^GSPC")]),
    ("The index closed at a record high.", [rec(None)]),
    ("The Nikkei hit an all-time high on Monday.", [rec("^N225", "day:mon")]),
    ("The FTSE 100 fell 75 points to 8,120.", [pts("^FTSE", -75), lvl("^FTSE", 8120)]),
    ("The DAX set a fresh record on Tuesday.", [rec("^GDAXI", "day:tue")]),
    ("The Nasdaq gained 1.2% to a record high.", [pr("^IXIC", 1.2), rec("^IXIC")]),
    ("The Nikkei 225 rose 2.1% to close at 50,020.", [pr("^N225", 2.1), lvl("^N225", 50020)]),
    ("The Hang Seng closed at 23,400.15.", [lvl("^HSI", 23400.15)]),

    # --- lists and respectively -----------------------------------------------------------------------
    ("Shiseido and Nintendo each lost more than 3%.",
     [pr("4911.T", -3, "more_than"), pr("7974.T", -3, "more_than")]),
    ("Toyota, Honda and Nissan all fell about 2% on Monday.",
     [pr("7203.T", -2, "approx", "day:mon"), pr("7267.T", -2, "approx", "day:mon"),
      pr("7201.T", -2, "approx", "day:mon")]),
    ("Advantest and Tokyo Electron rose 5% and 3%, respectively.",
     [pr("6857.T", 5), pr("8035.T", 3)]),
    ("Kawasaki Heavy and IHI jumped 8% and 6% this week.",
     [pr("7012.T", 8, period="week"), pr("7013.T", 6, period="week")]),
    ("Sony rose 2%, Hitachi 3% and Renesas 4% on Tuesday.",
     [pr("6758.T", 2, period="day:tue"), pr("6501.T", 3, period="day:tue"), pr("6723.T", 4, period="day:tue")]),
    ("Toyota fell 3% and Honda 2% on Monday.", [pr("7203.T", -3, period="day:mon"), pr("7267.T", -2, period="day:mon")]),
    ("Mizuho, MUFG and SMFG gained between 2% and 3%.",
     [pr("8411.T", 2.5, "approx"), pr("8306.T", 2.5, "approx"), pr("8316.T", 2.5, "approx")]),

    # --- comparisons and relative claims -----------------------------------------------------------------
    ("The Nikkei rose 5% while the S&P 500 fell 1.4%.",
     [pr("^N225", 5), pr("^GSPC", -1.4), rel("^N225", 6.4)]),
    ("The Topix gained 3% this week, whereas the Hang Seng lost 2%.",
     [pr("^TOPX", 3, period="week"), pr("^HSI", -2, period="week"), rel("^TOPX", 5, period="week")]),
    ("The DAX rose 1.5% on Tuesday, but the CAC 40 slipped 0.5%.",
     [pr("^GDAXI", 1.5, period="day:tue"), pr("^FCHI", -0.5, period="day:tue"), rel("^GDAXI", 2, period="day:tue")]),
    ("The Nikkei has outperformed the S&P 500 this year.", [(
        "^N225", REL, None, "exact", "ytd", False)]),
    ("The Topix outperformed the Stoxx 600 by 4 percentage points in January.",
     [rel("^TOPX", 4, period="month:2026-01")]),
    ("The Nasdaq underperformed the Dow by 2.5 points last week.", [rel("^IXIC", -2.5, period="last_week")]),
    ("Nvidia rose 3% while Micron fell 1%.", [pr("NVDA", 3), pr("MU", -1), rel("NVDA", 4)]),

    # --- parentheses, headlines, possessives -----------------------------------------------------------------
    ("Defense names led the market (Kawasaki Heavy +4%, IHI +3%).",
     [pr("7012.T", 4, period="none"), pr("7013.T", 3, period="none")]),
    ("Kioxia's rally (+1000% over the year) stands out.", [pr("285A.T", 1000, period="1y")]),
    ("Nikkei +2% as exporters cheer weaker yen", [pr("^N225", 2, period="none")]),
    ("Toyota (7203.T) fell 1.5% on Monday.", [pr("7203.T", -1.5, period="day:mon")]),
    ("Advantest's shares jumped 6% on Tuesday.", [pr("6857.T", 6, period="day:tue")]),
    ("Tokyo stocks: Topix -0.7%, Nikkei -1.1%", [pr("^TOPX", -0.7, period="none"), pr("^N225", -1.1, period="none")]),
    ("UPDATE 2-Sony jumps 9% on upbeat forecast", [pr("6758.T", 9)]),
    ("Nvidia's stock is up 120% over the past year.", [pr("NVDA", 120, period="1y")]),

    # --- anaphora and context -------------------------------------------------------------------------------
    ("Toyota reported results on Tuesday. The shares rose 3%.", [pr("7203.T", 3, period="day:tue")]),
    ("The Topix hit a record on Wednesday. The index has gained 6% this year.",
     [rec("^TOPX", "day:wed"), pr("^TOPX", 6, period="ytd")]),
    ("The Nikkei fell 1% on Monday. Sony lost 2%.",
     [pr("^N225", -1, period="day:mon"), pr("6758.T", -2, period="day:mon")]),
    ("Nintendo cut its forecast. Its shares dropped 7% in Tokyo trading.", [pr("7974.T", -7)]),
    ("Goldman Sachs raised its view on Japan. The benchmark Nikkei rose 1.8% on the news.",
     [pr("^N225", 1.8)]),

    # --- unresolved subjects ----------------------------------------------------------------------------
    ("Shares of Acme Robotics Corp surged 25% on Monday.", [pr(None, 25, period="day:mon")]),
    ("Japanese stocks rose 2% this week.", [pr(None, 2, period="week")]),
    ("Zentrix Holdings fell 4% on Tuesday.", [pr(None, -4, period="day:tue")]),
    ("European carmakers dropped 3% on the day.", [pr(None, -3)]),

    # --- forward-looking ----------------------------------------------------------------------------------
    ("Analysts say Toyota could rise 20% this year.", [pr("7203.T", 20, period="ytd", forward=True)]),
    ("Nomura's price target for Sony implies 15% upside.", [pr("6758.T", 15, period="none", forward=True)]),
    ("Strategists expect the Nikkei to gain 10% in 2026.", [pr("^N225", 10, period="year:2026", forward=True)]),
    ("The S&P 500 may fall 5% if rates stay high.", [pr("^GSPC", -5, period="none", forward=True)]),
    ("Kioxia is expected to gain 30% over the next year.", [pr("285A.T", 30, period="1y", forward=True)]),

    # --- tables ----------------------------------------------------------------------------------------
    ("Best performers (YTD 2026)\nKioxia Holdings ~120% memory prices\nKawasaki Heavy >60% defence orders\n"
     "S&P 500 -1.4% rates",
     [pr("285A.T", 120, "approx", "ytd:2026"), pr("7012.T", 60, "more_than", "ytd:2026"),
      pr("^GSPC", -1.4, "exact", "ytd:2026")]),
    ("Weekly moves (for the week)\nAdvantest +8.2%\nTokyo Electron +5.1%\nSony -0.4%",
     [pr("6857.T", 8.2, period="week"), pr("8035.T", 5.1, period="week"), pr("6758.T", -0.4, period="week")]),
    ("Name  Change (YTD)  Driver\nNvidia  +35%  AI demand\nMicron  +28%  memory\nNikkei 225  >>% (for the week)  politics",
     [pr("NVDA", 35, period="ytd"), pr("MU", 28, period="ytd"), pr("^N225", None, "much_more", "week")]),
    ("Table 2. Europe in January\nDAX +2.1%\nCAC 40 -0.6%\nFTSE 100 +1.4%",
     [pr("^GDAXI", 2.1, period="month:2026-01"), pr("^FCHI", -0.6, period="month:2026-01"),
      pr("^FTSE", 1.4, period="month:2026-01")]),
    ("Index  Level  Change\nNikkei 225  50,000  +1.2%\nTopix  3,400  -0.3%",
     [pr("^N225", 1.2, period="none"), pr("^TOPX", -0.3, period="none")]),

    # --- negatives: figures that are not price moves --------------------------------------------------------
    ("Japan's GDP grew 1.2% in the fourth quarter.", []),
    ("Toyota's operating profit rose 12% in the quarter.", []),
    ("Sony reported a 20% jump in revenue.", []),
    ("Nintendo raised its dividend by 10%.", []),
    ("Inflation in Tokyo slowed to 2.1% in January.", []),
    ("The Bank of Japan raised its policy rate to 0.75%.", []),
    ("The 10-year JGB yield rose to 1.5%.", []),
    ("Support for the cabinet rose to 45% in the latest poll.", []),
    ("The LDP won 48% of the seats.", []),
    ("SoftBank Group holds a 90% stake in Arm.", []),
    ("The yen weakened 1% against the dollar.", []),
    ("Oil prices fell 3% on Monday.", []),
    ("Unemployment was unchanged at 2.5%.", []),
    ("Exports rose 6.4% from a year earlier.", []),
    ("Nvidia's revenue grew 78% year on year.", []),
    ("Wages rose 3% in 2025, the fastest pace in three decades.", []),
    ("About 60% of respondents expect further rate hikes.", []),
    ("Gold climbed 2% to a record.", []),
    ("Mitsubishi UFJ said net income rose 15%.", []),
    ("The company expects sales growth of 8% next year.", []),
    ("Germany's economy shrank 0.3% last year.", []),
    ("Euro zone inflation eased to 2.2% in January.", []),
    ("Tariffs of 25% on cars weigh on exporters.", []),
    ("The ruling coalition won 233 seats.", []),
    ("Nikkei 225 futures volume rose 40%.", []),
    ("The Fed cut rates by 25 basis points.", []),
    ("Treasury yields climbed 10 basis points.", []),
    ("Retail sales in the UK fell 0.4% in December.", []),
    ("Profit at Tokyo Electron jumped 30% in the quarter.", []),
    ("Toyota sold 5% more cars in January.", []),

    # --- mixed: price claim beside a non-price figure ----------------------------------------------------------
    ("Toyota rose 3% after its operating profit jumped 20%.", [pr("7203.T", 3)]),
    ("Sony gained 4% on Tuesday as revenue beat forecasts by 5%.", [pr("6758.T", 4, period="day:tue")]),
    ("The Nikkei rose 1% while the yen weakened 0.5%.", [pr("^N225", 1)]),
    ("Nvidia jumped 6% after reporting a 70% rise in sales.", [pr("NVDA", 6)]),
    ("Lasertec fell 5% even as orders grew 12%.", [pr("6920.T", -5)]),
    ("The DAX rose 0.8% after German inflation eased to 2%.", [pr("^GDAXI", 0.8)]),
    ("Shares of IHI gained 5% as the government lifted defence spending by 10%.", [pr("7013.T", 5)]),

    # --- US style -------------------------------------------------------------------------------------------
    ("The S&P 500 slid 1.2% on Thursday, its worst day in a month.", [pr("^GSPC", -1.2, period="day:thu")]),
    ("The Dow Jones Industrial Average lost 400 points, or 0.9%, on Tuesday.",
     [pts("^DJI", -400, "day:tue"), pr("^DJI", -0.9, period="day:tue")]),
    ("The tech-heavy Nasdaq rose 2% to a record close on Friday.", [pr("^IXIC", 2, period="day:fri"),
                                                                     rec("^IXIC", "day:fri")]),
    ("Micron Technology shares jumped 12% after hours.", [pr("MU", 12)]),
    ("The Russell 2000 has gained 7% this month.", [pr("^RUT", 7, period="month")]),
    ("Apple fell 2.5% on Wednesday.", [pr("AAPL", -2.5, period="day:wed")]),
    ("Microsoft rose 1% and Amazon gained 2% on Monday.",
     [pr("MSFT", 1, period="day:mon"), pr("AMZN", 2, period="day:mon")]),

    # --- European style ---------------------------------------------------------------------------------------
    ("London's FTSE 100 closed 0.6 per cent higher on Friday.", [pr("^FTSE", 0.6, period="day:fri")]),
    ("The pan-European Stoxx 600 ended 0.3% lower.", [pr("^STOXX", -0.3)]),
    ("Rheinmetall has climbed 80 per cent since the start of the year.", [pr("RHM.DE", 80, period="ytd")]),
    ("Airbus shares were 3 per cent lower in Paris.", [pr("AIR.PA", -3)]),
    ("In Frankfurt, the DAX added 150 points to 24,300.", [pts("^GDAXI", 150), lvl("^GDAXI", 24300)]),
    ("BAE Systems rose 2 per cent, while Rolls-Royce gained 1 per cent.",
     [pr("BA.L", 2), pr("RR.L", 1), rel("BA.L", 1)]),

    # --- Japanese market style -----------------------------------------------------------------------------------
    ("The Nikkei Stock Average fell 1.8% to 49,500 in the morning session.",
     [pr("^N225", -1.8), lvl("^N225", 49500)]),
    ("The broader Topix index rose 0.9% on Monday.", [pr("^TOPX", 0.9, period="day:mon")]),
    ("Defense shares rallied, with Mitsubishi Heavy up 6% and Kawasaki Heavy up 7%.",
     [pr("7011.T", 6), pr("7012.T", 7)]),
    ("Chip-related stocks fell, with Tokyo Electron down 3.4% and Advantest down 5.2%.",
     [pr("8035.T", -3.4), pr("6857.T", -5.2)]),
    ("JX Advanced Metals has risen 150% since its March listing.", [pr("5016.T", 150, period="since_event")]),
    ("Sumitomo Metal Mining gained 4% on higher nickel prices.", [pr("5713.T", 4)]),
    ("The Nikkei average rose 1,200 points on the day.", [pts("^N225", 1200)]),
]
