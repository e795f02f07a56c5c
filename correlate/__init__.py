"""correlate: check each claim against real daily prices on its exchange calendar.

Entry points: ``verify_article`` (claims -> verdicts), ``prepare_prices`` /
``PriceBook.ensure`` (prices for what the claims need), ``import_prices`` and
``load_snapshot`` (CSV prices into the store), ``YahooFetcher`` (live prices).
"""


from tapecheck.correlate.asof import default_search_span
from tapecheck.correlate.csvprices import import_prices, load_snapshot, read_price_csv
from tapecheck.correlate.prices import PriceBook
from tapecheck.correlate.verdicts import AsOf, verify_claim
from tapecheck.correlate.verify import (
    ArticleVerification, needed_ranges, plan_windows, prepare_prices, verify_article,
)
from tapecheck.correlate.yahoo import YahooFetcher

__all__ = [
    "ArticleVerification", "AsOf", "PriceBook", "YahooFetcher", "default_search_span",
    "import_prices", "load_snapshot", "needed_ranges", "plan_windows", "prepare_prices",
    "read_price_csv", "verify_article", "verify_claim",
]
