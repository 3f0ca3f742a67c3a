"""Fixtures for indexer tests: run ``bayegan index`` in-process on small archives written by the tests."""

import pytest

import bayegan
from indexer_helpers import IndexRun


@pytest.fixture
def index_cli(capsys):
    """``index_cli(*args)`` runs ``bayegan index *args --json --jobs 0`` and returns code, stdout, stderr."""
    def run(*args, jobs=0):
        code = bayegan.main(["index", *map(str, args), "--json", "--jobs", str(jobs)])
        captured = capsys.readouterr()
        return IndexRun(code, captured.out, captured.err)
    return run
