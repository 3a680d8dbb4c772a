# SPDX-License-Identifier: GPL-3.0-or-later
"""cli-german: hearth-cli speaks German under a German locale (LANGUAGE=de,
LC_ALL=de_DE.UTF-8): --help, usage errors, the core's errors, ritual days
and numbers; --json output keeps its English names; nothing on disk changes
because of a refused command.

Skips (exit 77) when the de_DE.UTF-8 locale is not generated: gettext
ignores LANGUAGE under the C locale. tools/dev test generates it."""

import locale
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hearthtest as ht  # noqa: E402

LOCALE = "de_DE.UTF-8"
LOCALEDIR = os.environ.get("HEARTH_LOCALEDIR", "")


def have_locale(name):
    """Whether the C library can switch to locale NAME, as hearth-cli will."""
    try:
        locale.setlocale(locale.LC_ALL, name)
    except locale.Error:
        return False
    locale.setlocale(locale.LC_ALL, "C.UTF-8")
    return True


GERMAN = {"LANGUAGE": "de", "LC_ALL": LOCALE, "LANG": LOCALE, "HEARTH_LOCALEDIR": LOCALEDIR}


class German(ht.CliTestCase):

    def setUp(self):
        super().setUp()
        # The expected texts are of a Wednesday in December 2026 in Berlin.
        self.clock.at("2026-12-02T10:30:00", "Europe/Berlin")
        self.a = self.device("a")
        self.J = self.journal_path()

    def de(self, *args, pp=None, journal=True):
        return self.a.run(self.J if journal else None, *args, pp=pp, env=GERMAN)

    def test_help(self):
        r = self.de("--help", journal=False)
        self.ok(r)
        self.assertTrue(r.out.startswith("Aufruf: hearth-cli [--journal ORDNER] BEFEHL [ARGUMENTE]\n"),
                        r.describe())
        self.assertIn("\nBefehle:\n", r.out)
        self.assertIn("sonst aus dem Schlüsselbund, sonst über eine Eingabeaufforderung im Terminal.",
                      r.out)
        # Commands and options stay as typed.
        self.assertIn("  add gratitude --text T [--date JJJJ-MM-TT]\n", r.out)
        self.assertNotIn("Usage:", r.out)
        # Without a German locale it is English, as every other test sees it.
        r = self.a.run(None, "--help", env={"HEARTH_LOCALEDIR": LOCALEDIR})
        self.ok(r)
        self.assertTrue(r.out.startswith("Usage: hearth-cli"), r.describe())

    def test_usage_errors(self):
        r = self.de("frobnicate", journal=False)
        self.fails(r, 2)
        self.assertEqual(r.err, "hearth-cli: unbekannter Befehl „frobnicate“. (siehe hearth-cli --help)\n",
                         r.describe())
        self.init(self.a, self.J, pp=self.PASS)
        before = ht.snapshot(self.J)
        r = self.de("add", "entry", "--title", "Ohne Text", pp=self.PASS)
        self.fails(r, 2)
        self.assertEqual(r.err, "hearth-cli: add entry braucht --body. (siehe hearth-cli --help)\n",
                         r.describe())
        r = self.de("add", "ritual", "--title", "Spaziergang", "--rrule", "FREQ=WEEKLY",
                    "--start", "23.11.2026", pp=self.PASS)
        self.fails(r, 2, "--start muss ein Datum wie 2026-11-23 sein.")
        self.assertEqual(ht.snapshot(self.J), before, "a refused command changed the journal")

    def test_wrong_passphrase(self):
        self.init(self.a, self.J, pp=self.PASS)
        self.add_entry(self.a, self.J, "Hello", "from a", pp=self.PASS)
        before = ht.snapshot(self.J)
        for args in (("list", "entries"), ("add", "entry", "--body", "Hallo")):
            r = self.de(*args, pp="not the passphrase")
            self.fails(r, 1)
            self.assertIn("Falsche Passphrase. Prüfe sie und versuch es erneut.", r.err, r.describe())
            self.assertNotIn("Wrong passphrase", r.err)
        self.assertEqual(ht.snapshot(self.J), before, "a wrong passphrase changed the journal")

    def test_ritual_days_and_numbers(self):
        self.init(self.a, self.J, pp=self.PASS)
        r = self.a.run(self.J, "add", "ritual", "--title", "Sonntagsspaziergang",
                       "--rrule", "FREQ=WEEKLY;BYDAY=SU", "--start", "2026-10-04",
                       "--time", "10:30", pp=self.PASS)
        self.ok(r)
        rid = r.last_word
        self.ok(self.a.run(self.J, "mark", rid, "2026-10-04", "done", "--note", "Windig", pp=self.PASS))
        self.ok(self.a.run(self.J, "mark", rid, "2026-10-11", "skipped", pp=self.PASS))

        r = self.de("occurrences", rid, "--from", "2026-10-01", "--to", "2026-10-12", pp=self.PASS)
        self.ok(r)
        self.assertEqual(r.out.splitlines(), [
            "2026-10-04  2026-10-04T10:30:00+02:00  erledigt — Windig",
            "2026-10-11  2026-10-11T10:30:00+02:00  ausgelassen",
        ], r.describe())
        # --json is for programs: its names stay as they are.
        r = self.de("occurrences", rid, "--from", "2026-10-01", "--to", "2026-10-12", "--json",
                    pp=self.PASS)
        self.ok(r)
        self.assertEqual([o["status"] for o in r.json()], ["done", "skipped"])

        r = self.de("stats", pp=self.PASS)
        self.ok(r)
        self.assertIn("Rituale\n", r.out, r.describe())
        self.assertRegex(r.out, r"    aktuelle Serie \d+, beste Serie \d+, Beständigkeit \d+,\d %% "
                         r"\(1 erledigt, 1 ausgelassen, \d+ verpasst\)\n".replace("%%", "%"))
        self.assertIn("Dankbarkeit pro Woche", r.out)


if __name__ == "__main__":
    if not have_locale(LOCALE):
        print("SKIP: the %s locale is not generated (gettext ignores LANGUAGE under C); "
              "tools/dev test generates it, or run locale-gen with %s in /etc/locale.gen"
              % (LOCALE, LOCALE), file=sys.stderr)
        sys.exit(77)
    if not os.path.isfile(os.path.join(LOCALEDIR, "de", "LC_MESSAGES", "hearth.mo")):
        print("HEARTH_LOCALEDIR must name the build's po folder with de/LC_MESSAGES/hearth.mo "
              "(got %r)" % LOCALEDIR, file=sys.stderr)
        sys.exit(1)
    ht.main()
