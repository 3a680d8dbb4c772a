# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers for the end-to-end tests that drive the real `hearth` binary
through the accessibility tree (AT-SPI).

They run inside tools/test-session (a private session bus with
gnome-keyring and Xvfb). GTK 4 talks to the accessibility bus (org.a11y.Bus,
started by D-Bus activation); widgets are found by their accessible role and
name and driven through the Action and EditableText interfaces, or by
synthesized key presses where GTK 4.8 offers neither.

GTK 4.8 quirks the helpers work around:
- SHOWING is never set; VISIBLE (gtk_widget_get_visible) is.
- The pages of a GtkStack that are not shown stay in the tree: steps are
  recognised by names only they hold, or searched for under their panel
  (the `under` argument of App.find and friends).
- A button with a mnemonic is named “_Label Label”, an entry in a
  preferences group “Row Group”.
"""

import datetime
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

FAKETIME_LIB = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"
PASSPHRASE = "amber kettle 19 window seasons"
TIMEOUT = float(os.environ.get("HEARTH_E2E_TIMEOUT", "60"))

CLICKABLE = ["push button", "button", "toggle button", "switch", "page tab", "check box",
             "radio button", "list item", "menu item"]


class Failure(Exception):
    pass


_STARTED = time.monotonic()


def log(message):
    """A TAP comment, with the seconds since the test started."""
    print(f"# {time.monotonic() - _STARTED:6.1f} s  {message}", flush=True)


def GLib_errors():
    from gi.repository import GLib
    return (GLib.GError, RuntimeError)


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


def role_name(obj):
    try:
        return obj.get_role_name()
    except GLib_errors():
        return "?"


def is_showing(obj):
    # GTK 4.8 sets VISIBLE (gtk_widget_get_visible) but never SHOWING.
    try:
        return obj.get_state_set().contains(Atspi.StateType.VISIBLE)
    except GLib_errors():
        return False


def is_sensitive(obj):
    try:
        return obj.get_state_set().contains(Atspi.StateType.SENSITIVE)
    except GLib_errors():
        return False


def name_of(obj):
    try:
        return obj.get_name()
    except GLib_errors():
        return None


def name_matches(actual, wanted):
    """GTK 4.8 names a button with a mnemonic “_Label Label”…"""
    if actual is None:
        return False
    # …and an entry labelled by its row and its group "Row Group".
    return (actual == wanted or actual.replace("_", "") == f"{wanted} {wanted}"
            or actual.startswith(wanted + " "))


def has_no_size(obj):
    """Whether obj is a widget with an empty allocation: in GTK 4.8 the
    pages of a stack that are not shown (and collapsed revealers) keep
    their place in the tree, VISIBLE and all, but are given no size."""
    try:
        # Not a Component (a stack page, say): an error, which is cheaper
        # than asking for the list of interfaces first.
        extents = Atspi.Component.get_extents(obj, Atspi.CoordType.WINDOW)
    except GLib_errors():
        return False
    return extents.width <= 0 and extents.height <= 0


def walk(obj, depth=0, max_depth=60, visible_only=False):
    """Every accessible under obj, depth first. With visible_only, the
    subtrees of hidden widgets and of pages not shown are left out (each
    call is a round trip to the app, and hidden pages hold most of the
    tree)."""
    if obj is None or depth > max_depth:
        return
    if visible_only and depth > 0 and not is_showing(obj):
        return
    try:
        count = obj.get_child_count()
    except GLib_errors():
        count = 0
    if visible_only and depth > 0 and count > 0 and has_no_size(obj):
        return
    yield obj
    for i in range(count):
        try:
            child = obj.get_child_at_index(i)
        except GLib_errors():
            continue
        yield from walk(child, depth + 1, max_depth, visible_only)


def ancestors(obj):
    """obj's parents, nearest first."""
    while obj is not None:
        try:
            obj = obj.get_parent()
        except GLib_errors():
            return
        if obj is not None:
            yield obj


def dump(obj, depth=0, out=None, max_depth=40):
    out = out if out is not None else []
    if obj is None or depth > max_depth:
        return out
    name = name_of(obj)
    out.append(f"{'  ' * depth}{role_name(obj)} “{name if name is not None else '?'}”"
               f"{'' if is_showing(obj) else ' (invisible)'}")
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


def text_of(obj):
    try:
        return Atspi.Text.get_text(obj, 0, Atspi.Text.get_character_count(obj))
    except GLib_errors():
        return None


def press_key(keysym):
    """Presses and releases one key, e.g. 0xff0d (Return)."""
    Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.PRESSRELEASE | Atspi.KeySynthType.SYM)


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

    def tree(self, under=None):
        return "\n".join(dump(under or self.root))

    def fail(self, message, under=None):
        """A Failure that shows what the window holds."""
        return Failure(f"{message}\nThe window holds:\n{self.tree(under)}")

    def find_all(self, name, roles=None, showing=True, under=None):
        found = []
        for obj in walk(under or self.root, visible_only=showing):
            if not name_matches(name_of(obj), name):
                continue
            if roles and role_name(obj) not in roles:
                continue
            found.append(obj)
        return found

    def find(self, name, roles=None, showing=True, under=None):
        for obj in walk(under or self.root, visible_only=showing):
            if not name_matches(name_of(obj), name):
                continue
            if roles and role_name(obj) not in roles:
                continue
            return obj
        return None

    def wait_for(self, name, roles=None, timeout=TIMEOUT, under=None, showing=True):
        try:
            return poll(f"“{name}” ({', '.join(roles or ['any role'])})",
                        lambda: self.find(name, roles, showing=showing, under=under), timeout)
        except Failure as failure:
            raise self.fail(str(failure)) from None

    def press(self, obj, what):
        """Runs the first action (click, activate) of obj."""
        try:
            n_actions = Atspi.Action.get_n_actions(obj)
        except GLib_errors():
            n_actions = 0
        if n_actions < 1:
            raise self.fail(f"“{what}” ({role_name(obj)}) cannot be clicked")
        log(f"click “{what}”")
        Atspi.Action.do_action(obj, 0)

    def click(self, name, under=None, timeout=TIMEOUT):
        def sensitive_button():
            for obj in self.find_all(name, CLICKABLE, under=under):
                if is_sensitive(obj):
                    return obj
            return None
        try:
            button = poll(f"“{name}” to be shown and clickable", sensitive_button, timeout)
        except Failure as failure:
            raise self.fail(str(failure)) from None
        self.press(button, name)
        return button

    def click_at(self, obj, what):
        """A mouse click in the middle of obj. GTK 4.8 gives extents
        relative to the window; with no window manager in the test session
        every window sits at 0,0, so they are also screen coordinates."""
        extents = Atspi.Component.get_extents(obj, Atspi.CoordType.WINDOW)
        if extents.width <= 0 or extents.height <= 0:
            raise self.fail(f"“{what}” has no size on screen ({role_name(obj)})")
        x, y = extents.x + extents.width // 2, extents.y + extents.height // 2
        log(f"mouse click on “{what}” at {x},{y}")
        # The registry's synthesized mouse events do not reach GTK 4.8
        # windows under Xvfb; xdotool's (XTest) do.
        if shutil.which("xdotool"):
            subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"],
                           check=True, env=self.env, timeout=30)
        else:
            Atspi.generate_mouse_event(x, y, "b1c")

    def focus(self, obj, what):
        """Moves the keyboard focus to obj: GrabFocus where the toolkit
        offers it (GTK 4.8 does not), else a click on it."""
        def focused():
            return obj.get_state_set().contains(Atspi.StateType.FOCUSED)
        try:
            Atspi.Component.grab_focus(obj)
        except GLib_errors():
            self.click_at(obj, what)
        try:
            poll(f"“{what}” to take the keyboard focus", focused, timeout=10)
        except Failure as failure:
            raise self.fail(str(failure)) from None

    def type_into(self, name, text, secret=False, under=None):
        """Sets the text of the editable whose label is `name`."""
        roles = ["text", "entry", "password text"]
        entry = self.wait_for(name, roles, under=under)
        if "EditableText" not in entry.get_interfaces():
            raise self.fail(f"“{name}” is not editable")
        log(f"type into “{name}”: {'•' * len(text) if secret else text}")
        Atspi.EditableText.set_text_contents(entry, text)
        poll(f"“{name}” to hold the text", lambda: text_of(entry) == text, timeout=10)
        return entry

    def type_keys(self, name, text, under=None):
        """Focuses the editable named `name` and types `text` key by key,
        as a person would (text views offer no EditableText in GTK 4.8)."""
        target = self.wait_for(name, ["text", "entry", "paragraph", "document text",
                                      "scroll pane", "panel"], under=under)
        if "EditableText" in target.get_interfaces():
            Atspi.EditableText.set_text_contents(target, text)
            return target
        self.focus(target, name)
        log(f"type keys into “{name}”: {text}")
        for ch in text:
            Atspi.generate_keyboard_event(0, ch, Atspi.KeySynthType.STRING)
            time.sleep(0.01)
        return target

    def wait_for_text(self, text, timeout=TIMEOUT):
        """Waits until a label anywhere in the window reads `text` (pages
        that are not shown stay in the tree in GTK 4.8)."""
        try:
            return poll(f"“{text}” to show",
                        lambda: self.find(text, ["label"], showing=False), timeout)
        except Failure as failure:
            raise self.fail(str(failure)) from None

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


def cli(env, *args, passphrase=PASSPHRASE):
    """Runs hearth-cli (HEARTH_CLI) with the passphrase on its stdin."""
    binary = os.environ.get("HEARTH_CLI")
    result = subprocess.run([binary, *args, "--passphrase-stdin"], input=passphrase + "\n",
                            env=env, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise Failure(f"hearth-cli {' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return result.stdout


def cli_json(env, *args):
    return json.loads(cli(env, *args, "--json"))


TEST_NOW_DEFAULT = "2026-12-02T10:30:00"


def test_now():
    """The local date and time the test runs at (HEARTH_TEST_NOW, as in the
    widget tests), or None for the real clock (HEARTH_TEST_NOW=today)."""
    text = os.environ.get("HEARTH_TEST_NOW", TEST_NOW_DEFAULT)
    if text == "today":
        return None
    return datetime.datetime.fromisoformat(text)


def test_today():
    """The date Hearth sees in the test, as YYYY-MM-DD."""
    now = test_now()
    return (now.date() if now else datetime.date.today()).isoformat()


class Session:
    """Fresh HOME and XDG folders under /tmp, GTK talking AT-SPI, and the
    accessibility bus; every program started with `env` (hearth and
    hearth-cli) runs on a fake clock that starts at test_now() (libfaketime). Use as a context manager; skip() tells whether the
    test cannot run here (and prints the TAP skip line)."""

    def __init__(self):
        self.binary = os.environ.get("HEARTH_BIN")
        self.base = None
        self.env = None
        self.launcher = None

    def skip(self):
        if not self.binary or not os.access(self.binary, os.X_OK):
            print("1..0 # SKIP HEARTH_BIN is not set to the hearth binary")
            return True
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            print("1..0 # SKIP no display: run inside tools/test-session")
            return True
        return False

    def __enter__(self):
        self.base = tempfile.mkdtemp(prefix="hearth-e2e-")
        env = dict(os.environ)
        for key, sub in (("HOME", "home"), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                         ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
            env[key] = os.path.join(self.base, sub)
            os.makedirs(env[key], exist_ok=True)
        env["GTK_A11Y"] = "atspi"
        env["GSETTINGS_BACKEND"] = "memory"
        env.pop("NO_AT_BRIDGE", None)
        now = test_now()
        if now is not None:
            if not os.path.exists(FAKETIME_LIB):
                raise Failure(f"{FAKETIME_LIB} is missing (Debian package faketime)")
            env["LD_PRELOAD"] = FAKETIME_LIB
            env["FAKETIME"] = "@" + now.strftime("%Y-%m-%d %H:%M:%S")
            # Only the wall clock: timeouts and frame clocks run as they are.
            env["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"
            # libfaketime comes first in LD_PRELOAD; ASan wants to be first.
            env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0").lstrip(":")
        self.env = env

        # D-Bus activation of org.a11y.Bus normally starts the accessibility
        # bus; start it by hand where the session has no activation for it.
        probe = subprocess.run(["gdbus", "call", "--session", "--dest", "org.a11y.Bus",
                                "--object-path", "/org/a11y/bus", "--method", "org.a11y.Bus.GetAddress"],
                               capture_output=True, text=True, timeout=30)
        if probe.returncode != 0 and os.path.exists("/usr/libexec/at-spi-bus-launcher"):
            self.launcher = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
                                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1)
        Atspi.init()
        return self

    def __exit__(self, *exc):
        if self.launcher is not None:
            self.launcher.terminate()
            self.launcher.wait()
        shutil.rmtree(self.base, ignore_errors=True)
        return False

    @property
    def journal_folder(self):
        """The default folder, the one Hearth opens without any setting."""
        return os.path.join(self.env["XDG_DATA_HOME"], "hearth", "journal")


class Steps:
    """TAP output for numbered steps: the first failure ends the run and
    the steps after it are reported as not run. An unexpected error (an
    AT-SPI call failing, say) is reported with its traceback and, through
    `window` (a callable returning the window's tree), what was shown."""

    def __init__(self, descriptions, window=None):
        self.descriptions = descriptions
        self.window = window
        print(f"1..{len(descriptions)}", flush=True)

    def run(self, *functions):
        for number, function in enumerate(functions, start=1):
            try:
                function()
            except Exception as error:  # noqa: BLE001 (reported, then the run ends)
                if isinstance(error, Failure):
                    message = str(error)
                else:
                    message = traceback.format_exc()
                    try:
                        shown = self.window() if self.window else None
                    except Exception:  # noqa: BLE001
                        shown = None
                    if shown:
                        message += f"The window holds:\n{shown}"
                print(f"not ok {number} {self.descriptions[number - 1]}\n{message}"
                      .replace("\n", "\n# "), flush=True)
                for later in range(number + 1, len(self.descriptions) + 1):
                    print(f"not ok {later} {self.descriptions[later - 1]} # not run: an earlier step failed",
                          flush=True)
                return 1
            print(f"ok {number} {self.descriptions[number - 1]}", flush=True)
        return 0
