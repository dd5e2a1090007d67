"""CE Desktop: the Child Exploitation (CE) Risk Assessment, offline and encrypted."""

import logging
from functools import cache

APP_NAME = "CE Desktop"

# Without a handler of its own, logging's last resort prints warnings raw to the
# terminal ("Write to ... failed"); the command line says things in its own words.
logging.getLogger(__name__).addHandler(logging.NullHandler())


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
