"""Growing the formats safely: how a file made by a newer release is recognised.

Every file CE Desktop keeps carries a whole-number version: an assessment's
``format_version`` (``model.FORMAT_VERSION``), the settings' ``format_version``
(``settings.SETTINGS_FORMAT_VERSION``), the keystore's ``version`` and the index's
first line. A file whose version is above this release's was made by a newer
release: it is reported as "made by a newer version of CE Desktop" and left as it
is, never called damaged, quarantined, repaired from a backup or replaced by an
older copy. (With ``extra="forbid"`` a newer file that only added a field would look
damaged; the version step is what tells the two apart, and
``tests/unit/domain/test_format_snapshots.py`` fails if a model's fields change
without it.)

Adding a field (for example a school year in the child's details), in this order:

1. Declare it in ``resources/form.yaml`` (model path, kind, label, hint, and when it
   applies): the page and the PDF take it from there.
2. Add the field to the model (``domain/model.py``) with a default that means "not
   answered", and give it a sample value in ``tests/factories.py``'s
   ``full_assessment`` (the field-coverage test asks for both).
3. Step ``FORMAT_VERSION`` (and the ``format_version`` Literal) and add
   ``MIGRATIONS[old]`` in ``domain/migrations.py``, a pure function that adds the
   field's default to an old object.
4. Run ``python -m tests.unit.domain.test_format_snapshots`` to write the new
   version's schema snapshot, and commit it beside the older ones (never edit an old
   one). Nothing in ``gui/`` or ``export/`` changes.

``tests/unit/domain/test_format_growth.py`` walks these steps with a school year.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def is_newer(data: Mapping[str, Any], current: int, *, key: str = "format_version") -> bool:
    """Whether a JSON object says a newer release wrote it (a whole version above ours)."""
    version = data.get(key) if isinstance(data, Mapping) else None
    return isinstance(version, int) and not isinstance(version, bool) and version > current
