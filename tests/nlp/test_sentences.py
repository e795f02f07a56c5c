"""Sentence spans and organisation names as the claim logic sees them, and the
figure-free path: behaviour the fast paths in nlp/sentences.py and
nlp/pipeline.py must keep."""

from tapecheck.nlp import extract, sentences
from tapecheck.nlp.pipeline import get_nlp, run_pipeline
from tapecheck.records import Article, content_id


def _said(text: str) -> list[str]:
    return [text[s:e] for s, e in sentences(text)]


def test_headline_dateline_and_table_rows_are_sentences_of_their_own():
    text = ("Chip makers lead Tokyo higher\n"
            "TOKYO, March 3\n"
            "\n"
            "The Nikkei climbed 1.2% on Tuesday. Exporters gained as the yen eased.\n"
            "\n"
            "| Stock | 1D |\n"
            "|---|---|\n"
            "| Advantest | +4.1% |\n"
            "| Tokyo Electron | +2.7% |\n"
            "Topix  2,980.11  (+0.8%)\n")
    assert _said(text) == [
        "Chip makers lead Tokyo higher",
        "TOKYO, March 3",
        "The Nikkei climbed 1.2% on Tuesday.",
        "Exporters gained as the yen eased.",
        "| Stock | 1D |",
        "|---|---|",
        "| Advantest | +4.1% |",
        "| Tokyo Electron | +2.7% |",
        "Topix  2,980.11  (+0.8%)",
    ]


def test_hard_wrapped_prose_is_joined_but_a_line_ending_a_sentence_still_ends_it():
    text = ("Tokyo shares rose on Tuesday as exporters gained,\n"
            "with the yen weaker against the dollar. Banks\n"
            "slipped.\n"
            "Next, the central bank meets.")
    assert _said(text) == [
        "Tokyo shares rose on Tuesday as exporters gained,\nwith the yen weaker against the dollar.",
        "Banks\nslipped.",
        "Next, the central bank meets.",
    ]


def test_abbreviations_initials_and_decimals_do_not_end_a_sentence():
    text = ("U.S. stocks edged up as Acme Corp. said J. Smith would step down. "
            "The S&P 500 added 0.4 pct. Shares of Zentrix Inc. were flat!  Why? Nobody knew.")
    assert _said(text) == [
        "U.S. stocks edged up as Acme Corp. said J. Smith would step down.",
        "The S&P 500 added 0.4 pct.",
        "Shares of Zentrix Inc. were flat!",
        "Why?",
        "Nobody knew.",
    ]


def test_a_full_stop_needs_a_capital_on_its_own_line():
    # '.' then a line break then a capital: the line break ends it, not the stop
    # looking across the break; a stop before a lower-case word ends nothing
    text = "Yields rose to 1.9 p.c. in late trade.\nMarkets in Asia closed mixed. and then"
    assert _said(text) == ["Yields rose to 1.9 p.c. in late trade.", "Markets in Asia closed mixed. and then"]


def test_unlinked_company_names_are_found_in_each_shape(registry):
    doc = run_pipeline(get_nlp(registry), (
        "Zentrix Holdings said orders doubled. Later, Quorvane Labs shares slid, and investors sold "
        "shares of Belmora Widgets as the Harlow Mining Co. update disappointed."))
    assert [span.text for span in doc.spans["orgs"]] == [
        "Zentrix Holdings", "Quorvane Labs", "Belmora Widgets", "Harlow Mining Co."]


def test_a_long_figure_free_article_yields_no_claims(registry):
    paragraphs = [
        "Investors weighed the central bank's next step against signs that wage gains are spreading to "
        "smaller firms. Strategists at several brokers said governance reforms still draw foreign funds.",
        "Exporters traded cautiously as the currency swung after comments from the finance ministry. "
        "Chip equipment makers stayed in focus while traders looked for clues on spending plans.",
        "In Europe, defence names remained in demand after ministers agreed to coordinate procurement. "
        "Wall Street opened quietly ahead of a busy week of earnings from the largest platforms.",
        "Fund managers said positioning looked stretched and warned that any disappointment could "
        "prompt profit-taking. The government is expected to outline its economic package soon.",
    ]
    text = "Markets wait for the central bank\n\n" + "\n\n".join(paragraphs * 12)
    result = extract(Article(id=content_id(text), source="paste", text=text), registry)
    assert len(text.split()) > 1000
    assert result.claims == []
    # the sentences are all there for the claim logic to walk (headline + 2 per paragraph)
    assert len(sentences(text)) == 1 + 2 * len(paragraphs) * 12
