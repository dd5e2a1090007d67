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

1. Declare it in ``resources/form.yaml`` (model path, kind, page, label, the PDF's
   words if they differ, hint, optional, and when it applies). Child details is
   built from the declaration and the PDF prints a Child details answer its paper
   header has no place for in a table of its own, so nothing in ``gui/`` or
   ``export/`` changes (``tests/gui/test_adding_a_field.py`` shows it). On the other
   pages, whose layout follows the paper form, the page names where the new answer
   goes with one ``self.declared(path)`` line.
2. Add the field to the model (``domain/model.py``) with a default that means "not
   answered", and give it a sample value in ``tests/factories.py``'s
   ``full_assessment`` (``tests/gui/test_field_coverage.py`` asks for the declaration,
   the binding, the sample value and the printed answer of every leaf).
3. Step ``FORMAT_VERSION`` (and the ``format_version`` Literal) and add
   ``MIGRATIONS[old]`` in ``domain/migrations.py``, a pure function that adds the
   field's default to an old object.
4. Run ``python -m tests.unit.domain.test_format_snapshots`` to write the new
   version's schema snapshot, and commit it beside the older ones (never edit an old
   one).

``tests/unit/domain/test_format_growth.py`` walks steps 2 and 3 with a school year.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def is_newer(data: Mapping[str, Any], current: int, *, key: str = "format_version") -> bool:
    """Whether a JSON object says a newer release wrote it (a whole version above ours)."""
    version = data.get(key) if isinstance(data, Mapping) else None
    return isinstance(version, int) and not isinstance(version, bool) and version > current
