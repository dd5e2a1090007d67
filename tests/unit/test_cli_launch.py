"""``ce-desktop`` alone (or with ``--data-dir``) starts the app without the commands."""

from __future__ import annotations

import pytest

from ce_desktop.cli import _plain_launch


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (True, None)),
        (["--data-dir", "/tmp/cases"], (True, "/tmp/cases")),
        (["--data-dir=/tmp/cases"], (True, "/tmp/cases")),
        (["list"], (False, None)),
        (["--data-dir", "/tmp/cases", "list"], (False, "/tmp/cases")),
        (["--version"], (False, None)),
        (["--self-test"], (False, None)),
        (["--data-dir"], (False, None)),
        (["--help"], (False, None)),
    ],
)
def test_only_a_plain_start_skips_the_commands(
    argv: list[str], expected: tuple[bool, str | None]
) -> None:
    assert _plain_launch(argv) == expected
