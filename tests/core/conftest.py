import sys

import pytest

from tapecheck import cli as cli_module


@pytest.fixture
def cli(capsys):
    """Run the real `tapecheck` entry point in-process: returns (exit code, stdout, stderr)."""

    def run(*args):
        old = sys.argv
        sys.argv = ["tapecheck", *map(str, args)]
        try:
            with pytest.raises(SystemExit) as exit_info:
                cli_module.main()
        finally:
            sys.argv = old
        captured = capsys.readouterr()
        return exit_info.value.code, captured.out, captured.err

    return run
