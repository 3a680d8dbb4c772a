# SPDX-License-Identifier: GPL-3.0-or-later
"""cli-format: journals written by hearth-cli, read by an independent Python
implementation of docs/format.md (and the other way round)."""

import base64
import datetime
import json
import os
import stat
import sys
import uuid

import nacl.pwhash.argon2id as argon2id

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hearthtest as ht  # noqa: E402

KINDS_IN = {
    "entries": {"entry"},
    "gratitude": {"gratitude"},
    "checkins": {"checkin"},
    "rituals": {"occurrence"},
    "shared": {"journal", "partner", "ritual"},
}


class Format(ht.CliTestCase):

    def setUp(self):
        super().setUp()
        self.a = self.device("a")
        self.b = self.device("b")
        self.J = self.journal_path()
        self.jid = self.init(self.a, self.J, name="Home of A&B", pp=self.PASS)
        self.adev = ht.Journal(self.J, self.PASS).device_ids()[0]
        self.bdev = self.join(self.b, self.J, "Bob", pp=self.PASS)
        self.R = ht.Journal(self.J, self.PASS)
        self.alice = self.R.partner_id("Alice")
        self.bob = self.R.partner_id("Bob")

    def ra(self, *args):
        r = self.a.run(self.J, *args, pp=self.PASS)
        self.ok(r)
        return r.last_word

    def rb(self, *args):
        r = self.b.run(self.J, *args, pp=self.PASS)
        self.ok(r)
        return r.last_word

    def populate(self):
        e1 = self.ra("add", "entry", "--title", "One", "--body", "first",
                     "--mood", "close", "--tag", "a", "--tag", "b")
        e2 = self.ra("add", "entry", "--title", "Two", "--body", "second")
        e3 = self.ra("add", "entry", "--title", "Three", "--body", "third")
        self.ra("add", "gratitude", "--text", "thanks one", "--date", "2026-11-01")
        r1 = self.ra("add", "ritual", "--title", "Walk", "--rrule",
                     "FREQ=WEEKLY;BYDAY=SU", "--start", "2025-11-02",
                     "--time", "10:00", "--duration", "30", "--remind-before", "15")
        r2 = self.rb("add", "ritual", "--title", "Date night", "--rrule",
                     "FREQ=MONTHLY;BYDAY=1SA", "--start", "2026-01-03",
                     "--type", "ritual")
        self.ra("mark", r1, "2025-12-28", "done", "--note", "cold")
        self.ra("mark", r1, "2026-11-08", "skipped")
        self.rb("mark", r2, "2026-11-07", "done")
        self.rb("add", "entry", "--title", "Bob's", "--body", "from b", "--reply-to", e1)
        self.rb("add", "gratitude", "--text", "thanks back")
        self.rb("edit", e2, "--title", "Two (edited by Bob)")
        self.ra("delete", e3)
        self.ra("edit", self.bob, "--about", "tea drinker")
        self.rb("edit", r1, "--duration", "40")
        return e1, e2, e3, r1, r2

    # ------------------------------------------------------------------

    def test_files_follow_the_format(self):
        self.populate()
        J, R = self.J, ht.Journal(self.J, self.PASS)

        # Manifest
        with open(os.path.join(J, "hearth-journal.json"), "rb") as f:
            m = json.loads(f.read())
        self.assertEqual(set(m), {"hearth", "journal", "created", "encryption"},
                         "manifest members: %s" % m)
        self.assertEqual(m["hearth"], 1)
        self.assertEqual(m["journal"], self.jid)
        self.assertRegex(m["created"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
        enc = m["encryption"]
        self.assertEqual(set(enc), {"kdf", "key"})
        self.assertEqual(set(enc["kdf"]), {"algorithm", "opslimit", "memlimit", "salt"})
        self.assertEqual(enc["kdf"]["algorithm"], "argon2id13")
        self.assertEqual((enc["kdf"]["opslimit"], enc["kdf"]["memlimit"]),
                         (argon2id.OPSLIMIT_MIN, argon2id.MEMLIMIT_MIN),
                         "--kdf min maps to crypto_pwhash_*_MIN")
        self.assertEqual(len(base64.b64decode(enc["kdf"]["salt"])), 16)
        self.assertEqual(set(enc["key"]), {"cipher", "nonce", "ciphertext"})
        self.assertEqual(enc["key"]["cipher"], ht.CIPHER)
        self.assertEqual(len(base64.b64decode(enc["key"]["nonce"])), 24)
        self.assertEqual(len(base64.b64decode(enc["key"]["ciphertext"])), 48)
        self.assertEqual(len(R.key), 32)

        # Layout and modes
        self.assertEqual(sorted(os.listdir(J)), ["devices", "hearth-journal.json"],
                         "nothing but the manifest and devices/ at the top")
        self.assertEqual(sorted(os.listdir(os.path.join(J, "devices"))),
                         sorted([self.adev, self.bdev]))
        for root, dirs, files in os.walk(J):
            for d in dirs:
                mode = stat.S_IMODE(os.stat(os.path.join(root, d)).st_mode)
                self.assertEqual(mode, 0o700, "folder %s mode %o" % (d, mode))
            for f in files:
                mode = stat.S_IMODE(os.stat(os.path.join(root, f)).st_mode)
                self.assertEqual(mode, 0o600, "file %s mode %o" % (f, mode))
        self.assertEqual(stat.S_IMODE(os.stat(J).st_mode), 0o700,
                         "journal folder created by init")

        partners = R.partners()
        nonces = [enc["key"]["nonce"]]
        seen_journal = False
        for dev in R.device_ids():
            names = sorted(os.listdir(R.devices_dir() + "/" + dev))
            self.assertIn("device.json", names)
            for name in names:
                self.assertEqual(ht.classify(name), name,
                                 "only data files in devices/%s: %s" % (dev, name))
                path = R.file_path(dev, name)
                outer = R.read_outer(dev, name)
                if name == "device.json":
                    self.assertEqual(set(outer), {"hearth", "type", "device", "partner"},
                                     "device.json: %s" % outer)
                    self.assertEqual((outer["hearth"], outer["type"], outer["device"]),
                                     (1, "device", dev))
                    self.assertIn(outer["partner"], partners)
                    continue
                ftype = ht.file_type(name)
                self.assertEqual(set(outer), {"hearth", "type", "cipher", "nonce",
                                              "ciphertext"}, "%s: %s" % (path, set(outer)))
                self.assertEqual((outer["hearth"], outer["type"], outer["cipher"]),
                                 (1, ftype, ht.CIPHER))
                self.assertEqual(len(base64.b64decode(outer["nonce"])), 24)
                nonces.append(outer["nonce"])
                plain = R.read(dev, name)
                self.assertEqual(set(plain), {"hearth", "type", "seq", "records"})
                self.assertIsInstance(plain["seq"], int, "%s: seq" % path)
                self.assertGreaterEqual(plain["seq"], 1, "%s: seq" % path)
                self.assertEqual((plain["hearth"], plain["type"]), (1, ftype))
                ids = [r["id"] for r in plain["records"]]
                self.assertEqual(len(ids), len(set(ids)),
                                 "a record id appears once per file: %s" % name)
                year = ht.SHARD_RE.match(name).group(2) if ftype != "shared" else None
                for rec in plain["records"]:
                    self.check_record(rec, ftype, year, dev, partners)
                    if rec["kind"] == "journal":
                        seen_journal = True
                        if dev == self.adev:
                            self.assertEqual(rec["name"], "Home of A&B")
        self.assertTrue(seen_journal, "shared.json holds the journal record")
        self.assertEqual(len(nonces), len(set(nonces)), "every write has a fresh nonce")

        # Rewriting a file draws a fresh nonce.
        year = ht.local_year()
        name = "entries-%d.json" % year
        n1 = R.read_outer(self.adev, name)["nonce"]
        seq1 = R.read(self.adev, name)["seq"]
        self.ra("add", "entry", "--title", "Four", "--body", "fourth")
        self.assertNotEqual(R.read_outer(self.adev, name)["nonce"], n1)
        # ... and the write counter inside the authenticated content goes up by one.
        self.assertEqual(R.read(self.adev, name)["seq"], seq1 + 1)

    def check_record(self, rec, ftype, year, dev, partners):
        where = "%s record %s" % (ftype, rec.get("id"))
        for f in ht.COMMON_FIELDS:
            self.assertIn(f, rec, "%s lacks %s" % (where, f))
        self.assertIn(rec["kind"], KINDS_IN[ftype], where)
        self.assertRegex(rec["created"], ht.CREATED_RE, where)
        self.assertRegex(rec["updated"], ht.UPDATED_RE, where)
        self.assertEqual(rec["device"], dev, "%s: written by the folder's device" % where)
        kind = rec["kind"]
        if kind in ("entry", "gratitude", "ritual", "partner"):
            self.assertRegex(rec["id"], ht.UUID_RE, where)
        if kind == "journal":
            self.assertEqual(rec["id"], "journal", where)
        if kind == "occurrence":
            self.assertEqual(rec["id"], "%s/%s" % (rec["ritual"], rec["date"]), where)
            self.assertEqual(rec["date"][:4], year, "%s: shard of the date's year" % where)
        elif year is not None:
            self.assertEqual(rec["created"][:4], year,
                             "%s: shard of the created year" % where)
        if rec.get("deleted"):
            self.assertIs(rec["deleted"], True)
            allowed = set(ht.COMMON_FIELDS) | {"deleted"}
            if kind == "occurrence":
                allowed |= {"ritual", "date"}
            self.assertEqual(set(rec), allowed, "tombstone %s" % where)
            return
        self.assertNotIn("deleted", rec, "deleted is absent unless true")
        for f in ht.REQUIRED[kind]:
            self.assertIn(f, rec, "%s lacks required %s" % (where, f))
        if kind == "entry":
            self.assertIn(rec["author"], partners)
            if "mood" in rec:
                self.assertIn(rec["mood"], ht.MOODS)
        if kind == "gratitude":
            self.assertIn(rec["from"], partners)
            self.assertIn(rec["to"], partners)
            self.assertNotEqual(rec["from"], rec["to"])
            if "date" in rec:
                self.assertRegex(rec["date"], ht.DATE_RE)
        if kind == "ritual":
            self.assertRegex(rec["start"], ht.DATE_RE)
        if kind == "occurrence":
            self.assertIn(rec["status"], ("done", "skipped"))
            if "by" in rec:
                self.assertIn(rec["by"], partners)
        if kind == "partner" and "color" in rec:
            self.assertRegex(rec["color"], r"^#[0-9a-fA-F]{6}$")

    def test_merged_view_equals_list_json(self):
        self.populate()
        R = ht.Journal(self.J, self.PASS)
        for dev in (self.a, self.b):
            for what, kind in ht.KIND_OF_LIST.items():
                got = self.list_json(dev, self.J, what, pp=self.PASS)
                self.assertSameRecords(got, list(R.merged(kind).values()),
                                       "list %s --json (device %s)" % (what, dev.name))
        r = self.a.run(self.J, "check", pp=self.PASS)
        self.ok(r)

    def test_python_written_files_are_read_and_preserved(self):
        e1, e2, e3, r1, r2 = self.populate()
        R = ht.Journal(self.J, self.PASS)
        xdev = str(uuid.uuid4())
        R.write_device(xdev, self.bob)
        eid, gid, rid = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
        unknown = {"future_field": {"nested": [1, "two", None, 3.5, True]},
                   "reactions": ["\u2764", "\U0001F600"]}
        entry = dict({
            "id": eid, "kind": "entry", "created": "2025-06-01T18:00:00+02:00",
            "updated": "2025-06-01T16:00:00.250Z", "device": xdev,
            "author": self.bob, "title": "Written elsewhere",
            "body": "By another program", "mood": "hopeful", "tags": ["py"],
        }, **unknown)
        grat = dict({
            "id": gid, "kind": "gratitude", "created": "2025-03-04T09:00:00+01:00",
            "updated": "2025-03-04T08:00:00.000Z", "device": xdev,
            "from": self.bob, "to": self.alice, "text": "for the soup",
            "date": "2025-03-04",
        }, x_extra="keep me")
        ritual = dict({
            "id": rid, "kind": "ritual", "created": "2025-02-01T10:00:00+01:00",
            "updated": "2025-02-01T09:00:00.000Z", "device": xdev,
            "title": "Morning coffee", "recurrence": "FREQ=DAILY",
            "start": "2025-02-01", "time": "07:30", "remind_before": None,
        }, color_hint="blue")
        R.write(xdev, "entries-2025.json", [entry])
        R.write(xdev, "gratitude-2025.json", [grat])
        R.write(xdev, "shared.json", [ritual])
        xfiles = {n: ht.read_bytes(R.file_path(xdev, n))
                  for n in os.listdir(os.path.join(self.J, "devices", xdev))}

        r = self.a.run(self.J, "check", pp=self.PASS)
        self.ok(r, "files written by an independent implementation must check fine")
        got = {e["id"]: e for e in self.list_json(self.a, self.J, "entries", pp=self.PASS)}
        self.assertIn(eid, got, "hearth-cli lists the Python-written entry")
        self.assertEqual(got[eid], entry, "all members, unknown ones included")
        got = {g["id"]: g for g in self.list_json(self.b, self.J, "gratitude", pp=self.PASS)}
        self.assertEqual(got.get(gid), grat)
        got = {g["id"]: g for g in self.list_json(self.a, self.J, "rituals", pp=self.PASS)}
        self.assertEqual(got.get(rid), ritual)

        # Device A edits them: its new versions keep the unknown members.
        self.ra("edit", eid, "--title", "Edited by A")
        self.ra("edit", gid, "--text", "for the soup, again")
        self.ra("edit", rid, "--duration", "20")
        R = ht.Journal(self.J, self.PASS)
        mine = {r["id"]: r for r in R.read(self.adev, "entries-2025.json")["records"]}
        self.assertIn(eid, mine, "edit of a 2025 entry goes to A's entries-2025.json")
        new = mine[eid]
        expect = dict(entry, title="Edited by A", device=self.adev, updated=new["updated"])
        self.assertEqual(new, expect, "unknown members survive an edit")
        self.assertGreater(ht.parse_time(new["updated"]), ht.parse_time(entry["updated"]))
        mine = {r["id"]: r for r in R.read(self.adev, "gratitude-2025.json")["records"]}
        self.assertEqual(mine[gid], dict(grat, text="for the soup, again",
                                         device=self.adev, updated=mine[gid]["updated"]))
        mine = {r["id"]: r for r in R.read(self.adev, "shared.json")["records"]}
        self.assertEqual(mine[rid], dict(ritual, duration=20, device=self.adev,
                                         updated=mine[rid]["updated"]))
        for n, data in xfiles.items():
            self.assertEqual(ht.read_bytes(R.file_path(xdev, n)), data,
                                 "a device never writes another device's file (%s)" % n)
        got = {e["id"]: e for e in self.list_json(self.b, self.J, "entries", pp=self.PASS)}
        self.assertEqual(got[eid]["future_field"], unknown["future_field"])
        self.assertEqual(got[eid]["title"], "Edited by A")
        for what, kind in ht.KIND_OF_LIST.items():
            self.assertSameRecords(self.list_json(self.b, self.J, what, pp=self.PASS),
                                   list(R.merged(kind).values()), "list %s" % what)


if __name__ == "__main__":
    ht.main()
