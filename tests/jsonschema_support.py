"""hypothesis-jsonschema, made to work with the Hypothesis this project pins, and quick.

hypothesis-jsonschema 0.23 (its latest release) draws an object's properties with the
``more()`` method of Hypothesis's internal ``many`` helper, which newer Hypothesis
replaced by iteration. ``from_schema`` here gives ``many`` that method back, built on
the iteration, so spans and shrinking stay as Hypothesis keeps them.

It also builds the strategy of every property again each time a document draws that
property (canonicalising and merging its schema anew), which is nine tenths of the
time a thousand interchange documents take. Strategies are immutable, so each
property's is built once here and reused: the same documents, drawn the same way.
"""

from __future__ import annotations

import json
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

_merged_uncached = _generator.merged_as_strategies
_merged: dict[tuple[str, int, int], st.SearchStrategy[Any]] = {}


def _merged_once(
    schemas: list[Any], *, alphabet: Any, custom_formats: Any
) -> st.SearchStrategy[Any]:
    key = (json.dumps(schemas, sort_keys=True), id(alphabet), id(custom_formats))
    if key not in _merged:
        _merged[key] = _merged_uncached(schemas, alphabet=alphabet, custom_formats=custom_formats)
    return _merged[key]


_generator.merged_as_strategies = _merged_once


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Documents valid against ``schema`` (hypothesis-jsonschema's own strategy)."""
    return _from_schema(schema)
