"""Whatever goes wrong in a command, the worker reads one plain line, never a traceback."""

from __future__ import annotations

import errno
from typing import Any

import pytest

from ce_desktop import cli
from ce_desktop.cli import basic_commands


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (OSError(errno.EACCES, "Permission denied"), "could not finish: Permission denied."),
        (RuntimeError("internal detail"), "something went wrong and the command stopped"),
    ],
)
def test_unexpected_failures_are_one_plain_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    failure: Exception,
    expected: str,
) -> None:
    def broken(_args: Any) -> int:
        raise failure

    monkeypatch.setattr(basic_commands, "_schema", broken)
    assert cli.main(["schema"]) == 1
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err
    assert "internal detail" not in err
    assert len(err.strip().splitlines()) == 1
