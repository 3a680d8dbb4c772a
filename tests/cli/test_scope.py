# SPDX-License-Identifier: GPL-3.0-or-later
"""cli-scope: each hearth-cli command reads only the files it needs (list
partners shared.json, add entry the file of the new entry's year, list
entries the entries, …). A damaged file, or one that went back or is
missing, in a year or of a kind a command does not read changes nothing
for that command and it says nothing about it, while the commands that read
the file still report it. What this device remembers of files a command
did not read stays as it was, and a write keeps the other records of its
file.

hearth-cli runs on the tests' fake clock (hearthtest.CLOCK), set first to
2024, then to 2026-12-02."""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hearthtest as ht  # noqa: E402

THEN = "2024-05-06"
NOW = "2026-12-02"


class Scope(ht.CliTestCase):

    def setUp(self):
        super().setUp()
        self.at(NOW)
        self.a, self.b = self.device("a"), self.device("b")
        self.J = self.journal_path()
        self.jid = self.init(self.a, self.J, pp=self.PASS)
        self.adev = ht.Journal(self.J, self.PASS).device_ids()[0]
        self.bdev = self.join(self.b, self.J, "Bob", pp=self.PASS)

        self.at(THEN)
        self.a24 = self.add_entry(self.a, self.J, "A then", "in 2024", pp=self.PASS)
        self.b24 = self.add_entry(self.b, self.J, "B then", "in 2024", pp=self.PASS)
        self.ok(self.run_a("add", "gratitude", "--text", "thanks then"))
        self.ok(self.run_b("add", "gratitude", "--text", "thanks back then"))
        r = self.run_a("add", "ritual", "--title", "Walk", "--rrule", "FREQ=DAILY",
                       "--start", "2024-01-01")
        self.ok(r)
        self.ritual = r.last_word
        self.ok(self.run_a("mark", self.ritual, "2024-05-05", "done"))

        self.at(NOW)
        self.a26 = self.add_entry(self.a, self.J, "A now", "in 2026", pp=self.PASS)
        self.b26 = self.add_entry(self.b, self.J, "B now", "in 2026", pp=self.PASS)
        self.ok(self.run_a("add", "gratitude", "--text", "thanks now"))
        self.ok(self.run_a("mark", self.ritual, "2026-12-01", "done"))
        # Both devices have seen every file.
        for dev in (self.a, self.b):
            self.ok(dev.run(self.J, "check", pp=self.PASS))

    # -- helpers

    def at(self, day):
        """hearth-cli's clock shows DAY at 10:30 from now on."""
        self.clock.at(day + "T10:30:00")

    def run_a(self, *args):
        return self.a.run(self.J, *args, pp=self.PASS)

    def run_b(self, *args):
        return self.b.run(self.J, *args, pp=self.PASS)

    def path(self, dev, name):
        return os.path.join(self.J, "devices", dev, name)

    def rel(self, dev, name):
        return "devices/%s/%s" % (dev, name)

    def remembered(self, dev):
        """The write counters DEV remembers, from its state file."""
        p = os.path.join(dev.state, "hearth", self.jid + ".trust")
        with open(p) as f:
            return json.load(f)["seq"]

    def ids_in(self, dev, name):
        return {rec["id"] for rec in ht.Journal(self.J, self.PASS).read(dev, name)["records"]}

    def quiet(self, r, what=""):
        """Succeeded without a word on stderr."""
        self.ok(r, what)
        self.assertEqual(r.err, "", "nothing is said about files not read. %s\n%s"
                         % (what, r.describe()))

    def commands_not_reading_2024_entries(self):
        """Commands (on 2026-12-02) that read no entries file of 2024."""
        return (("list", "partners"), ("list", "rituals"), ("list", "gratitude"),
                ("list", "occurrences"), ("stats",),
                ("occurrences", self.ritual, "--from", "2026-11-01", "--to", "2026-12-02"),
                ("add", "entry", "--title", "t", "--body", "written now"),
                ("add", "gratitude", "--text", "more thanks"),
                ("mark", self.ritual, "2026-12-02", "skipped"))

    # -- tests

    def test_damaged_file_of_another_year(self):
        p = self.path(self.bdev, "entries-2024.json")
        with open(p, "wb") as f:
            f.write(b"{\"hearth\": 1, \"type\": \"entr")
        rel = self.rel(self.bdev, "entries-2024.json")
        seq_before = self.remembered(self.a)

        for args in self.commands_not_reading_2024_entries():
            self.quiet(self.run_a(*args), " ".join(args))
        r = self.run_a("list", "partners")
        self.assertIn("Alice", r.out, r.describe())
        self.assertIn("Bob", r.out, r.describe())
        self.assertEqual(ht.read_bytes(p), b"{\"hearth\": 1, \"type\": \"entr", "left as it was")

        # The commands that read it still say so.
        for args in (("list", "entries"), ("search", "then")):
            r = self.run_a(*args)
            self.ok(r)
            self.warns(r, rel, "damaged", msg=" ".join(args))
        r = self.run_a("search", "then", "--json")
        self.assertEqual({rec["id"] for rec in r.json() if rec["kind"] == "entry"}, {self.a24},
                         r.describe())
        r = self.run_a("check")
        self.assertEqual(r.rc, 1, r.describe())
        self.assertIn(rel, r.out, r.describe())
        self.assertEqual(self.remembered(self.a)[self.bdev + "/entries-2024.json"],
                         seq_before[self.bdev + "/entries-2024.json"])

    def test_file_of_another_year_that_went_back(self):
        p = self.path(self.adev, "entries-2024.json")
        old = ht.read_bytes(p)
        self.at(THEN)
        a24b = self.add_entry(self.a, self.J, "A then again", "newer", pp=self.PASS)
        self.at(NOW)
        self.ok(self.run_b("list", "entries"))
        key = self.adev + "/entries-2024.json"
        seen = self.remembered(self.a)[key]
        with open(p, "wb") as f:
            f.write(old)           # an old copy put back
        rel = self.rel(self.adev, "entries-2024.json")

        for args in self.commands_not_reading_2024_entries():
            self.quiet(self.run_a(*args), " ".join(args))
            self.assertEqual(ht.read_bytes(p), old, "untouched by " + " ".join(args))
        self.quiet(self.run_b("list", "partners"))
        self.assertEqual(self.remembered(self.a)[key], seen,
                         "the newer counter is still remembered")

        r = self.run_a("list", "entries", "--json")
        self.ok(r)
        self.warns(r, rel, "went back to an older version")
        self.assertNotIn(a24b, {rec["id"] for rec in r.json()})
        r = self.run_b("list", "entries")
        self.ok(r)
        self.warns(r, rel, "from Alice’s device went back")
        r = self.run_a("check")
        self.assertEqual(r.rc, 1, r.describe())
        self.assertIn(rel, r.out, r.describe())
        # A write into that very file is still refused.
        self.at(THEN)
        before = ht.snapshot(self.J)
        r = self.run_a("add", "entry", "--title", "t", "--body", "refused")
        self.fails(r, 1, rel, "went back to an older version")
        self.assertUnchanged(before, self.J, "refused write into a file that went back")
        self.assertEqual(self.remembered(self.a)[key], seen)

    def test_missing_file_of_another_year(self):
        os.unlink(self.path(self.bdev, "gratitude-2024.json"))
        rel = self.rel(self.bdev, "gratitude-2024.json")
        key = self.bdev + "/gratitude-2024.json"
        seen = self.remembered(self.a)[key]

        for args in (("list", "partners"), ("list", "entries"), ("list", "rituals"),
                     ("add", "entry", "--title", "t", "--body", "b"),
                     ("add", "gratitude", "--text", "this year")):
            self.quiet(self.run_a(*args), " ".join(args))
        self.assertEqual(self.remembered(self.a)[key], seen, "still remembered")
        for args in (("list", "gratitude"), ("search", "now")):
            r = self.run_a(*args)
            self.ok(r)
            self.warns(r, rel, "is missing", msg=" ".join(args))
        self.assertEqual(self.remembered(self.a)[key], seen, "still remembered")

    def test_a_write_keeps_the_other_records_of_its_file(self):
        before26 = self.ids_in(self.adev, "entries-2026.json")
        e = self.add_entry(self.a, self.J, "Another", "now", pp=self.PASS)
        self.assertEqual(self.ids_in(self.adev, "entries-2026.json"), before26 | {e})

        # A reply finds its entry in another year.
        reply = self.add_entry(self.a, self.J, "Re", "a reply", "--reply-to", self.b24,
                               pp=self.PASS)
        r = self.run_a("list", "entries", "--json")
        got = {rec["id"]: rec for rec in r.json()}
        self.assertEqual(got[reply].get("reply_to"), self.b24)
        self.assertEqual(set(got), {self.a24, self.b24, self.a26, self.b26, e, reply})

        before24 = self.ids_in(self.adev, "entries-2024.json")
        self.at(THEN)
        e24 = self.add_entry(self.a, self.J, "Later then", "2024", pp=self.PASS)
        self.assertEqual(self.ids_in(self.adev, "entries-2024.json"), before24 | {e24})

        # A mark goes into the file of its date's year, beside the others.
        self.at(NOW)
        before_marks = self.ids_in(self.adev, "rituals-2024.json")
        self.ok(self.run_a("mark", self.ritual, "2024-05-06", "skipped"))
        self.assertEqual(self.ids_in(self.adev, "rituals-2024.json"),
                         before_marks | {self.ritual + "/2024-05-06"})
        r = self.run_a("occurrences", self.ritual, "--from", "2024-05-04", "--to", "2024-05-06",
                       "--json")
        self.ok(r)
        self.assertEqual([d["status"] for d in r.json()], ["missed", "done", "skipped"])
        r = self.run_a("list", "occurrences", "--json")
        self.assertEqual({rec["id"] for rec in r.json()},
                         {self.ritual + "/" + d for d in ("2024-05-05", "2024-05-06", "2026-12-01")})
        self.ok(self.run_a("check"))
        self.ok(self.run_b("check"))

    def test_the_state_keeps_the_counters_of_files_not_read(self):
        before = self.remembered(self.a)
        self.assertIn(self.bdev + "/entries-2024.json", before)
        self.assertIn(self.adev + "/rituals-2024.json", before)
        for args in (("list", "partners"), ("search", "now"), ("list", "gratitude"),
                     ("add", "entry", "--title", "t", "--body", "b")):
            self.quiet(self.run_a(*args), " ".join(args))
            after = self.remembered(self.a)
            for key, seq in before.items():
                self.assertIn(key, after, "%s is still remembered after %s" % (key, args))
                self.assertGreaterEqual(after[key], seq)
        after = self.remembered(self.a)
        changed = {k for k in after if after[k] != before.get(k)}
        self.assertEqual(changed, {self.adev + "/entries-2026.json"}, "only the file written")


if __name__ == "__main__":
    ht.main()
