"""Reads and drives intake_app from outside, over AT-SPI, as a screen reader does (issue 17).

Runs with Debian's /usr/bin/python3 (python3-pyatspi; the venv cannot import it) inside a
private D-Bus session (dbus-run-session) on a virtual X server; tests/test_atspi.py starts it.
It starts the accessibility bus and the app, then walks the screens: first run, start,
intake in Dutch and Arabic, lock and unlock. Every interactive element that is showing
must have a meaningful name. Prints one JSON report on stdout; exit status 0 when all passed.

Nothing here sleeps to assert: every wait polls a condition up to a generous deadline.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import time
from collections.abc import Callable, Iterator
from typing import Any

TIMEOUT = float(os.environ.get("ATSPI_TIMEOUT", "60"))
PASSWORD = "een-lang-wachtwoord"
MEANINGFUL = re.compile(r"\w", re.UNICODE)

# Roles a person operates (not labels, panels, images).
INTERACTIVE = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "combo box",
    "text",
    "password text",
    "entry",
    "spin button",
    "list",
    "table",
    "tree",
    "page tab",
    "slider",
    "link",
}


class ReaderError(Exception):
    pass


def wait_for(what: str, check: Callable[[], Any], timeout: float = TIMEOUT) -> Any:
    """Poll ``check`` until it returns something true; ReaderError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        pump()
        try:
            result = check()
        except Exception as exc:  # the tree changes under us while the app works
            last_error = exc
            result = None
        if result:
            return result
        time.sleep(0.1)
    raise ReaderError(f"timed out waiting for {what}" + (f" ({last_error})" if last_error else ""))


def pump() -> None:
    """Deliver pending AT-SPI events to our listeners."""
    from gi.repository import GLib

    context = GLib.MainContext.default()
    while context.pending():
        context.iteration(False)


class Reader:
    def __init__(self, app_name: str) -> None:
        import pyatspi

        self.pyatspi = pyatspi
        self.app_name = app_name
        self.events: list[tuple[str, str]] = []
        for kind in ("object:announcement", "object:state-changed:focused"):
            pyatspi.Registry.registerEventListener(self._event, kind)

    def _event(self, event: Any) -> None:
        try:
            name = event.source.name if event.source is not None else ""
        except Exception:
            name = ""
        if event.type.startswith("object:state-changed:focused") and not event.detail1:
            return
        text = event.any_data if isinstance(event.any_data, str) else name
        self.events.append((str(event.type), str(text or name)))

    # -- the tree -------------------------------------------------------------------------
    def app(self) -> Any:
        desktop = self.pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            child = desktop.getChildAtIndex(index)
            if child is not None and child.name == self.app_name:
                return child
        return None

    def windows(self) -> list[Any]:
        app = self.app()
        if app is None:
            return []
        return [w for w in (app.getChildAtIndex(i) for i in range(app.childCount)) if w]

    def walk(self, node: Any, showing_only: bool = True) -> Iterator[Any]:
        states = node.getState()
        if showing_only and not states.contains(self.pyatspi.STATE_SHOWING):
            return
        yield node
        for index in range(node.childCount):
            child = node.getChildAtIndex(index)
            if child is not None:
                yield from self.walk(child, showing_only)

    def everything(self) -> Iterator[Any]:
        for window in self.windows():
            yield from self.walk(window)

    def find(self, role: str, name: str | re.Pattern[str]) -> Any:
        for node in self.everything():
            if node.getRoleName() != role:
                continue
            if name.search(node.name) if isinstance(name, re.Pattern) else node.name == name:
                return node
        return None

    def focused(self) -> Any:
        """The focused node, as a screen reader's focus tracking sees it.

        Qt reports the current item of EVERY item view as focused, also when that view does
        not have focus (its cell state follows the current index only); a screen reader
        follows focus events, which Qt sends for the real focus alone. So an item counts only
        when its view has focus (found since the knowledge panel's phrase list keeps a
        current item)."""
        focused = self.pyatspi.STATE_FOCUSED
        for node in self.everything():
            if not node.getState().contains(focused):
                continue
            if node.getRoleName() in ("list item", "table cell", "tree item"):
                view = node.parent
                if view is not None and not view.getState().contains(focused):
                    continue
            return node
        return None

    def label_of(self, node: Any) -> str:
        """The name a screen reader speaks: own name, or for a combo box its label."""
        if node.getRoleName() == "combo box":
            names = []
            for relation in node.getRelationSet():
                if relation.getRelationType() == self.pyatspi.RELATION_LABELLED_BY:
                    for index in range(relation.getNTargets()):
                        names.append(relation.getTarget(index).name)
            return " ".join(names)
        return str(node.name)

    def audit(self, screen: str) -> dict[str, Any]:
        """Every interactive element showing: its role, and its name if it means something."""
        items, unnamed = [], []
        for node in self.everything():
            role = node.getRoleName()
            if role not in INTERACTIVE:
                continue
            states = node.getState()
            if role in ("list", "table", "tree") and not states.contains(
                self.pyatspi.STATE_FOCUSABLE
            ):
                continue  # a combo box's own popup list, not a stop of its own
            name = self.label_of(node)
            items.append({"role": role, "name": name})
            if not MEANINGFUL.search(name) or "\n" in name:
                unnamed.append({"role": role, "name": name, "screen": screen})
        return {"screen": screen, "elements": items, "unnamed": unnamed}

    # -- doing ----------------------------------------------------------------------------
    def press(self, node: Any, action: str = "Press") -> None:
        actions = node.queryAction()
        names = [actions.getName(i) for i in range(actions.nActions)]
        if action not in names:
            raise ReaderError(f"{node.getRoleName()} {node.name!r} has no {action} action: {names}")
        actions.doAction(names.index(action))

    def type_into(self, node: Any, text: str) -> None:
        node.queryEditableText().setTextContents(text)


def wait_node(reader: Reader, role: str, name: str | re.Pattern[str]) -> Any:
    return wait_for(f"{role} {name!r}", lambda: reader.find(role, name))


def start_app(app_cmd: list[str]) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="xcb",
        QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        QT_ACCESSIBILITY="1",
        NO_AT_BRIDGE="0",
        PYTHONFAULTHANDLER="1",  # a crash shows where it happened
    )
    return subprocess.Popen(app_cmd, env=env)


def start_bus() -> subprocess.Popen[bytes]:
    launcher = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"])
    query = [
        "dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus",
        "/org/a11y/bus", "org.a11y.Bus.GetAddress",
    ]  # fmt: skip
    wait_for(
        "the AT-SPI bus",
        lambda: subprocess.run(query, capture_output=True, check=False).returncode == 0,
    )
    return launcher


def run(reader: Reader, report: dict[str, Any]) -> None:
    screens = report["screens"]

    # 1. First run: the admin account. An empty name is refused, with focus on the name.
    wait_node(reader, "push button", "Beheerder maken")
    screens.append(reader.audit("first-run"))
    fields = {name: wait_node(reader, role, name) for role, name in (
        ("text", "Naam:"), ("text", "Naam op het scherm:"),
        ("password text", "Wachtwoord:"), ("password text", "Nog een keer:"),
    )}  # fmt: skip
    reader.type_into(fields["Naam op het scherm:"], "Anna")
    reader.type_into(fields["Wachtwoord:"], PASSWORD)
    reader.type_into(fields["Nog een keer:"], PASSWORD)
    reader.press(reader.find("push button", "Beheerder maken"))
    wrong = wait_for(
        "focus on the empty name field",
        lambda: (f := reader.focused()) is not None and f.name == "Naam:" and f,
    )
    report["validation"] = {"focused": wrong.name}
    report["validation"]["description"] = wait_for(
        "the error on the name field", lambda: wrong.description
    )
    report["validation"]["announced"] = [t for k, t in reader.events if "announcement" in k]
    reader.type_into(fields["Naam:"], "beheer")
    reader.type_into(fields["Wachtwoord:"], PASSWORD)
    reader.type_into(fields["Nog een keer:"], PASSWORD)
    reader.press(reader.find("push button", "Beheerder maken"))

    # 2. The start screen.
    new = wait_node(reader, "push button", "Nieuw gesprek")
    screens.append(reader.audit("start"))

    # 3. The intake in Dutch: the first card, then an option pressed by name.
    reader.press(new)
    question = wait_for("the question focused", lambda: _focused_label(reader))
    screens.append(reader.audit("intake-nl"))
    first_question = str(question.name)  # the node is live: read its name now
    report["first_question"] = first_question
    option = wait_for("an option card", lambda: _option(reader))
    report["pressed"] = option.name
    reader.events.clear()
    reader.press(option)
    following = wait_for(
        "the next question focused or announced",
        lambda: _next_question(reader, first_question),
    )
    report["next_question"] = following

    # 4. Arabic: the counsellor switches the client's language in the toolbar ("Klant:").
    combo = wait_for("the client language picker", lambda: _combo(reader, "Klant:"))
    _choose_in_combo(reader, combo, "Arabisch")
    # The first phase is the counsellor's (Dutch): "Volgende" until the client's first card.
    reader.events.clear()
    arabic = None
    for _ in range(30):
        arabic = wait_for("the card's question", lambda: _title(reader))
        if _is_arabic(arabic.name):
            break
        shown = str(arabic.name)
        reader.press(wait_node(reader, "push button", "Volgende"))
        wait_for(
            "the next card",
            lambda shown=shown: (t := _title(reader)) is not None and t.name != shown,
        )
    assert arabic is not None
    report["arabic_question"] = str(arabic.name)
    report["arabic_locale"] = arabic.get_object_locale()
    report["arabic_announced"] = wait_for(
        "the Arabic question announced",
        lambda: [t for k, t in reader.events if "announcement" in k and _is_arabic(t)],
    )
    screens.append(reader.audit("intake-ar"))
    if not report["arabic_locale"].startswith("ar"):
        raise ReaderError(f"the Arabic card reports locale {report['arabic_locale']!r}")

    # 5. Lock (the menu's action), the lock screen, unlock: focus is back on the question.
    lock_item = wait_for("the lock menu item", lambda: _menu_item(reader, "Scherm op slot"))
    reader.press(lock_item, _first_action(lock_item))
    password = wait_node(reader, "password text", "Wachtwoord")
    screens.append(reader.audit("lock"))
    reader.type_into(password, PASSWORD)
    reader.press(wait_node(reader, "push button", "Ontgrendelen"))
    after = wait_for("focus after unlocking", lambda: _focused_label(reader))
    report["after_unlock"] = after.name


def back_and_forth(reader: Reader, report: dict[str, Any], rounds: int = 8) -> None:
    """Open a conversation and go back to the overview, reading the whole tree each time."""
    report["rounds"] = 0
    # A fresh data folder opens on the first-run dialog: make the admin account first.
    wait_node(reader, "push button", "Beheerder maken")
    fields = {name: wait_node(reader, role, name) for role, name in (
        ("text", "Naam:"), ("text", "Naam op het scherm:"),
        ("password text", "Wachtwoord:"), ("password text", "Nog een keer:"),
    )}  # fmt: skip
    reader.type_into(fields["Naam:"], "beheer")
    reader.type_into(fields["Naam op het scherm:"], "Anna")
    reader.type_into(fields["Wachtwoord:"], PASSWORD)
    reader.type_into(fields["Nog een keer:"], PASSWORD)
    reader.press(reader.find("push button", "Beheerder maken"))
    for _ in range(rounds):
        new = wait_node(reader, "push button", "Nieuw gesprek")
        list(reader.everything())
        reader.press(new)
        back = wait_node(reader, "push button", "Naar het overzicht")
        list(reader.everything())
        reader.press(back)
        wait_node(reader, "push button", "Nieuw gesprek")
        for _ in range(3):
            list(reader.everything())
        report["rounds"] += 1


def _describe(node: Any) -> str:
    if node is None:
        return "nothing"
    try:
        states = [reader_state for reader_state in node.getState().getStates()]
        return f"{node.getRoleName()} {node.name!r} states={len(states)}"
    except Exception as exc:
        return f"unreadable ({exc})"


def _menu_item(reader: Reader, name: str) -> Any:
    """A menu item, also while its menu is closed (not showing)."""
    for window in reader.windows():
        for node in reader.walk(window, showing_only=False):
            if node.getRoleName() == "menu item" and node.name == name:
                return node
    return None


def _first_action(node: Any) -> str:
    actions = node.queryAction()
    return str(actions.getName(0))


def _focused_label(reader: Reader) -> Any:
    focused = reader.focused()
    if focused is not None and focused.getRoleName() == "label" and focused.name:
        return focused
    return None


def _option(reader: Reader) -> Any:
    for node in reader.everything():
        if node.getRoleName() == "push button" and node.description.endswith("1"):
            return node  # "Toets 1": the first option card
    return None


def _next_question(reader: Reader, before: str) -> str | None:
    focused = _focused_label(reader)
    if focused is not None and focused.name != before:
        return f"focused: {focused.name}"
    for kind, text in reader.events:
        if kind.startswith("object:announcement") and text and before not in text:
            return f"announced: {text}"
    return None


def _combo(reader: Reader, label: str) -> Any:
    for node in reader.everything():
        if node.getRoleName() == "combo box" and reader.label_of(node) == label:
            return node
    return None


def _choose_in_combo(reader: Reader, combo: Any, wanted: str) -> None:
    """Choose as a keyboard user does: focus the combo box, then arrow down to the item.

    (AT-SPI's Selection on the popup list only highlights; Qt commits a choice on a key or
    click, and xdotool sends keys to the focused window of this X server.)
    """
    label = reader.label_of(combo)

    def on_combo() -> bool:
        focused = reader.focused()
        return focused is not None and reader.label_of(focused) == label

    for _ in range(60):  # Shift+Tab round the window until the combo box has focus
        if on_combo():
            break
        before = _describe(reader.focused())
        subprocess.run(["xdotool", "key", "--clearmodifiers", "shift+Tab"], check=True)
        wait_for("focus to move", lambda before=before: _describe(reader.focused()) != before)
    if not on_combo():
        raise ReaderError(f"the keyboard never reaches the combo box {label!r}")
    for _ in range(combo.getChildAtIndex(0).childCount):
        if wanted in combo.name:
            return
        shown = str(combo.name)
        subprocess.run(["xdotool", "key", "--clearmodifiers", "Down"], check=True)
        wait_for("the combo box to move on", lambda shown=shown: combo.name != shown)
    if wanted not in combo.name:
        raise ReaderError(f"no {wanted!r} in the combo box")


def _title(reader: Reader) -> Any:
    """The card's question: the label that can take focus."""
    for node in reader.everything():
        states = node.getState()
        if node.getRoleName() == "label" and states.contains(reader.pyatspi.STATE_FOCUSABLE):
            return node
    return None


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True, help="where the JSON report goes")
    parser.add_argument("--scenario", default="screens", choices=("screens", "back-and-forth"))
    parser.add_argument("app", nargs=argparse.REMAINDER, help="the command that starts the app")
    args = parser.parse_args()
    report: dict[str, Any] = {"screens": [], "errors": []}
    launcher = start_bus()
    app = start_app(args.app)
    reader: Reader | None = None
    try:
        reader = Reader("intake_app")
        if args.scenario == "back-and-forth":
            back_and_forth(reader, report)
        else:
            run(reader, report)
    except ReaderError as exc:
        report["errors"].append(str(exc))
        report["app_exit_status"] = app.poll()
        report["focused_at_failure"] = _describe(reader.focused() if reader else None)
        report["windows_at_failure"] = [_describe(w) for w in (reader.windows() if reader else [])]
    finally:
        app.terminate()
        try:
            app.wait(timeout=15)
        except subprocess.TimeoutExpired:
            app.kill()
        launcher.terminate()
    report["unnamed"] = [u for screen in report["screens"] for u in screen["unnamed"]]
    with open(args.out, "w", encoding="utf-8") as out:  # stdout is shared with the bus daemons
        json.dump(report, out, ensure_ascii=False, indent=1)
    return 1 if report["errors"] or report["unnamed"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
