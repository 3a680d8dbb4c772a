# SPDX-License-Identifier: GPL-3.0-or-later
"""cli-basics: the everyday commands of hearth-cli, end to end."""

import datetime
import html
import json
import os
import re
import sys
import uuid
import zoneinfo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hearthtest as ht  # noqa: E402


def berlin_offset(created):
    t = datetime.datetime.fromisoformat(created)
    off = t.astimezone(zoneinfo.ZoneInfo(ht.TZ)).utcoffset()
    mins = int(off.total_seconds() // 60)
    return "%s%02d:%02d" % ("+" if mins >= 0 else "-", abs(mins) // 60, abs(mins) % 60)


class Basics(ht.CliTestCase):

    def setUp(self):
        super().setUp()
        self.a = self.device("a")
        self.J = self.journal_path()
        self.jid = self.init(self.a, self.J, pp=self.PASS)
        self.R = self.reader(self.J, self.PASS)
        self.did = self.R.device_ids()[0]
        self.alice = self.R.partner_id("Alice")
        self.bob = self.R.partner_id("Bob")

    def run_a(self, *args):
        return self.a.run(self.J, *args, pp=self.PASS)

    def one(self, what, rid):
        recs = [r for r in self.list_json(self.a, self.J, what, pp=self.PASS)
                if r["id"] == rid]
        self.assertEqual(len(recs), 1, "list %s should show %s once" % (what, rid))
        return recs[0]

    def check_common(self, rec, kind):
        for f in ht.COMMON_FIELDS:
            self.assertIn(f, rec, "record lacks %r: %s" % (f, rec))
        self.assertEqual(rec["kind"], kind)
        self.assertRegex(rec["created"], ht.CREATED_RE,
                         "created must be RFC 3339 with the author's UTC offset")
        self.assertEqual(rec["created"][-6:], berlin_offset(rec["created"]),
                         "created must carry the local offset (TZ=%s): %s"
                         % (ht.TZ, rec["created"]))
        self.assertRegex(rec["updated"], ht.UPDATED_RE,
                         "updated must be UTC with milliseconds and Z")
        self.assertEqual(rec["device"], self.did)
        self.assertNotIn("deleted", rec)

    # ------------------------------------------------------------------

    def test_init_manifest_and_partners(self):
        with open(os.path.join(self.J, "hearth-journal.json")) as f:
            m = json.load(f)
        self.assertEqual(m["journal"], self.jid, "init prints the journal id")
        self.assertIsNotNone(m["encryption"])
        partners = self.list_json(self.a, self.J, "partners", pp=self.PASS)
        self.assertEqual(sorted(p["name"] for p in partners), ["Alice", "Bob"])
        for p in partners:
            self.check_common(p, "partner")
        self.assertEqual(self.R.device_partner(self.did), self.alice,
                         "--me defaults to the first --partner")
        # A second init on the same folder must not touch the journal.
        before = ht.snapshot(self.J)
        r = self.a.run(self.J, "init", "--name", "Other", "--partner", "X",
                       "--partner", "Y", "--kdf", "min", pp="other")
        self.assertNotEqual(r.rc, 0, "init over an existing journal must fail\n"
                            + r.describe())
        self.assertTrue(r.err.strip(), r.describe())
        self.assertUnchanged(before, self.J, "init over an existing journal")

    def test_init_with_me(self):
        b = self.device("b")
        J2 = self.journal_path("second")
        self.init(b, J2, partners=("Alice", "Bob"), pp="pw2",
                  extra=("--me", "Bob"))
        R2 = self.reader(J2, "pw2")
        self.assertEqual(R2.device_partner(R2.device_ids()[0]),
                         R2.partner_id("Bob"), "init --me Bob")

    def test_entry_gratitude_ritual_occurrence(self):
        eid = self.add_entry(self.a, self.J, "First evening", "We cooked together.",
                             "--mood", "joyful", "--tag", "home", "--tag", "food",
                             pp=self.PASS)
        e = self.one("entries", eid)
        self.check_common(e, "entry")
        self.assertEqual(e["author"], self.alice, "author is my partner id")
        self.assertEqual((e["title"], e["body"], e["mood"], e["tags"]),
                         ("First evening", "We cooked together.", "joyful",
                          ["home", "food"]))
        created = datetime.datetime.fromisoformat(e["created"])
        self.assertLess(abs((created - self.clock.utcnow())
                            .total_seconds()), 600, "created is now")

        r = self.run_a("add", "gratitude", "--text", "Thanks for the tea",
                       "--date", "2026-11-20")
        self.ok(r)
        gid = r.last_word
        self.assertRegex(gid, ht.UUID_RE, r.describe())
        g = self.one("gratitude", gid)
        self.check_common(g, "gratitude")
        self.assertEqual((g["from"], g["to"], g["text"], g["date"]),
                         (self.alice, self.bob, "Thanks for the tea", "2026-11-20"))

        r = self.run_a("add", "ritual", "--title", "Sunday walk",
                       "--rrule", "FREQ=WEEKLY;BYDAY=SU", "--start", "2025-11-02",
                       "--time", "10:30", "--duration", "60",
                       "--remind-before", "30")
        self.ok(r)
        rid = r.last_word
        self.assertRegex(rid, ht.UUID_RE, r.describe())
        rit = self.one("rituals", rid)
        self.check_common(rit, "ritual")
        self.assertEqual((rit["title"], rit["recurrence"], rit["start"], rit["time"],
                          rit["duration"], rit["remind_before"]),
                         ("Sunday walk", "FREQ=WEEKLY;BYDAY=SU", "2025-11-02",
                          "10:30", 60, 30))
        self.assertIn(rit.get("type", "ritual"), ("ritual",))

        r = self.run_a("add", "ritual", "--title", "Weekly check-in",
                       "--rrule", "FREQ=MONTHLY;BYDAY=1SA", "--start", "2026-11-07",
                       "--type", "checkin")
        self.ok(r)
        self.assertEqual(self.one("rituals", r.last_word).get("type"), "checkin")

        r = self.run_a("mark", rid, "2026-11-08", "done", "--note", "Rain, still nice")
        self.ok(r)
        oid = rid + "/2026-11-08"
        self.assertEqual(r.last_word, oid, "mark prints <ritual id>/<date>\n"
                         + r.describe())
        o = self.one("occurrences", oid)
        self.check_common(o, "occurrence")
        self.assertEqual((o["ritual"], o["date"], o["status"], o["note"], o["by"]),
                         (rid, "2026-11-08", "done", "Rain, still nice", self.alice))
        # Marking the same day again replaces the record, same id.
        r = self.run_a("mark", rid, "2026-11-08", "skipped")
        self.ok(r)
        self.assertEqual(r.last_word, oid)
        self.assertEqual(self.one("occurrences", oid)["status"], "skipped")
        # The occurrence lives in the shard of its date's year.
        r = self.run_a("mark", rid, "2025-12-28", "done")
        self.ok(r)
        names = os.listdir(os.path.join(self.J, "devices", self.did))
        self.assertIn("rituals-2025.json", names)
        self.assertIn("rituals-2026.json", names)

        # Human-readable lists mention what was added.
        for what, text in (("entries", "First evening"),
                           ("gratitude", "Thanks for the tea"),
                           ("rituals", "Sunday walk"), ("partners", "Bob")):
            r = self.run_a("list", what)
            self.ok(r)
            self.assertIn(text, r.out, r.describe())

    def test_edit_keeps_created(self):
        eid = self.add_entry(self.a, self.J, "Draft", "Body one", "--tag", "x",
                             pp=self.PASS)
        e1 = self.one("entries", eid)
        r = self.run_a("edit", eid, "--title", "Final title")
        self.ok(r)
        self.assertEqual(r.last_word, eid)
        e2 = self.one("entries", eid)
        self.assertEqual(e2["title"], "Final title")
        self.assertEqual(e2["body"], "Body one")
        self.assertEqual(e2["created"], e1["created"], "edit keeps created")
        self.assertGreater(ht.parse_time(e2["updated"]), ht.parse_time(e1["updated"]))
        self.ok(self.run_a("edit", eid, "--tag", "a", "--tag", "b",
                           "--mood", "calm", "--body", "Body two"))
        e3 = self.one("entries", eid)
        self.assertEqual((e3["tags"], e3["mood"], e3["body"], e3["title"]),
                         (["a", "b"], "calm", "Body two", "Final title"),
                         "--tag replaces the tag list")
        # Only one version per id in the device's file.
        ids = [r["id"] for r in self.reader(self.J, self.PASS).records()]
        self.assertEqual(ids.count(eid), 1)

        r = self.run_a("add", "gratitude", "--text", "Tea")
        self.ok(r)
        gid = r.last_word
        self.ok(self.run_a("edit", gid, "--text", "Tea and talk", "--date", "2026-11-01"))
        g = self.one("gratitude", gid)
        self.assertEqual((g["text"], g["date"], g["from"], g["to"]),
                         ("Tea and talk", "2026-11-01", self.alice, self.bob))

        r = self.run_a("add", "ritual", "--title", "Walk", "--rrule", "FREQ=DAILY",
                       "--start", "2026-11-01")
        self.ok(r)
        rid = r.last_word
        self.ok(self.run_a("edit", rid, "--duration", "45", "--time", "11:00",
                           "--description", "Around the lake", "--archived", "true"))
        rit = self.one("rituals", rid)
        self.assertEqual((rit["duration"], rit["time"], rit["description"],
                          rit["archived"]), (45, "11:00", "Around the lake", True))

        self.ok(self.run_a("edit", self.bob, "--about", "Likes long walks",
                           "--color", "#336699"))
        p = self.one("partners", self.bob)
        self.assertEqual((p["about"], p["color"], p["name"]),
                         ("Likes long walks", "#336699", "Bob"))

        # Options of another kind are usage errors; nothing changes.
        before = ht.snapshot(self.J)
        for args in (("edit", eid, "--text", "x"), ("edit", gid, "--title", "x"),
                     ("edit", rid, "--body", "x"), ("edit", self.bob, "--mood", "calm"),
                     ("edit", eid, "--archived", "true")):
            r = self.run_a(*args)
            self.fails(r, 2, msg="option of another kind")
        self.assertUnchanged(before, self.J, "edit with options of another kind")

    def test_delete_leaves_tombstone(self):
        keep = self.add_entry(self.a, self.J, "Keep", "stays", pp=self.PASS)
        gone = self.add_entry(self.a, self.J, "To delete", "temporary text",
                              "--tag", "tmp", "--mood", "sad", pp=self.PASS)
        r = self.run_a("delete", gone)
        self.ok(r)
        self.assertEqual(r.last_word, gone)
        ids = [e["id"] for e in self.list_json(self.a, self.J, "entries", pp=self.PASS)]
        self.assertEqual(ids, [keep])
        year = str(ht.local_year())
        plain = self.reader(self.J, self.PASS).read(self.did, "entries-%s.json" % year)
        tomb = [x for x in plain["records"] if x["id"] == gone]
        self.assertEqual(len(tomb), 1, "tombstone stays in the shard")
        self.assertIs(tomb[0].get("deleted"), True)
        self.assertEqual(set(tomb[0]), set(ht.COMMON_FIELDS) | {"deleted"},
                         "a tombstone drops all content: %s" % tomb[0])
        r = self.run_a("search", "temporary", "--json")
        self.ok(r)
        self.assertEqual(r.json(), [], "a deleted entry is not found")
        r = self.run_a("edit", gone, "--title", "back?")
        self.fails(r, 1, msg="editing a deleted entry")

        # Occurrence tombstone keeps ritual and date.
        r = self.run_a("add", "ritual", "--title", "Walk", "--rrule", "FREQ=DAILY",
                       "--start", "2026-11-01")
        self.ok(r)
        rid = r.last_word
        self.ok(self.run_a("mark", rid, "2026-11-02", "done", "--note", "n"))
        r = self.run_a("delete", rid + "/2026-11-02")
        self.ok(r)
        self.assertEqual(self.list_json(self.a, self.J, "occurrences", pp=self.PASS), [])
        plain = self.reader(self.J, self.PASS).read(self.did, "rituals-2026.json")
        tomb = [x for x in plain["records"] if x["id"] == rid + "/2026-11-02"][0]
        self.assertEqual(set(tomb), set(ht.COMMON_FIELDS) | {"deleted", "ritual", "date"},
                         "occurrence tombstone: %s" % tomb)
        self.assertEqual((tomb["ritual"], tomb["date"]), (rid, "2026-11-02"))

    def test_search(self):
        cafe = self.add_entry(self.a, self.J, "Café morning", "Croissants at the corner",
                              "--tag", "Breakfast", pp=self.PASS)
        hike = self.add_entry(self.a, self.J, "Hike", "Über den Berg, a long climb",
                              "--tag", "Outdoors", pp=self.PASS)
        self.add_entry(self.a, self.J, "Quiet night", "Reading", "--tag", "home",
                       pp=self.PASS)
        cases = (("cafe", {cafe}), ("CAFÉ", {cafe}), ("Cafe", {cafe}),
                 ("croissant", {cafe}), ("uber", {hike}), ("ÜBER", {hike}),
                 ("outdoors", {hike}), ("OUTDOORS", {hike}),
                 ("breakfast", {cafe}), ("zzz-nothing-here", set()))
        entries = {e["id"]: e for e in self.list_json(self.a, self.J, "entries",
                                                      pp=self.PASS)}
        for q, want in cases:
            r = self.run_a("search", q, "--json")
            self.ok(r, "search %s" % q)
            got = r.json()
            self.assertEqual({e["id"] for e in got}, want,
                             "search %r\n%s" % (q, r.describe()))
            for e in got:
                self.assertEqual(e, entries[e["id"]], "search --json prints records")
        r = self.run_a("search", "cafe")
        self.ok(r)
        self.assertIn("Café morning", r.out)

    def test_export(self):
        self.add_entry(self.a, self.J, "Café morning", "Croissants at the corner",
                       pp=self.PASS)
        self.add_entry(self.a, self.J, "Odd <b>characters</b>",
                       '<script>alert("x")</script> & more', pp=self.PASS)
        gone = self.add_entry(self.a, self.J, "Deleted one", "never exported",
                              pp=self.PASS)
        self.ok(self.run_a("delete", gone))
        self.ok(self.run_a("add", "gratitude", "--text", "Thanks for listening"))

        md = os.path.join(self.base, "out.md")
        r = self.run_a("export", "--format", "markdown", "--output", md)
        self.ok(r)
        with open(md, encoding="utf-8") as f:
            text = f.read()
        for s in ("Café morning", "Croissants at the corner", "Thanks for listening"):
            self.assertIn(s, text, "markdown export")
        self.assertNotIn("never exported", text)

        r = self.run_a("export", "--format", "markdown")
        self.ok(r)
        self.assertIn("Croissants at the corner", r.out, "export to stdout")

        page = os.path.join(self.base, "out.html")
        r = self.run_a("export", "--format", "html", "--output", page)
        self.ok(r)
        with open(page, encoding="utf-8") as f:
            doc = f.read()
        self.assertRegex(doc.lower(), r"<html", "an HTML document")
        plain = html.unescape(doc)
        for s in ("Café morning", "Croissants at the corner", "Thanks for listening"):
            self.assertIn(s, plain, "html export")
        self.assertNotIn("never exported", plain)
        ext = re.findall(r"""<(?:link|script|img|iframe)\b[^>]*\b(?:href|src)\s*=\s*["']?\s*(?:https?:)?//""",
                         doc, re.I)
        self.assertEqual(ext, [], "HTML export must be self-contained")
        self.assertNotRegex(doc, r"@import\s+(url\()?\s*[\"']?(https?:)?//",
                            "no external CSS")
        self.assertNotIn('<script>alert("x")</script>', doc,
                         "journal text must be escaped in the HTML export")

        before = ht.snapshot(self.J)
        r = self.run_a("export", "--format", "pdf")
        self.fails(r, 2, msg="unknown export format")
        self.assertUnchanged(before, self.J)

    def test_usage_errors_exit_2(self):
        r = self.run_a("add", "ritual", "--title", "Walk", "--rrule", "FREQ=DAILY",
                       "--start", "2026-11-01")
        self.ok(r)
        rid = r.last_word
        before = ht.snapshot(self.J)
        bad = (
            ("frobnicate",),
            ("list", "things"),
            ("list", "entries", "--bogus"),
            ("add",),
            ("add", "photo", "--text", "x"),
            ("add", "entry", "--title", "no body"),
            ("add", "entry", "--body", "x", "--mood", "ecstatic"),
            ("add", "gratitude"),
            ("add", "gratitude", "--text", "x", "--date", "2026-13-45"),
            ("add", "gratitude", "--text", "x", "--date", "yesterday"),
            ("add", "ritual", "--title", "x", "--rrule", "FREQ=HOURLY",
             "--start", "2026-11-01"),
            ("add", "ritual", "--title", "x", "--rrule", "garbage",
             "--start", "2026-11-01"),
            ("add", "ritual", "--title", "x", "--rrule", "FREQ=WEEKLY",
             "--start", "2026-02-30"),
            ("add", "ritual", "--title", "x", "--rrule", "FREQ=DAILY",
             "--start", "2026-11-01", "--time", "25:99"),
            ("add", "ritual", "--title", "x", "--rrule", "FREQ=DAILY",
             "--start", "2026-11-01", "--type", "party"),
            ("add", "ritual", "--title", "x", "--rrule", "FREQ=DAILY",
             "--start", "2026-11-01", "--duration", "long"),
            ("mark", rid, "2026-11-08", "maybe"),
            ("mark", rid, "soon", "done"),
            ("edit",),
            ("delete",),
            ("search",),
            ("export", "--format"),
        )
        for args in bad:
            r = self.run_a(*args)
            self.fails(r, 2, msg="usage error: %s" % " ".join(args))
        r = self.a.run(self.J)
        self.fails(r, 2, msg="no command")
        self.assertUnchanged(before, self.J, "usage errors")

    def test_unknown_id_exit_1(self):
        self.add_entry(self.a, self.J, "Something", "there", pp=self.PASS)
        before = ht.snapshot(self.J)
        nope = str(uuid.uuid4())
        for args in (("edit", nope, "--title", "x"), ("delete", nope),
                     ("mark", nope, "2026-11-08", "done"),
                     ("delete", nope + "/2026-11-08")):
            r = self.run_a(*args)
            self.fails(r, 1, msg="unknown id: %s" % " ".join(args))
        self.assertUnchanged(before, self.J, "unknown ids")

    def test_join_second_device(self):
        b = self.device("b")
        eid = self.add_entry(self.a, self.J, "From Alice", "hello", pp=self.PASS)
        before = ht.snapshot(self.J)
        r = b.run(self.J, "add", "entry", "--title", "x", "--body", "y", pp=self.PASS)
        self.fails(r, 1, "join", msg="a device that has not joined cannot write")
        self.assertUnchanged(before, self.J, "write by a device that has not joined")
        got = self.list_json(b, self.J, "entries", pp=self.PASS)
        self.assertEqual([e["id"] for e in got], [eid], "reading works before join")

        bdev = self.join(b, self.J, "Bob", pp=self.PASS)
        R = self.reader(self.J, self.PASS)
        self.assertEqual(R.read(bdev, "device.json"),
                         {"hearth": 1, "type": "device", "device": bdev,
                          "partner": self.bob})
        bid = self.add_entry(b, self.J, "From Bob", "hi", pp=self.PASS)
        e = [x for x in self.list_json(self.a, self.J, "entries", pp=self.PASS)
             if x["id"] == bid][0]
        self.assertEqual((e["author"], e["device"]), (self.bob, bdev))
        r = b.run(self.J, "add", "gratitude", "--text", "Thank you Alice", pp=self.PASS)
        self.ok(r)
        g = [x for x in self.list_json(self.a, self.J, "gratitude", pp=self.PASS)
             if x["id"] == r.last_word][0]
        self.assertEqual((g["from"], g["to"]), (self.bob, self.alice))
        year = ht.local_year()
        self.assertTrue(os.path.exists(os.path.join(
            self.J, "devices", bdev, "entries-%d.json" % year)))


class Plain(ht.CliTestCase):

    def test_plain_journal_is_readable_json(self):
        a = self.device("a")
        J = self.journal_path()
        jid = self.init(a, J)
        with open(os.path.join(J, "hearth-journal.json")) as f:
            m = json.load(f)
        self.assertEqual(m["journal"], jid)
        self.assertIsNone(m["encryption"])
        eid = self.add_entry(a, J, "Plain title", "Plain body text")
        r = a.run(J, "add", "gratitude", "--text", "Plain thanks")
        self.ok(r)
        got = self.list_json(a, J, "entries")
        self.assertEqual([e["id"] for e in got], [eid])
        R = self.reader(J)
        dev = R.device_ids()[0]
        for d, name, canonical in R.data_files():
            with open(R.file_path(d, name), encoding="utf-8") as f:
                obj = json.load(f)
            self.assertEqual(obj["hearth"], 1)
            self.assertEqual(obj["type"], ht.file_type(canonical))
            if canonical != "device.json":
                self.assertIsInstance(obj["records"], list, name)
                self.assertNotIn("ciphertext", obj)
        year = ht.local_year()
        with open(R.file_path(dev, "entries-%d.json" % year), encoding="utf-8") as f:
            self.assertIn("Plain body text", f.read())
        self.assertEqual(by_ids(R.merged("entry").values()), by_ids(got))


def by_ids(recs):
    return ht.by_id(list(recs))


if __name__ == "__main__":
    ht.main()
