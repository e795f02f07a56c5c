"""Escaped span highlighting: exact spans, nesting, no markup from the article."""

from __future__ import annotations

from tapecheck.ui.highlight import Entity, Mark, article_html

TEXT = 'Acme <img src=x onerror="alert(1)"> rose 5% & Beta fell 2%.'


def body(html: str) -> str:
    return html.split('<div class="tc-article">', 1)[1]


def test_article_markup_is_shown_as_text():
    out = body(article_html(TEXT, [], []))
    assert "<img" not in out and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in out
    assert "&amp; Beta" in out


def test_claims_are_marked_exactly_and_numbered_by_verdict_colour():
    acme = TEXT.index("Acme"), TEXT.index("5%") + 2
    beta = TEXT.index("Beta"), TEXT.index("2%") + 2
    out = body(article_html(TEXT, [Mark(*acme, "1", "supported"), Mark(*beta, "2", "wrong_direction")],
                            [Entity(beta[0], beta[0] + 4, None)]))
    assert out.startswith('<mark class="tc-claim" style="background:#dcfce7')
    assert 'rose 5%</mark><span class="tc-tag" style="background:#1a7f37">1</span> &amp; ' in out
    assert '<span class="tc-ent-none" title="not linked to a security">Beta</span></mark>' in out
    assert out.count("<mark") == 3          # Acme claim in one piece, Beta claim cut by its entity


def test_nested_claims_use_the_innermost_colour_and_bad_spans_are_ignored():
    text = "Nikkei rose 5% while Topix fell 1%"
    outer = Mark(0, len(text), "3", "exaggerated", "relative")
    inner = Mark(0, text.index("5%") + 2, "1", "supported")
    out = body(article_html(text, [outer, inner, Mark(10, 5, "9", "supported"),
                                   Mark(0, 999, "8", "supported")], []))
    assert out.index("#dcfce7") < out.index("#ffedd5")   # inner green first, outer orange after
    assert ">9<" not in out and ">8<" not in out
    assert "".join(part.split(">")[-1] for part in out.split("<")) .count("Nikkei") == 1


def test_tooltips_are_escaped():
    out = article_html("Acme rose 5%", [Mark(0, 12, "1", "supported", 'say "hi" <b>')], [])
    assert 'title="say &quot;hi&quot; &lt;b&gt;"' in out
