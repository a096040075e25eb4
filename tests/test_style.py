"""The code passes ruff's lint and format checks (pyproject.toml configures them)."""

import subprocess
import sys

from conftest import ROOT


def test_ruff_lint_and_format():
    for args in (["check", "geo", "tests"], ["format", "--check", "geo", "tests"]):
        done = subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
