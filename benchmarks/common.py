"""What every benchmark shares: medians, a result row, and the table they print in.

Budgets are those of the product specification (§7.3). Where a reference exists it is
measured in the same run, on the same machine, and the row reports the ratio, so a
slow or busy machine slows both sides alike.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One measured figure with its budget.

    Attributes:
        name: what was measured, in words.
        value: the median figure.
        unit: "ms", "s", "MiB", "MB" or "x".
        budget: the budget in the same unit (or for the ratio, when ``ratio_budget``).
        reference: the reference figure measured in the same run, if any.
        ratio_budget: when set, the row is judged on value / reference against it.
        higher_is_better: for ratios such as "times faster than LibreOffice".
    """

    name: str
    value: float
    unit: str
    budget: float | None = None
    reference: float | None = None
    ratio_budget: float | None = None
    higher_is_better: bool = False
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """value / reference, where there is a reference."""
        if self.reference is None or self.reference == 0:
            return None
        return self.value / self.reference

    @property
    def within_budget(self) -> bool | None:
        """True, False, or None where the row has no budget (reported only)."""
        if self.ratio_budget is not None and self.ratio is not None:
            if self.higher_is_better:
                return self.ratio >= self.ratio_budget
            return self.ratio <= self.ratio_budget
        if self.budget is None:
            return None
        if self.higher_is_better:
            return self.value >= self.budget
        return self.value <= self.budget


def median_of(runs: int, measure: Callable[[], float]) -> float:
    """The median of ``runs`` calls of ``measure`` (each returns one figure)."""
    return statistics.median(measure() for _ in range(runs))


def time_call(fn: Callable[[], object]) -> float:
    """Seconds one call of ``fn`` takes, by the monotonic high-resolution clock."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def format_table(rows: list[Row]) -> str:
    """The rows as a Markdown table: figure, reference, ratio, budget and verdict."""
    lines = [
        "| measurement | median | reference | ratio | budget | verdict |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        reference = "" if row.reference is None else f"{row.reference:.3g} {row.unit}"
        ratio = "" if row.ratio is None else f"{row.ratio:.2f}x"
        if row.ratio_budget is not None:
            budget = f"{'>=' if row.higher_is_better else '<='} {row.ratio_budget:g}x"
        elif row.budget is not None:
            budget = f"{'>=' if row.higher_is_better else '<'} {row.budget:g} {row.unit}"
        else:
            budget = "reported"
        verdict = {True: "within", False: "OVER", None: "-"}[row.within_budget]
        name = row.name + (f" ({row.note})" if row.note else "")
        value = f"{row.value:.3g} {row.unit}"
        lines.append(f"| {name} | {value} | {reference} | {ratio} | {budget} | {verdict} |")
    return "\n".join(lines)
