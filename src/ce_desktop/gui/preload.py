"""Load the rest of the app in the background while the unlock screen waits for typing.

The unlock screen needs Qt and little else, so it is shown first. Everything behind
it (the form's model, the catalogue, storage, the case list, the editor) is imported
by a background thread meanwhile: the key derivation after "Unlock" takes longer than
these imports, so the worker never waits for them. The thread only imports modules
and reads the catalogue; it creates no Qt object (widgets are made on the UI thread).
"""

from __future__ import annotations

import importlib
import logging
import threading

log = logging.getLogger(__name__)

PRELOAD_DELAY_MS = 150
"""How long after the unlock screen is shown the loading starts (a worker types slower)."""

MODULES = (
    "ce_desktop.domain.catalogue",
    "ce_desktop.storage.vault",
    "ce_desktop.gui.session",
    "ce_desktop.gui.case_list",
    "ce_desktop.gui.case_commands",
    "ce_desktop.gui.autosave",
    "ce_desktop.gui.recovery",
    "ce_desktop.gui.first_run",
    "ce_desktop.gui.export_actions",
    "ce_desktop.gui.window_exports",
    "ce_desktop.gui.export_dialogs",
    "ce_desktop.gui.finalise_dialogs",
    "ce_desktop.gui.settings_dialog",
    "ce_desktop.gui.guidance",
    "ce_desktop.gui.editor",
)


def _load() -> None:
    try:
        for name in MODULES:
            importlib.import_module(name)
        from ce_desktop.domain.catalogue import default_catalogue
        from ce_desktop.domain.form import default_form

        default_catalogue()
        default_form()
    except Exception as error:  # the UI thread imports again and reports it plainly
        log.warning("Loading in the background stopped: %s", type(error).__name__)


def start_preload() -> threading.Thread:
    """Start importing the rest of the app in a daemon thread; returns the thread."""
    thread = threading.Thread(target=_load, name="ce-desktop-preload", daemon=True)
    thread.start()
    return thread
