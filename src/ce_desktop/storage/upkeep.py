"""The data folder's own files beyond the assessments: settings, backups, temporaries.

Each is judged by what it is, not by what it is called alone: a damaged settings file
or backup copy is reported and kept in quarantine, never silently reset or replaced; a
temporary file is touched only if its name is of the app's own form, and one that does
not authenticate is kept in quarantine, not deleted. Folders the app makes are readable
by their owner only, whatever the umask.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from ce_desktop.domain.formats import is_newer
from ce_desktop.domain.settings import SETTINGS_FORMAT_VERSION, Settings
from ce_desktop.storage import container, keystore
from ce_desktop.storage.atomic import TEMP_SUFFIX, atomic_write, backup_path, read_retrying
from ce_desktop.storage.errors import FileHeld, NewerFormat, SaveFailed, StorageError
from ce_desktop.storage.paths import DataLayout

log = logging.getLogger(__name__)

Quarantine = Callable[[Path], Path | None]

_ROOT_TEMP = re.compile(
    r"^(keystore\.json|index\.cei|settings\.ces)(\.bak)?\.[0-9a-f]{12}"
    + re.escape(TEMP_SUFFIX)
    + "$"
)
"""A temporary file of the atomic writer for one of the root files (see ``atomic``)."""


def fit_to_keep(
    main: Path,
    read: Callable[[Path], object],
    quarantine: Quarantine,
    *,
    held: str,
    damaged: str,
) -> bool:
    """Whether a record's main file reads whole, so that replacing it may keep it as the
    backup copy: never let a bad file become the backup.

    A damaged main file is set aside in quarantine (False); a missing one is False too.

    Raises:
        NewerFormat: made by a newer release: not damaged, and never to be replaced by
            an older copy, so saving over it is refused.
        SaveFailed: another program holds the file (``held``), or it is damaged and
            could not be set aside (``damaged``).
    """
    if not main.exists():
        return False
    try:
        read(main)
    except NewerFormat:
        raise
    except FileHeld:
        raise SaveFailed(held) from None
    except (OSError, StorageError):
        if quarantine(main) is None and main.exists():
            raise SaveFailed(damaged) from None
        return False
    return True


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and missing parents) readable by the owner only, whatever the umask.

    Raises:
        OSError: it could not be created.
    """
    existed = path.exists()
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not existed and os.name == "posix":
        os.chmod(path, 0o700)  # mkdir's mode is masked by the umask


def others_can_read(path: Path) -> bool:
    """Whether users other than the owner can list or read the folder (POSIX only)."""
    if os.name != "posix":
        return False
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IRWXG | stat.S_IRWXO))


def sweep_root_temp_files(layout: DataLayout, quarantine: Quarantine) -> None:
    """Deal with the root files' temporary files left by a crash.

    The keystore, index and settings are written whole or not at all, so a temporary
    one is never the newer copy: it is kept in quarantine, for inspection, never deleted.
    Files of any other name (a worker's own ``notes.tmp``) are not the app's to touch.
    """
    try:
        names = os.listdir(layout.root)
    except OSError:
        return
    for name in names:
        if _ROOT_TEMP.match(name):
            quarantine(layout.root / name)


def _open_settings(key: bytes, vault_id: str, data: bytes, name: str) -> Settings:
    plain = container.open_sealed(key, container.Kind.SETTINGS, vault_id, data, name=name)
    raw = json.loads(plain)
    if is_newer(raw, SETTINGS_FORMAT_VERSION):
        raise NewerFormat(name)  # kept as it is: not damaged, not replaced
    # An older release's settings take this release's defaults for what they lack, and
    # are written back in this release's format.
    return Settings.model_validate(raw).model_copy(
        update={"format_version": SETTINGS_FORMAT_VERSION}
    )


def _settings_at(path: Path, key: bytes, vault_id: str) -> Settings | None:
    """The settings in ``path``, or None if it is missing.

    Raises:
        StorageError, ValueError: it is there but does not open.
    """
    try:
        data = read_retrying(path)
    except FileNotFoundError:
        return None
    except OSError:
        # Held by another program (or unreadable for now): not damage, nothing is moved.
        raise FileHeld("The settings file") from None
    return _open_settings(key, vault_id, data, "The settings file")


def keep_settings_backup(
    layout: DataLayout, key: bytes, vault_id: str, quarantine: Quarantine
) -> bool:
    """Before the settings are saved: whether the current file may become the backup.

    A damaged settings file never becomes the backup copy, and a damaged backup copy is
    never silently replaced: each is kept in quarantine instead.
    """
    keep = True
    for path in (layout.settings, backup_path(layout.settings)):
        try:
            found = _settings_at(path, key, vault_id)
        except (FileHeld, NewerFormat):
            continue  # not damage: left to the write (a newer file is refused before)
        except (StorageError, ValueError):
            quarantine(path)
            found = None
        if path == layout.settings:
            keep = found is not None
    return keep


def read_settings(
    layout: DataLayout, key: bytes, vault_id: str, quarantine: Quarantine
) -> tuple[Settings, list[str]]:
    """The worker's settings, from the file or its backup copy, and what to tell them.

    Returns:
        The settings (defaults only if neither copy opens) and plain notices.
    """
    main = layout.settings
    spare = backup_path(main)
    try:
        found = _settings_at(main, key, vault_id)
    except (FileHeld, NewerFormat):
        raise
    except (StorageError, ValueError):
        found = None
    else:
        return (found or Settings()), []
    # The main file is damaged: its backup copy keeps the MASH address and the rest.
    try:
        previous = _settings_at(spare, key, vault_id)
    except (StorageError, ValueError):
        previous = None
    quarantine(main)
    if previous is not None:
        with contextlib.suppress(StorageError):
            atomic_write(main, spare.read_bytes())
        return previous, [
            "The settings file was damaged, so its backup copy was used. "
            "The damaged file is in the quarantine folder."
        ]
    return Settings(), [
        "The settings file was damaged and has no good backup copy, so the settings are "
        "back to their defaults: check them in Settings. The damaged file is in the "
        "quarantine folder."
    ]


def check_folder(
    layout: DataLayout, key: bytes, vault_id: str, quarantine: Quarantine
) -> list[tuple[str, str]]:
    """(file, plain problem) for the keystore's backup, the settings and the folder itself.

    A damaged file is moved to the quarantine folder; the keystore's backup is then
    written again from the keystore that opened.
    """
    problems: list[tuple[str, str]] = []
    spare_keystore = backup_path(layout.keystore)
    if spare_keystore.exists():
        try:
            keystore.read(layout.keystore, use_backup=True)
        except StorageError:
            quarantine(spare_keystore)
            with contextlib.suppress(OSError, StorageError):
                atomic_write(spare_keystore, layout.keystore.read_bytes())
            problems.append(
                (
                    "keystore.json.bak",
                    "The keystore's backup copy was damaged. It was moved to the quarantine "
                    "folder and written again from the keystore.",
                )
            )
    for path, what in (
        (layout.settings, "settings file"),
        (backup_path(layout.settings), "settings file's backup copy"),
    ):
        try:
            _settings_at(path, key, vault_id)
        except (StorageError, ValueError):
            quarantine(path)
            problems.append(
                (path.name, f"The {what} is damaged. It was moved to the quarantine folder.")
            )
    if others_can_read(layout.root):
        problems.append(
            (
                "Data folder",
                f"Other users of this computer can open the data folder {layout.root}. "
                "Make it private to you (for example: chmod 700 on the folder).",
            )
        )
    return problems
