"""From grouped counts to published tables, through perturbed atoms (docs/statistics.md).

An atom is (table, row, neighbourhood, month): the true count of one table row among the
sessions of one neighbourhood in one month. Each atom is perturbed once, from its records'
keys (``core.cell_key``), block by block until the attacker's audit passes
(``core.statistics_audit``); every month cell of every table is the sum of its atoms over the
neighbourhoods asked for, and every total the sum of those cells. So any two exports agree
on every atom they share, whatever their period, threshold or neighbourhood.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from intake_app.core.cell_key import KEY_SPACE
from intake_app.core.statistics import (
    CountTable,
    RawCounts,
    SuppressedTable,
    is_safe_label,
    publish_table,
)
from intake_app.core.statistics_audit import (
    AtomKey,
    Layout,
    Perturber,
    Place,
    ProtectedAtoms,
    Star,
)
from intake_app.i18n.translator import N_
from intake_app.services.statistics_tables import (
    NEIGHBOURHOOD,
    NO_NEIGHBOURHOOD,
    OTHER_NEIGHBOURHOODS,
    REFERENCES,
    RESERVED,
    SPECS,
    TableSpec,
    raw_key,
)

CENTER = (NEIGHBOURHOOD, "*")  # the sessions of the block (the neighbourhood table's atom)
REFERRAL_TABLES = ("referral_kind", "referral_status")  # both count the same referrals
INTERPRETED = ("professional_in_person", "phone_interpreter")  # = storage INTERPRETERS


@dataclass(frozen=True, slots=True)
class Built:
    tables: list[SuppressedTable]
    atoms: ProtectedAtoms
    redrawn_blocks: int  # blocks that needed another draw to pass the audit


def spec_rows(spec: TableSpec) -> tuple[tuple[str, str], ...]:
    return (*spec.rows, spec.complement) if spec.complement is not None else spec.rows


@cache
def layout() -> Layout:
    """The atoms of a block: the centre first, then every table's rows in order."""
    atoms: list[tuple[str, str]] = [CENTER]
    positions: dict[str, tuple[int, ...]] = {}
    for spec in SPECS:
        start = len(atoms)
        atoms.extend((spec.id, row_id) for row_id, _ in spec_rows(spec))
        positions[spec.id] = tuple(range(start, len(atoms)))
    linked = tuple(positions[spec.id] for spec in SPECS if spec.linked)
    at = {atom: i for i, atom in enumerate(atoms)}
    interpreted = tuple(at[("interpreter_mode", option)] for option in INTERPRETED)
    stars = (
        Star(0, linked),
        Star(None, tuple(positions[table_id] for table_id in REFERRAL_TABLES)),
        # Sessions with a follow-up date, by days and in the yes/no table.
        Star(at[("follow_up_planned", "yes")], (positions["follow_up_days"],)),
        # Sessions whose aftercare is done, by days until it was (or "no date").
        Star(at[("follow_up_done", "done")], (positions["follow_up_done_days"],)),
        # Sessions with an interpreter, by length and in the interpreter card.
        Star(None, (positions["minutes_interpreter"], interpreted)),
    )
    return Layout(tuple(atoms), stars)


def _block(raw: RawCounts, place: Place) -> tuple[list[int], list[int]]:
    """True counts and sums of record keys of one block, in layout order."""
    neighbourhood, month = place
    sessions, session_keys = raw.get("sessions", {}).get(("all", neighbourhood, month), (0, 0))
    counts, keys = [sessions], [session_keys]
    for spec in SPECS:
        source = raw.get(spec.source, {})
        count_sum = key_sum = 0
        for row_id, _ in spec.rows:
            count, record_keys = source.get((raw_key(spec, row_id), neighbourhood, month), (0, 0))
            counts.append(count)
            keys.append(record_keys)
            count_sum, key_sum = count_sum + count, key_sum + record_keys
        if spec.complement is not None:
            # The rest row holds exactly the sessions the other rows do not: its records'
            # keys are the block's keys minus theirs.
            counts.append(max(0, sessions - count_sum))
            keys.append((session_keys - key_sum) % KEY_SPACE)
    return counts, keys


def build(
    raw: RawCounts,
    months: Sequence[str],
    threshold: int,
    secret: bytes,
    kept_neighbourhoods: Sequence[str] = (),
) -> Built:
    """Perturbed atoms and the published tables (sessions first, then neighbourhoods)."""
    wanted = set(months)
    places = sorted(
        {
            (nb, month)
            for source in ("sessions", "dropouts")
            for (_, nb, month) in raw.get(source, {})
            if month in wanted
        }
    )
    plan = layout()
    perturber = Perturber(secret, plan)
    blocks: dict[Place, tuple[tuple[int, ...], tuple[int, ...]]] = {}
    redrawn = 0
    for place in places:
        counts, keys = _block(raw, place)
        published, level = perturber.block(place, counts, keys)
        redrawn += level > 0
        blocks[place] = (tuple(counts), tuple(published))
    index = plan.index()
    names = sorted({nb for nb, _ in places})
    by_month: dict[str, list[str]] = {month: [] for month in months}
    for nb, month in places:
        by_month[month].append(nb)
    cells: dict[tuple[str, str, str], tuple[AtomKey, ...]] = {}
    for table_id, row_id in plan.atoms[1:]:
        for month in months:
            cells[(table_id, row_id, month)] = tuple(
                (table_id, row_id, nb, month) for nb in by_month[month]
            )
    rows = _neighbourhood_rows(names, months, blocks, threshold, kept_neighbourhoods)
    for row_id, members in rows.items():
        for month in months:
            cells[(NEIGHBOURHOOD, row_id, month)] = tuple(
                (*CENTER, nb, month) for nb in members if (nb, month) in blocks
            )
    atoms = ProtectedAtoms(plan, index, blocks, cells)
    tables = [
        _table(atoms, spec.id, spec.title, spec.unit, spec_rows(spec), months, threshold,
               linked=spec.linked, reference=REFERENCES.get(spec.id, ""))
        for spec in SPECS
    ]  # fmt: skip
    labels = dict((OTHER_NEIGHBOURHOODS, NO_NEIGHBOURHOOD))
    neighbourhood_rows = tuple((row_id, labels.get(row_id, row_id)) for row_id in rows)
    tables.insert(
        1,
        _table(atoms, NEIGHBOURHOOD, N_("Gesprekken per wijk"), N_("gesprekken"),
               neighbourhood_rows, months, threshold, linked=True),
    )  # fmt: skip
    return Built(tables, atoms, redrawn)


def _neighbourhood_rows(
    names: Sequence[str],
    months: Sequence[str],
    blocks: Mapping[Place, tuple[tuple[int, ...], tuple[int, ...]]],
    threshold: int,
    kept: Sequence[str],
) -> dict[str, list[str]]:
    """Row id -> the neighbourhoods it adds up. Named rows: the coordinator's list if there is
    one, else names shown often enough (judged on published values); the rest is "Overige
    wijken". A name that is not a plain short label never becomes a row."""

    def total(nb: str) -> int:
        return sum(blocks[(nb, m)][1][0] for m in months if (nb, m) in blocks)

    usable = [nb for nb in (kept or names) if nb and is_safe_label(nb) and nb not in RESERVED]
    named = usable if kept else [nb for nb in usable if total(nb) >= threshold]
    rows: dict[str, list[str]] = {nb: [nb] for nb in named}
    rows[OTHER_NEIGHBOURHOODS[0]] = [nb for nb in names if nb and nb not in rows]
    rows[NO_NEIGHBOURHOOD[0]] = [""]
    return rows


def _table(
    atoms: ProtectedAtoms,
    table_id: str,
    title: str,
    unit: str,
    rows: tuple[tuple[str, str], ...],
    months: Sequence[str],
    threshold: int,
    *,
    linked: bool,
    reference: str = "",
) -> SuppressedTable:
    index, blocks = atoms.index, atoms.blocks

    def add(row_id: str, month: str, which: int) -> int:
        return sum(
            blocks[(a[2], a[3])][which][index[(a[0], a[1])]]
            for a in atoms.cells[(table_id, row_id, month)]
        )

    counts = tuple(tuple(add(row_id, m, 0) for m in months) for row_id, _ in rows)
    shown = [[add(row_id, m, 1) for m in months] for row_id, _ in rows]
    table = CountTable(table_id, title, unit, rows, tuple(months), counts, linked, reference)
    return publish_table(table, shown, threshold)
