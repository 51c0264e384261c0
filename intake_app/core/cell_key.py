"""The cell key method: deterministic noise per cell, from the records in it (docs/statistics.md).

Every session gets a secret 32-bit record key (a keyed hash of its id with a secret kept in
this installation's database). The smallest published unit, an *atom* (table, row,
neighbourhood, month), adds up the keys of its records and a hash of its own coordinates; that
cell key, read as a number from 0 to 1, picks the noise from the p-table below. The same
records always get the same noise, so asking again, or for an overlapping period, a different
threshold or one neighbourhood, shows the same perturbed atom: there is nothing to average away.

The p-table is public (an attacker is assumed to know it). Its shape is what protects:

- a count from 0 to ``SMALL`` (4) can come out as anything from ``LOW`` (-2) to
  ``SMALL + SPREAD`` (6); all five small counts share that range, so whatever an atom shows,
  an attacker cannot rule out 0, nor any other count up to 4;
- a larger count moves by at most ``SPREAD`` (2) either way.

Every distribution has mean equal to the true count, so sums over many atoms are unbiased.
Pure standard library.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from functools import cache

SMALL = 4  # counts from 1 to SMALL are the protected small groups
SPREAD = 2  # the most a count above SMALL moves
LOW = -SPREAD  # the lowest value an atom can take
HIGH_SMALL = SMALL + SPREAD  # the highest value a small count can take
KEY_SPACE = 2**32
_BASE = {-2: 0.1, -1: 0.2, 0: 0.4, 1: 0.2, 2: 0.1}  # noise around the count
_WIDE = 0.1  # share of a small count's noise spread over the whole small range


@cache
def _distribution(value: int) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """(outcomes, cumulative probabilities) for a true count."""
    weights: dict[int, float] = {}
    if value > SMALL:
        weights = {value + n: w for n, w in _BASE.items()}
    else:
        for n, w in _BASE.items():
            weights[value + n] = weights.get(value + n, 0.0) + (1 - _WIDE) * w
        # The wide part: uniform over LOW..HIGH_SMALL (mean SMALL/2) mixed with one end, so
        # that the mean stays the true count and every small count reaches every outcome.
        span = range(LOW, HIGH_SMALL + 1)
        middle = (LOW + HIGH_SMALL) / 2
        end = LOW if value < middle else HIGH_SMALL
        share = 1.0 if value == middle else (value - end) / (middle - end)
        for p in span:
            weights[p] = weights.get(p, 0.0) + _WIDE * share / len(span)
        weights[end] = weights.get(end, 0.0) + _WIDE * (1 - share)
    outcomes = tuple(sorted(weights))
    cumulative: list[float] = []
    total = 0.0
    for p in outcomes:
        total += weights[p]
        cumulative.append(total)
    return outcomes, tuple(cumulative)


def perturb(value: int, cell_key: int) -> int:
    """The published value of an atom with true count ``value`` and this cell key."""
    outcomes, cumulative = _distribution(value)
    u = (cell_key % KEY_SPACE) / KEY_SPACE * cumulative[-1]
    return outcomes[min(bisect_right(cumulative, u), len(outcomes) - 1)]


def preimage(published: int) -> tuple[int, int]:
    """Every true count that can show as ``published`` lies in this range (inclusive):
    what an attacker who knows the p-table and the published atom can prove."""
    if published <= HIGH_SMALL:
        return 0, max(SMALL, published + SPREAD)
    return published - SPREAD, published + SPREAD


def mean_and_variance(value: int) -> tuple[float, float]:
    outcomes, cumulative = _distribution(value)
    previous = 0.0
    mean = second = 0.0
    for p, c in zip(outcomes, cumulative, strict=True):
        mean += p * (c - previous)
        second += p * p * (c - previous)
        previous = c
    return mean, second - mean * mean


def record_key(secret: bytes, record_id: int) -> int:
    """A session's secret record key, 0 <= key < 2**32."""
    digest = hashlib.blake2b(str(record_id).encode(), key=secret, digest_size=4).digest()
    return int.from_bytes(digest, "big")
