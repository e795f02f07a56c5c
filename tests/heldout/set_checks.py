"""The checks every held-out set runs, shared by the sets' test modules.

A set's module calls ``set_checks(folder, floors, max_spurious, min_caught)``
and puts what it returns into its own namespace (``globals().update(...)``):
the module-scoped ``result`` fixture (the set through the real pipeline,
scored) and the four tests every set asserts. Set-specific tests stay in the
set's module and use the same ``result``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import heldout


def set_checks(folder: Path, floors: dict[str, float], max_spurious: int, min_caught: int) -> dict:
    @pytest.fixture(scope="module")
    def result(tmp_path_factory):
        rows = heldout.run_pipeline(tmp_path_factory.mktemp(folder.name) / f"{folder.name}.db", folder=folder)
        return heldout.score(rows, heldout.answers(folder))

    @pytest.mark.parametrize("figure", sorted(floors))
    def test_floor(result, figure):
        assert result[figure] >= floors[figure], (
            f"{figure} fell to {result[figure]:.3f} (floor {floors[figure]})\n" + heldout.describe(result))

    def test_few_spurious_claims(result):
        assert result["spurious"] <= max_spurious, heldout.describe(result)

    def test_deliberate_errors_are_caught(result):
        assert result["wrong_claims_caught"] >= min_caught, heldout.describe(result)

    def test_every_article_yields_claims(result):
        files = {a["file"] for a, c in result["_pairs"] if c is not None}
        assert files == {m["file"] for m in heldout.manifest(folder)}

    return {"result": result, "test_floor": test_floor, "test_few_spurious_claims": test_few_spurious_claims,
            "test_deliberate_errors_are_caught": test_deliberate_errors_are_caught,
            "test_every_article_yields_claims": test_every_article_yields_claims}
