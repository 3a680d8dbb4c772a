# SPDX-License-Identifier: GPL-3.0-or-later
"""cli-rituals: a ritual's scheduled occurrences (dates, DST-correct start
times, done/skipped/missed/upcoming) and the statistics (streaks, the
consistency score, gratitude per week, check-in ratings per week)."""

import datetime
import math
import os
import re
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hearthtest as ht  # noqa: E402

LINE_RE = re.compile(
    r"^(\d{4}-\d\d-\d\d)  (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d)  "
    r"(done|skipped|missed|upcoming)( — .*)?$")

# m = 0.5^(1/13): the decay of a daily ritual's score per occurrence.
M_DAILY = 0.5 ** (1 / 13)


# The tests of Berlin's offsets run hearth-cli there, whatever the zone of
# the run.
BERLIN = "Europe/Berlin"
IN_BERLIN = {"TZ": BERLIN}


def today_in(tz=ht.TZ):
    """Today on the tests' clock, in TZ."""
    return ht.CLOCK.today(tz)


def iso(d):
    return d.isoformat()


class Rituals(ht.CliTestCase):

    def setUp(self):
        super().setUp()
        self.a = self.device("a")
        self.J = self.journal_path()
        self.init(self.a, self.J, pp=self.PASS)
        self.R = self.reader(self.J, self.PASS)
        self.alice = self.R.partner_id("Alice")
        self.bob = self.R.partner_id("Bob")

    def run_a(self, *args, env=None):
        return self.a.run(self.J, *args, pp=self.PASS, env=env)

    def add_ritual(self, title, rrule, start, *extra):
        r = self.run_a("add", "ritual", "--title", title, "--rrule", rrule,
                       "--start", start, *extra)
        self.ok(r)
        return r.last_word

    def mark(self, rid, day, status, *extra):
        self.ok(self.run_a("mark", rid, day, status, *extra))

    def occurrences(self, rid, frm, to, env=None):
        r = self.run_a("occurrences", rid, "--from", frm, "--to", to, "--json",
                       env=env)
        self.ok(r)
        try:
            data = r.json()
        except ValueError as e:
            self.fail("occurrences --json did not print JSON (%s)\n%s"
                      % (e, r.describe()))
        self.assertIsInstance(data, list, r.describe())
        return data

    def stats(self):
        r = self.run_a("stats", "--json")
        self.ok(r)
        try:
            return r.json()
        except ValueError as e:
            self.fail("stats --json did not print JSON (%s)\n%s" % (e, r.describe()))

    # ------------------------------------------------------------------
    # occurrences

    def test_weekly_across_berlin_dst_change(self):
        # Summer time ends in Europe on Sunday 25 October 2026: a 10:30 walk
        # stays at 10:30 on the wall clock, its UTC offset changes.
        rid = self.add_ritual("Sunday walk", "FREQ=WEEKLY;BYDAY=SU",
                              "2026-10-04", "--time", "10:30")
        self.mark(rid, "2026-10-18", "done", "--note", "Windy, still lovely")
        self.mark(rid, "2026-11-01", "skipped")
        got = self.occurrences(rid, "2026-10-10", "2026-11-02", env=IN_BERLIN)
        self.assertEqual([(o["date"], o["start"]) for o in got], [
            ("2026-10-11", "2026-10-11T10:30:00+02:00"),
            ("2026-10-18", "2026-10-18T10:30:00+02:00"),
            ("2026-10-25", "2026-10-25T10:30:00+01:00"),
            ("2026-11-01", "2026-11-01T10:30:00+01:00"),
        ], "one occurrence each Sunday, same wall time, offset of the day")
        today = today_in(BERLIN)
        marks = {"2026-10-18": "done", "2026-11-01": "skipped"}
        for o in got:
            day = datetime.date.fromisoformat(o["date"])
            want = marks.get(o["date"]) or ("missed" if day < today else "upcoming")
            self.assertEqual(o["status"], want, "status of %s (today %s)"
                             % (o["date"], today))
        self.assertEqual(got[1].get("note"), "Windy, still lovely")
        self.assertNotIn("note", got[0], "no note on an unmarked occurrence")

        # The text form: one line each, date, start and status.
        r = self.run_a("occurrences", rid, "--from", "2026-10-10", "--to", "2026-11-02",
                       env=IN_BERLIN)
        self.ok(r)
        lines = r.out.splitlines()
        self.assertEqual(len(lines), 4, r.describe())
        for line, o in zip(lines, got):
            m = LINE_RE.match(line)
            self.assertIsNotNone(m, "line %r should read 'DATE  START  STATUS'" % line)
            self.assertEqual(m.group(1, 2, 3), (o["date"], o["start"], o["status"]))
        self.assertIn("Windy, still lovely", lines[1])

    def test_new_york_offsets(self):
        # The US changes a week later, on 1 November 2026.
        rid = self.add_ritual("Sunday walk", "FREQ=WEEKLY;BYDAY=SU",
                              "2026-10-04", "--time", "10:30")
        got = self.occurrences(rid, "2026-10-18", "2026-11-08",
                               env={"TZ": "America/New_York"})
        self.assertEqual([o["start"] for o in got], [
            "2026-10-18T10:30:00-04:00",
            "2026-10-25T10:30:00-04:00",
            "2026-11-01T10:30:00-05:00",
            "2026-11-08T10:30:00-05:00",
        ])

    def test_time_in_the_spring_gap_and_all_day(self):
        # 02:30 does not exist in Berlin on 28 March 2027: RFC 5545 takes the
        # offset before the gap, so it starts at 03:30 summer time.
        rid = self.add_ritual("Night owls", "FREQ=WEEKLY;BYDAY=SU",
                              "2027-03-01", "--time", "02:30")
        got = self.occurrences(rid, "2027-03-21", "2027-04-04", env=IN_BERLIN)
        self.assertEqual([o["start"] for o in got], [
            "2027-03-21T02:30:00+01:00",
            "2027-03-28T03:30:00+02:00",
            "2027-04-04T02:30:00+02:00",
        ])
        # Without a time a ritual starts at the beginning of its day.
        rid = self.add_ritual("Letters", "FREQ=MONTHLY;BYDAY=1SA", "2027-01-01")
        got = self.occurrences(rid, "2027-01-01", "2027-03-31", env=IN_BERLIN)
        self.assertEqual([(o["date"], o["start"]) for o in got], [
            ("2027-01-02", "2027-01-02T00:00:00+01:00"),
            ("2027-02-06", "2027-02-06T00:00:00+01:00"),
            ("2027-03-06", "2027-03-06T00:00:00+01:00"),
        ], "monthly on the first Saturday")

    def test_past_missed_today_and_future_upcoming(self):
        today = today_in()
        start = today - datetime.timedelta(days=3)
        rid = self.add_ritual("Morning coffee", "FREQ=DAILY", iso(start), "--time", "07:30")
        self.mark(rid, iso(start), "done")
        got = self.occurrences(rid, iso(start), iso(today + datetime.timedelta(days=2)))
        self.assertEqual([o["date"] for o in got],
                         [iso(start + datetime.timedelta(days=i)) for i in range(6)])
        self.assertEqual([o["status"] for o in got],
                         ["done", "missed", "missed", "upcoming", "upcoming", "upcoming"],
                         "unmarked days before today are missed; today and later upcoming")
        # Nothing before the start.
        got = self.occurrences(rid, iso(start - datetime.timedelta(days=10)),
                               iso(start - datetime.timedelta(days=1)))
        self.assertEqual(got, [])

    def test_unknown_ritual(self):
        r = self.run_a("occurrences", str(uuid.uuid4()), "--from", "2026-01-01",
                       "--to", "2026-01-31")
        self.fails(r, 1, "no ritual")
        eid = self.add_entry(self.a, self.J, "T", "B", pp=self.PASS)
        r = self.run_a("occurrences", eid, "--from", "2026-01-01", "--to", "2026-01-31")
        self.fails(r, 1, "no ritual", msg="an entry is not a ritual")

    def test_usage_errors(self):
        rid = self.add_ritual("Walk", "FREQ=DAILY", "2026-01-01")
        before = ht.snapshot(self.J)
        for args in (
            ("occurrences",),
            ("occurrences", rid),
            ("occurrences", rid, "--from", "2026-01-01"),
            ("occurrences", rid, "--to", "2026-01-01"),
            ("occurrences", rid, "--from", "2026-1-1", "--to", "2026-01-31"),
            ("occurrences", rid, "--from", "2026-02-30", "--to", "2026-03-31"),
            ("occurrences", rid, "--from", "2026-03-01", "--to", "2026-02-01"),
            ("occurrences", rid, rid, "--from", "2026-01-01", "--to", "2026-01-31"),
            ("occurrences", rid, "--from", "2026-01-01", "--to", "2026-01-31", "--colour"),
            ("occurrences", rid, "--from", "2026-01-01", "--to", "2026-01-31", "--json=yes"),
            ("stats", "everything"),
            ("stats", "--verbose"),
        ):
            r = self.a.run(self.J, *args)
            self.fails(r, 2, msg="usage error: %s" % (args,))
            self.assertEqual(len(r.err.strip().splitlines()), 1,
                             "a usage error is one line\n" + r.describe())
        self.assertUnchanged(before, self.J, "usage errors")

    # ------------------------------------------------------------------
    # stats

    def ritual_stats(self, rid):
        found = [x for x in self.stats()["rituals"] if x["id"] == rid]
        self.assertEqual(len(found), 1, "stats lists each ritual once")
        return found[0]

    def test_streak_and_score_three_days_then_today(self):
        today = today_in()
        start = today - datetime.timedelta(days=3)
        rid = self.add_ritual("Morning coffee together", "FREQ=DAILY", iso(start))
        for i in range(3):
            self.mark(rid, iso(start + datetime.timedelta(days=i)), "done")
        s = self.ritual_stats(rid)
        self.assertEqual(s["title"], "Morning coffee together")
        self.assertEqual((s["current_streak"], s["best_streak"]), (3, 3),
                         "today, still unmarked, does not break the streak")
        self.assertEqual((s["done"], s["skipped"], s["missed"]), (3, 0, 0))
        # Three done from 0: 1 − m³ = 14.8 %
        self.assertAlmostEqual(s["score"], round((1 - M_DAILY ** 3) * 100, 1), places=6)
        self.assertAlmostEqual(s["score"], 14.8, places=6)

        r = self.run_a("stats")
        self.ok(r)
        self.assertIn("Morning coffee together", r.out)
        self.assertIn("current streak 3", r.out)
        self.assertIn("best streak 3", r.out)
        self.assertIn("14.8 %", r.out)

    def test_streak_broken_by_a_miss_not_by_a_skip(self):
        today = today_in()
        start = today - datetime.timedelta(days=5)
        rid = self.add_ritual("Walk after dinner", "FREQ=DAILY", iso(start))
        day = [iso(start + datetime.timedelta(days=i)) for i in range(6)]
        self.mark(rid, day[0], "done")
        self.mark(rid, day[1], "done")
        # day[2] missed
        self.mark(rid, day[3], "done")
        self.mark(rid, day[4], "skipped")
        # day[5] is today, unmarked
        s = self.ritual_stats(rid)
        self.assertEqual((s["current_streak"], s["best_streak"]), (1, 2))
        self.assertEqual((s["done"], s["skipped"], s["missed"]), (3, 1, 1))
        m = M_DAILY
        score = 1 - m                 # done
        score = score * m + (1 - m)   # done
        score = score * m             # missed
        score = score * m + (1 - m)   # done; the skip leaves it
        self.assertAlmostEqual(s["score"], round(score * 100, 1), places=6)
        self.assertAlmostEqual(s["score"], 14.3, places=6)

    def test_weekly_score_decays_slower(self):
        today = today_in()
        # Two Sundays ago and last Sunday, both done; nothing after.
        last_sunday = today - datetime.timedelta(days=(today.weekday() + 1) % 7 or 7)
        start = last_sunday - datetime.timedelta(days=7)
        rid = self.add_ritual("Sunday shopping together", "FREQ=WEEKLY;BYDAY=SU", iso(start))
        self.mark(rid, iso(start), "done")
        self.mark(rid, iso(last_sunday), "done")
        s = self.ritual_stats(rid)
        m = 0.5 ** (math.sqrt(1 / 7) / 13)
        self.assertEqual((s["current_streak"], s["best_streak"], s["done"]), (2, 2, 2))
        self.assertAlmostEqual(s["score"], round((1 - m ** 2) * 100, 1), places=6)

    def test_gratitude_and_ratings_per_week(self):
        today = today_in()
        monday = today - datetime.timedelta(days=today.weekday())
        b = self.device("b")
        self.join(b, self.J, "Bob", pp=self.PASS)
        for _ in range(2):
            self.ok(self.run_a("add", "gratitude", "--text", "Thank you",
                               "--date", iso(today)))
        self.ok(b.run(self.J, "add", "gratitude", "--text", "Thanks back",
                      "--date", iso(monday - datetime.timedelta(days=7)), pp=self.PASS))
        # Too old for the last twelve weeks.
        self.ok(self.run_a("add", "gratitude", "--text", "Long ago",
                           "--date", iso(monday - datetime.timedelta(days=7 * 12))))

        # Check-ins as Bob's device writes them.
        R = self.reader(self.J, self.PASS)
        bob_device = [d for d in R.device_ids() if R.device_partner(d) == self.bob][0]
        now = ht.now_updated()

        def checkin(day, partner, ratings):
            return {"id": "%s/%s" % (iso(day), partner), "kind": "checkin",
                    "created": iso(day) + "T20:00:00+01:00", "updated": now,
                    "device": bob_device, "date": iso(day), "partner": partner,
                    "ratings": ratings}

        last_week = [monday - datetime.timedelta(days=7), monday - datetime.timedelta(days=6)]
        by_year = {}
        for rec in (checkin(last_week[0], self.bob, {"heard": 4, "close": 5}),
                    checkin(last_week[1], self.bob, {"heard": 5, "close": 3, "team": 9}),
                    checkin(today, self.alice, {"heard": 3, "safe": 4})):
            by_year.setdefault(rec["date"][:4], []).append(rec)
        for year, recs in by_year.items():
            R.write(bob_device, "checkins-%s.json" % year, recs)

        st = self.stats()
        weeks = st["gratitude_weeks"]
        self.assertEqual(len(weeks), 12, "the last twelve weeks")
        self.assertEqual(weeks[-1]["week"], iso(monday), "this week is last, keyed by its Monday")
        self.assertEqual(weeks[0]["week"], iso(monday - datetime.timedelta(days=77)))
        self.assertEqual(weeks[-1]["counts"], {"Alice→Bob": 2, "Bob→Alice": 0})
        self.assertEqual(weeks[-2]["counts"], {"Alice→Bob": 0, "Bob→Alice": 1})
        self.assertEqual(sum(sum(w["counts"].values()) for w in weeks), 3,
                         "a note older than twelve weeks is not counted")

        ratings = st["ratings_weeks"]
        self.assertEqual([w["week"] for w in ratings], [w["week"] for w in weeks])
        self.assertEqual(ratings[-2]["ratings"], {"Bob": {"heard": 4.5, "close": 4}},
                         "averages per partner and dimension; 9 is out of range")
        self.assertEqual(ratings[-1]["ratings"], {"Alice": {"heard": 3, "safe": 4}})
        self.assertEqual(ratings[0]["ratings"], {})

        r = self.run_a("stats")
        self.ok(r)
        self.assertIn("Alice → Bob 2", r.out)
        self.assertIn("Bob heard 4.5", r.out)

    def test_stats_of_an_empty_journal(self):
        st = self.stats()
        self.assertEqual(st["rituals"], [])
        self.assertEqual(len(st["gratitude_weeks"]), 12)
        r = self.run_a("stats")
        self.ok(r)
        self.assertIn("No rituals yet", r.out)


if __name__ == "__main__":
    ht.main()
