"""Checks across records on the names the linker finds them by: one target for every name, no
two names a reader cannot tell apart, and short or common names linked only when confirmed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..characters import describe
from ..load.records import Loaded
from ..model import Concept, Entity
from ..names import confirmation_needed, lookalike_key
from ..problems import Problem

Path_ = tuple[str | int, ...]
SINGULAR = {
    "papers": "paper", "concepts": "concept", "entities": "entity", "crossrefs": "cross-reference", "tables": "table"
}


def linkable_names(record: object) -> list[tuple[Path_, str]]:
    """The names the linker finds a record by: its term or name, and its aliases."""
    if isinstance(record, Concept):
        return [(("term",), record.term), *((("aliases", i), alias) for i, alias in enumerate(record.aliases))]
    if isinstance(record, Entity):
        return [(("name",), record.name), *((("aliases", i), alias) for i, alias in enumerate(record.aliases))]
    return []


def validate_names(records: list[Loaded], unfinished: Sequence[Loaded] = ()) -> list[Problem]:
    """Every problem with the names of concepts and entities. ``unfinished`` files (whose ``record``
    is raw data the model refused) are checked for the names they claim, so that a name collision
    shows with the first ``make check``, not after the last empty field is filled."""
    return [*_check_collisions(records, unfinished),
            *(problem for item in records for problem in _check_confirmations(item))]


def _names_in_data(item: Loaded) -> list[tuple[Path_, str]]:
    """The names an unfinished file claims, read from its raw data: those written as text."""
    data = item.record
    own = {"concepts": "term", "entities": "name"}.get(item.kind)
    if own is None or not isinstance(data, dict):
        return []
    aliases = data.get("aliases")
    names = [((own,), data.get(own)), *((("aliases", i), alias) for i, alias in
                                        enumerate(aliases if isinstance(aliases, list) else []))]
    return [(path, name) for path, name in names if isinstance(name, str) and name.strip()]


def _check_collisions(records: list[Loaded], unfinished: Sequence[Loaded] = ()) -> Iterator[Problem]:
    """The same name on two records would make a mention ambiguous; a look-alike of a name
    (another script's letters, full-width forms) would show readers two entries they cannot tell
    apart."""
    spelt: dict[str, Loaded] = {}
    looks: dict[str, tuple[Loaded, str]] = {}
    named = [(item, path, name) for item in records for path, name in linkable_names(item.record)]
    # names written with plain letters first: a look-alike is reported where the odd letters are
    named.sort(key=lambda entry: lookalike_key(entry[2]) != " ".join(entry[2].casefold().split()))
    # unfinished files last, so that a clash is reported in the file being written
    named += [(item, path, name) for item in unfinished for path, name in _names_in_data(item)]
    for item, path, name in named:
        owner = spelt.setdefault(name.casefold(), item)
        if owner is not item:
            yield item.source.problem(
                path,
                f"the name {name!r} is already used by {_owner(owner)}",
                "remove it here or there, so that every mention has one target",
            )
            continue
        first, first_name = looks.setdefault(lookalike_key(name), (item, name))
        if first_name.casefold() != name.casefold():
            odd = next((char for char in name if lookalike_key(char) != char.casefold()), name[0])
            yield item.source.problem(
                path,
                f"the name {name!r} looks the same as the name {first_name!r} of {_owner(first)}, but is"
                f" written with other characters ({describe(odd)})",
                "write it with the same characters as the other name, or remove it",
            )


def _owner(item: Loaded) -> str:
    record_id = item.record.get("id") if isinstance(item.record, dict) else item.record.id
    return f"{SINGULAR[item.kind]} {record_id!r} ({item.source.file})"


def _check_confirmations(item: Loaded) -> Iterator[Problem]:
    """A linked name that is very short or a common word must be listed under ``short_names_ok``:
    a concept named "The" with aliases "a" and "of" would link a thousand words."""
    record = item.record
    if not isinstance(record, Concept | Entity):
        return
    names = linkable_names(record)
    confirmed = set(record.short_names_ok)
    if record.autolink:
        for path, name in names:
            reason = confirmation_needed(name)
            if reason and name not in confirmed:
                yield item.source.problem(
                    path,
                    f"the name {name!r} {reason}: the linker would link it wherever it appears",
                    "list it under `short_names_ok:` to confirm that it should be linked, or set `autolink: false`",
                )
    own = {name for _, name in names}
    for index, name in enumerate(record.short_names_ok):
        if name not in own:
            yield item.source.problem(
                ("short_names_ok", index),
                f"{name!r} is not one of this record's names",
                "list only names written under the term or name, or under aliases",
            )
