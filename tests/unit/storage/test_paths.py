"""The names inside the data folder: which temporary files a sweep may act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from ce_desktop.storage.atomic import backup_path, temp_name_for
from ce_desktop.storage.paths import (
    ASSESSMENT_SUFFIX,
    CHRONOLOGY_SUFFIX,
    DataLayout,
    temp_name_pattern,
)

_ID = "0123456789abcdef0123456789abcdef"


@pytest.mark.parametrize("suffix", [ASSESSMENT_SUFFIX, CHRONOLOGY_SUFFIX])
def test_the_writers_temporary_names_for_a_file_and_its_backup_match(
    tmp_path: Path, suffix: str
) -> None:
    target = tmp_path / f"{_ID}{suffix}"
    pattern = temp_name_pattern(suffix)
    for path in (target, backup_path(target)):
        match = pattern.match(temp_name_for(path).name)
        assert match is not None
        assert match.group(1) == _ID


def test_the_pattern_is_the_one_for_its_suffix_only(tmp_path: Path) -> None:
    layout = DataLayout(tmp_path)
    chronology_temp = temp_name_for(layout.chronology(_ID)).name
    assessment_temp = temp_name_for(layout.assessment(_ID)).name
    assert temp_name_pattern(ASSESSMENT_SUFFIX).match(chronology_temp) is None
    assert temp_name_pattern(CHRONOLOGY_SUFFIX).match(assessment_temp) is None


@pytest.mark.parametrize(
    "name",
    [
        f"{_ID}.cea",  # the file itself
        f"{_ID}.cea.bak",  # its backup
        f"{_ID}.cea.0123456789ab.tmp.extra",
        f"{_ID}.cea.0123456789a.tmp",  # one hex digit short
        f"{_ID}.cea.0123456789AB.tmp",  # not the writer's lower-case hex
        f"{_ID[:-1]}.cea.0123456789ab.tmp",  # not an id
        f"x{_ID}.cea.0123456789ab.tmp",
        f"{_ID}.ceaXbak.0123456789ab.tmp",  # the dot is a dot, not any character
        "notes.txt.0123456789ab.tmp",
    ],
)
def test_names_the_writer_does_not_make_never_match(name: str) -> None:
    assert temp_name_pattern(ASSESSMENT_SUFFIX).match(name) is None
