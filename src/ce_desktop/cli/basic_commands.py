"""Commands that need no vault: ``schema``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ce_desktop.cli.common import EXIT_OK
from ce_desktop.domain.model import Assessment


def register(subparsers: Any) -> None:
    """Add the ``schema`` command."""
    schema = subparsers.add_parser("schema", help="print the interchange JSON Schema")
    schema.set_defaults(handler=_schema)


def interchange_schema() -> dict[str, Any]:
    """The JSON Schema of the interchange format (PRODUCT §8)."""
    schema = Assessment.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "CE Risk Assessment (CE Desktop interchange format)"
    return schema


def _schema(_args: argparse.Namespace) -> int:
    json.dump(interchange_schema(), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return EXIT_OK
