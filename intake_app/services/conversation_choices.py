"""What is stored about how the conversation went and how the client wants her paper.

``ConversationChoices`` is part of ``IntakeService`` (a mixin, like aftercare.py): the
discretion setting and print choices (GEN-05; honoured by services/print_choices.py) and the
language of the conversation (COM-05): the interpreter's kind, language and gender, and the
language spoken when it differs from the print language (a Darija speaker who wants plain
Dutch on paper).
"""

from __future__ import annotations

import re

from intake_app.core.errors import IntakeError
from intake_app.core.flow import Flow
from intake_app.core.security import AuditAction, Permission
from intake_app.services.dto import SessionState
from intake_app.services.gate import gated
from intake_app.services.intake_mixin import IntakeMixin

# A language code as in the session file: "ar", "ary" (Darija), "pt_BR". Spoken languages
# need not be ones the app offers on screen.
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")
# GEN-11: wherever gender is asked, "anders/non-binair" and "zegt liever niet" are answers
# too; empty means nobody said.
GENDERS = ("", "female", "male", "other", "declined")


def _language(code: str) -> str:
    code = code.strip()
    if code and not _LANGUAGE_CODE.match(code):
        raise IntakeError("Dit is geen taalcode: {code}.", code=code)
    return code


class ConversationChoices(IntakeMixin):
    flow: Flow

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def set_print_choices(
        self, session_id: int, *, discreet: bool | None, print_remittances: bool
    ) -> SessionState:
        """Discreet paper (None: discreet when the home is not safe), and whether money sent
        to family goes on the client's paper. Every print path honours them."""
        self._sessions.update_session(
            session_id, discreet=discreet, print_remittances=print_remittances
        )
        return self.open_session(session_id, changed={"print_choices"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def set_interpreter(
        self,
        session_id: int,
        *,
        kind: str,
        language: str = "",
        gender: str = "",
        spoken_language: str = "",
    ) -> SessionState:
        """The interpreter (kind: an option of the interpreter_mode card) and the language
        spoken, beside the print language."""
        options = {option.id for option in self.flow.card("interpreter_mode").options}
        if kind and kind not in options:
            raise IntakeError("Deze manier van tolken kent de app niet: {kind}.", kind=kind)
        if gender not in GENDERS:
            raise IntakeError("Kies vrouw, man, anders of niets voor de tolk.")
        self._sessions.update_session(
            session_id,
            interpreter_kind=kind,
            interpreter_language=_language(language),
            interpreter_gender=gender,
            spoken_language=_language(spoken_language),
        )
        return self.open_session(session_id, changed={"language"})
