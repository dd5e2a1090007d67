"""CE Desktop: the Child Exploitation (CE) Risk Assessment, offline and encrypted."""

from functools import cache

APP_NAME = "CE Desktop"


@cache
def _installed_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("ce-desktop")
    except metadata.PackageNotFoundError:  # a bundle without the package's metadata
        return "0.1.0"


def __getattr__(name: str) -> str:
    # ``__version__`` is read from the installed package's metadata only when asked:
    # importlib.metadata costs a few hundredths of a second at every start otherwise.
    if name == "__version__":
        return _installed_version()
    raise AttributeError(name)
