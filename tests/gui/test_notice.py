"""A windowed command's output is shown whole, or cut with a pointer to the console one."""

from __future__ import annotations

from ce_desktop.gui import notice
from tests.gui.fake_dialogs import RecordingDialogs


def test_long_output_is_cut_and_says_where_the_rest_is() -> None:
    text = "\n".join(f"line {n}" for n in range(100))
    short = notice.shortened(text)
    assert short.splitlines()[: notice.MAX_LINES] == text.splitlines()[: notice.MAX_LINES]
    assert short.endswith("(70 more lines: run ce-desktop-cli to see them all.)")
    assert notice.shortened("two\nlines") == "two\nlines"


def test_a_failed_command_is_a_warning(qapp: object, dialogs: RecordingDialogs) -> None:
    notice.show_command_output("ce-desktop: the passphrase is not correct.", 1, dialogs)
    notice.show_command_output("self-test passed", 0, dialogs)
    assert dialogs.warnings == ["ce-desktop: the passphrase is not correct."]
    assert dialogs.infos == ["self-test passed"]
