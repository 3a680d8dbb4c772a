# SPDX-License-Identifier: GPL-3.0-or-later
"""cli-reminders: `hearth-cli reminders` lists what would fire, in the
couple's local time (TZ=Europe/Berlin), correctly across daylight saving.
The default range starts at the tests' clock, in the run's zone."""

import datetime
import os
import re
import sys
import zoneinfo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hearthtest as ht  # noqa: E402

RFC3339_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def berlin(text):
    return datetime.datetime.fromisoformat(text).astimezone(BERLIN)


class Reminders(ht.CliTestCase):

    def setUp(self):
        super().setUp()
        self.a = self.device("a", tz="Europe/Berlin")
        self.J = self.journal_path()
        self.init(self.a, self.J, pp=self.PASS)
        self.coffee = self.ritual("Morning coffee together", "FREQ=DAILY",
                                  "2026-03-01", "07:30", remind=15)
        self.owl = self.ritual("Night owl tea", "FREQ=DAILY", "2026-03-01",
                               "02:30", remind=0)
        self.checkin = self.ritual("Sunday check-in", "FREQ=WEEKLY;BYDAY=SU",
                                   "2026-03-01", "19:00", remind=30,
                                   kind="checkin")
        # No lead time: never reminds.
        self.walk = self.ritual("Walk after dinner", "FREQ=DAILY",
                                "2026-03-01", "20:00")

    def run_a(self, *args):
        return self.a.run(self.J, *args, pp=self.PASS)

    def ritual(self, title, rrule, start, time, remind=None, kind=None):
        args = ["add", "ritual", "--title", title, "--rrule", rrule,
                "--start", start, "--time", time]
        if remind is not None:
            args += ["--remind-before", str(remind)]
        if kind is not None:
            args += ["--type", kind]
        r = self.run_a(*args)
        self.ok(r)
        self.assertRegex(r.last_word, ht.UUID_RE, r.describe())
        return r.last_word

    def reminders_json(self, *args):
        r = self.run_a("reminders", *args, "--json")
        self.ok(r)
        try:
            data = r.json()
        except ValueError as e:
            self.fail("reminders --json did not print JSON (%s)\n%s"
                      % (e, r.describe()))
        self.assertIsInstance(data, list, r.describe())
        for item in data:
            for field in ("time", "title", "kind", "id", "date"):
                self.assertIn(field, item, "reminder lacks %r: %s" % (field, item))
            self.assertRegex(item["time"], RFC3339_OFFSET)
        return data

    # ------------------------------------------------------------------

    def test_spring_forward_day(self):
        """29 March 2026: 02:00 CET becomes 03:00 CEST."""
        data = self.reminders_json("--from", "2026-03-29", "--to", "2026-03-30")
        got = [(d["time"], d["kind"], d["id"], d["date"]) for d in data]
        self.assertEqual(got, [
            # 02:30 does not exist that night: the tea is at 03:30 summer time.
            ("2026-03-29T03:30:00+02:00", "ritual", self.owl, "2026-03-29"),
            ("2026-03-29T07:15:00+02:00", "ritual", self.coffee, "2026-03-29"),
            ("2026-03-29T18:30:00+02:00", "checkin", self.checkin, "2026-03-29"),
        ])
        self.assertEqual(data[1]["title"], "Morning coffee together")
        self.assertEqual(data[1].get("body"), "Morning coffee together starts at 07:30")
        self.assertEqual(data[2]["title"], "Time for your weekly check-in")

    def test_fall_back_day(self):
        """25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 comes twice,
        the reminder once."""
        data = self.reminders_json("--from", "2026-10-25", "--to", "2026-10-26")
        times = [d["time"] for d in data]
        self.assertEqual(times, [
            "2026-10-25T02:30:00+02:00",
            "2026-10-25T07:15:00+01:00",
            "2026-10-25T18:30:00+01:00",
        ])

    def test_text_output(self):
        r = self.run_a("reminders", "--from", "2026-03-28T00:00",
                       "--to", "2026-03-28T12:00")
        self.ok(r)
        lines = r.out.strip().splitlines()
        self.assertEqual(len(lines), 2, r.describe())
        self.assertTrue(lines[0].startswith("2026-03-28T02:30:00+01:00"), r.describe())
        self.assertIn("Night owl tea", lines[0])
        self.assertIn("ritual", lines[0])
        self.assertIn(self.owl, lines[0])
        self.assertTrue(lines[1].startswith("2026-03-28T07:15:00+01:00"), r.describe())
        self.assertIn(self.coffee, lines[1])
        self.assertNotIn(self.walk, r.out, "a ritual without a lead time never reminds")

    def test_offsets_and_half_open_range(self):
        # The same instant written in UTC; the end is not included.
        data = self.reminders_json("--from", "2026-03-28T06:15:00Z",
                                   "--to", "2026-03-28T06:15:01Z")
        self.assertEqual([d["id"] for d in data], [self.coffee])
        data = self.reminders_json("--from", "2026-03-28T05:00:00Z",
                                   "--to", "2026-03-28T06:15:00Z")
        self.assertEqual(data, [])

    def test_done_skipped_and_archived(self):
        self.ok(self.run_a("mark", self.coffee, "2026-04-02", "done"))
        self.ok(self.run_a("mark", self.owl, "2026-04-02", "skipped"))
        self.ok(self.run_a("edit", self.checkin, "--archived", "true"))
        self.ok(self.run_a("delete", self.walk))
        data = self.reminders_json("--from", "2026-04-01", "--to", "2026-04-06")
        self.assertNotIn(self.checkin, [d["id"] for d in data],
                         "an archived ritual never reminds")
        on_2nd = [d for d in data if d["date"] == "2026-04-02"]
        self.assertEqual(on_2nd, [], "a marked occurrence does not remind")
        self.assertEqual(len([d for d in data if d["id"] == self.coffee]), 4)

    def test_default_range_is_the_next_week(self):
        self.a.tz = None   # the run's zone
        now = self.clock.now()
        data = self.reminders_json()
        self.assertTrue(data, "daily rituals remind every day")
        for d in data:
            t = berlin(d["time"])
            self.assertGreaterEqual(t, now - datetime.timedelta(minutes=1))
            self.assertLess(t, now + datetime.timedelta(days=7, minutes=1))

    def test_nothing(self):
        r = self.run_a("reminders", "--from", "2026-02-01", "--to", "2026-02-02")
        self.ok(r)
        self.assertIn("No reminders", r.out, "before the rituals start")
        self.assertEqual(self.reminders_json("--from", "2026-02-01",
                                             "--to", "2026-02-02"), [])

    def test_usage_errors(self):
        cases = [
            (("--from", "yesterday"), "--from"),
            (("--from", "2026-02-30"), "--from"),
            (("--to", "2026-13-01", "--from", "2026-01-01"), "--to"),
            (("--from", "2026-03-02", "--to", "2026-03-01"), "after"),
            (("--from", "2026-03-01", "--to", "2026-03-01"), "after"),
            (("--from", "2026-01-01", "--to", "2046-01-01"), "ten years"),
            (("soon",), "soon"),
            (("--from",), "--from"),
            (("--when", "now"), "--when"),
        ]
        for args, needle in cases:
            r = self.run_a("reminders", *args)
            self.fails(r, 2, needle, msg="reminders %s" % " ".join(args))
            self.assertEqual(len(r.err.strip().splitlines()), 1,
                             "a usage error is one line\n" + r.describe())

    def test_locked_journal_needs_the_passphrase(self):
        r = self.a.run(self.J, "reminders", "--from", "2026-03-29",
                       "--to", "2026-03-30", "--passphrase-stdin", stdin="wrong\n")
        self.fails(r, 1, "passphrase")


if __name__ == "__main__":
    ht.main()
