"""The storage layer's errors: each one a plain sentence a worker can act on.

``str(error)`` is what the app shows and what the command line prints. No message
ever carries a field value of an assessment: an assessment is named by its
reference or, when even that cannot be read, by its file's random id.
"""

from __future__ import annotations

READ_ONLY_NOTICE = "This folder cannot be written: changes will not be saved."
"""What the worker is told when a read-only or full data folder is opened to read."""


class StorageError(Exception):
    """Base of every storage problem; ``str(error)`` is a plain sentence for the user."""


class WrongPassphrase(StorageError):
    """The passphrase (or recovery key) does not open the keystore."""

    def __init__(self, message: str = "The passphrase is not correct.") -> None:
        super().__init__(message)


class KeystoreDamaged(StorageError):
    """The keystore cannot be read: damaged, truncated or with absurd parameters.

    Attributes:
        backup_available: a ``keystore.json.bak`` exists that may still open.
    """

    def __init__(self, message: str | None = None, *, backup_available: bool = False) -> None:
        text = message or "The keystore is damaged, so the data folder cannot be unlocked."
        if backup_available:
            text += " A backup copy of the keystore exists and can be tried."
        super().__init__(text)
        self.backup_available = backup_available


class KeystoreNewer(KeystoreDamaged):
    """The keystore is whole but was made by a newer version of CE Desktop."""

    def __init__(self) -> None:
        super().__init__(
            "The keystore was made by a newer version of CE Desktop. "
            "Install the newer version to unlock this data folder."
        )


class KeystoreForeign(KeystoreDamaged):
    """The keystore is whole but belongs to another data folder: its key opens none here."""

    def __init__(self) -> None:
        super().__init__(
            "The keystore (keystore.json) belongs to another data folder: it does not open "
            "the assessments here, and this folder's own keystore is not beside it. Nothing "
            "was changed. Put this folder's own keystore.json back, or restore the folder "
            "from a backup file."
        )


class AssessmentDamaged(StorageError):
    """An assessment file is damaged, truncated, or belongs to another name.

    Attributes:
        name: the assessment's reference, or its file id if the reference is unknown.
    """

    def __init__(self, name: str, message: str | None = None) -> None:
        super().__init__(message or f"Assessment {name} is damaged and cannot be opened.")
        self.name = name


class FileHeld(StorageError):
    """A file could not be read because another program holds it for a moment.

    Not damage: nothing is quarantined or replaced because of it.
    """

    def __init__(self, name: str) -> None:
        super().__init__(
            f"{name} could not be read just now: another program (an antivirus or backup "
            "tool, for example) is using the file. Try again in a moment."
        )
        self.name = name


class NewerFormat(StorageError):
    """A file was written by a newer version of CE Desktop."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"{name} was saved by a newer version of CE Desktop. "
            "Install the newer version to open it."
        )
        self.name = name


class SchemaInvalid(StorageError):
    """A file decrypts but its content does not fit the form (no values are shown)."""

    def __init__(self, name: str, problems: int = 0) -> None:
        detail = f" ({problems} problems found)" if problems else ""
        super().__init__(
            f"Assessment {name} opened but its content is not a valid assessment{detail}."
        )
        self.name = name


class FolderNotWritable(StorageError):
    """The data folder cannot be written to, so nothing could be saved."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message or "The data folder cannot be written to, so changes could not be saved."
        )


class SaveFailed(StorageError):
    """A write did not complete; the file on disk is as it was before."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or "The changes could not be saved.")


class AlreadyRunning(StorageError):
    """Another CE Desktop is already using this data folder."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or "CE Desktop is already open with this data folder. Close it before opening again."
        )


class NoVault(StorageError):
    """The data folder has no keystore yet."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message or "There is no CE Desktop data in this folder yet. Set it up first."
        )


class WeakPassphrase(StorageError):
    """A new passphrase is too short or too common."""


class AssessmentNotFound(StorageError):
    """No file holds the assessment asked for."""

    def __init__(self, name: str) -> None:
        super().__init__(f"Assessment {name} was not found.")
        self.name = name


class RestoreWouldOverwrite(StorageError):
    """Restoring a backup would replace assessments changed since the backup was made.

    Attributes:
        references: the references of the assessments that are newer here.
    """

    def __init__(self, references: list[str]) -> None:
        listed = ", ".join(references)
        super().__init__(
            f"{len(references)} assessments here are newer than in the backup ({listed}). "
            "Nothing was restored. Restore again and confirm to replace them."
        )
        self.references = references


class ContentRefused(StorageError):
    """An assessment holds something outside the form's limits, so it was not saved.

    Attributes:
        problems: (field path, what is wrong) for each; never a value.
    """

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        listed = "; ".join(f"{path} {message}" for path, message in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"The assessment was not saved: {listed}{more}.")
        self.problems = problems


class ChronologyDamaged(StorageError):
    """A child's chronology of incidents is damaged and none of its copies opens.

    Attributes:
        name: how the chronology is named (by an assessment's reference, never a value).
    """

    def __init__(self, name: str, message: str | None = None) -> None:
        super().__init__(message or f"{name} is damaged and cannot be opened.")
        self.name = name
