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

It runs inside tools/test-session (a private session bus with gnome-keyring
and Xvfb). GTK 4 talks to the accessibility bus (org.a11y.Bus, started by
D-Bus activation); widgets are found by their accessible role and name and
driven through the Action and EditableText interfaces.

Each step is a function of the App helper below so that later steps (write
an entry, a gratitude note…) can be added after `created` in main().
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

PASSPHRASE = "amber kettle 19 window seasons"
TIMEOUT = float(os.environ.get("HEARTH_E2E_TIMEOUT", "60"))


class Failure(Exception):
    pass


def log(message):
    print(f"# {message}", flush=True)


def poll(what, check, timeout=TIMEOUT, interval=0.2):
    """Calls check() until it returns something true; fails saying `what`."""
    end = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < end:
        try:
            result = check()
            if result:
                return result
        except GLib_errors() as error:  # the tree changes under our feet
            last_error = error
        time.sleep(interval)
    raise Failure(f"Timed out after {timeout:.0f} s waiting for {what}"
                  + (f" (last error: {last_error})" if last_error else ""))


def GLib_errors():
    from gi.repository import GLib
    return (GLib.GError, RuntimeError)


def role_name(obj):
    try:
        return obj.get_role_name()
    except GLib_errors():
        return "?"


def is_showing(obj):
    # GTK 4.8 sets VISIBLE (gtk_widget_get_visible) but never SHOWING, and
    # keeps the pages of a GtkStack that are not shown in the tree: steps
    # are recognised by what only they contain (the main view's title is
    # the journal's name).
    try:
        return obj.get_state_set().contains(Atspi.StateType.VISIBLE)
    except GLib_errors():
        return False


def name_matches(actual, wanted):
    """GTK 4.8 names a button with a mnemonic “_Label Label”."""
    if actual is None:
        return False
    # …and an entry labelled by its row and its group "Row Group".
    return (actual == wanted or actual.replace("_", "") == f"{wanted} {wanted}"
            or actual.startswith(wanted + " "))


def walk(obj, depth=0, max_depth=60):
    """Every accessible under obj, depth first."""
    if obj is None or depth > max_depth:
        return
    yield obj
    try:
        count = obj.get_child_count()
    except GLib_errors():
        return
    for i in range(count):
        try:
            child = obj.get_child_at_index(i)
        except GLib_errors():
            continue
        yield from walk(child, depth + 1, max_depth)


def dump(obj, depth=0, out=None, max_depth=40):
    out = out if out is not None else []
    if obj is None or depth > max_depth:
        return out
    try:
        name = obj.get_name()
    except GLib_errors():
        name = "?"
    out.append(f"{'  ' * depth}{role_name(obj)} “{name}”{'' if is_showing(obj) else ' (invisible)'}")
    try:
        count = obj.get_child_count()
    except GLib_errors():
        count = 0
    for i in range(count):
        try:
            dump(obj.get_child_at_index(i), depth + 1, out, max_depth)
        except GLib_errors():
            pass
    return out


class App:
    def __init__(self, binary, env, name):
        self.binary = binary
        self.env = env
        self.name = name
        self.process = None
        self.root = None

    def start(self):
        log(f"starting {self.binary} ({self.name})")
        self.process = subprocess.Popen([self.binary], env=self.env,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, start_new_session=True)
        self.root = poll("Hearth to appear on the accessibility bus", self.find_app)
        return self

    def find_app(self):
        if self.process.poll() is not None:
            raise Failure(f"hearth exited early with status {self.process.returncode}:\n"
                          + self.process.stdout.read())
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is None:
                continue
            try:
                if app.get_process_id() == self.process.pid and app.get_child_count() > 0:
                    # States change all the time (pages shown and hidden);
                    # a cached state set would be stale.
                    app.set_cache_mask(Atspi.Cache.NONE)
                    return app
            except GLib_errors():
                continue
        return None

    def tree(self):
        return "\n".join(dump(self.root))

    def find(self, name, roles=None, showing=True):
        for obj in walk(self.root):
            try:
                if not name_matches(obj.get_name(), name):
                    continue
            except GLib_errors():
                continue
            if roles and role_name(obj) not in roles:
                continue
            if showing and not is_showing(obj):
                continue
            return obj
        return None

    def wait_for(self, name, roles=None, timeout=TIMEOUT):
        try:
            return poll(f"“{name}” ({', '.join(roles or ['any role'])})",
                        lambda: self.find(name, roles), timeout)
        except Failure as failure:
            raise Failure(f"{failure}\nThe window holds:\n{self.tree()}") from None

    def click(self, name):
        button = self.wait_for(name, ["push button", "button", "toggle button", "switch", "page tab"])
        if Atspi.Action.get_n_actions(button) < 1:
            raise Failure(f"“{name}” cannot be clicked")
        log(f"click “{name}”")
        Atspi.Action.do_action(button, 0)

    def type_into(self, name, text, secret=False):
        """Sets the text of the editable whose label is `name`."""
        roles = ["text", "entry", "password text"]
        entry = self.wait_for(name, roles)
        if "EditableText" not in entry.get_interfaces():
            raise Failure(f"“{name}” is not editable")
        log(f"type into “{name}”: {'•' * len(text) if secret else text}")
        Atspi.EditableText.set_text_contents(entry, text)
        poll(f"“{name}” to hold the text",
             lambda: Atspi.Text.get_text(entry, 0, Atspi.Text.get_character_count(entry)) == text,
             timeout=10)

    def type_keys(self, name, text):
        """Focuses the editable named `name` and types `text` key by key,
        as a person would (text views offer no EditableText in GTK 4.8)."""
        target = self.wait_for(name, ["text", "entry", "paragraph", "document text",
                                      "scroll pane", "panel"])
        if "EditableText" in target.get_interfaces():
            Atspi.EditableText.set_text_contents(target, text)
            return
        Atspi.Component.grab_focus(target)
        time.sleep(0.3)
        log(f"type keys into “{name}”: {text}")
        for ch in text:
            Atspi.generate_keyboard_event(0, ch, Atspi.KeySynthType.STRING)
            time.sleep(0.01)

    def wait_for_text(self, text, timeout=TIMEOUT):
        """Waits until a label anywhere in the window reads `text` (pages
        that are not shown stay in the tree in GTK 4.8)."""
        try:
            return poll(f"“{text}” to show",
                        lambda: self.find(text, ["label"], showing=False), timeout)
        except Failure as failure:
            raise Failure(f"{failure}\nThe window holds:\n{self.tree()}") from None

    def set_switch(self, name, active):
        switch = self.wait_for(name, ["switch", "toggle button", "check box"])
        checked = switch.get_state_set().contains(Atspi.StateType.CHECKED)
        if checked != active:
            log(f"switch “{name}” {'on' if active else 'off'}")
            Atspi.Action.do_action(switch, 0)
            poll(f"“{name}” to be {'on' if active else 'off'}",
                 lambda: switch.get_state_set().contains(Atspi.StateType.CHECKED) == active,
                 timeout=10)

    def activate_action(self, action):
        """Runs an app.* action through GApplication's D-Bus interface."""
        subprocess.run(["gdbus", "call", "--session",
                        "--dest", "io.github.hearthjournal.Hearth",
                        "--object-path", "/io/github/hearthjournal/Hearth",
                        "--method", "org.freedesktop.Application.ActivateAction",
                        action, "[]", "{}"],
                       check=True, env=self.env, stdout=subprocess.DEVNULL, timeout=30)

    def quit(self):
        log("quit")
        self.activate_action("quit")
        try:
            status = self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise Failure("hearth did not quit within the timeout") from None
        output = self.process.stdout.read()
        if status != 0:
            raise Failure(f"hearth exited with status {status}:\n{output}")

    def kill(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def keyring_lookup(env, journal_id):
    result = subprocess.run(["secret-tool", "lookup", "journal", journal_id],
                            env=env, capture_output=True, text=True, timeout=30)
    return result.stdout if result.returncode == 0 else None


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


def cli(env, *args, passphrase=PASSPHRASE):
    binary = os.environ.get("HEARTH_CLI")
    result = subprocess.run([binary, *args, "--passphrase-stdin"], input=passphrase + "\n",
                            env=env, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise Failure(f"hearth-cli {' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return result.stdout


def write_gratitude_and_entry(app, env, folder):
    """A note of thanks from Today's quick add, an entry from the Journal."""
    app.type_into("Something you appreciated", "Thank you for the lentil soup")
    app.click("Add")
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
    binary = os.environ.get("HEARTH_BIN")
    if not binary or not os.access(binary, os.X_OK):
        print("1..0 # SKIP HEARTH_BIN is not set to the hearth binary")
        return 0
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        print("1..0 # SKIP no display: run inside tools/test-session")
        return 0

    base = tempfile.mkdtemp(prefix="hearth-e2e-")
    env = dict(os.environ)
    for key, sub in (("HOME", "home"), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                     ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
        env[key] = os.path.join(base, sub)
        os.makedirs(env[key], exist_ok=True)
    env["GTK_A11Y"] = "atspi"
    env["GSETTINGS_BACKEND"] = "memory"
    env.pop("NO_AT_BRIDGE", None)
    # The journal is created in the default folder, the one a second start
    # finds without any setting.
    folder = os.path.join(env["XDG_DATA_HOME"], "hearth", "journal")

    # The accessibility bus: D-Bus activation of org.a11y.Bus normally starts
    # it; start it by hand where the session has no activation for it.
    launcher = None
    probe = subprocess.run(["gdbus", "call", "--session", "--dest", "org.a11y.Bus",
                            "--object-path", "/org/a11y/bus", "--method", "org.a11y.Bus.GetAddress"],
                           capture_output=True, text=True, timeout=30)
    if probe.returncode != 0 and os.path.exists("/usr/libexec/at-spi-bus-launcher"):
        launcher = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1)
    Atspi.init()

    print("1..4", flush=True)
    app = None
    status = 0
    try:
        step = 1
        app = App(binary, env, "first run").start()
        app.wait_for("Create a Journal", ["push button", "button"])
        journal_id = create_journal(app, folder)
        poll("the passphrase to be remembered in the keyring",
             lambda: keyring_lookup(env, journal_id) == PASSPHRASE, timeout=30)
        print(f"ok {step} create an encrypted journal through the welcome", flush=True)

        step = 2
        write_gratitude_and_entry(app, env, folder)
        app.quit()
        print(f"ok {step} write a gratitude note and an entry", flush=True)

        step = 3
        app = App(binary, env, "second start").start()
        # Nothing is typed: reaching the main view means the passphrase came
        # from the keyring.
        try:
            app.wait_for("Our Journal", ["label"])
        except Failure as failure:
            raise Failure("the journal did not open from the keyring (the passphrase page "
                          f"or an error is showing instead)\n{failure}") from None
        app.wait_for_text("Thank you for the lentil soup")
        app.wait_for_text("Our first evening here")
        print(f"ok {step} a second start opens from the keyring, note and entry there", flush=True)

        step = 4
        other = dict(env)
        other["XDG_STATE_HOME"] = os.path.join(base, "state-of-sams-laptop")
        os.makedirs(other["XDG_STATE_HOME"], exist_ok=True)
        cli(other, "--journal", folder, "join", "--me", "Sam")
        cli(other, "--journal", folder, "add", "entry", "--title", "Written on Sam’s laptop",
            "--body", "I miss you already.")
        app.wait_for_text("Written on Sam’s laptop", timeout=30)
        app.quit()
        print(f"ok {step} the partner's entry shows up while the app runs", flush=True)
    except Failure as failure:
        status = 1
        print(f"not ok {step} {failure}".replace("\n", "\n# "), flush=True)
        for later in range(step + 1, 5):
            print(f"not ok {later} not run: an earlier step failed", flush=True)
    finally:
        if app is not None:
            app.kill()
        if launcher is not None:
            launcher.terminate()
        shutil.rmtree(base, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
