# SPDX-License-Identifier: GPL-3.0-or-later
"""e2e-reminders: `hearth --background` delivers reminders as desktop
notifications, under a fake clock (libfaketime), in the test session's D-Bus
session with gnome-keyring and dunst (tools/test-session).

What a person would notice:
  1. a ritual's reminder arrives at its time, with its title and a Done button;
  2. restarting the service does not send it again;
  3. a reminder whose time passed while the computer was off arrives once,
     worded as missed;
  4. pressing Done (ActivateAction over D-Bus, as the notification server
     does) marks that day's ritual done in the journal;
  5. the login entry exists while "Start at login" is on;
  6. Snooze 10 min withdraws a reminder and sends it again ten minutes
     later (the clock runs twenty times faster for this one);
  7. locked (Lock, or after idle), the journal holds nothing, yet the
     next reminder still arrives; its Done waits for the passphrase;
  8. with no Hearth running, Done starts it by D-Bus activation
     (`--gapplication-service`, as the desktop does for a notification's
     button): the ritual is marked, no window opens, and it quits again.

`faketime -f "@DATE TIME"` starts the wall clock at DATE TIME and lets it
run. libfaketime fakes CLOCK_MONOTONIC the same way (offset, real speed), so
GLib's timeouts, which only use differences of the monotonic clock, keep
their lengths and the scheduler's 30 s safety tick works unchanged.
"""

import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

HEARTH = os.environ.get("HEARTH_BIN", "")
CLI = os.environ.get("HEARTH_CLI", "")
APP_ID = "io.github.hearthjournal.Hearth"
OBJECT_PATH = "/io/github/hearthjournal/Hearth"
PASS = "correct horse battery staple"
TZ = "Europe/Berlin"
DAY = "2026-06-10"


class Monitor:
    """dbus-monitor on the session bus, watching Notify calls; each call is
    kept as the list of its argument lines."""

    def __init__(self):
        self.proc = subprocess.Popen(
            ["dbus-monitor", "--session",
             "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            start_new_session=True, text=True, errors="replace")
        self.calls = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        current = None
        for line in self.proc.stdout:
            if line.startswith("method call") and "member=Notify" in line:
                current = []
                with self.lock:
                    self.calls.append(current)
            elif line.startswith(("method call", "signal", "method return", "error")):
                current = None
            elif current is not None:
                current.append(line.rstrip("\n"))

    def strings(self, call):
        return re.findall(r'^\s*string "(.*)"$', "\n".join(call), re.M)

    def matching(self, title):
        with self.lock:
            calls = list(self.calls)
        # Notify(app_name, replaces_id, icon, summary, body, actions, ...)
        return [c for c in calls if title in self.strings(c)[2:4]]

    def wait_for(self, title, timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            found = self.matching(title)
            if found:
                return found
            time.sleep(0.2)
        return []

    def all_summaries(self):
        with self.lock:
            calls = list(self.calls)
        return [self.strings(c)[2:4] for c in calls]

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.thread.join(5)
        self.proc.stdout.close()


class Reminders(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        for what, path in (("HEARTH_BIN", HEARTH), ("HEARTH_CLI", CLI)):
            if not path or not os.access(path, os.X_OK):
                raise RuntimeError("%s must name an executable (got %r)" % (what, path))
        for tool in ("faketime", "dbus-monitor", "gdbus"):
            if shutil.which(tool) is None:
                raise RuntimeError("%s is needed for this test" % tool)
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            raise RuntimeError("run inside tools/test-session: no D-Bus session bus")

    def setUp(self):
        self.base = tempfile.mkdtemp(prefix="hearth-e2e-reminders-")
        self.addCleanup(shutil.rmtree, self.base, True)
        self.env = dict(os.environ)
        for k in ("LANGUAGE", "LC_MESSAGES", "HEARTH_JOURNAL"):
            self.env.pop(k, None)
        for name in ("home", "data", "config", "cache", "state"):
            os.makedirs(os.path.join(self.base, name), mode=0o700)
        self.env.update({
            "HOME": os.path.join(self.base, "home"),
            "XDG_DATA_HOME": os.path.join(self.base, "data"),
            "XDG_CONFIG_HOME": os.path.join(self.base, "config"),
            "XDG_CACHE_HOME": os.path.join(self.base, "cache"),
            "XDG_STATE_HOME": os.path.join(self.base, "state"),
            "GSETTINGS_BACKEND": "memory",
            "TZ": TZ,
            "LC_ALL": "C.UTF-8",
            "LANG": "C.UTF-8",
            "NO_AT_BRIDGE": "1",
            "GTK_A11Y": "none",
            # libfaketime comes first in LD_PRELOAD; ASan wants to be first.
            "ASAN_OPTIONS": (os.environ.get("ASAN_OPTIONS", "") +
                             ":verify_asan_link_order=0").lstrip(":"),
        })
        # The default folder: the service opens it with no settings at all.
        self.journal = os.path.join(self.base, "data", "hearth", "journal")
        self.procs = []
        self.addCleanup(self._kill_all)
        self.monitor = Monitor()
        self.addCleanup(self.monitor.stop)

    # ------------------------------------------------------------------

    def cli(self, *args, check=True):
        argv = [CLI, "--journal", self.journal] + list(args) + ["--passphrase-stdin"]
        r = subprocess.run(argv, input=PASS + "\n", capture_output=True, text=True,
                           env=self.env, timeout=120)
        if check and r.returncode != 0:
            self.fail("hearth-cli %s failed (%d):\n%s%s"
                      % (" ".join(args), r.returncode, r.stdout, r.stderr))
        return r

    def ritual(self, title, time_of_day):
        r = self.cli("add", "ritual", "--title", title, "--rrule", "FREQ=DAILY",
                     "--start", "2026-06-01", "--time", time_of_day,
                     "--remind-before", "1")
        return r.stdout.split()[-1]

    def name_owned(self):
        r = subprocess.run(
            ["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
             "--object-path", "/org/freedesktop/DBus",
             "--method", "org.freedesktop.DBus.NameHasOwner", APP_ID],
            capture_output=True, text=True, env=self.env, timeout=30)
        return "true" in r.stdout

    def start(self, fake_time, speed=None):
        self.assertFalse(self.name_owned(),
                         "another Hearth instance owns %s on this bus" % APP_ID)
        log = open(os.path.join(self.base, "hearth-%d.log" % len(self.procs)), "w+")
        p = subprocess.Popen(
            ["faketime", "-m", "-f", "@" + fake_time + (" x%d" % speed if speed else ""),
             HEARTH, "--background"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            env=self.env, start_new_session=True)
        p.log = log
        self.procs.append(p)
        end = time.monotonic() + 30
        while not self.name_owned():
            if p.poll() is not None:
                self.fail("hearth --background exited (%s) before taking its bus name:\n%s"
                          % (p.returncode, self.output(p)))
            if time.monotonic() > end:
                self.fail("hearth --background did not take its bus name within 30 s:\n%s"
                          % self.output(p))
            time.sleep(0.2)
        return p

    def output(self, p):
        p.log.flush()
        p.log.seek(0)
        return p.log.read()[-6000:]

    def stop(self, p):
        """SIGTERM, as at logout: the service quits cleanly."""
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
                self.fail("hearth --background ignored SIGTERM for 20 s:\n" + self.output(p))
        out = self.output(p)
        self.assertNotRegex(out, r"(AddressSanitizer|LeakSanitizer|runtime error:|CRITICAL)",
                            "hearth --background reported a problem:\n" + out)
        end = time.monotonic() + 10
        while self.name_owned() and time.monotonic() < end:
            time.sleep(0.2)

    def _kill_all(self):
        for p in self.procs:
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                p.wait()
            p.log.close()

    def occurrences(self):
        r = self.cli("list", "occurrences", "--json")
        return json.loads(r.stdout)

    def summaries(self):
        return "\n".join(" / ".join(s) for s in self.monitor.all_summaries()) or "(none)"

    # ------------------------------------------------------------------

    def test_reminders_arrive_once_and_done_marks_the_ritual(self):
        self.cli("init", "--name", "Our journal", "--partner", "Alex", "--partner", "Sam",
                 "--me", "Alex", "--kdf", "min", "--remember")
        coffee = self.ritual("Morning coffee together", "07:31")
        walk = self.ritual("Evening walk by the river", "08:01")

        # 1. At 07:29:40 the coffee's reminder (07:30, a minute before) is
        #    twenty seconds away.
        p = self.start("%s 07:29:40" % DAY)
        calls = self.monitor.wait_for("Morning coffee together", 75)
        if not calls:
            self.stop(p)
            self.fail("no notification for the ritual within 75 s; Notify calls seen:\n%s\n"
                      "hearth said:\n%s" % (self.summaries(), self.output(p)))
        strings = self.monitor.strings(calls[0])
        self.assertIn("Morning coffee together starts at 07:31", strings,
                      "the body says when it starts: %s" % strings)
        self.assertIn("Done", strings, "the notification offers Done: %s" % strings)
        self.assertIn("Snooze 10 min", strings, "the notification offers Snooze: %s" % strings)
        self.assertFalse(self.monitor.matching("Reminders are paused"),
                         "the passphrase is remembered, so nothing is paused")
        autostart = os.path.join(self.env["XDG_CONFIG_HOME"], "autostart", APP_ID + ".desktop")
        self.assertTrue(os.path.exists(autostart), "Start at login writes " + autostart)
        with open(autostart) as f:
            self.assertIn("Exec=hearth --background", f.read())
        self.stop(p)
        self.assertEqual(len(self.monitor.matching("Morning coffee together")), 1,
                         "the reminder was sent once: " + self.summaries())

        # 2. The same morning again: already said, nothing more.
        p = self.start("%s 07:29:40" % DAY)
        time.sleep(40)
        self.stop(p)
        self.assertEqual(len(self.monitor.matching("Morning coffee together")), 1,
                         "a restart does not repeat a reminder: " + self.summaries())

        # 3. Three hours after the walk's reminder (08:00): it comes once, late.
        p = self.start("%s 11:00:00" % DAY)
        calls = self.monitor.wait_for("Evening walk by the river", 45)
        if not calls:
            self.stop(p)
            self.fail("the missed reminder did not arrive within 45 s; Notify calls seen:\n%s\n"
                      "hearth said:\n%s" % (self.summaries(), self.output(p)))
        body = self.monitor.strings(calls[0])[3]
        self.assertIn("Missed", body, "a late reminder says it was missed: %r" % body)
        self.assertIn("Evening walk by the river starts at 08:01", body)

        # 4. Done, as the notification server would press it.
        r = subprocess.run(
            ["gdbus", "call", "--session", "--dest", APP_ID, "--object-path", OBJECT_PATH,
             "--method", "org.freedesktop.Application.ActivateAction", "reminder-done",
             "[<'%s/%s'>]" % (walk, DAY), "{}"],
            capture_output=True, text=True, env=self.env, timeout=30)
        self.assertEqual(r.returncode, 0, "ActivateAction failed: " + r.stderr)
        done = None
        end = time.monotonic() + 20
        while time.monotonic() < end:
            done = [o for o in self.occurrences()
                    if o.get("id") == "%s/%s" % (walk, DAY)]
            if done and done[0].get("status") == "done":
                break
            time.sleep(0.5)
        self.assertTrue(done and done[0].get("status") == "done",
                        "Done marks the walk done for %s: %s\nhearth said:\n%s"
                        % (DAY, done, self.output(p)))
        self.assertEqual(done[0].get("ritual"), walk)

        time.sleep(2)
        self.stop(p)
        self.assertEqual(len(self.monitor.matching("Evening walk by the river")), 1,
                         "the missed reminder came once: " + self.summaries())
        self.assertEqual(len(self.monitor.matching("Morning coffee together")), 1,
                         "and the coffee was not said again: " + self.summaries())
        self.assertFalse([o for o in self.occurrences() if o.get("ritual") == coffee],
                         "nothing marked the coffee")
        print("Notifications sent:\n" + self.summaries(), file=sys.stderr)


    def activate_action(self, name, target=None):
        args = "[<'%s'>]" % target if target is not None else "[]"
        r = subprocess.run(
            ["gdbus", "call", "--session", "--dest", APP_ID, "--object-path", OBJECT_PATH,
             "--method", "org.freedesktop.Application.ActivateAction", name, args, "{}"],
            capture_output=True, text=True, env=self.env, timeout=30)
        self.assertEqual(r.returncode, 0, "ActivateAction %s failed: %s" % (name, r.stderr))

    def test_locked_journal_still_reminds(self):
        self.cli("init", "--name", "Our journal", "--partner", "Alex", "--partner", "Sam",
                 "--me", "Alex", "--kdf", "min", "--remember")
        pancakes = self.ritual("Sunday pancakes", "07:31")

        # Locked well before the reminder is due: the journal wipes its key
        # and records, the reminder still comes.
        p = self.start("%s 07:29:10" % DAY)
        time.sleep(8)
        self.activate_action("lock")
        calls = self.monitor.wait_for("Sunday pancakes", 80)
        if not calls:
            self.stop(p)
            self.fail("no reminder while the journal was locked; Notify calls seen:\n%s\n"
                      "hearth said:\n%s" % (self.summaries(), self.output(p)))
        self.assertIn("Sunday pancakes starts at 07:31", self.monitor.strings(calls[0]))

        # Done needs the journal: while it is locked nothing is written (it
        # waits for the passphrase), so the ritual is not marked.
        self.activate_action("reminder-done", "%s/%s" % (pancakes, DAY))
        time.sleep(5)
        self.assertFalse([o for o in self.occurrences() if o.get("ritual") == pancakes],
                         "nothing is written while the journal is locked:\n" + self.output(p))
        self.stop(p)
        self.assertEqual(len(self.monitor.matching("Sunday pancakes")), 1,
                         "the reminder came once: " + self.summaries())

    def test_snooze_sends_the_reminder_again_ten_minutes_later(self):
        self.cli("init", "--name", "Our journal", "--partner", "Alex", "--partner", "Sam",
                 "--me", "Alex", "--kdf", "min", "--remember")
        stretch = self.ritual("Stretch together", "07:31")
        key = "%s/%s@07:30" % (stretch, DAY)

        # Three fast minutes (nine seconds) before it is due: a first start
        # ever catches up nothing from before it began, so the service must
        # be up before 07:30 even on a busy machine.
        p = self.start("%s 07:27:00" % DAY, speed=20)
        if not self.monitor.wait_for("Stretch together", 60):
            self.stop(p)
            self.fail("no reminder to snooze; Notify calls seen:\n%s\nhearth said:\n%s"
                      % (self.summaries(), self.output(p)))
        r = subprocess.run(
            ["gdbus", "call", "--session", "--dest", APP_ID, "--object-path", OBJECT_PATH,
             "--method", "org.freedesktop.Application.ActivateAction", "reminder-snooze",
             "[<'%s'>]" % key, "{}"],
            capture_output=True, text=True, env=self.env, timeout=30)
        self.assertEqual(r.returncode, 0, "ActivateAction failed: " + r.stderr)
        snoozed_at = time.monotonic()

        # Ten minutes at twenty times the speed: thirty seconds.
        end = snoozed_at + 60
        while len(self.monitor.matching("Stretch together")) < 2 and time.monotonic() < end:
            time.sleep(0.2)
        back_after = time.monotonic() - snoozed_at
        self.stop(p)
        self.assertEqual(len(self.monitor.matching("Stretch together")), 2,
                         "the snoozed reminder comes back once: %s\nhearth said:\n%s"
                         % (self.summaries(), self.output(p)))
        self.assertGreater(back_after, 24,
                           "it came back after %.0f s, not ten (fast) minutes" % back_after)

    def test_done_starts_hearth_by_dbus_activation(self):
        self.cli("init", "--name", "Our journal", "--partner", "Alex", "--partner", "Sam",
                 "--me", "Alex", "--kdf", "min", "--remember")
        tea = self.ritual("Tea on the balcony", "18:00")
        self.assertFalse(self.name_owned(), "no Hearth runs before the activation")

        # The session bus reads service files from its XDG_DATA_HOME; the
        # activated process gets the bus's environment, so a wrapper gives
        # it this test's folders and display.
        services = os.path.join(os.environ.get("XDG_DATA_HOME") or
                                os.path.expanduser("~/.local/share"), "dbus-1", "services")
        os.makedirs(services, exist_ok=True)
        service_file = os.path.join(services, APP_ID + ".service")
        self.assertFalse(os.path.exists(service_file), "a stale %s" % service_file)
        log = os.path.join(self.base, "activated.log")
        wrapper = os.path.join(self.base, "hearth-activated")
        keep = ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
                "GSETTINGS_BACKEND", "GSETTINGS_SCHEMA_DIR", "TZ", "LC_ALL", "LANG", "NO_AT_BRIDGE",
                "GTK_A11Y", "GDK_DEBUG", "GSK_RENDERER", "DISPLAY", "DBUS_SESSION_BUS_ADDRESS",
                "ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS")
        with open(wrapper, "w") as f:
            f.write("#!/bin/sh\n")
            for k in keep:
                if k in self.env:
                    f.write("export %s='%s'\n" % (k, self.env[k].replace("'", "'\\''")))
            f.write("exec '%s' --gapplication-service >'%s' 2>&1\n" % (HEARTH, log))
        os.chmod(wrapper, 0o755)
        with open(service_file, "w") as f:
            f.write("[D-BUS Service]\nName=%s\nExec=%s\n" % (APP_ID, wrapper))
        self.addCleanup(os.unlink, service_file)
        subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
                        "--object-path", "/org/freedesktop/DBus",
                        "--method", "org.freedesktop.DBus.ReloadConfig"],
                       capture_output=True, env=self.env, timeout=30)

        def said():
            try:
                with open(log) as f:
                    return f.read()[-6000:]
            except FileNotFoundError:
                return "(nothing: it did not start)"

        r = subprocess.run(
            ["gdbus", "call", "--session", "--dest", APP_ID, "--object-path", OBJECT_PATH,
             "--method", "org.freedesktop.Application.ActivateAction", "reminder-done",
             "[<'%s/%s'>]" % (tea, DAY), "{}"],
            capture_output=True, text=True, env=self.env, timeout=60)
        self.assertEqual(r.returncode, 0, "ActivateAction by activation failed: %s\n%s"
                         % (r.stderr, said()))

        done = None
        end = time.monotonic() + 30
        while time.monotonic() < end:
            done = [o for o in self.occurrences() if o.get("id") == "%s/%s" % (tea, DAY)]
            if done and done[0].get("status") == "done":
                break
            time.sleep(0.5)
        self.assertTrue(done and done[0].get("status") == "done",
                        "the activated Hearth marks the tea done: %s\nhearth said:\n%s"
                        % (done, said()))

        # A window would hold the application; with none it quits by itself.
        end = time.monotonic() + 30
        while self.name_owned() and time.monotonic() < end:
            time.sleep(0.3)
        self.assertFalse(self.name_owned(),
                         "Hearth, started only for Done, quits again\n" + said())
        self.assertNotRegex(said(), r"(AddressSanitizer|LeakSanitizer|runtime error:|CRITICAL)",
                            "the activated Hearth reported a problem:\n" + said())


if __name__ == "__main__":
    unittest.main(verbosity=2)
