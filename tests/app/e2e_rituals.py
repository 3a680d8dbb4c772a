#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end through the accessibility tree: rituals and a check-in.

A journal for Alex and Sam is created with hearth-cli (HEARTH_CLI) with its
passphrase remembered in the keyring, so the real `hearth` binary
(HEARTH_BIN) opens straight into the main view. Then, as a person would:

1. Rituals → Add a Ritual → the first idea ("Morning coffee together",
   every day) → Save; hearth-cli lists the ritual with FREQ=DAILY starting
   today.
2. Today's card beside the calendar: a note in "How did it feel?", Done;
   hearth-cli lists the occurrence <ritual id>/<today> as done with the note.
3. Check-ins → Start → 10 minutes → Begin → both answers to the first
   question → Next through the others → one rating each → Finish;
   hearth-cli lists one check-in per partner, <today>/<partner id>, with
   the answers and the ratings.

It runs inside tools/test-session; the AT-SPI helpers are in hearthe2e.py.
"""

import sys

from hearthe2e import (App, Atspi, Failure, Session, Steps, ancestors, cli, cli_json, is_showing,
                       log, name_of, poll, role_name, test_today, text_of)

RITUAL = "Morning coffee together"
NOTE = "Warm mugs, the window open, no phones"
ALEX_ANSWER = "I felt you beside me all week, even on the busy days."
SAM_ANSWER = "Thank you for making room for my worries on Tuesday."


def create_journal(env, folder):
    """hearth-cli init with the passphrase remembered in the keyring."""
    cli(env, "--journal", folder, "init", "--name", "Our Journal",
        "--partner", "Alex", "--partner", "Sam", "--kdf", "min", "--remember")
    partners = cli_json(env, "--journal", folder, "list", "partners")
    ids = {p.get("name"): p.get("id") for p in partners}
    if set(ids) != {"Alex", "Sam"}:
        raise Failure(f"hearth-cli init made the partners {partners}")
    return ids


def window_of(obj):
    """The window (or dialog) obj is in."""
    for parent in ancestors(obj):
        if role_name(parent) in ("frame", "window", "dialog"):
            return parent
    return None


def open_main_view(app):
    try:
        app.wait_for("Our Journal", ["label"])
    except Failure as failure:
        raise Failure("the journal did not open from the keyring into the main view\n"
                      f"{failure}") from None


def pick_first_idea(app, editor):
    """Activates the first row under “Ideas to Start With”."""
    row = app.wait_for(RITUAL, ["list item", "row", "push button", "button"], under=editor)
    title = app.wait_for("Title", ["text", "entry"], under=editor)
    # The row offers no action in GTK 4.8 (and no GrabFocus): a person
    # clicks it.
    app.click_at(row, RITUAL)
    try:
        poll("the idea to fill in the title", lambda: text_of(title) == RITUAL, timeout=15)
    except Failure as failure:
        raise app.fail(str(failure), under=editor) from None


def add_ritual(app, env, folder, today):
    app.click("Rituals", timeout=30)
    # A fresh journal shows the empty state with its “Add a Ritual”.
    app.click("Add a Ritual")
    editor = window_of(app.wait_for("Ideas to Start With", None))
    if editor is None:
        raise app.fail("“Ideas to Start With” is in no window")
    pick_first_idea(app, editor)
    repeats = app.wait_for("Repeats", None, under=editor)
    log(f"Repeats reads “{name_of(repeats)}”")
    app.click("Save", under=editor)
    poll("the ritual editor to close", lambda: not is_showing(editor) or editor.get_parent() is None,
         timeout=30)

    def saved():
        rituals = cli_json(env, "--journal", folder, "list", "rituals")
        return [r for r in rituals if r.get("title") == RITUAL]
    rituals = poll("hearth-cli to list the new ritual", saved, timeout=30)
    ritual = rituals[0]
    if len(rituals) != 1:
        raise Failure(f"{len(rituals)} rituals named “{RITUAL}”: {rituals}")
    if "FREQ=DAILY" not in (ritual.get("recurrence") or ""):
        raise Failure(f"the ritual does not repeat every day: {ritual}")
    if ritual.get("start") != today:
        raise Failure(f"the ritual does not start today ({today}): {ritual}")
    return ritual["id"]


def mark_done(app, env, folder, ritual_id, today):
    """Today's card on the day beside the calendar: note, then Done."""
    note = app.type_into(f"How did it feel? {RITUAL}", NOTE)
    card = note.get_parent()
    app.click("Done", under=card)
    occurrence_id = f"{ritual_id}/{today}"

    def saved():
        occurrences = cli_json(env, "--journal", folder, "list", "occurrences")
        return next((o for o in occurrences if o.get("id") == occurrence_id
                     and o.get("status") == "done"), None)
    occurrence = poll(f"hearth-cli to list {occurrence_id} as done", saved, timeout=30)
    if occurrence.get("note") != NOTE:
        raise Failure(f"the occurrence does not hold the note: {occurrence}")
    if occurrence.get("ritual") != ritual_id or occurrence.get("date") != today:
        raise Failure(f"the occurrence is for another ritual or day: {occurrence}")


def rate(app, flow, who, dimension, value):
    group = app.wait_for(f"{who}: {dimension}", None, under=flow)
    app.click(f"{value} of 5", under=group)
    button = app.find(f"{value} of 5", ["toggle button", "push button", "button"], under=group)
    poll(f"{who}'s “{dimension}” to read {value}",
         lambda: button.get_state_set().contains(Atspi.StateType.CHECKED)
         or button.get_state_set().contains(Atspi.StateType.PRESSED), timeout=10)


def check_in(app, env, folder, partners, today):
    app.click("Check-ins")
    # The page shows “Start a Check-in” before the first check-in and
    # “Start Check-in” after; GTK 4.8 keeps both pages in the tree, both
    # VISIBLE, and the hidden one's button does nothing. Press one, then
    # the other, until the flow's first step shows.
    started = False
    for name in ("Start a Check-in", "Start Check-in"):
        for button in app.find_all(name, ["push button", "button"]):
            app.press(button, name)
            try:
                poll("the check-in to start", lambda: app.find("Put Your Phones Away", ["label", "heading"]),
                     timeout=5)
                started = True
                break
            except Failure:
                log(f"“{name}” did not start the check-in (a page not shown)")
        if started:
            break
    if not started:
        raise app.fail("no button started the check-in")
    # From here on every search stays inside the flow: the whole window's
    # tree is large and slow to walk over the bus.
    flow = app.wait_for("HearthCheckinFlow", None, showing=False)
    # “10 min” is named “10 minutes” for screen readers.
    app.click("10 minutes", under=flow)
    app.click("Begin", under=flow)
    progress = app.wait_for("Question 1 of", ["label"], under=flow)
    alex = app.type_keys("Alex’s answer", ALEX_ANSWER, under=flow)
    sam = app.type_keys("Sam’s answer", SAM_ANSWER, under=flow)
    for view, text in ((alex, ALEX_ANSWER), (sam, SAM_ANSWER)):
        try:
            poll(f"the answer “{text}” to be typed", lambda: text_of(view) == text, timeout=10)
        except Failure as failure:
            raise app.fail(f"{failure} (it reads “{text_of(view)}”)", under=flow) from None

    # The same button reads “Next Question” until the last question, then
    # “On to Ratings”.
    total = int(name_of(progress).rsplit(" ", 1)[-1])
    log(f"{total} questions")
    for question in range(2, total + 1):
        app.click("Next Question", under=flow)
        try:
            poll(f"question {question}", lambda: name_of(progress) == f"Question {question} of {total}",
                 timeout=15)
        except Failure as failure:
            raise app.fail(f"{failure} (the progress reads “{name_of(progress)}”)", under=flow) from None
    app.click("On to Ratings", under=flow)
    app.wait_for("Alex: Felt heard", None, under=flow)
    rate(app, flow, "Alex", "Felt heard", 4)
    rate(app, flow, "Sam", "Felt close", 5)
    app.click("Finish", under=flow)
    app.wait_for("Back to Check-ins", ["push button", "button"], under=flow)

    def saved():
        checkins = cli_json(env, "--journal", folder, "list", "checkins")
        mine = {c.get("id"): c for c in checkins}
        wanted = [f"{today}/{partners['Alex']}", f"{today}/{partners['Sam']}"]
        return [mine[i] for i in wanted] if all(i in mine for i in wanted) else None
    alex_checkin, sam_checkin = poll("hearth-cli to list a check-in for each partner", saved, timeout=30)
    for checkin, who, text, rating in ((alex_checkin, "Alex", ALEX_ANSWER, ("heard", 4)),
                                       (sam_checkin, "Sam", SAM_ANSWER, ("close", 5))):
        answers = [a.get("text") for a in checkin.get("answers") or []]
        if answers != [text]:
            raise Failure(f"{who}'s check-in holds the answers {answers}, not [“{text}”]: {checkin}")
        if checkin.get("partner") != partners[who] or checkin.get("date") != today:
            raise Failure(f"{who}'s check-in is for someone or some day else: {checkin}")
        if (checkin.get("ratings") or {}).get(rating[0]) != rating[1]:
            raise Failure(f"{who}'s check-in does not rate “{rating[0]}” {rating[1]}: {checkin}")


def main():
    session = Session()
    if session.skip():
        return 0
    with session:
        env = session.env
        folder = session.journal_folder
        today = test_today()
        app = None
        found = {}

        def start():
            nonlocal app
            found["partners"] = create_journal(env, folder)
            app = App(session.binary, env, "rituals").start()
            open_main_view(app)

        def ritual():
            found["ritual"] = add_ritual(app, env, folder, today)

        def done():
            mark_done(app, env, folder, found["ritual"], today)

        def checkin():
            check_in(app, env, folder, found["partners"], today)
            app.quit()

        steps = Steps(window=lambda: app.tree() if app else None, descriptions=["a journal made with hearth-cli opens from the keyring into the main view",
                       "add a daily ritual from the first idea",
                       "mark today's occurrence done with a note",
                       "a ten-minute check-in saves both answers and ratings"])
        try:
            return steps.run(start, ritual, done, checkin)
        finally:
            if app is not None:
                app.kill()


if __name__ == "__main__":
    sys.exit(main())
