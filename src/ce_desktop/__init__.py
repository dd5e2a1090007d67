"""CE Desktop: the Child Exploitation (CE) Risk Assessment, offline and encrypted."""

from importlib import metadata

try:
    __version__ = metadata.version("ce-desktop")
except metadata.PackageNotFoundError:  # running from a bundle without dist-info
    __version__ = "0.1.0"

APP_NAME = "CE Desktop"
