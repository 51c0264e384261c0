"""Where things are: bundled resources, catalogs and the user's data folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from intake_app.core.errors import ConfigurationError

APP_NAME = "intake-app"

_PACKAGE = Path(__file__).resolve().parents[1]


def _bundled(name: str) -> Path:
    """``resources``/``translations`` of a source checkout, or as packed into a wheel."""
    checkout = _PACKAGE.parent / name
    return checkout if checkout.is_dir() else _PACKAGE / "_data" / name


@dataclass(frozen=True, slots=True)
class Paths:
    resources: Path
    catalogs: Path
    data_dir: Path

    @property
    def content(self) -> Path:
        return self.resources / "content"

    @property
    def fonts(self) -> Path:
        return self.resources / "fonts"

    @property
    def styles(self) -> Path:
        return self.resources / "styles"

    @property
    def default_database(self) -> Path:
        return self.data_dir / "intake.db"


def default_paths(data_dir: Path | None = None) -> Paths:
    env_dir = os.environ.get("INTAKE_APP_DATA_DIR")
    chosen = data_dir or (Path(env_dir) if env_dir else None)
    return Paths(
        resources=_bundled("resources"),
        catalogs=_bundled("translations"),
        data_dir=chosen or Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
    )


def ensure_data_dir(path: Path) -> Path:
    """Create the data folder owner-only (it will hold personal data), or say why not."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(
            "De map voor gegevens kan niet worden gemaakt: {path} ({reason}).",
            path=path,
            reason=exc.strerror or exc,
        ) from exc
    if not os.access(path, os.W_OK | os.X_OK):
        raise ConfigurationError(
            "In de map voor gegevens mag niet worden geschreven: {path}.", path=path
        )
    return path
