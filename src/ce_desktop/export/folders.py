"""Where exports go: a folder IT can set, and a warning for folders synced to a cloud.

Windows' Known Folder Move puts Documents inside OneDrive, so a PDF saved "in
Documents" is copied off the laptop. IT can choose the folder every save dialog
opens in with ``CE_DESKTOP_EXPORT_DIR`` (a policy-set environment variable); a
folder under OneDrive (or another sync client's folder) gets a warning before the
file is written there.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path, PureWindowsPath

EXPORT_DIR_VAR = "CE_DESKTOP_EXPORT_DIR"
_ONEDRIVE_VARS = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
_SYNC_FOLDER_NAMES = ("onedrive", "dropbox", "google drive", "googledrive", "icloud drive", "box")


def export_dir(documents: str, env: Mapping[str, str] | None = None) -> str:
    """The folder save dialogs open in: IT's choice if set, else ``documents``."""
    chosen = (os.environ if env is None else env).get(EXPORT_DIR_VAR, "").strip()
    return str(Path(chosen).expanduser()) if chosen else documents


def _parts(path: str) -> list[str]:
    windows = PureWindowsPath(path)
    return [part.lower().rstrip("\\/") for part in windows.parts]


def _under(path: str, folder: str) -> bool:
    inside, outer = _parts(path), _parts(folder)
    return bool(outer) and inside[: len(outer)] == outer


def synced_folder(path: str, env: Mapping[str, str] | None = None) -> str | None:
    """The sync service that copies ``path`` off the laptop ("OneDrive"...), or None."""
    variables = os.environ if env is None else env
    for name in _ONEDRIVE_VARS:
        root = variables.get(name, "").strip()
        if root and _under(path, root):
            return "OneDrive"
    for part in _parts(path)[:-1] if Path(path).suffix else _parts(path):
        for service in _SYNC_FOLDER_NAMES:
            # "OneDrive", "OneDrive - Surrey County Council", "Dropbox (Personal)"
            if part == service or part.startswith(service + " "):
                return "OneDrive" if service == "onedrive" else part.split(" ")[0].title()
    return None


def sync_warning(path: str, env: Mapping[str, str] | None = None) -> str | None:
    """The plain warning for saving a plaintext export at ``path``, or None."""
    service = synced_folder(path, env)
    if service is None:
        return None
    return (
        f"This folder is synced to {service}: the file will leave the laptop and be "
        "copied to the cloud, where CE Desktop's encryption does not protect it. Save it "
        "in a folder on this laptop instead, unless your organisation says this one is "
        "approved."
    )
