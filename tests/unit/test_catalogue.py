"""The catalogue YAML against the toolkit's own text, and the loader's strictness.

The toolkit's form rows and examples table are copied below as expected data (with
the source's OCR slips left in, as the source prints them), so the core comparisons
never depend on files outside the repository. A second set of tests checks that copy
against the toolkit text itself, which CI keeps beside the clone in ``shared/seed``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ce_desktop.domain.catalogue import (
    EXAMPLES_FILE,
    INDICATORS_FILE,
    TOOLKIT_FILE,
    Catalogue,
    CatalogueError,
    default_catalogue,
    guidance_topics,
    load_catalogue,
)
from ce_desktop.domain.model import RiskLevel, Threshold
from ce_desktop.resources import resources_dir

SEED_DIR = Path(__file__).parents[2].parent / "shared" / "seed"

# The form's indicator rows, in order, as the toolkit prints them.
FORM_ROWS: list[tuple[str, str]] = [
    ("online_activity", "Concern re: online activity"),
    ("missing_from_home", "Regularly missing from home, care or education"),
    ("abused_by_adult", "Being abused on or off line by an adult /or targeted by an adult"),
    ("change_of_contact", "Change of contact with family and friends and other support networks"),
    ("drugs_alcohol", "Experimenting with drugs and/or alcohol (dependent on age)"),
    ("change_of_appearance", "Noticeable change of self-image/appearance or dress"),
    (
        "peer_on_peer_abuse",
        "Peer on peer abuse, including sexualised bullying and revenge pornography",
    ),
    ("getting_into_cars", "Getting into cars with adult(s)"),
    ("risky_associations", "Associating with peers or adults with a known risk of exploitation"),
    ("arranging_to_meet", "Arranging to meet for sexual activity"),
    ("withdrawn_complaints", "Making and then withdrawing a complaint/s"),
    ("unexplained_injuries", "Unexplained injuries"),
    ("unsafe_places", "Going to unsafe places i.e. known houses or places identified as a risk"),
    (
        "out_of_area",
        "Knowledge of other areas or located out of area, with no legitimate links to that area",
    ),
    (
        "unaccounted_money_goods",
        "Unaccounted for money or goods including mobile phones, drugs and alcohol",
    ),
    ("interest_in_money", "Increased interest in making money or need for money"),
    ("offending", "Offending e.g. violence, theft and drug dealing"),
    (
        "gang_association",
        "Gang member or association with gangs or extremist thinking including "
        "'normalisation' of gang violence and criminality. Consideration to be given to:",
    ),
    ("coerced_sexual_activity", "Coerced into sexual activity"),
    ("grooming", "Evidence of grooming"),
    ("abduction", "Abduction and forced imprisonment"),
    ("modern_slavery", "Indicators of modern slavery/trafficking"),
    (
        "sexual_health",
        "Miscarriages or terminations/presenting for pregnancy or sexually transmitted "
        "infection (STI) testing",
    ),
    ("self_harm", "Self-Harm"),
    ("carrying_weapons", "Carrying weapons/feeling the need for protection"),
    ("forced_marriage", "Forced marriage or marriage of convenience or preparations for such"),
    (
        "fgm",
        "Suspected Female Genital Mutilation (FBM) or known culture of this within the family",
    ),
    ("radicalisation", "Child shows/family interest in radicalisation or extremism"),
    ("other", "Other: Please expand on any indicator above (external agencies only)"),
]

# Rows the catalogue splits between title, prompts and guidance: every word of the row
# must appear there, rather than the title matching the row exactly.
SPLIT_ROWS = {"gang_association", "other"}

GANG_PROMPTS = [
    "Graffiti style 'tags' on possessions",
    "Starting to adopt certain types of group behaviours e.g. ways of talking, hand signs "
    "and abbreviated text",
    "New nicknames",
]

# The examples table: (indicator id, heading, [(seed level cell, levels read, text)]).
# An empty level cell is a row the toolkit prints without a level; the levels given
# are the reading recorded in examples.yaml.
EXAMPLES: list[tuple[str, str, list[tuple[str, list[str], str]]]] = [
    ("missing_from_home", "Coming home late or going missing", [
        ("Minimal/Emerging", ["minimal", "emerging"], "Occasional, short episodes with a plausible explanation of what has occurred."),  # noqa: E501
        ("Significant", ["significant"], "More regular or lengthy missing episodes, particularly if there is no explanation of where the child has been and / or if the child returns from an episode with new belongings or clothing."),  # noqa: E501
        ("Experiencing", ["experiencing"], "Lengthy missing episodes overnight, particularly in very bad weather. Regularly returning with new and unexplained items, especially if they are valuable. Actively hiding or lying about where they have been, after any significant incident such as a missing episode."),  # noqa: E501
    ]),
    ("online_activity", "Concern re: online activity", [
        ("Emerging", ["emerging"], "Increased secrecy around the use of mobile devices, especially if the child is a teenager."),  # noqa: E501
        ("Significant", ["significant"], "Evidence of sexualised language being used online, either by or towards the child. Repeated contact with unknown people online."),  # noqa: E501
        ("Experiencing", ["experiencing"], "A dramatic and extreme increase in secrecy around the use of mobile devices. Evidence of planning or arranging to meet in relation to criminal activity."),  # noqa: E501
    ]),
    ("abused_by_adult", "Being abused on or off line by an adult /or targeted for abuse", [
        ("Significant", ["significant"], "A child being targeted or abused by an adult is very unlikely to be low concern. May also be Intra or extra familial Abuse"),  # noqa: E501
        ("", ["significant"], "Repeated contact by adults, whether reciprocated or not."),
        ("Experiencing", ["experiencing"], "Evidence of actual abuse taking place by an adult."),
    ]),
    ("peer_on_peer_abuse", "Peer on peer abuse, including sexualised bullying and revenge pornography", [  # noqa: E501
        ("Emerging", ["emerging"], "Distribution of indecent images to a person of similar age (or similar developmental age), or minor bullying by age appropriate peers."),  # noqa: E501
        ("Significant/ May be Sexual Abuse", ["significant"], "Distribution of sexualised or indecent images or having sexual contact with a peer where there is an element of coercion or aggression. Assaults by peers or being encouraged or coerced into being involved in criminal or antisocial behaviour."),  # noqa: E501
        ("Experiencing", ["experiencing"], "Prolonged peer on peer abuse or one or more serious incidents, particularly if there is a disparity of age, or significant consequences for the child, such as more serious injuries or sexual offences."),  # noqa: E501
    ]),
    ("offending", "Offending, for example drugs, violence or theft", [
        ("Minimal/Emerging", ["minimal", "emerging"], "Low level acquisitive crime or personal drug possession/use."),  # noqa: E501
        ("Significant", ["significant"], "Multiple instances of offending or more serious offending, such as violence towards others."),  # noqa: E501
        ("Experiencing", ["experiencing"], "Supplying of drugs, especially if in association with others, organised violence or acquisitive crime linked to desperation for money."),  # noqa: E501
    ]),
    ("gang_association", "Gang member or association with gangs or extremist thinking", [
        ("Emerging", ["emerging"], "Peripheral association with gangs or gang culture among age appropriate peers."),  # noqa: E501
        ("Significant", ["significant"], "Association with older gang members, particularly if no age appropriate peers involved (isolated through age), or criminal activity linked to gang members."),  # noqa: E501
        ("Experiencing", ["experiencing"], "Clear indoctrination into gang culture, coupled with association with older gang members and a breakdown of relationships that are not with gang members. Physical harm being caused to the child, particularly if significant."),  # noqa: E501
    ]),
    ("coerced_sexual_activity", "Coerced into sexual activity", [
        ("Emerging", ["emerging"], "Where the child is persuaded to engage in low level sexual activity e.g. sending of indecent images (unless extreme) by an age appropriate peer."),  # noqa: E501
        ("Experiencing", ["experiencing"], "Where the child is coerced/forced into contact sexual activity by a peer."),  # noqa: E501
        ("Experiencing", ["experiencing"], "Contact sexual activity with an adult, or very extreme or dangerous sexual activity with a peer."),  # noqa: E501
    ]),
    ("grooming", "Evidence of grooming", [
        ("Significant", ["significant"], "Prolonged contact with a groomer but without the intention to meet."),  # noqa: E501
        ("Significant", ["significant"], "Arranging to meet a person following being groomed."),
        ("", ["experiencing"], "Meeting with an adult following being groomed."),
    ]),
    ("abduction", "Abduction and forced imprisonment", [
        ("EXPERIENCING", ["experiencing"], "A child being abducted or falsely imprisoned."),
    ]),
    ("modern_slavery", "Indicators of Modern Slavery/Trafficking", [
        ("Emerging", ["emerging"], "A child appearing to find transport easily available despite having limited access to funds."),  # noqa: E501
        ("Significant", ["significant"], "Evidence of the child being transported by an adult."),
        ("Significant", ["significant"], "Evidence of the child being transported by an adult with additional evidence of an exploitative intention (by the adult), such as sexualised communication or communication about drugs."),  # noqa: E501
    ]),
    ("carrying_weapons", "Carrying Weapons/Feeling the need for protection", [
        ("Emerging", ["emerging"], "Evidence of the child talking about needing to carry weapons for protection."),  # noqa: E501
        ("Significant", ["significant"], "A child being found to be in possession of a weapon (not necessarily by the police)."),  # noqa: E501
        ("Significant", ["significant"], "A child repeatedly carrying weapons despite being dealt with by the police and exhibiting fear if not in possession of a weapon."),  # noqa: E501
    ]),
    ("out_of_area", "Knowledge of other areas or found out of area, with no legitimate links", [
        ("Emerging", ["emerging"], "Talking about locations that are out of area despite no known experience of that area."),  # noqa: E501
        ("Significant", ["significant"], "Being found in other areas with no explanation of how they got there, or repeatedly talking about having visited locations that they should not be able to reach."),  # noqa: E501
        ("Significant", ["significant"], "Repeatedly returning to a specific area despite no known links to that area, or being found living/staying in a dwelling they have no links to."),  # noqa: E501
    ]),
]  # fmt: skip

LEVEL_CELLS = {
    "minimal emerging",
    "emerging",
    "significant",
    "experiencing",
    "significant may be sexual abuse",
}

# The OCR slips of the toolkit text (PRODUCT §2), applied to lower-cased text.
OCR_SLIPS = [
    (r"\bfbm\b", "fgm"),
    (r"\bcre\b", "ce"),
    (r"\binceased\b", "increased"),
    (r"\bdisction\b", "discretion"),
    (r"(^|\s)/or\b", r"\1and/or"),
]


def normalise(text: str) -> str:
    """Lower case, OCR slips corrected, punctuation dropped, whitespace collapsed."""
    text = text.lower()
    for pattern, replacement in OCR_SLIPS:
        text = re.sub(pattern, replacement, text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


# --- the YAML against the expected copy of the toolkit --------------------------------


def test_the_form_has_28_indicators_and_other_in_the_forms_order(catalogue: Catalogue) -> None:
    assert catalogue.indicator_ids() == [row_id for row_id, _ in FORM_ROWS]
    assert len(catalogue.indicators) == 29
    assert catalogue.indicator_ids()[-1] == "other"


@pytest.mark.parametrize(("indicator_id", "form_wording"), FORM_ROWS)
def test_every_indicator_title_is_the_forms_wording(
    catalogue: Catalogue, indicator_id: str, form_wording: str
) -> None:
    definition = catalogue.indicator(indicator_id)
    if indicator_id in SPLIT_ROWS:
        shown = " ".join([definition.title, *definition.prompts, definition.guidance])
        assert set(normalise(form_wording).split()) <= set(normalise(shown).split())
    else:
        assert normalise(definition.title) == normalise(form_wording)


def test_the_gang_indicator_prompts_are_the_forms_sub_points(catalogue: Catalogue) -> None:
    prompts = catalogue.indicator("gang_association").prompts
    assert [normalise(p) for p in prompts] == [normalise(p) for p in GANG_PROMPTS]


def test_titles_carry_no_ocr_slips(catalogue: Catalogue) -> None:
    text = " ".join(d.title + " " + d.guidance for d in catalogue.indicators)
    assert "FGM" in text
    for slip in ("FBM", "CRE ", "inCEased", " /or"):
        assert slip not in text


def test_other_says_it_is_for_external_agencies(catalogue: Catalogue) -> None:
    assert "external agencies only" in catalogue.indicator("other").guidance.lower()
    assert "dependent on age" in catalogue.indicator("drugs_alcohol").guidance.lower()


def test_unknown_indicator_is_a_key_error(catalogue: Catalogue) -> None:
    with pytest.raises(KeyError):
        catalogue.indicator("not_an_indicator")


def test_the_examples_table_has_its_12_groups(catalogue: Catalogue) -> None:
    assert [g.indicator_id for g in catalogue.example_groups] == [g[0] for g in EXAMPLES]


@pytest.mark.parametrize(
    ("indicator_id", "heading", "rows"), EXAMPLES, ids=[g[0] for g in EXAMPLES]
)
def test_every_example_row_is_in_the_yaml_with_its_levels(
    catalogue: Catalogue,
    indicator_id: str,
    heading: str,
    rows: list[tuple[str, list[str], str]],
) -> None:
    (group,) = [g for g in catalogue.example_groups if g.indicator_id == indicator_id]
    assert normalise(group.heading) == normalise(heading)
    found = [(normalise(e.text), [level.value for level in e.levels]) for e in group.examples]
    assert found == [(normalise(text), levels) for _, levels, text in rows]


def test_every_example_points_at_a_real_indicator_and_level(catalogue: Catalogue) -> None:
    ids = set(catalogue.indicator_ids())
    for group in catalogue.example_groups:
        assert group.indicator_id in ids
        for example in catalogue.examples_for(group.indicator_id):
            assert example.levels
            assert all(isinstance(level, RiskLevel) for level in example.levels)


def test_the_sexual_abuse_caution_is_kept_as_a_note(catalogue: Catalogue) -> None:
    notes = [e.note for e in catalogue.examples_for("peer_on_peer_abuse") if e.note]
    assert notes == ["May be sexual abuse."]


def test_indicators_without_examples_have_none(catalogue: Catalogue) -> None:
    assert catalogue.examples_for("fgm") == []


def test_ids_are_unique_in_every_list(catalogue: Catalogue) -> None:
    toolkit = catalogue.toolkit
    for ids in (
        catalogue.indicator_ids(),
        [f.id for f in toolkit.vulnerability_factors],
        [t.id for t in toolkit.exploitation_types],
        [s.id for s in toolkit.strategies],
    ):
        assert len(ids) == len(set(ids))


def test_the_toolkit_lists_match_the_form(catalogue: Catalogue) -> None:
    toolkit = catalogue.toolkit
    assert [t.id for t in toolkit.thresholds] == list(Threshold)
    assert [f.level for f in toolkit.framework] == list(RiskLevel)
    assert [f.category for f in toolkit.framework] == [f"Category {n}" for n in range(1, 5)]
    assert toolkit.framework[-1].descriptor.endswith("multiple risk indicators present")
    assert len(toolkit.exploitation_types) == 12
    assert {s.kind for s in toolkit.strategies} == {"intervention", "disruption"}
    assert toolkit.mash_address == "CSMASH@surreycc.gov.uk"
    steps = " ".join(toolkit.referral_steps)
    for must in ("manager immediately", "24 hours", "telephone referral", "Police"):
        assert must in steps
    factors = {f.id for f in toolkit.vulnerability_factors}
    assert {"age_12_to_15", "age_16_to_17", "transgender", "send", "looked_after"} <= factors


@pytest.mark.parametrize(
    ("count", "level"),
    [
        (0, RiskLevel.MINIMAL),
        (1, RiskLevel.EMERGING),
        (2, RiskLevel.EMERGING),
        (3, RiskLevel.SIGNIFICANT),
        (5, RiskLevel.SIGNIFICANT),
        (6, RiskLevel.EXPERIENCING),
        (29, RiskLevel.EXPERIENCING),
    ],
)
def test_level_for_count_follows_the_bands(
    catalogue: Catalogue, count: int, level: RiskLevel
) -> None:
    assert catalogue.toolkit.level_for_count(count) is level


def test_default_catalogue_is_loaded_once() -> None:
    assert default_catalogue() is default_catalogue()


# --- guidance --------------------------------------------------------------------------


def test_every_guidance_topic_is_a_markdown_page() -> None:
    topics = guidance_topics()
    assert [t.id for t in topics][:3] == ["introduction", "key_issues", "who_is_vulnerable"]
    for topic in topics:
        text = topic.read_markdown()
        assert text.startswith("# ")
        assert "<" not in text  # plain Markdown: no raw HTML for the text browser to guess at


def test_the_examples_page_shows_every_example(catalogue: Catalogue) -> None:
    (page,) = [t for t in guidance_topics() if t.id == "examples"]
    text = normalise(page.read_markdown())
    for group in catalogue.example_groups:
        for example in group.examples:
            assert normalise(example.text) in text


def test_a_guidance_index_naming_a_missing_page_fails(tmp_path: Path) -> None:
    shutil.copytree(resources_dir() / "guidance", tmp_path / "guidance")
    (tmp_path / "guidance" / "send.md").unlink()
    with pytest.raises(CatalogueError, match=r"guidance/index\.yaml.*'send'.*send\.md"):
        guidance_topics(tmp_path)


# --- malformed YAML fails fast, naming file, entry and problem -------------------------


@pytest.fixture
def resources_copy(tmp_path: Path) -> Path:
    for name in (INDICATORS_FILE, EXAMPLES_FILE, TOOLKIT_FILE):
        shutil.copy(resources_dir() / name, tmp_path / name)
    return tmp_path


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"fixture text not unique in {name}: {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


MALFORMED = [
    pytest.param(
        INDICATORS_FILE, "  - id: grooming\n", "  - id: grooming\n    colour: red\n",
        ["indicators.yaml", "'grooming'", "unknown key 'colour'"], id="unknown-key",
    ),
    pytest.param(
        INDICATORS_FILE, "    title: Evidence of grooming\n", "",
        ["indicators.yaml", "'grooming'", "missing key 'title'"], id="missing-key",
    ),
    pytest.param(
        INDICATORS_FILE, "  - id: abduction\n", "  - id: grooming\n",
        ["indicators.yaml", "entry 21", "duplicate id 'grooming'"], id="duplicate-id",
    ),
    pytest.param(
        EXAMPLES_FILE, "indicator_id: offending\n", "indicator_id: offending_typo\n",
        ["examples.yaml", "'offending_typo'", "not an indicator"], id="missing-indicator",
    ),
    pytest.param(
        EXAMPLES_FILE, "levels: [minimal, emerging]\n        text: Occasional",
        "levels: [minimal, amber]\n        text: Occasional",
        ["examples.yaml", "'missing_from_home'", "levels[1]", "'amber'"], id="bad-level",
    ),
    pytest.param(
        EXAMPLES_FILE, "  - indicator_id: grooming\n", "  - indicator_id: grooming\n   oops: [\n",
        ["examples.yaml", "line ", "not valid"], id="syntax-error",
    ),
    pytest.param(
        TOOLKIT_FILE, "  - id: section_17\n", "  - id: section_18\n",
        ["toolkit.yaml", "thresholds entry 2", "'section_18'"], id="threshold-not-a-threshold",
    ),
    pytest.param(
        TOOLKIT_FILE, "    min_count: 3\n", "    min_count: 2\n",
        ["toolkit.yaml", "count_bands entry 2", "overlaps"], id="bands-overlap",
    ),
    pytest.param(
        TOOLKIT_FILE, "    min_count: 3\n", "    min_count: 4\n",
        ["toolkit.yaml", "count_bands entry 2", "gap"], id="bands-gap",
    ),
    pytest.param(
        TOOLKIT_FILE, "mash_address:", "colour: red\nmash_address:",
        ["toolkit.yaml", "top level", "unknown key 'colour'"], id="unknown-top-level-key",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("name", "old", "new", "fragments"), MALFORMED)
def test_a_malformed_entry_names_file_entry_and_problem(
    resources_copy: Path, name: str, old: str, new: str, fragments: list[str]
) -> None:
    load_catalogue(resources_copy)  # the unedited copy loads
    _edit(resources_copy, name, old, new)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(resources_copy)
    for fragment in fragments:
        assert fragment in str(caught.value)


def test_count_bands_live_in_the_yaml(resources_copy: Path) -> None:
    _edit(resources_copy, TOOLKIT_FILE, "    max_count: 5\n", "    max_count: 4\n")
    _edit(resources_copy, TOOLKIT_FILE, "    min_count: 6\n", "    min_count: 5\n")
    toolkit = load_catalogue(resources_copy).toolkit
    assert toolkit.level_for_count(5) is RiskLevel.EXPERIENCING
    assert toolkit.level_for_count(4) is RiskLevel.SIGNIFICANT


# --- the expected copy against the toolkit text itself ---------------------------------


@pytest.fixture(scope="module")
def seed_text() -> str:
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip(f"the toolkit text is not beside this clone (looked in {SEED_DIR})")
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


def _between(text: str, start: str, end: str) -> list[str]:
    begin = text.index(start)
    return text[begin : text.index(end, begin)].splitlines()


def test_the_expected_form_rows_are_the_seeds(seed_text: str) -> None:
    lines = _between(seed_text, "Indicators One or more", "Summary of CRE Risk Indicators")
    rows = [
        line.strip("\t ")
        for line in lines
        if line.strip() and not line.startswith(("Indicators One or more", "<ul>"))
    ]
    assert [normalise(row) for row in rows] == [normalise(text) for _, text in FORM_ROWS]
    (prompt_line,) = [line for line in lines if line.startswith("<ul>")]
    items = re.findall(r"<li>(.*?)</li>", prompt_line)
    assert normalise(" ".join(items)) == normalise(" ".join(GANG_PROMPTS))


def test_the_expected_examples_are_the_seeds(seed_text: str) -> None:
    section = seed_text[seed_text.index("Risk Level\tExamples") :]
    lines = _between(section, "Risk Level\tExamples", "CE Risk Assessment.\t")
    seed_rows: list[tuple[str, str]] = []
    for line in lines:
        cells = [cell.strip() for cell in line.split("\t") if cell.strip()]
        if not cells or normalise(" ".join(cells)) == "risk level examples":
            continue
        if normalise(cells[0]) in LEVEL_CELLS:
            seed_rows.append((normalise(cells[0]), normalise(" ".join(cells[1:]))))
        else:
            seed_rows.append(("", normalise(" ".join(cells))))
    stream = " ".join(
        normalise(heading) + " " + " ".join(normalise(text) for _, _, text in rows)
        for _, heading, rows in EXAMPLES
    )
    # Every line of the seed's table is somewhere in the expected copy, in its words...
    for _, text in seed_rows:
        assert text in stream
    # ...and every expected row sits on a seed line with the level cell it claims.
    for _, _, rows in EXAMPLES:
        for cell, _, text in rows:
            assert any(
                level == normalise(cell) and line and line in normalise(text)
                for level, line in seed_rows
            ), text
