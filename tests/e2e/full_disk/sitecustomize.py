"""Loaded at start-up by a test's subprocess: the disk under one folder is full.

Every file creation under ``CE_TEST_FULL_DISK`` fails with ENOSPC, as on a full disk
or a read-only medium (the test machine runs as root, which ignores permissions).
"""

import errno
import os

_folder = os.environ.get("CE_TEST_FULL_DISK")
if _folder:
    _real_open = os.open

    def _full_disk_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if flags & os.O_CREAT and os.path.abspath(path).startswith(_folder):
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return _real_open(path, flags, *args, **kwargs)

    os.open = _full_disk_open
