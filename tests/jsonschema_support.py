"""hypothesis-jsonschema, made to work with the Hypothesis this project pins.

hypothesis-jsonschema 0.23 (its latest release) draws an object's properties with the
``more()`` method of Hypothesis's internal ``many`` helper, which newer Hypothesis
replaced by iteration. ``from_schema`` here gives ``many`` that method back, built on
the iteration, so spans and shrinking stay as Hypothesis keeps them.
"""

from __future__ import annotations

from typing import Any

import hypothesis_jsonschema._from_schema as _generator
from hypothesis import strategies as st
from hypothesis.internal.conjecture import utils as _conjecture
from hypothesis_jsonschema import from_schema as _from_schema


class _Many(_conjecture.many):
    _elements: Any = None

    def more(self) -> bool:
        if self._elements is None:
            self.__enter__()
            self._elements = iter(self)
        try:
            next(self._elements)
        except StopIteration:
            self.__exit__(None)
            return False
        return True


class _Conjecture:
    many = _Many


if not hasattr(_conjecture.many, "more"):
    _generator.cu = _Conjecture  # type: ignore[assignment]


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Documents valid against ``schema`` (hypothesis-jsonschema's own strategy)."""
    return _from_schema(schema)
