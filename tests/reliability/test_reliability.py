"""Every hostile-input and fault case gets the handling its row promises."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from reliability_cases import CASES, run_case  # noqa: E402


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case(case, tmp_path):
    outcome = run_case(case, tmp_path)
    assert outcome.ok, f"{case.name}: expected {case.expected}; got {outcome.result}"
