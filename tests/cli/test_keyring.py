# SPDX-License-Identifier: GPL-3.0-or-later
"""cli-keyring: remembering the passphrase in the keyring (libsecret), and a
session without a keyring. Needs the session bus with an unlocked
gnome-keyring that tools/dev test provides."""

import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hearthtest as ht  # noqa: E402

SCHEMA = "io.github.hearthjournal.Hearth.Passphrase"
LABEL = "Hearth journal passphrase"

# A session bus that knows no services at all: no keyring can be activated.
BUS_CONF = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=%s</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class Keyring(ht.CliTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            raise RuntimeError("cli-keyring needs a session bus with an unlocked "
                               "keyring: run it through tools/dev test")

    def secret_tool(self, *args):
        env = dict(os.environ, LC_ALL="C.UTF-8")
        return subprocess.run(["secret-tool"] + list(args), capture_output=True,
                              text=True, env=env, stdin=subprocess.DEVNULL, timeout=60)

    def lookup(self, jid):
        r = self.secret_tool("lookup", "xdg:schema", SCHEMA, "journal", jid)
        return r.stdout if r.returncode == 0 else None

    def clear(self, jid):
        self.secret_tool("clear", "xdg:schema", SCHEMA, "journal", jid)

    def test_remember_passwd_forget(self):
        a = self.device("a")
        J = self.journal_path()
        jid = self.init(a, J, pp=self.PASS, extra=("--remember",))
        self.addCleanup(self.clear, jid)
        self.assertEqual(self.lookup(jid), self.PASS,
                         "init --remember stores the passphrase (schema %s, "
                         "attribute journal)" % SCHEMA)
        r = self.secret_tool("search", "--all", "journal", jid)
        self.assertIn("label = " + LABEL, r.stdout + r.stderr, "keyring item label")

        eid = self.add_entry(a, J, "no prompt", "unlocked by the keyring")
        got = self.list_json(a, J, "entries")
        self.assertEqual([e["id"] for e in got], [eid])
        r = a.run(J, "search", "keyring", "--json")
        self.ok(r)
        self.assertEqual([e["id"] for e in r.json()], [eid])

        r = a.run(J, "passwd", stdin="%s\nnew secret\nnew secret\n" % self.PASS)
        self.ok(r, "passwd")
        self.assertEqual(self.lookup(jid), "new secret",
                         "passwd updates the remembered passphrase")
        self.ok(a.run(J, "list", "entries"), "unlocks with the updated keyring item")
        r = a.run(J, "list", "entries", pp=self.PASS)
        self.fails(r, 1, "wrong passphrase", msg="old passphrase after passwd")

        r = a.run(J, "forget")
        self.ok(r, "forget")
        self.assertIsNone(self.lookup(jid), "forget removes the keyring item")
        before = ht.snapshot(J)
        r = a.run(J, "list", "entries")
        self.fails(r, 1, "journal is locked", msg="after forget")
        r = a.run(J, "add", "entry", "--title", "x", "--body", "y")
        self.fails(r, 1, "journal is locked", msg="after forget")
        self.assertUnchanged(before, J, "locked after forget")
        self.ok(a.run(J, "list", "entries", pp="new secret"))

    def test_without_remember_nothing_is_stored(self):
        a = self.device("a")
        J = self.journal_path()
        jid = self.init(a, J, pp=self.PASS)
        self.addCleanup(self.clear, jid)
        self.assertIsNone(self.lookup(jid), "no keyring item without --remember")
        r = a.run(J, "list", "entries")
        self.fails(r, 1, "journal is locked")

    def test_no_keyring_on_the_bus(self):
        busdir = os.path.join(self.base, "bus")
        os.makedirs(busdir, mode=0o700)
        conf = os.path.join(self.base, "bus.conf")
        with open(conf, "w") as f:
            f.write(BUS_CONF % busdir)
        nobus = ("dbus-run-session", "--config-file=" + conf, "--")

        a = self.device("a")
        J = self.journal_path()
        jid = self.init(a, J, pp=self.PASS, extra=("--remember",))
        self.addCleanup(self.clear, jid)
        self.add_entry(a, J, "hello", "there")

        r = a.run(J, "list", "entries", "--json", pp=self.PASS, wrapper=nobus, timeout=60)
        self.ok(r, "--passphrase-stdin needs no keyring")
        self.assertEqual(len(r.json()), 1)
        t0 = time.monotonic()
        r = a.run(J, "list", "entries", wrapper=nobus, timeout=60)
        self.fails(r, 1, "journal is locked", msg="no keyring service, no passphrase")
        self.assertLess(time.monotonic() - t0, 30, "fails promptly without a keyring")

        J2 = self.journal_path("second")
        r = a.run(J2, "init", "--name", "N", "--partner", "A", "--partner", "B",
                  "--kdf", "min", "--remember", pp=self.PASS, wrapper=nobus, timeout=60)
        self.assertIn("keyring", r.err.lower(),
                      "init --remember without a keyring says so\n" + r.describe())
        if os.path.exists(os.path.join(J2, "hearth-journal.json")):
            if r.rc == 0:
                self.assertRegex(r.last_word, ht.UUID_RE, r.describe())
            r2 = a.run(J2, "list", "entries", "--json", pp=self.PASS)
            self.ok(r2, "a journal left by init --remember works with its passphrase")
            jid2 = ht.Journal(J2, self.PASS).id
            self.addCleanup(self.clear, jid2)
            self.assertIsNone(self.lookup(jid2))
        else:
            self.assertNotEqual(r.rc, 0, r.describe())


if __name__ == "__main__":
    ht.main()
