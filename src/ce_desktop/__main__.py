"""``python -m ce_desktop``: the same as the ``ce-desktop`` command."""

import sys

from ce_desktop.cli import main

sys.exit(main())
