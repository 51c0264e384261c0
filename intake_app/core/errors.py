"""Errors that reach a person. Each carries a Dutch message id that the ui or cli translates."""

from __future__ import annotations

from collections.abc import Mapping


class IntakeError(Exception):
    """An error with a plain-language message meant for the person at the screen.

    ``message`` is a gettext msgid (Dutch source text) with named ``{placeholders}``;
    ``params`` fills them. ``str(error)`` gives the Dutch text, so logs stay readable.
    """

    message: str = "Er ging iets mis."

    def __init__(self, message: str | None = None, /, **params: object) -> None:
        if message is not None:
            self.message = message
        self.params: Mapping[str, object] = params
        super().__init__(self.render(lambda text: text))

    def render(self, translate: object) -> str:
        """The message translated by ``translate`` (a ``str -> str`` callable), filled in."""
        assert callable(translate)
        text: str = translate(self.message)
        try:
            return text.format(**self.params)
        except (KeyError, IndexError, ValueError):
            # A broken translation must never hide the error itself.
            return self.message.format(**self.params)


class StorageError(IntakeError):
    """The database cannot be opened, read or written."""


class ConfigurationError(IntakeError):
    """A setting (database address, folder) cannot be used."""


class ContentError(IntakeError):
    """The intake content (cards, phases) is invalid."""


class NotFoundError(IntakeError):
    """A session or other record does not exist."""
