"""The command line without a vault: version, schema, usage errors."""

from __future__ import annotations

import json

from ce_desktop import __version__
from ce_desktop.domain.model import Assessment
from tests.e2e.cli_support import run_cli


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"ce-desktop {__version__}"


def test_schema_is_the_models_json_schema() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["title"].startswith("CE Risk Assessment")
    assert set(schema["properties"]) == set(Assessment.model_fields)
    assert schema["additionalProperties"] is False


def test_usage_errors_exit_2_with_one_plain_line() -> None:
    result = run_cli("no-such-command")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
