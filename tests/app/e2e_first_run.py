#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end through the accessibility tree: the first run of Hearth.

Starts the real `hearth` binary (HEARTH_BIN) with fresh HOME and XDG
folders, creates an encrypted journal through the welcome with "Remember on
This Computer" on, writes a gratitude note and a journal entry, quits, starts
again and checks that the journal opens from the keyring, without the
passphrase page, with both still there. Then a second device (another state
folder) joins with hearth-cli (HEARTH_CLI) and writes an entry into the same
folder, and the running app shows it without a restart.

It runs inside tools/test-session; the AT-SPI helpers are in hearthe2e.py.
"""

import json
import os
import sys

from hearthe2e import PASSPHRASE, TIMEOUT, App, Failure, Session, Steps, cli, keyring_lookup, poll


def create_journal(app, folder):
    """The welcome's Create path with a passphrase and Remember on."""
    app.click("Create a Journal")
    app.type_into("Journal Name", "Our Journal")
    app.type_into("Your Name", "Alex")
    app.type_into("Your Partner’s Name", "Sam")
    app.type_into("Passphrase", PASSPHRASE, secret=True)
    app.type_into("Repeat Passphrase", PASSPHRASE, secret=True)
    app.set_switch("Remember on This Computer", True)
    app.click("Create Journal")
    # The main view shows the journal's name under the title.
    app.wait_for("Our Journal", ["label"], timeout=TIMEOUT * 2)
    manifest = os.path.join(folder, "hearth-journal.json")
    if not os.path.exists(manifest):
        raise Failure(f"no journal was created in {folder}")
    with open(manifest, encoding="utf-8") as f:
        description = json.load(f)
    if not description.get("encryption"):
        raise Failure("the journal was created without encryption")
    return description["journal"]


def write_gratitude_and_entry(app, env, folder):
    """A note of thanks from Today's quick add, an entry from the Journal."""
    app.type_into("Something you appreciated", "Thank you for the lentil soup")
    app.click("Add")
    # On the Gratitude page, where the notes are (made when first shown).
    app.click("Gratitude")
    app.wait_for_text("Thank you for the lentil soup")

    app.click("Journal")
    app.click("New Entry")
    app.type_into("Title", "Our first evening here")
    app.type_keys("Entry text", "We lit the candles and talked until late.")

    def saved():
        entries = json.loads(cli(env, "--journal", folder, "list", "entries", "--json"))
        return any(e.get("title") == "Our first evening here" and
                   "candles" in e.get("body", "") for e in entries)
    poll("the entry to be saved (autosave)", saved, timeout=30)


def main():
    session = Session()
    if session.skip():
        return 0
    binary = session.binary
    with session:
        env = session.env
        folder = session.journal_folder
        app = None

        def create():
            nonlocal app
            app = App(binary, env, "first run").start()
            app.wait_for("Create a Journal", ["push button", "button"])
            journal_id = create_journal(app, folder)
            poll("the passphrase to be remembered in the keyring",
                 lambda: keyring_lookup(env, journal_id) == PASSPHRASE, timeout=30)

        def write():
            write_gratitude_and_entry(app, env, folder)
            app.quit()

        def second_start():
            nonlocal app
            app = App(binary, env, "second start").start()
            # Nothing is typed: reaching the main view means the passphrase
            # came from the keyring.
            try:
                app.wait_for("Our Journal", ["label"])
            except Failure as failure:
                raise Failure("the journal did not open from the keyring (the passphrase page "
                              f"or an error is showing instead)\n{failure}") from None
            app.click("Gratitude")
            app.wait_for_text("Thank you for the lentil soup")
            app.click("Journal")
            app.wait_for_text("Our first evening here")

        def partner_writes():
            other = dict(env)
            other["XDG_STATE_HOME"] = os.path.join(session.base, "state-of-sams-laptop")
            os.makedirs(other["XDG_STATE_HOME"], exist_ok=True)
            cli(other, "--journal", folder, "join", "--me", "Sam")
            cli(other, "--journal", folder, "add", "entry", "--title", "Written on Sam’s laptop",
                "--body", "I miss you already.")
            app.wait_for_text("Written on Sam’s laptop", timeout=30)
            app.quit()

        steps = Steps(window=lambda: app.tree() if app else None, descriptions=["create an encrypted journal through the welcome",
                       "write a gratitude note and an entry",
                       "a second start opens from the keyring, note and entry there",
                       "the partner's entry shows up while the app runs"])
        try:
            return steps.run(create, write, second_start, partner_writes)
        finally:
            if app is not None:
                app.kill()


if __name__ == "__main__":
    sys.exit(main())
