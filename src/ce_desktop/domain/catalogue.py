"""The form's catalogue: indicators, examples and the rest of the toolkit, from YAML.

The form is data (``resources/indicators.yaml``, ``examples.yaml``, ``toolkit.yaml``),
read into pydantic models that refuse anything they do not expect. A mistake in those
files stops the app at start-up with a :class:`CatalogueError` naming the file, the
entry and the problem, rather than showing a worker a half-built form.

The guidance pages readable in the app are listed by ``resources/guidance/index.yaml``
and found through :func:`guidance_topics`. The module knows nothing of Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ce_desktop.domain.model import RiskLevel, Threshold
from ce_desktop.domain.yaml_entries import CatalogueError as CatalogueError
from ce_desktop.domain.yaml_entries import describe, entries, quoted, read_mapping
from ce_desktop.resources import resources_dir

INDICATORS_FILE = "indicators.yaml"
EXAMPLES_FILE = "examples.yaml"
TOOLKIT_FILE = "toolkit.yaml"
GUIDANCE_INDEX = Path("guidance") / "index.yaml"

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
Text = Annotated[str, Field(min_length=1)]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IndicatorDef(_Entry):
    """One indicator of the form (Section 1), with its sub-points and guidance."""

    id: Id
    title: Text
    prompts: list[Text] = Field(default_factory=list)
    guidance: str = ""


class Example(_Entry):
    """One example behaviour and the level(s) of risk the toolkit gives it.

    ``note`` carries a caution printed with the level in the toolkit (for example
    "May be sexual abuse"); it is empty for most examples.
    """

    levels: Annotated[list[RiskLevel], Field(min_length=1)]
    text: Text
    note: str = ""


class ExampleGroup(_Entry):
    """The examples the toolkit gives for one indicator."""

    indicator_id: Id
    heading: Text
    examples: Annotated[list[Example], Field(min_length=1)]


class VulnerabilityFactorDef(_Entry):
    """A cultural, identity or additional vulnerability factor (PRODUCT §2.4a)."""

    id: Id
    title: Text
    description: str


class ExploitationTypeDef(_Entry):
    """A type of exploitation the analysis can name (PRODUCT §2.6)."""

    id: Id
    title: Text


class FrameworkCategoryDef(_Entry):
    """One category of the risk management framework."""

    level: RiskLevel
    category: Text
    title: Text
    """The category's title in the toolkit's words, e.g. "Significant risk of sexual
    exploitation"."""
    descriptor: Text


class ThresholdDef(_Entry):
    """One threshold the level of risk relates to."""

    id: Threshold
    title: Text
    description: str


class StrategyDef(_Entry):
    """An intervention strategy or disruption tactic a worker can tick into the plan."""

    id: Id
    text: Text
    kind: Literal["intervention", "disruption"]


class ContactDef(_Entry):
    """A key local or national contact or resource."""

    name: Text
    details: str


class CountBand(_Entry):
    """How many identified indicators suggest a level; ``max_count`` None is open-ended."""

    level: RiskLevel
    min_count: Annotated[int, Field(ge=1)]
    max_count: Annotated[int, Field(ge=1)] | None


class Toolkit(_Entry):
    """Everything of the toolkit beyond the indicators and examples."""

    vulnerability_factors: list[VulnerabilityFactorDef]
    exploitation_types: list[ExploitationTypeDef]
    framework: list[FrameworkCategoryDef]
    thresholds: list[ThresholdDef]
    strategies: list[StrategyDef]
    referral_steps: list[Text]
    contacts: list[ContactDef]
    mash_address: Text
    count_bands: list[CountBand]

    def level_for_count(self, n: int) -> RiskLevel:
        """The level the count bands suggest for ``n`` identified indicators (0: Minimal).

        A guide, not a score: the rules also weigh the indicators' own levels.
        """
        if n <= 0:
            return RiskLevel.MINIMAL
        for band in self.count_bands:
            if n >= band.min_count and (band.max_count is None or n <= band.max_count):
                return band.level
        return self.count_bands[-1].level


class Catalogue(_Entry):
    """The whole form as data: indicators in the form's order, examples, toolkit."""

    indicators: list[IndicatorDef]
    example_groups: list[ExampleGroup]
    toolkit: Toolkit

    def indicator(self, indicator_id: str) -> IndicatorDef:
        """The indicator with this id.

        Raises:
            KeyError: no indicator has this id.
        """
        for definition in self.indicators:
            if definition.id == indicator_id:
                return definition
        raise KeyError(indicator_id)

    def indicator_ids(self) -> list[str]:
        """Every indicator id, in the form's order."""
        return [definition.id for definition in self.indicators]

    def examples_for(self, indicator_id: str) -> list[Example]:
        """The toolkit's examples for an indicator, lowest level first; empty if none."""
        return [
            example
            for group in self.example_groups
            if group.indicator_id == indicator_id
            for example in group.examples
        ]


# --- loading -------------------------------------------------------------------------


def _check_examples(name: str, groups: list[ExampleGroup], indicator_ids: set[str]) -> None:
    for index, group in enumerate(groups):
        if group.indicator_id not in indicator_ids:
            raise CatalogueError(
                f"{name}: groups entry {index + 1} ('{group.indicator_id}'): indicator_id "
                f"'{group.indicator_id}' is not an indicator in {INDICATORS_FILE}."
            )


def _check_complete(name: str, section: str, found: Sequence[str], wanted: Sequence[str]) -> None:
    """Each of ``wanted`` must appear exactly once, in that order."""
    if list(found) != list(wanted):
        raise CatalogueError(
            f"{name}: {section}: expected one entry for each of {quoted(wanted)}, in that "
            f"order; found {quoted(found)}."
        )


def _check_count_bands(name: str, bands: list[CountBand]) -> None:
    """Bands run from 1 upwards, each starting one above the last, the last open-ended."""
    if not bands:
        raise CatalogueError(f"{name}: count_bands: expected at least one band.")
    expected_min = 1
    for index, band in enumerate(bands):
        label = f"count_bands entry {index + 1} ('{band.level}')"
        if band.min_count < expected_min:
            raise CatalogueError(
                f"{name}: {label}: min_count {band.min_count} overlaps the band before it "
                f"(expected {expected_min})."
            )
        if band.min_count > expected_min:
            raise CatalogueError(
                f"{name}: {label}: min_count {band.min_count} leaves a gap "
                f"(expected {expected_min})."
            )
        last = index == len(bands) - 1
        if band.max_count is None:
            if not last:
                raise CatalogueError(f"{name}: {label}: only the last band can be open-ended.")
            continue
        if band.max_count < band.min_count:
            raise CatalogueError(f"{name}: {label}: max_count is below min_count.")
        if last:
            raise CatalogueError(
                f"{name}: {label}: the last band must be open-ended (max_count: null)."
            )
        expected_min = band.max_count + 1
    ranks = [band.level.rank for band in bands]
    if ranks != sorted(set(ranks)) or RiskLevel.MINIMAL in {band.level for band in bands}:
        raise CatalogueError(
            f"{name}: count_bands: levels must rise from band to band, above Minimal."
        )


def _by_id(entry: Any) -> object:
    return entry.id


def _load_toolkit(path: Path) -> Toolkit:
    name = path.name
    data = read_mapping(path, list(Toolkit.model_fields))
    factors = entries(
        name, "vulnerability_factors", data["vulnerability_factors"], VulnerabilityFactorDef,
        unique=_by_id,
    )  # fmt: skip
    types = entries(
        name, "exploitation_types", data["exploitation_types"], ExploitationTypeDef,
        unique=_by_id,
    )  # fmt: skip
    framework = entries(name, "framework", data["framework"], FrameworkCategoryDef, id_key="level")
    thresholds = entries(name, "thresholds", data["thresholds"], ThresholdDef, unique=_by_id)
    strategies = entries(name, "strategies", data["strategies"], StrategyDef, unique=_by_id)
    contacts = entries(name, "contacts", data["contacts"], ContactDef, id_key="name")
    bands = entries(name, "count_bands", data["count_bands"], CountBand, id_key="level")
    _check_complete(name, "framework", [f.level for f in framework], list(RiskLevel))
    _check_complete(name, "thresholds", [t.id for t in thresholds], list(Threshold))
    _check_count_bands(name, bands)
    try:
        return Toolkit(
            vulnerability_factors=factors,
            exploitation_types=types,
            framework=framework,
            thresholds=thresholds,
            strategies=strategies,
            referral_steps=data["referral_steps"],
            contacts=contacts,
            mash_address=data["mash_address"],
            count_bands=bands,
        )
    except ValidationError as error:
        problems = "; ".join(describe(dict(e)) for e in error.errors())
        raise CatalogueError(f"{name}: top level: {problems}.") from None


def load_catalogue(folder: Path | None = None) -> Catalogue:
    """Read and check the catalogue from a resources folder (default: the app's own).

    Raises:
        CatalogueError: a file is missing or malformed; the message names the file,
            the entry (by id or position) and the problem.
    """
    root = folder if folder is not None else resources_dir()
    indicators_data = read_mapping(root / INDICATORS_FILE, ["indicators"])
    indicators = entries(
        INDICATORS_FILE,
        "indicators",
        indicators_data["indicators"],
        IndicatorDef,
        unique=lambda entry: entry.id,
    )
    examples_data = read_mapping(root / EXAMPLES_FILE, ["groups"])
    groups = entries(
        EXAMPLES_FILE,
        "groups",
        examples_data["groups"],
        ExampleGroup,
        id_key="indicator_id",
        unique=lambda entry: entry.indicator_id,
    )
    _check_examples(EXAMPLES_FILE, groups, {entry.id for entry in indicators})
    toolkit = _load_toolkit(root / TOOLKIT_FILE)
    return Catalogue(indicators=indicators, example_groups=groups, toolkit=toolkit)


@cache
def default_catalogue() -> Catalogue:
    """The app's own catalogue, loaded once."""
    return load_catalogue()


# --- guidance ------------------------------------------------------------------------


class _GuidanceEntry(_Entry):
    id: Id
    title: Text
    file: Annotated[str, Field(pattern=r"^[a-z0-9_-]+\.md$")]


@dataclass(frozen=True)
class GuidanceTopic:
    """One page of the toolkit's guidance, readable in the app.

    Attributes:
        id: stable id of the topic.
        title: the heading shown in the list of topics.
        path: the Markdown file.
    """

    id: str
    title: str
    path: Path

    def read_markdown(self) -> str:
        """The page's Markdown text."""
        return self.path.read_text(encoding="utf-8")


def guidance_topics(folder: Path | None = None) -> list[GuidanceTopic]:
    """The guidance pages in reading order, from ``guidance/index.yaml``.

    Raises:
        CatalogueError: the index is malformed or names a file that is missing.
    """
    root = folder if folder is not None else resources_dir()
    index_path = root / GUIDANCE_INDEX
    data = read_mapping(index_path, ["topics"], "guidance/index.yaml")
    pages = entries("guidance/index.yaml", "topics", data["topics"], _GuidanceEntry, unique=_by_id)
    topics = []
    for position, entry in enumerate(pages):
        path = index_path.parent / entry.file
        if not path.is_file():
            raise CatalogueError(
                f"guidance/index.yaml: topics entry {position + 1} ('{entry.id}'): "
                f"the file '{entry.file}' is missing."
            )
        topics.append(GuidanceTopic(id=entry.id, title=entry.title, path=path))
    return topics
