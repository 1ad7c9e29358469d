"""Write a synthetic atlas site of a given scale, the same for the same seed, for the benchmark.

Scale 1 is the size of the real atlas: 5 papers, 50 concepts, 25 entities. Papers grow in
proportion to the scale; concepts and entities grow more slowly, as a glossary does (about 550 at
10×, about 4,000 at 100×). Paper pages have 1,500 to 3,000 words of generated prose under headings
with explicit ids, mentioning the paper's concepts and entities by term, alias or plural about once
every 30 words. Annotations cover every kind (papers with sections, concepts with senses and
aliases, entities, cross-references, tables) and are valid under the schema.

The prose is nonsense with the shape of the real thing: its only job is to cost what real pages
cost to build, link and search.

Usage: ``python bench/generate_corpus.py OUT [--scale 10] [--seed 7]``
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
HOOK = ROOT / "hooks" / "mkdocs_hook.py"
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/{kind}.schema.json\n"
DEFAULT_SEED = 7

PAPERS_PER_SCALE = 5
RECORDS_AT_1 = 75
RECORDS_AT_100 = 4_000
RECORD_GROWTH = math.log(RECORDS_AT_100 / RECORDS_AT_1) / math.log(100)
"""Concepts plus entities grow as scale ** 0.86: 75 at 1×, about 550 at 10×, 4,000 at 100×."""
GROUP = 5
"""Papers come in topical groups of five: concepts, cross-references and tables stay mostly inside one."""
GLANCE_ROWS = 50
PAGE_MENTION_RATE = 0.28
"""The chance that a noun phrase of a paper page's prose names a concept or an entity: about one
mention in 20 words, of which the linker links the first per target and section."""

# --- vocabulary -----------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


MODIFIERS = _words("""absorptive relational modular tacit indigenous informal collective vertical horizontal regional
sectoral technological organizational institutional developmental incremental radical architectural embedded
networked captive hierarchical reverse lateral local distributed strategic adaptive latent shared layered dual
managed cumulative experimental deliberate defensive functional intersectoral precision contract domestic
foreign public private cooperative competitive flexible lean mass niche original secondary peripheral core
cross-border state-led market-led user-driven""")
HEADS = _words("""capacity learning network governance linkage supplier enterprise cluster specialization integration
sourcing capability spillover coordination standard platform architecture innovation diffusion imitation
assimilation mobility subcontracting embeddedness rent lock-in latecomer chain demand customization
certification licensing venture consortium ecosystem bargaining autonomy codification localization
agglomeration synchronization substitution segmentation apprenticeship benchmarking outsourcing""")
HUBS = ["Upgrading", "Catch-up", "Modularity", "Globalization", "Industrial policy", "Value chain",
        "Technology transfer", "Reverse engineering"]
"""Concepts every paper mentions often: their pages gather backlinks from every paper."""

SYLLABLES = _words("""ka lo ven tai shen ming hua ro sa dal mer zho chu pin ter ling wei an jin bo xi dra ko rin su yan
fen gao lun mo qi tse vor hal bei dun""")
FIRM_SUFFIXES = ["Machinery", "Precision", "Electronics", "Tools", "Semiconductor", "Motors", "Group",
                 "Instruments", "Systems", "Components"]
INSTITUTION_FORMS = ["{w} Institute of Technology", "{w} Research Institute", "{w} Industrial Bureau",
                     "{w} Development Council", "{w} Trade Association", "{w} Standards Office"]
PLACE_FORMS = ["{w}", "{w} Science Park", "{w} County", "{w} Province", "{w} Industrial Zone"]
TECH_FORMS = ["{a} controller", "{a} spindle", "{a} chipset", "{a} motherboard", "{a} switch", "{a} protocol"]
PROGRAMME_FORMS = ["{w} Programme", "{w} Plan", "{w} Initiative", "{w} Torch Programme"]
ENTITY_KINDS = [("firm", 0.4), ("institution", 0.2), ("place", 0.15), ("technology", 0.15), ("programme", 0.1)]

NOUNS = _words("""firms suppliers buyers engineers workers managers markets exports imports orders contracts designs
prototypes components machines tools parts factories plants workshops subsidiaries joint ventures banks
ministries agencies universities laboratories standards prices margins costs wages skills routines
procedures blueprints patents licences customers users distributors dealers rivals entrants incumbents
regions towns provinces sectors industries products processes projects plans reforms programmes loans
subsidies tariffs quotas investments profits revenues shares volumes niches segments generations""")
ADJECTIVES = _words("""small large foreign domestic early late new established private public local regional national
specialized general cheap costly slow rapid uneven steady informal formal technical commercial strategic
cautious ambitious dependent independent older younger""")
SUBJECTS = ["the authors", "the paper", "this section", "the study", "the argument", "the evidence",
            "the interviews", "the case material", "the survey", "the comparison"]
CLAIM_VERBS = ["argue that", "show that", "suggest that", "find that", "claim that", "hold that",
               "observe that", "insist that", "conclude that", "report that"]
LINK_VERBS = ["depends on", "shapes", "constrains", "enables", "follows from", "reinforces", "substitutes for",
              "complements", "undermines", "accompanies", "outlasts", "precedes", "draws on", "weakens"]
OUTCOMES = ["stall", "spread", "move up the value chain", "fall behind", "specialize", "consolidate",
            "diversify", "lose ground", "catch up", "integrate backwards", "stay in low-end segments"]
SETTINGS = ["the 1980s", "the early 1990s", "the reform period", "the export boom", "the coastal provinces",
            "the machine tool sector", "the electronics industry", "the second half of the decade",
            "small workshops", "state-owned plants", "the sample of firms", "the later interviews"]
EVIDENCE = ["interviews with managers", "a survey of firms", "trade statistics", "company reports",
            "industry association data", "patent counts", "field visits", "official yearbooks"]
INTROS = ["In short,", "Put differently,", "On this reading,", "By contrast,", "At the same time,",
          "Crucially,", "In the authors' account,", "Over time,", "For this reason,", "Even so,"]
ROLES = ["premise", "mechanism", "finding", "foil", "method", "context"]
RELATIONS = ["broader", "narrower", "contrasts-with", "see-also"]
CROSSREF_RELATIONS = ["supports", "contrasts", "qualifies", "extends", "reads-differently"]
JOURNALS = ["Research Policy", "World Development", "Industrial and Corporate Change",
            "Journal of Development Studies", "Review of International Political Economy",
            "Asian Survey", "Technovation", "Economic Geography", "China Quarterly", "Regional Studies"]
PAGE_PLAN = [
    ("summary", "Summary", 0.08, 0),
    ("question", "The question", 0.07, 0),
    ("argument", "The argument, step by step", 0.25, 3),
    ("method", "Method and evidence", 0.10, 0),
    ("findings", "Findings", 0.12, 0),
    ("cases", "The cases", 0.13, 2),
    ("limits", "What the evidence can and cannot show", 0.09, 0),
    ("policy", "Policy", 0.07, 0),
    ("conversation", "In conversation with the other papers", 0.09, 0),
]
"""Each part of a paper page: anchor, heading, share of the words, number of subsections."""
SECTION_PLAN = [("abstract", "Abstract", None), ("intro", "Introduction", None), ("s1", "1", None),
                ("s2", "2", None), ("s2-1", "2.1", None), ("s2-2", "2.2", None), ("s3", "3", None),
                ("s3-1", "3.1", None), ("s3-2", "3.2", None), ("s4", "4", None), ("s4-1", "4.1", None),
                ("s5", "5", None), ("conclusion", "Conclusion", None), ("table-1", "Table 1", None),
                ("figure-1", "Figure 1", None), ("notes", "Notes", None)]
TEXT_SECTIONS = [entry[0] for entry in SECTION_PLAN if not entry[0].startswith(("table", "figure", "notes"))]

MKDOCS_YML = """\
site_name: {site_name}
site_description: A synthetic atlas for the benchmark (scale {scale}, seed {seed}).
docs_dir: docs
site_dir: site
use_directory_urls: true

theme:
  name: material
  language: en
  font: false
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: indigo
      accent: teal
      toggle:
        icon: material/weather-night
        name: Switch to dark mode
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: indigo
      accent: teal
      toggle:
        icon: material/weather-sunny
        name: Switch to light mode
  features:
    - content.tooltips
    - navigation.sections
    - navigation.indexes
    - navigation.top
    - navigation.footer
    - search.highlight
    - toc.follow

hooks:
  - {hook}

plugins:
  - search

markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.smartsymbols

validation:
  omitted_files: info
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn

# Section indexes only, so that the sidebar Material prints on every page has the same size at every
# scale; paper pages are reached from papers/index.md, as generated pages are from their indexes.
nav:
  - Home: index.md
  - Papers: papers/index.md
  - Concepts:
      - concepts/index.md
      - Firms, institutions and places: entities/index.md
  - Comparisons:
      - comparisons/index.md
      - Cross-references: crossrefs/index.md
"""


# --- the corpus as data -------------------------------------------------------------------------


@dataclass
class PaperPlan:
    id: str
    short_title: str
    authors: list[str]
    year: int
    group: int
    concepts: list[int] = field(default_factory=list)
    entities: list[int] = field(default_factory=list)


@dataclass
class NamePlan:
    """A concept or an entity: how prose may name it, and which papers discuss it."""

    id: str
    name: str
    aliases: list[str]
    papers: list[int]
    spoken: list[str]
    """Forms used in prose: the term in lower case (concepts), the name, aliases, a plural."""


@dataclass(frozen=True)
class CorpusSize:
    """How many records a corpus of a given scale has."""

    scale: float
    papers: int
    concepts: int
    entities: int

    @classmethod
    def of(cls, scale: float) -> CorpusSize:
        papers = max(2, round(PAPERS_PER_SCALE * scale))
        records = round(RECORDS_AT_1 * scale**RECORD_GROWTH)
        concepts = round(records * 2 / 3)
        return cls(scale, papers, concepts, records - concepts)


@dataclass
class CorpusSummary:
    """What was written."""

    size: CorpusSize
    crossrefs: int = 0
    tables: int = 0
    files: int = 0
    paper_words: list[int] = field(default_factory=list)
    paper_mentions: list[int] = field(default_factory=list)
    """Mentions of concepts and entities placed in each paper page's prose."""


def slug(text: str) -> str:
    """An id from a name: lower-case words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Corpus:
    """Plans a corpus of one scale with one random generator, then writes it."""

    def __init__(self, scale: float, seed: int):
        self.size = CorpusSize.of(scale)
        self.seed = seed
        # a string seed is hashed with SHA-512, so the sequence is the same in every process
        self.rng = random.Random(f"upgrading-atlas-bench:{seed}:{scale}")  # noqa: S311 - no secret here
        self.taken: set[str] = set()
        self.papers: list[PaperPlan] = []
        self.concepts: list[NamePlan] = []
        self.entities: list[NamePlan] = []
        self.entity_kinds: list[str] = []
        self.hubs: list[int] = []
        self.summary = CorpusSummary(self.size)
        self.mentions_placed = 0
        self._plan()

    # --- planning ---------------------------------------------------------------------------------

    def _claim(self, name: str) -> bool:
        """Reserve a name (case-insensitively) if no other record has it."""
        key = name.casefold()
        if key in self.taken or not name:
            return False
        self.taken.add(key)
        return True

    def _word(self, syllables: int | None = None) -> str:
        count = syllables or self.rng.choice([2, 2, 3])
        return "".join(self.rng.choice(SYLLABLES) for _ in range(count)).capitalize()

    def _groups_papers(self, group: int) -> list[int]:
        return [index for index, paper in enumerate(self.papers) if paper.group == group]

    def _pick_papers(self, weights: list[tuple[int, float]]) -> list[int]:
        """Papers for a record: mostly from one topical group, sometimes one from elsewhere."""
        count = self.rng.choices([k for k, _ in weights], [w for _, w in weights])[0]
        groups = max(paper.group for paper in self.papers) + 1
        home = self._groups_papers(self.rng.randrange(groups))
        chosen = self.rng.sample(home, min(count, len(home)))
        if len(self.papers) > GROUP and self.rng.random() < 0.2:
            outsider = self.rng.randrange(len(self.papers))
            if outsider not in chosen:
                chosen.append(outsider)
        return sorted(chosen)

    def _plan(self) -> None:
        for index in range(self.size.papers):
            surnames = [self._word() for _ in range(self.rng.choice([1, 1, 2, 2, 3]))]
            year = self.rng.randrange(1985, 2020)
            base = slug("-".join(surnames)) + f"-{year}"
            paper_id, suffix = base, 0
            while not self._claim("paper:" + paper_id):
                suffix += 1
                paper_id = f"{base}{'abcdefghij'[suffix % 10]}{suffix // 10 or ''}"
            names = surnames[0] if len(surnames) == 1 else (
                f"{surnames[0]} and {surnames[1]}" if len(surnames) == 2 else f"{surnames[0]} et al.")
            authors = [f"{self.rng.choice('ABCDEFGHJKLMNPRSTWXYZ')}. {surname}" for surname in surnames]
            self.papers.append(PaperPlan(paper_id, f"{names} ({year})", authors, year, index // GROUP))
        self._plan_concepts()
        self._plan_entities()

    def _plan_concepts(self) -> None:
        terms = list(HUBS)
        pairs = [f"{modifier} {head}" for modifier in MODIFIERS for head in HEADS]
        self.rng.shuffle(pairs)
        terms += pairs
        while len(terms) < self.size.concepts:  # beyond the pairs: three-word terms
            terms.append(f"{self.rng.choice(MODIFIERS)} {self.rng.choice(MODIFIERS)} {self.rng.choice(HEADS)}")
        sense_counts = [(1, 0.35), (2, 0.3), (3, 0.2), (4, 0.1), (5, 0.05)]
        for term in terms:
            if len(self.concepts) == self.size.concepts:
                break
            if not self._claim(term):
                continue
            aliases: list[str] = []
            words = term.replace("-", " ").split()
            if len(words) > 1 and self.rng.random() < 0.35:
                acronym = "".join(word[0] for word in words).upper()
                if len(acronym) > 1 and self._claim(acronym):
                    aliases += [acronym, acronym + "s"] if self._claim(acronym + "s") else [acronym]
            if term.endswith("y") and self.rng.random() < 0.5 and self._claim(term[:-1] + "ies"):
                aliases.append(term[:-1] + "ies")
            if len(words) > 1 and self.rng.random() < 0.15:
                variant = f"{words[-1]} {words[0]}" if len(words) == 2 else " ".join(reversed(words))
                if self._claim(variant):
                    aliases.append(variant)
            lower = term[0].lower() + term[1:]
            spoken = [lower, lower, lower, *aliases]
            if not lower.endswith(("s", "x", "y", "h")):
                spoken.append(lower + "s")
            index = len(self.concepts)
            if term in HUBS:
                self.hubs.append(index)
            papers = self._pick_papers(sense_counts)
            self.concepts.append(NamePlan(slug(term), term[0].upper() + term[1:], aliases, papers, spoken))
            for paper in papers:
                self.papers[paper].concepts.append(index)

    def _plan_entities(self) -> None:
        mention_counts = [(1, 0.4), (2, 0.3), (3, 0.2), (4, 0.1)]
        kinds = [kind for kind, _ in ENTITY_KINDS]
        weights = [weight for _, weight in ENTITY_KINDS]
        while len(self.entities) < self.size.entities:
            kind = self.rng.choices(kinds, weights)[0]
            word = self._word()
            if kind == "firm":
                name = f"{word} {self.rng.choice(FIRM_SUFFIXES)}"
            elif kind == "institution":
                name = self.rng.choice(INSTITUTION_FORMS).format(w=word)
            elif kind == "place":
                name = self.rng.choice(PLACE_FORMS).format(w=word)
            elif kind == "technology":
                letters = "".join(self.rng.choice("ABCDEFGHKLMNPRSTVXZ") for _ in range(self.rng.choice([2, 3])))
                name = self.rng.choice(TECH_FORMS).format(a=letters)
            else:
                name = self.rng.choice(PROGRAMME_FORMS).format(w=word)
            if not self._claim(name):
                continue
            aliases: list[str] = []
            if kind == "firm" and self.rng.random() < 0.5 and self._claim(word):
                aliases.append(word)
            elif kind == "institution":
                acronym = "".join(part[0] for part in name.split() if part[0].isupper())
                if self._claim(acronym):
                    aliases.append(acronym)
            index = len(self.entities)
            papers = self._pick_papers(mention_counts)
            self.entities.append(NamePlan(slug(name), name, aliases, papers, [name, name, *aliases]))
            self.entity_kinds.append(kind)
            for paper in papers:
                self.papers[paper].entities.append(index)
        ids = [entity.id for entity in self.entities]
        for index, entity in enumerate(self.entities):  # ids must be unique even where names differ
            if ids.index(entity.id) != index:
                entity.id = f"{entity.id}-{index}"

    # --- prose ------------------------------------------------------------------------------------

    def mention(self, paper: PaperPlan | None) -> str:
        """A name of a concept or entity, as prose would write it, drawn mostly from the paper's own."""
        roll = self.rng.random()
        if paper is not None and roll < 0.55 and paper.concepts:
            record = self.concepts[self.rng.choice(paper.concepts)]
        elif paper is not None and roll < 0.75 and paper.entities:
            record = self.entities[self.rng.choice(paper.entities)]
        elif roll < 0.9 and self.hubs:
            record = self.concepts[self.rng.choice(self.hubs)]
        else:
            record = self.rng.choice(self.concepts)
        self.mentions_placed += 1
        return self.rng.choice(record.spoken)

    def noun_phrase(self, paper: PaperPlan | None, mention_rate: float) -> str:
        if self.rng.random() < mention_rate:
            return self.mention(paper)
        rng = self.rng
        shape = rng.random()
        if shape < 0.45:
            phrase = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
        elif shape < 0.75:
            phrase = f"the {rng.choice(NOUNS)} of {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
        else:
            phrase = rng.choice(NOUNS)
        return f"*{phrase}*" if rng.random() < 0.03 else phrase

    def sentence(self, paper: PaperPlan | None, mention_rate: float = PAGE_MENTION_RATE) -> str:
        rng = self.rng

        def np() -> str:
            return self.noun_phrase(paper, mention_rate)

        shape = rng.randrange(9)
        if shape == 0:
            text = f"{rng.choice(SUBJECTS)} {rng.choice(CLAIM_VERBS)} {np()} {rng.choice(LINK_VERBS)} {np()}"
        elif shape == 1:
            text = f"{np()} {rng.choice(LINK_VERBS)} {np()}, and {np()} {rng.choice(LINK_VERBS)} {np()} in turn"
        elif shape == 2:
            text = f"in {rng.choice(SETTINGS)}, {np()} {rng.choice(LINK_VERBS)} {np()} rather than {np()}"
        elif shape == 3:
            text = (f"the evidence on {np()} comes from {rng.choice(EVIDENCE)}, which limits what it can show "
                    f"about {np()}")
        elif shape == 4:
            text = f"where {np()} is weak, {np()} tends to {rng.choice(OUTCOMES)}"
        elif shape == 5:
            text = (f"{rng.choice(INTROS)} {np()} {rng.choice(LINK_VERBS)} {np()} when {np()} "
                    f"{rng.choice(LINK_VERBS)} {np()}")
        elif shape == 6:
            text = f"this is why the paper treats {np()} as a {rng.choice(ROLES)} of {np()}"
        elif shape == 7:
            text = (f"{rng.choice(INTROS)} firms that rely on {np()} {rng.choice(OUTCOMES)} sooner than those "
                    f"that rely on {np()}")
        else:
            text = f"the argument turns on {np()}: without it, {np()} would not {rng.choice(OUTCOMES)}"
        return text[0].upper() + text[1:] + "."

    def paragraph(self, paper: PaperPlan | None, words: int, mention_rate: float = PAGE_MENTION_RATE) -> str:
        sentences: list[str] = []
        count = 0
        while count < words:
            sentence = self.sentence(paper, mention_rate)
            sentences.append(sentence)
            count += len(sentence.split())
        return " ".join(sentences)

    def short(self, paper: PaperPlan | None, low: int, high: int, mention_rate: float = 0.3) -> str:
        """Prose of between ``low`` and ``high`` words (whole sentences, trimmed to the limit)."""
        words = self.paragraph(paper, self.rng.randrange(low, high + 1), mention_rate).split()
        text = " ".join(words[:high])
        return text if text.endswith(".") else text.rstrip(",:;") + "."

    def quotation(self, words: int) -> str:
        return " ".join(self.rng.choice(NOUNS + ADJECTIVES + ["the", "of", "and", "in"]) for _ in range(words))

    # --- annotation records -----------------------------------------------------------------------

    def paper_record(self, paper: PaperPlan) -> dict:
        rng = self.rng
        journal = rng.choice(JOURNALS)
        first = rng.randrange(1, 900)
        title = self.short(paper, 6, 12, 0.4).rstrip(".").replace("*", "")
        citation = {
            "type": "article-journal",
            "title": {"value": title, "source": "text"},
            "authors": {"value": paper.authors, "source": "text"},
            "container_title": {"value": journal, "source": "text"},
            "volume": {"value": str(rng.randrange(1, 60)), "source": "text"},
            "issue": {"unknown": True} if rng.random() < 0.5 else {"value": str(rng.randrange(1, 12)),
                                                                   "source": "text"},
            "year": {"value": paper.year, "source": "text"},
            "pages": {"value": f"{first}–{first + rng.randrange(12, 30)}", "source": "text"},
            "doi": {"unknown": True},
        }
        sections = []
        for section_id, label, _ in SECTION_PLAN:
            entry: dict = {"id": section_id, "label": label}
            if section_id not in {"abstract", "notes"}:
                entry["title"] = self.short(paper, 2, 6, 0.2).rstrip(".").replace("*", "")
            entry["summary"] = self.short(paper, 15, 35)
            sections.append(entry)
        return {"id": paper.id, "short_title": paper.short_title,
                "gist": f"{paper.short_title} makes a synthetic argument about industrial upgrading.",
                "citation": citation, "sections": sections}

    def concept_record(self, index: int) -> dict:
        rng = self.rng
        plan = self.concepts[index]
        first_paper = self.papers[plan.papers[0]]
        record: dict = {"id": plan.id, "term": plan.name}
        if plan.aliases:
            record["aliases"] = plan.aliases
        if index in self.hubs[:2]:
            record["autolink"] = False  # as the real atlas does for a term too common to link
        record["definition"] = self.short(first_paper, 15, 40, 0.15)
        if rng.random() < 0.7:
            record["explanation"] = (self.paragraph(first_paper, rng.randrange(40, 90), 0.3) + "\n\n"
                                     + self.paragraph(first_paper, rng.randrange(20, 60), 0.3))
        senses = []
        for paper_index in plan.papers:
            paper = self.papers[paper_index]
            sense: dict = {
                "paper": paper.id,
                "term_used": rng.choice(plan.spoken).replace("*", ""),
                "role": rng.choice(ROLES),
                "meaning": self.short(paper, 25, 60),
                "at": {"section": rng.choice(TEXT_SECTIONS)},
            }
            # the meaning's first words, so that the gist takes nothing from the random stream
            sense["gist"] = " ".join(sense["meaning"].split()[:12]).rstrip(".,;:") + "."
            if rng.random() < 0.4:
                sense["quote"] = {"text": self.quotation(rng.randrange(5, 25)),
                                  "at": {"section": rng.choice(TEXT_SECTIONS)}}
            if rng.random() < 0.2 and len(plan.papers) > 1:  # a difference of sense needs another sense
                sense["differs"] = self.short(paper, 15, 35)
            senses.append(sense)
        record["senses"] = senses
        if len(senses) > 1:
            record["senses_compared"] = self.short(first_paper, 30, 70)
        related = []
        for other in rng.sample(range(len(self.concepts)), min(len(self.concepts), rng.randrange(0, 4))):
            if other != index and all(item["concept"] != self.concepts[other].id for item in related):
                related.append({"concept": self.concepts[other].id, "relation": rng.choice(RELATIONS)})
        if related:
            record["related"] = related
        if rng.random() < 0.03:
            record["former_ids"] = [f"old-{plan.id}"]
        return record

    def entity_record(self, index: int) -> dict:
        rng = self.rng
        plan = self.entities[index]
        record: dict = {"id": plan.id, "name": plan.name, "kind": self.entity_kinds[index]}
        if plan.aliases:
            record["aliases"] = plan.aliases
        record["description"] = self.short(self.papers[plan.papers[0]], 15, 45, 0.15)
        record["mentions"] = [
            {"paper": self.papers[paper].id, "at": {"section": rng.choice(TEXT_SECTIONS)},
             "note": self.short(self.papers[paper], 15, 40)}
            for paper in plan.papers
        ]
        return record

    def crossref_records(self) -> list[dict]:
        rng = self.rng
        records: list[dict] = []
        ids: set[str] = set()
        for _ in range(round(2.4 * len(self.papers))):
            a = rng.randrange(len(self.papers))
            group = [index for index in self._groups_papers(self.papers[a].group) if index != a]
            b = rng.choice(group) if group and rng.random() < 0.85 else rng.randrange(len(self.papers))
            if a == b:
                continue
            paper_a, paper_b = self.papers[a], self.papers[b]
            shared = [c for c in paper_a.concepts if c in paper_b.concepts] or paper_a.concepts or [0]
            concepts = rng.sample(shared, min(len(shared), rng.randrange(1, 4)))
            title = (self.concepts[concepts[0]].name + " in " + paper_a.short_title.split(" (")[0]
                     + " and " + paper_b.short_title.split(" (")[0])
            crossref_id = slug(title)
            while crossref_id in ids:
                crossref_id += "-" + str(rng.randrange(10))
            ids.add(crossref_id)
            record: dict = {
                "id": crossref_id,
                "relation": rng.choice(CROSSREF_RELATIONS),
                "title": title,
                "a": {"paper": paper_a.id, "section": rng.choice(TEXT_SECTIONS), "claim": self.short(paper_a, 20, 45)},
                "b": {"paper": paper_b.id, "section": rng.choice(TEXT_SECTIONS), "claim": self.short(paper_b, 20, 45)},
                "note": self.short(paper_a, 25, 60),
                "concepts": [self.concepts[c].id for c in concepts],
            }
            if paper_a.entities and rng.random() < 0.4:
                record["entities"] = [self.entities[rng.choice(paper_a.entities)].id]
            if rng.random() < 0.3:
                record["a"]["quote"] = {"text": self.quotation(rng.randrange(5, 20))}
            records.append(record)
        return records

    def table_records(self) -> list[tuple[dict, str]]:
        """Each table with the source path of the page that places it."""
        rng = self.rng

        def cell(paper: PaperPlan, with_paper: bool = False) -> dict:
            at = {"section": rng.choice(TEXT_SECTIONS)}
            if with_paper:
                at = {"paper": paper.id, **at}
            return {"text": self.short(paper, 3, 12, 0.3), "at": [at]}

        tables: list[tuple[dict, str]] = []
        # one glance table per 50 papers: a file of 500 rows would pass the loader's size limit
        for start in range(0, len(self.papers), GLANCE_ROWS):
            part = start // GLANCE_ROWS + 1
            glance = {
                "id": "papers-at-a-glance" + (f"-{part}" if part > 1 else ""),
                "title": "The papers at a glance" + (f", part {part}" if part > 1 else ""),
                "description": "Industry, place, method and period of every paper.",
                "columns": [{"id": "industry", "label": "Industry"}, {"id": "place", "label": "Place"},
                            {"id": "method", "label": "Method"}, {"id": "period", "label": "Period"}],
                "rows": [{"label": paper.short_title, "paper": paper.id,
                          "cells": {column: cell(paper) for column in ("industry", "place", "method", "period")}}
                         for paper in self.papers[start : start + GLANCE_ROWS]],
            }
            tables.append((glance, "papers/index.md"))
        groups = max(paper.group for paper in self.papers) + 1
        for group in range(groups):
            members = [self.papers[index] for index in self._groups_papers(group)]
            compared = {
                "id": f"group-{group + 1}-learning",
                "title": f"Learning and organization in group {group + 1}",
                "description": "How each paper of the group sees learning, organization and upgrading.",
                "columns": [{"id": "learning", "label": "Learning"}, {"id": "organization", "label": "Organization"},
                            {"id": "upgrading", "label": "Upgrading path"}],
                "rows": [{"label": paper.short_title, "paper": paper.id,
                          "cells": {column: cell(paper) for column in ("learning", "organization", "upgrading")}}
                         for paper in members],
            }
            tables.append((compared, f"comparisons/group-{group + 1}.md"))
            owner = members[0]
            own = {
                "id": f"{owner.id}-table-1",
                "title": f"{owner.short_title}, Table 1",
                "source": {"paper": owner.id, "section": "table-1"},
                "attribution": f"Adapted from {owner.short_title}, Table 1.",
                "columns": [{"id": "period", "label": "Period"}, {"id": "share", "label": "Share of output"}],
                "rows": [{"label": f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)}",
                          "cells": {"period": cell(owner, True), "share": cell(owner, True)}}
                         for _ in range(rng.randrange(3, 7))],
            }
            tables.append((own, f"papers/{owner.id}.md"))
        return tables

    # --- pages ------------------------------------------------------------------------------------

    def paper_page(self, index: int, own_table: str | None) -> str:
        rng = self.rng
        paper = self.papers[index]
        # the prose overshoots each paragraph's budget, and lists, tables and headings add words
        target = rng.randrange(1500, 3001) - 380
        placed = self.mentions_placed
        lines = ["---", f"title: {json.dumps(paper.short_title)}", f"atlas_paper: {paper.id}", "---", "",
                 f"# {paper.short_title}", "", f"<!-- atlas:citation {paper.id} -->", ""]
        others = [i for i in self._groups_papers(paper.group) if i != index] or [i for i in range(len(self.papers))
                                                                                  if i != index]
        footnote = False
        for anchor, heading, share, subsections in PAGE_PLAN:
            words = max(40, round(target * share))
            lines += [f"## {heading} {{#{anchor}}}", ""]
            if subsections:
                per = words // (subsections + 1)
                lines += [self.paragraph(paper, per), ""]
                for number in range(1, subsections + 1):
                    title = self.short(paper, 3, 7, 0.3).rstrip(".").replace("*", "")
                    lines += [f"### {title} {{#{anchor}-{number}}}", "", self.paragraph(paper, per // 2), "",
                              self.paragraph(paper, per - per // 2), ""]
                continue
            if anchor == "findings":
                lines += [self.paragraph(paper, words // 3), ""]
                lines += [f"- {self.sentence(paper)}" for _ in range(rng.randrange(4, 8))] + [""]
                lines += [self.paragraph(paper, words // 3), ""]
            elif anchor == "method":
                lines += [self.paragraph(paper, words // 2), "", "| Source | What it gives |", "| --- | --- |"]
                lines += [f"| {rng.choice(EVIDENCE).capitalize()} | {self.short(paper, 6, 14)} |"
                          for _ in range(rng.randrange(2, 5))]
                lines += ["", self.paragraph(paper, words // 2) + ("[^1]" if rng.random() < 0.6 else ""), ""]
                footnote = lines[-2].endswith("[^1]")
            elif anchor == "limits":
                label = rng.choice([s for s in SECTION_PLAN if s[0].startswith("s")])[1]
                lines += [self.paragraph(paper, words // 2), "", '!!! note "The authors\' own caveat"', "",
                          "    " + self.paragraph(paper, words // 4), "",
                          f"The paper says so itself: “{self.quotation(rng.randrange(8, 25))}” (§{label}). "
                          + self.paragraph(paper, words // 4), ""]
            elif anchor == "conversation":
                lines += [self.paragraph(paper, words // 2), ""]
                for other in rng.sample(others, min(3, len(others))):
                    other_paper = self.papers[other]
                    lines += [f"- [{other_paper.short_title}]({other_paper.id}.md#findings): "
                              f"{self.sentence(paper)}"]
                lines += ["", f"<!-- atlas:crossrefs {paper.id} -->", ""]
            else:
                split = rng.randrange(2, 4)
                lines += [paragraph for _ in range(split) for paragraph in (self.paragraph(paper, words // split), "")]
                if anchor == "summary" and rng.random() < 0.5:
                    lines += [f"Not every use of the word is the concept: {{!{self.mention(paper)}!}} stays plain.", ""]
        if own_table:
            lines += ["## The paper's own table {#own-table}", "", f"<!-- atlas:table {own_table} -->", ""]
        lines += ["## The paper's sections {#sections}", "", f"<!-- atlas:sections {paper.id} -->", "",
                  f"<!-- atlas:paper-context {paper.id} -->", ""]
        if footnote:
            lines += [f"[^1]: {self.short(paper, 10, 25)}", ""]
        text = "\n".join(lines)
        self.summary.paper_words.append(len(re.sub(r"<!--.*?-->|^---.*?---", " ", text, flags=re.S).split()))
        self.summary.paper_mentions.append(self.mentions_placed - placed)
        return text

    def home_page(self) -> str:
        return "\n".join([
            "---", "title: Synthetic atlas", "---", "", "# Synthetic atlas", "",
            self.paragraph(None, 120, 0.2), "",
            "## Ways in {#ways-in}", "",
            "- [The papers](papers/index.md)", "- [Concepts](concepts/index.md)",
            "- [Firms, institutions and places](entities/index.md)", "- [Comparisons](comparisons/index.md)",
            "- [Cross-references](crossrefs/index.md)", "",
            "## How to read it {#how-to-read}", "", self.paragraph(None, 150, 0.2), "",
        ])

    def papers_index(self) -> str:
        lines = ["---", "title: The papers", "---", "", "# The papers", "", self.paragraph(None, 60, 0.2), "",
                 "<!-- atlas:table papers-at-a-glance -->", ""]
        for part in range(2, math.ceil(len(self.papers) / GLANCE_ROWS) + 1):
            lines += [f"<!-- atlas:table papers-at-a-glance-{part} -->", ""]
        lines += ["## Every paper {#every-paper}", ""]
        lines += [f"- [{paper.short_title}]({paper.id}.md)" for paper in self.papers]
        return "\n".join(lines) + "\n"

    def comparison_pages(self, groups: int) -> dict[str, str]:
        pages = {"comparisons/index.md": "\n".join(
            ["---", "title: Comparisons", "---", "", "# Comparisons", "", self.paragraph(None, 80, 0.2), ""]
            + [f"- [Group {group + 1}](group-{group + 1}.md)" for group in range(groups)]) + "\n"}
        for group in range(groups):
            members = [self.papers[index] for index in self._groups_papers(group)]
            pages[f"comparisons/group-{group + 1}.md"] = "\n".join([
                "---", f"title: Group {group + 1}", "---", "", f"# Group {group + 1}", "",
                self.paragraph(members[0], 150), "", "## The table {#table}", "",
                f"<!-- atlas:table group-{group + 1}-learning -->", "", "## Reading it {#reading}", "",
                self.paragraph(members[-1], 200), "",
            ])
        return pages

    # --- writing ------------------------------------------------------------------------------------

    def write(self, folder: Path) -> CorpusSummary:
        """Write the site into ``folder`` (emptied first): mkdocs.yml, docs/ and annotations/."""
        if folder.exists():
            shutil.rmtree(folder)
        files: dict[str, str] = {}
        annotations: dict[str, dict] = {}
        for paper in self.papers:
            annotations[f"papers/{paper.id}.yml"] = self.paper_record(paper)
        for index, concept in enumerate(self.concepts):
            annotations[f"concepts/{concept.id}.yml"] = self.concept_record(index)
        for index, entity in enumerate(self.entities):
            annotations[f"entities/{entity.id}.yml"] = self.entity_record(index)
        for record in self.crossref_records():
            annotations[f"crossrefs/{record['id']}.yml"] = record
        tables = self.table_records()
        own_tables = {}
        for record, page in tables:
            annotations[f"tables/{record['id']}.yml"] = record
            if page.startswith("papers/") and page != "papers/index.md":
                own_tables[page] = record["id"]
        for path, record in annotations.items():
            body = yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=110)
            files[f"annotations/{path}"] = SCHEMA_LINE.format(kind=path.split("/")[0]) + body
        files["docs/index.md"] = self.home_page()
        files["docs/papers/index.md"] = self.papers_index()
        for index, paper in enumerate(self.papers):
            files[f"docs/papers/{paper.id}.md"] = self.paper_page(index, own_tables.get(f"papers/{paper.id}.md"))
        groups = max(paper.group for paper in self.papers) + 1
        files.update({f"docs/{path}": text for path, text in self.comparison_pages(groups).items()})
        files["mkdocs.yml"] = MKDOCS_YML.format(
            site_name=f"Synthetic atlas {self.size.scale:g}x", scale=f"{self.size.scale:g}", seed=self.seed,
            hook=json.dumps(str(HOOK)),
        )
        for path, text in files.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        self.summary.crossrefs = sum(1 for path in annotations if path.startswith("crossrefs/"))
        self.summary.tables = len(tables)
        self.summary.files = len(files)
        return self.summary


def generate(folder: Path, scale: float = 1, seed: int = DEFAULT_SEED) -> CorpusSummary:
    """Write a complete synthetic site of ``scale`` into ``folder``; the same seed writes the same files."""
    return Corpus(scale, seed).write(folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="where to write the site (emptied first)")
    parser.add_argument("--scale", type=float, default=1, help="1 = the real atlas's size (default 1)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    summary = generate(args.folder, args.scale, args.seed)
    size = summary.size
    words = summary.paper_words
    print(f"{args.folder}: {size.papers} papers ({min(words)}–{max(words)} words, {sum(words):,} in all), "
          f"{size.concepts} concepts, {size.entities} entities, {summary.crossrefs} cross-references, "
          f"{summary.tables} tables; one mention in {sum(words) / sum(summary.paper_mentions):.0f} words of "
          f"paper prose; {summary.files} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
