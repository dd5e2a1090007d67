"""Subcommands added by a later part of the work (see the module's register)."""

from __future__ import annotations

from typing import Any


def register(subparsers: Any) -> None:
    """Add this module's subcommands (none yet)."""
