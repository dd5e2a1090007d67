"""Where the data lives (PRODUCT §5.1), and the names of the files inside the folder.

The folder is chosen as: an explicit override (``--data-dir``), then the
``CE_DESKTOP_DATA_DIR`` environment variable, then platformdirs' user data folder
(local, never roaming: encrypted drafts should not follow the worker to other machines).

Inside it::

    keystore.json            the wrapped data key (and keystore.json.bak)
    assessments/<id>.cea     one encrypted file per assessment (and <id>.cea.bak)
    incidents/<child id>.cec one encrypted chronology of incidents per child (and .bak)
    index.cei                the encrypted case-list summary
    settings.ces             the worker's encrypted settings
    quarantine/              files that could not be read, kept, never deleted
    ce-desktop.lock          the single-instance lock
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from ce_desktop.storage.atomic import BACKUP_SUFFIX, TEMP_SUFFIX

APP_NAME = "CE Desktop"
ENV_VAR = "CE_DESKTOP_DATA_DIR"
EXPORT_ENV_VAR = "CE_DESKTOP_EXPORT_DIR"
ASSESSMENT_SUFFIX = ".cea"
CHRONOLOGY_SUFFIX = ".cec"
_ASSESSMENT_ID = re.compile(r"[0-9a-f]{32}")


def is_assessment_id(text: str) -> bool:
    """Whether ``text`` is an assessment id (32 hexadecimal digits), never a path."""
    return bool(_ASSESSMENT_ID.fullmatch(text))


def temp_name_pattern(suffix: str) -> re.Pattern[str]:
    """The names the atomic writer gives its temporary files for ``<id><suffix>`` files.

    Both the file's own temporary files and its backup's match (see
    ``atomic.temp_name_for``); the id is the first group. Nothing else matches, so a
    sweep that acts on these names never touches a file it does not own.
    """
    return re.compile(
        r"^([0-9a-f]{32})"
        + re.escape(suffix)
        + "(?:"
        + re.escape(BACKUP_SUFFIX)
        + r")?\.[0-9a-f]{12}"
        + re.escape(TEMP_SUFFIX)
        + "$"
    )


def default_data_dir(override: str | Path | None = None) -> Path:
    """The data folder: ``override``, else ``CE_DESKTOP_DATA_DIR``, else the user's folder."""
    if override:
        return Path(override).expanduser()
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def first_export_dir() -> Path:
    """Where save dialogs start before the worker has chosen a folder.

    ``CE_DESKTOP_EXPORT_DIR`` when IT sets it (for example to an encrypted share) and it
    is a folder; else the worker's Documents folder; else their home folder.
    """
    from_env = os.environ.get(EXPORT_ENV_VAR)
    if from_env and Path(from_env).expanduser().is_dir():
        return Path(from_env).expanduser()
    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def export_dir(last_chosen: str) -> Path:
    """The folder a save dialog starts in: the last one chosen, if it is still there."""
    if last_chosen and Path(last_chosen).is_dir():
        return Path(last_chosen)
    return first_export_dir()


@dataclass(frozen=True)
class DataLayout:
    """The names of everything inside one data folder."""

    root: Path

    @property
    def keystore(self) -> Path:
        """The keystore file."""
        return self.root / "keystore.json"

    @property
    def assessments(self) -> Path:
        """The folder of assessment files."""
        return self.root / "assessments"

    @property
    def incidents(self) -> Path:
        """The folder of the children's chronologies of incidents."""
        return self.root / "incidents"

    def chronology(self, child_id: str) -> Path:
        """The chronology file of one child (named by the child's random id).

        Raises:
            ValueError: ``child_id`` is not an id, so it could name another folder.
        """
        if not is_assessment_id(child_id):
            raise ValueError("not a child id")
        return self.incidents / f"{child_id}{CHRONOLOGY_SUFFIX}"

    @property
    def index(self) -> Path:
        """The encrypted case-list index."""
        return self.root / "index.cei"

    @property
    def settings(self) -> Path:
        """The encrypted settings file."""
        return self.root / "settings.ces"

    @property
    def quarantine(self) -> Path:
        """Where unreadable files are moved (never deleted)."""
        return self.root / "quarantine"

    @property
    def lock(self) -> Path:
        """The single-instance lock file."""
        return self.root / "ce-desktop.lock"

    def assessment(self, assessment_id: str) -> Path:
        """The file of one assessment.

        Raises:
            ValueError: ``assessment_id`` is not an id, so it could name another folder.
        """
        if not is_assessment_id(assessment_id):
            raise ValueError("not an assessment id")
        return self.assessments / f"{assessment_id}{ASSESSMENT_SUFFIX}"
