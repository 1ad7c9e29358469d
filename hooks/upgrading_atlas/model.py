"""The annotation model: one pydantic class per kind of annotation file.

Why pydantic rather than dataclasses plus a hand-written JSON Schema: the classes below are the
single source of truth. Pydantic validates YAML data against them with error paths we can map to
file lines, and it exports the JSON Schema that editors use, field descriptions included, so the
schema can never say something the validator does not enforce (a test compares the exported
schema with the files in ``schema/``).

Records are frozen. Where a record came from (file, line) is kept beside it by the loader.
"""

from __future__ import annotations

import functools
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag

from .markdown_budget import check_prose
from .names import check_name

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DEFINITION_MAX_WORDS = 60
GIST_MAX_WORDS = 25
QUOTATION_MAX_WORDS = 40

def _words(limit: int):
    def check(value: str) -> str:
        count = len(value.split())
        if count > limit:
            raise ValueError(f"has {count} words; the limit is {limit} — shorten it")
        return value

    return check


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=80),
    Field(description="A permanent id: lower-case words joined by hyphens, such as `global-factory`."),
]
PlainText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(check_name),
]
def _no_swallowed_field(value: str) -> str:
    """Refuse text that holds a field of the annotation format: an indentation mistake under a block
    of text (``>-`` or ``|``) is still valid YAML, and the next field becomes part of the text."""
    found = _swallowed_field().search(value)
    if found:
        field = found["alone"] or found["mapping"]
        raise ValueError(f"the text holds `{field}:`, which looks like a field indented into it — start the "
                         "field at the same column as the fields around it (or reword the text)")
    return value


@functools.cache
def _swallowed_field() -> re.Pattern[str]:
    """A field of any record as YAML writes it: its name and a colon alone on a line, or followed, on
    that line or the next, by a mapping (``{concept: …}``, ``- {paper: …}``). Plain words after a
    colon (``the note: [sic]``) are prose. The names are read from the model, defined below."""
    fields = {name for model in Record.__subclasses__() for name in model.model_fields}
    names = "|".join(map(re.escape, sorted(fields)))
    alone = rf"^[ \t]*(?P<alone>{names}):[ \t]*$"
    with_mapping = rf"(?:^|\s)(?P<mapping>{names}):\s*(?:-[ \t]+\{{|\{{[ \t]*\w+:)"
    return re.compile(f"{alone}|{with_mapping}", re.MULTILINE)


Prose = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000),
    AfterValidator(check_prose),
    AfterValidator(_no_swallowed_field),
    Field(description="Text in our own words. Markdown: emphasis, code, lists, quotes and links (http, https "
                      "or relative), nested at most ten deep, with brackets closed."),
]
SuppliedTitle = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^\[[^<>&{}\[\]`\\]+\]$", max_length=300),
    Field(description="A descriptive title in square brackets, such as `[Informal learning in ...]`."),
]
ShortProse = Annotated[Prose, AfterValidator(_words(DEFINITION_MAX_WORDS))]


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("runs over several lines — write it as one line (use `>-` or keep it on the key's line)")
    return value


Gist = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=400),
    AfterValidator(_one_line),
    AfterValidator(_words(GIST_MAX_WORDS)),
    AfterValidator(check_prose),
    Field(description="The sense in one line of at most 25 words, our own, for the comparison at the top of "
                      "the concept's page. Inline Markdown (emphasis, code) only."),
]
QuotationText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=1_000),
    AfterValidator(_words(QUOTATION_MAX_WORDS)),
    Field(description="The paper's exact words, at most 40. Whitespace, ligatures and quote marks may differ."),
]


SHORT_NAMES_OK = (
    "The record's own names (term or name, aliases) that are shorter than three letters or a common English "
    "word, such as `VW` or `The`, listed to confirm that the linker should link them wherever they appear. "
    "Not needed with `autolink: false`, nor for two or more Chinese characters."
)


class Record(BaseModel):
    """Base of every annotation record: immutable, and unknown fields are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Location(Record):
    """A place in a paper: one of its sections, tables or figures, optionally a page or a note."""

    paper: Id | None = Field(
        default=None,
        description="The paper's id. May be left out where the record already names the paper.",
    )
    section: Id = Field(
        description="The section's id from the paper's file, such as `s4-1-2`, `intro`, `table-1`."
    )
    page: int | None = Field(default=None, ge=1, description="A page number, only where the text prints it.")
    note: int | None = Field(default=None, ge=1, description="A footnote or endnote number.")


class Quotation(Record):
    """A short exact quotation from a paper."""

    text: QuotationText
    at: Location | None = Field(
        default=None, description="Where the words stand; defaults to the location of the record quoting it."
    )


# --- papers -------------------------------------------------------------------------------------


class KnownField(Record):
    """A citation field whose value is confirmed."""

    value: PlainText | int | list[PlainText] = Field(
        description="The value, as printed or as recorded: plain text (it is written into BibTeX, CSL-JSON and "
        "HTML meta tags), a number, or a list of names."
    )
    source: Literal["text", "public-record"] = Field(
        description="`text`: printed in our copy of the paper. `public-record`: found in a named public source."
    )
    note: PlainText | None = Field(default=None, description="Which public source, or a remark.")


class UnknownField(Record):
    """A citation field that no source confirms: shown on the site as unknown."""

    unknown: Literal[True]
    supplied: SuppliedTitle | None = Field(
        default=None,
        description="For a title only: a descriptive title in square brackets, shown as supplied.",
    )


def _citation_branch(value: Any) -> str:
    return "unknown" if isinstance(value, dict) and "unknown" in value else "known"


CitationField = Annotated[
    Annotated[KnownField, Tag("known")] | Annotated[UnknownField, Tag("unknown")],
    Discriminator(_citation_branch),
]


class Citation(Record):
    """A paper's citation. Every field is either a confirmed value or explicitly unknown."""

    type: Literal["article-journal", "chapter", "report", "unknown"] = Field(
        description="What kind of work it is; `unknown` where no source says."
    )
    title: CitationField
    authors: CitationField
    editors: CitationField | None = None
    container_title: CitationField | None = Field(default=None, description="The journal or book.")
    publisher: CitationField | None = None
    place: CitationField | None = None
    year: CitationField
    volume: CitationField | None = None
    issue: CitationField | None = None
    pages: CitationField | None = None
    chapter: CitationField | None = None
    isbn: CitationField | None = None
    doi: CitationField | None = None
    affiliation: CitationField | None = None
    dates: CitationField | None = Field(default=None, description="Other dates the text gives.")


class Section(Record):
    """One section, table or figure of a paper, with a permanent anchor id."""

    id: Id
    label: PlainText = Field(description="The number as printed (`4.1.2`), or `Abstract`, `Table 1`.")
    title: PlainText | None = Field(default=None, description="The paper's own heading.")
    summary: Prose | None = Field(default=None, description="What the section does, in one or two sentences.")


class Paper(Record):
    """A paper: its citation and its sections. Its page is written by hand in `docs/papers/`."""

    id: Id
    short_title: PlainText = Field(description="A short title for navigation, such as `Chen (2009)`.")
    gist: Gist = Field(
        description="What the paper argues, in one line of at most 25 words, our own: for the home page "
        "and the papers index.",
    )
    citation: Citation
    sections: list[Section] = Field(min_length=1)


# --- concepts -----------------------------------------------------------------------------------

Role = Literal["premise", "mechanism", "finding", "foil", "method", "context"]
Relation = Literal["broader", "narrower", "contrasts-with", "see-also"]


class Sense(Record):
    """How one paper uses a concept."""

    paper: Id = Field(description="The paper's id.")
    term_used: PlainText = Field(description="The word or phrase the paper itself uses.")
    role: Role = Field(description="What work the concept does in the paper's argument.")
    gist: Gist
    meaning: Prose = Field(description="What the authors mean by it, in our words.")
    at: Location = Field(description="Where the paper uses it in this sense.")
    quote: Quotation | None = None
    differs: Prose | None = Field(
        default=None,
        description="Only a real difference of sense: how this paper's meaning of the word differs from the "
        "other papers' (another referent, another scope, an opposite meaning). Anything else goes in `note`.",
    )
    note: Prose | None = Field(
        default=None,
        description="A remark on this paper's use that is not a difference of sense: whose phrase it is, what "
        "our copy of the text lacks, where else the paper touches it.",
    )


class RelatedConcept(Record):
    """A typed link to another concept."""

    concept: Id
    relation: Relation


class ReadingStep(Record):
    """One stop on a concept's reading path: a section of a paper to read, in order."""

    paper: Id = Field(description="The paper's id: one of the papers with a sense of the concept.")
    at: Location = Field(description="The section to read.")
    note: ShortProse | None = Field(default=None, description="What to look for there, in our words.")


class Concept(Record):
    """A concept of the glossary, with the sense in which each paper uses it."""

    id: Id = Field(description="The URL slug: `/concepts/<id>/`. Permanent.")
    term: PlainText = Field(description="The term as a heading, such as `Leading innovative enterprise`.")
    aliases: list[PlainText] = Field(
        default_factory=list,
        description="Other names the linker should find: abbreviations, spelling variants, Chinese terms.",
    )
    autolink: bool = Field(default=True, description="Set to false for a term too common to link automatically.")
    definition: ShortProse = Field(description="A short definition in our words, at most 60 words.")
    explanation: Prose | None = None
    senses: list[Sense] = Field(min_length=1, description="One entry for each paper that uses the concept.")
    senses_compared: Prose | None = Field(default=None, description="How the papers' senses differ.")
    related: list[RelatedConcept] = Field(default_factory=list)
    reading_path: list[ReadingStep] = Field(
        default_factory=list,
        description="An ordered path through the papers' sections, for a syllabus. Without it, a concept "
        "used by three or more papers gets one ordered from its senses.",
    )
    former_ids: list[Id] = Field(
        default_factory=list, description="Ids this concept had before, kept so that old URLs redirect."
    )
    short_names_ok: list[PlainText] = Field(default_factory=list, description=SHORT_NAMES_OK)


# --- entities -----------------------------------------------------------------------------------


class Mention(Record):
    """Where one paper discusses an entity."""

    paper: Id
    at: Location
    note: Prose = Field(description="What the paper says of it there, in our words.")


class Entity(Record):
    """A firm, institution, place or technology that recurs across the papers."""

    id: Id
    name: PlainText
    kind: Literal["firm", "institution", "place", "technology", "programme"]
    aliases: list[PlainText] = Field(default_factory=list)
    autolink: bool = True
    short_names_ok: list[PlainText] = Field(default_factory=list, description=SHORT_NAMES_OK)
    description: ShortProse = Field(description="What the papers say it is, at most 60 words.")
    mentions: list[Mention] = Field(min_length=1)


# --- cross-references ---------------------------------------------------------------------------


class Claim(Record):
    """One end of a cross-reference: a claim of one paper, located."""

    paper: Id
    section: Id
    page: int | None = Field(default=None, ge=1)
    claim: Prose = Field(description="The claim, stated precisely in our words.")
    quote: Quotation | None = None


class CrossReference(Record):
    """A claim in one paper related to a claim in another."""

    id: Id
    relation: Literal["supports", "contrasts", "qualifies", "extends", "reads-differently"] = Field(
        description="`reads-differently`: the two papers read the same case differently."
    )
    title: PlainText
    a: Claim
    b: Claim
    note: Prose = Field(description="Why we read the claims as related this way.")
    concepts: list[Id] = Field(default_factory=list)
    entities: list[Id] = Field(default_factory=list)


# --- tables -------------------------------------------------------------------------------------


class Column(Record):
    """A column of a comparison table."""

    id: Id
    label: PlainText


class Cell(Record):
    """A table cell, citing where its content comes from."""

    text: Prose
    at: list[Location] = Field(default_factory=list, description="Where the content comes from.")


class Row(Record):
    """A row of a comparison table."""

    label: PlainText
    paper: Id | None = Field(default=None, description="Set when the row is about one paper.")
    cells: dict[str, Cell]


class Table(Record):
    """A comparison table, placed on a page with `<!-- atlas:table <id> -->`."""

    id: Id
    title: PlainText
    description: Prose | None = None
    source: Location | None = Field(default=None, description="For a paper's own table: where it stands.")
    attribution: Prose | None = None
    columns: list[Column] = Field(min_length=1)
    rows: list[Row] = Field(min_length=1)
    transpose: bool = Field(
        default=False,
        description="Show rows as columns: for a few rows with many columns, such as five papers on nine points.",
    )


KIND_MODELS: dict[str, type[Record]] = {
    "papers": Paper,
    "concepts": Concept,
    "entities": Entity,
    "crossrefs": CrossReference,
    "tables": Table,
}
"""The folder under ``annotations/`` that holds each kind, and its model."""
