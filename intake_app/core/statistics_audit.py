"""Perturbing the atoms of the statistics, and the attacker's audit the export runs on itself.

An *atom* is the smallest published unit: (table, row, neighbourhood, month). Every number the
app publishes, in any table, period, threshold, neighbourhood filter or merge, is a sum of
perturbed atoms (``core.cell_key``). So the most an attacker can learn from any set of exports
is every perturbed atom exactly; this audit grants the attacker exactly that, and adds what
the attacker knows about the true counts. Within one *block* (one neighbourhood, one month)
every linked table counts each session once, so its rows add up to the same number of
sessions: a *star*, the rows of each table summing to one centre, here an atom itself (the
sessions of that neighbourhood in that month); and both referral tables count the same
referrals (a star with an unknown centre). Blocks share nothing, so each is audited alone.

For a star the tightest bounds an attacker can prove are exact in closed form, so the audit
costs one pass over the atoms: no linear programming in the app (the test suite checks it
against an LP/ILP attacker with HiGHS). The protection interval (docs/statistics.md): for a
true count v from 1 to ``SMALL``, the attacker's range must reach down to v - 1 and up to
min(v + 1, SMALL). A block that fails is drawn again at the next ``level``; the level depends
only on the block, so every export shows the same atoms.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from intake_app.core.cell_key import KEY_SPACE, SMALL, perturb, preimage

AtomKey = tuple[str, str, str, str]  # table id, row id, neighbourhood, month
Place = tuple[str, str]  # neighbourhood, month: one block
MAX_LEVELS = 32
ROUNDS = 4
_UNBOUNDED = 10**12
_MIX = 0x9E3779B1  # an odd constant: spreads the block hash over the key space


@dataclass(frozen=True, slots=True)
class Star:
    """The true counts of each group (atom positions in a block) add up to the same number:
    the centre atom's count, or an unknown number when ``center`` is None."""

    center: int | None
    groups: tuple[tuple[int, ...], ...]


@dataclass(frozen=True, slots=True)
class Layout:
    """The atoms of every block, in one fixed order, and the stars among them."""

    atoms: tuple[tuple[str, str], ...]  # (table id, row id)
    stars: tuple[Star, ...]

    def index(self) -> dict[tuple[str, str], int]:
        return {atom: i for i, atom in enumerate(self.atoms)}


def bounds(layout: Layout, published: Sequence[int]) -> list[tuple[int, int]]:
    """The tightest range of each atom's true count that follows from every published atom of
    the block and its stars (an atom outside the stars keeps its own range). Exact for one
    star; stars that share atoms are applied in turn until nothing narrows (a few rounds)."""
    out = [preimage(value) for value in published]
    for _ in range(ROUNDS):
        before = list(out)
        _narrow(layout, out)
        if out == before:
            break
    return out


def _narrow(layout: Layout, out: list[tuple[int, int]]) -> None:
    for star in layout.stars:
        low, high = out[star.center] if star.center is not None else (0, _UNBOUNDED)
        sums = []
        for group in star.groups:
            group_low = sum(out[i][0] for i in group)
            group_high = sum(out[i][1] for i in group)
            sums.append((group_low, group_high))
            low, high = max(low, group_low), min(high, group_high)
        if star.center is not None:
            out[star.center] = (low, high)
        for group, (group_low, group_high) in zip(star.groups, sums, strict=True):
            for i in group:
                lo, hi = out[i]
                out[i] = (max(lo, low - (group_high - hi)), min(hi, high - (group_low - lo)))


def protected(true: int, low: int, high: int) -> bool:
    """Is a true count safe with this attacker range? Counts above SMALL and 0 always are."""
    if not 1 <= true <= SMALL:
        return True
    return low <= true - 1 and high >= min(true + 1, SMALL)


def failures(layout: Layout, published: Sequence[int], true: Sequence[int]) -> list[int]:
    """Atoms whose small true count the attacker can narrow beyond the protection interval."""
    found = bounds(layout, published)
    return [i for i, (lo, hi) in enumerate(found) if not protected(true[i], lo, hi)]


class AuditError(Exception):
    """No level made a block safe (never seen in tests; the export refuses then)."""


class Perturber:
    """Draws the published atoms of blocks with this installation's secret."""

    def __init__(self, secret: bytes, layout: Layout) -> None:
        self._secret = secret
        self.layout = layout
        self._atom_hash = [self._hash("\x1f".join(atom)) for atom in layout.atoms]

    def _hash(self, text: str) -> int:
        digest = hashlib.blake2b(text.encode(), key=self._secret, digest_size=4).digest()
        return int.from_bytes(digest, "big")

    def block(
        self, place: Place, counts: Sequence[int], keys: Sequence[int]
    ) -> tuple[list[int], int]:
        """The published atoms of one block and the level used: the first that passes."""
        for level in range(MAX_LEVELS):
            salt = (self._hash(f"{place[0]}\x1f{place[1]}#{level}") * _MIX) % KEY_SPACE
            published = [
                perturb(count, (atom ^ salt) + key)
                for count, key, atom in zip(counts, keys, self._atom_hash, strict=True)
            ]
            if not failures(self.layout, published, counts):
                return published, level
        raise AuditError(place)


@dataclass(frozen=True, slots=True)
class ProtectedAtoms:
    """What a report is made of, kept with it so the export can audit itself: per block the
    true and published atoms, and which atoms add up to each month cell of each table."""

    layout: Layout
    index: Mapping[tuple[str, str], int]  # (table, row) -> position in a block
    blocks: Mapping[Place, tuple[tuple[int, ...], tuple[int, ...]]]  # place -> (true, published)
    cells: Mapping[tuple[str, str, str], tuple[AtomKey, ...]]  # (table, row, month) -> atoms

    def failures(self) -> list[AtomKey]:
        out = []
        for place, (true, published) in self.blocks.items():
            for i in failures(self.layout, published, true):
                out.append((*self.layout.atoms[i], *place))
        return out

    def items(self) -> Iterator[tuple[AtomKey, int, int]]:
        """(atom, true count, published value) for every atom."""
        for place, (true, published) in self.blocks.items():
            for (table, row), v, p in zip(self.layout.atoms, true, published, strict=True):
                yield (table, row, *place), v, p

    def published_value(self, atom: AtomKey) -> int:
        return self.blocks[(atom[2], atom[3])][1][self.index[(atom[0], atom[1])]]

    def cell_value(self, table_id: str, row_id: str, month: str) -> int:
        return sum(self.published_value(a) for a in self.cells.get((table_id, row_id, month), ()))
