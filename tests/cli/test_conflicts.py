# SPDX-License-Identifier: GPL-3.0-or-later
"""cli-conflicts: a device takes the sync tool's conflict copies of its own
files into those files (docs/format.md, "Conflict copies"): their records merge by last
writer wins, the file is written with a greater write counter and the copy
is removed. Copies in the partner's folder are left to the partner's
device; a copy that is damaged, forged, a link or a FIFO is reported and
stays where it is; read-only commands never write. Every case runs on a
plain and on an encrypted journal."""

import datetime
import json
import os
import stat
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hearthtest as ht  # noqa: E402

YEAR = ht.local_year()
ENTRIES = "entries-%d.json" % YEAR
GRATITUDE = "gratitude-%d.json" % YEAR
SYNCTHING = "entries-%d.sync-conflict-20261202-160700-TV5ELHN.json" % YEAR
DROPBOX = "entries-%d (Alex's conflicted copy 2026-12-02).json" % YEAR
NEW_ID = "5b0f3c57-9a0e-4c61-8d5e-0f6b7a3e2c11"
OTHER_ID = "9d2a4e18-3b7c-4f05-a6d1-c8e9f0a1b2c3"


def shifted(updated, seconds):
    t = ht.parse_time(updated) + datetime.timedelta(seconds=seconds)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


def lstat_snap(folder):
    """ht.snapshot that never opens what is not a regular file (a FIFO
    would block): links are recorded by target, others by type."""
    out = {}
    for root, dirs, files in os.walk(folder):
        out["dir:" + os.path.relpath(root, folder)] = "dir"
        for f in files:
            p = os.path.join(root, f)
            key = os.path.normpath(os.path.join(os.path.relpath(root, folder), f))
            st = os.lstat(p)
            if stat.S_ISREG(st.st_mode):
                out[key] = ht.read_bytes(p)
            elif stat.S_ISLNK(st.st_mode):
                out[key] = "link:" + os.readlink(p)
            else:
                out[key] = "mode:%o" % st.st_mode
    return out


class Conflicts:
    """The cases; the subclasses below say whether the journal is encrypted."""

    PP = None

    def setUp(self):
        super().setUp()
        self.a, self.b = self.device("a"), self.device("b")
        self.J = self.journal_path()
        self.init(self.a, self.J, pp=self.PP)
        self.adev = ht.Journal(self.J, self.PP).device_ids()[0]
        self.bdev = self.join(self.b, self.J, "Bob", pp=self.PP)
        self.e1 = self.add_entry(self.a, self.J, "First", "from Alice", pp=self.PP)
        self.e2 = self.add_entry(self.a, self.J, "Second", "from Alice", pp=self.PP)
        self.b1 = self.add_entry(self.b, self.J, "Bob's", "from Bob", pp=self.PP)
        for dev in (self.a, self.b):
            self.ok(dev.run(self.J, "check", pp=self.PP))
        self.R = ht.Journal(self.J, self.PP)
        self.alice = self.R.partner_id("Alice")
        self.bob = self.R.partner_id("Bob")

    # -- helpers

    def path(self, dev, name):
        return os.path.join(self.J, "devices", dev, name)

    def rel(self, dev, name):
        return "devices/%s/%s" % (dev, name)

    def own_records(self, dev=None):
        return {r["id"]: r for r in self.R.read(dev or self.adev, ENTRIES)["records"]}

    def entry(self, eid, dev, author, title, updated, **more):
        rec = {"id": eid, "kind": "entry", "created": "%d-03-04T10:00:00+01:00" % YEAR,
               "updated": updated, "device": dev, "author": author,
               "title": title, "body": "body of " + title}
        rec.update(more)
        return rec

    def version(self, rec, **changes):
        new = dict(rec)
        new.update(changes)
        return new

    def write_copy(self, dev, name, records, seq):
        return self.R.write(dev, name, records, canonical=ENTRIES, seq=seq)

    def listed(self, dev, pp="default"):
        return {e["id"]: e for e in self.list_json(dev, self.J, "entries",
                                                    pp=self.PP if pp == "default" else pp)}

    def write_something(self, dev):
        """A command that changes the journal, in a file other than ENTRIES."""
        r = dev.run(self.J, "add", "gratitude", "--text", "thank you", pp=self.PP)
        self.ok(r)
        return r

    def assertCheckClean(self, dev):
        r = dev.run(self.J, "check", pp=self.PP)
        self.ok(r, "check is clean")
        self.assertIn("Every file of the journal is fine", r.out, r.describe())
        self.assertNotIn("went back", r.out + r.err, r.describe())

    def assertAbsorbed(self, copies, seq_before, expected):
        """The copies are gone, this device's file reads, has a greater
        counter than any version before and holds EXPECTED (id → record)."""
        for name in copies:
            self.assertFalse(os.path.lexists(self.path(self.adev, name)),
                             "the absorbed copy %s is removed" % name)
        plain = self.R.read(self.adev, ENTRIES)
        self.assertEqual(plain["type"], "entries")
        self.assertGreater(plain["seq"], seq_before, "the write counter went up")
        got = {r["id"]: r for r in plain["records"]}
        for eid, rec in expected.items():
            self.assertIn(eid, got, "%s is in this device's own file now" % eid)
            self.assertEqual(got[eid], rec, "the winning version of %s" % eid)
        self.assertEqual(len(got), len(set(got)), "each id once")
        if self.PP is not None:
            outer = self.R.read_outer(self.adev, ENTRIES)
            self.assertIn("ciphertext", outer, "still encrypted")
            self.assertNotIn("from the copy", json.dumps(outer))

    # ------------------------------------------------------------------
    # Copies of this device's own files

    def test_own_copies_of_both_kinds_are_absorbed(self):
        own = self.own_records()
        seq = self.R.seq(self.adev, ENTRIES)
        e3 = self.entry(NEW_ID, self.adev, self.alice, "from the copy", ht.now_updated())
        e4 = self.entry(OTHER_ID, self.adev, self.alice, "from the other copy", ht.now_updated())
        # Copies of older versions: lower write counters than the file.
        self.write_copy(self.adev, SYNCTHING, [own[self.e1], e3], seq=1)
        self.write_copy(self.adev, DROPBOX, [e4], seq=1)

        # Read-only commands show the copies' records, say nothing went
        # back, and write nothing.
        before = ht.snapshot(self.J)
        self.assertCheckClean(self.a)
        self.assertIn(NEW_ID, self.listed(self.a))
        self.assertIn(OTHER_ID, self.listed(self.a))
        self.assertUnchanged(before, self.J, "check and list never write")

        r = self.write_something(self.a)
        self.assertEqual(r.err.strip(), "", r.describe())
        self.assertAbsorbed((SYNCTHING, DROPBOX), seq,
                            {self.e1: own[self.e1], self.e2: own[self.e2],
                             NEW_ID: e3, OTHER_ID: e4})
        changed = ht.diff_snapshots(before, ht.snapshot(self.J))
        self.assertEqual(sorted(changed), sorted([
            "changed " + os.path.join("devices", self.adev, ENTRIES),
            "removed " + os.path.join("devices", self.adev, SYNCTHING),
            "removed " + os.path.join("devices", self.adev, DROPBOX),
            "added " + os.path.join("devices", self.adev, GRATITUDE)]),
            "only this device's folder changed")
        for dev in (self.a, self.b):
            self.assertCheckClean(dev)
            got = self.listed(dev)
            for eid in (self.e1, self.e2, self.b1, NEW_ID, OTHER_ID):
                self.assertIn(eid, got, "nothing lost")
        # What the journal shows is the reference merge of what is on disk.
        self.assertSameRecords(list(self.listed(self.b).values()),
                               list(ht.Journal(self.J, self.PP).merged("entry").values()),
                               "after absorbing")

    def test_copy_of_shared_file_is_absorbed(self):
        name = "shared (conflicted copy 2026-12-02 101010).json"
        shared = {r["id"]: r for r in self.R.read(self.adev, "shared.json")["records"]}
        seq = self.R.seq(self.adev, "shared.json")
        robert = self.version(shared[self.bob], name="Robert",
                              updated=shifted(shared[self.bob]["updated"], 60))
        self.R.write(self.adev, name, [robert], canonical="shared.json", seq=1)
        self.write_something(self.a)
        self.assertFalse(os.path.exists(self.path(self.adev, name)))
        plain = self.R.read(self.adev, "shared.json")
        self.assertGreater(plain["seq"], seq)
        self.assertEqual({r["id"]: r for r in plain["records"]}[self.bob], robert)
        names = {p["name"] for p in self.list_json(self.b, self.J, "partners", pp=self.PP)}
        self.assertEqual(names, {"Alice", "Robert"})
        self.assertCheckClean(self.b)

    def test_versions_resolve_last_writer_wins(self):
        own = self.own_records()
        seq = self.R.seq(self.adev, ENTRIES)
        newer = self.version(own[self.e1], title="newer in the copy",
                             updated=shifted(own[self.e1]["updated"], 60))
        older = self.version(own[self.e2], title="older in the copy",
                             updated=shifted(own[self.e2]["updated"], -3600))
        gone = {k: v for k, v in self.version(
            self.entry(NEW_ID, self.adev, self.alice, "deleted", ht.now_updated()),
            deleted=True).items() if k not in ("title", "body", "author")}
        self.write_copy(self.adev, SYNCTHING, [newer, older, gone], seq=seq - 1)

        self.write_something(self.a)
        self.assertAbsorbed((SYNCTHING,), seq,
                            {self.e1: newer, self.e2: own[self.e2], NEW_ID: gone})
        got = self.listed(self.b)
        self.assertEqual(got[self.e1]["title"], "newer in the copy")
        self.assertEqual(got[self.e2]["title"], "Second")
        self.assertNotIn(NEW_ID, got, "a winning tombstone hides the record")
        self.assertCheckClean(self.b)

    def test_newest_version_kept_as_copy_is_not_a_rollback(self):
        # The sync tool put an older version in place and kept the newest
        # one as a conflict copy: judged together nothing went back, and
        # absorbing brings the newest records back into the file.
        p = self.path(self.adev, ENTRIES)
        old = ht.read_bytes(p)
        e3 = self.add_entry(self.a, self.J, "Third", "newest", pp=self.PP)
        self.ok(self.b.run(self.J, "check", pp=self.PP))
        seq = self.R.seq(self.adev, ENTRIES)
        os.rename(p, self.path(self.adev, SYNCTHING))
        with open(p, "wb") as f:
            f.write(old)
        for dev in (self.a, self.b):
            self.assertCheckClean(dev)
        newest = {r["id"]: r for r in self.R.read(self.adev, SYNCTHING, ENTRIES)["records"]}
        self.write_something(self.a)
        self.assertAbsorbed((SYNCTHING,), seq, newest)
        self.assertIn(e3, self.listed(self.b))
        for dev in (self.a, self.b):
            self.assertCheckClean(dev)

    def test_file_that_went_back_is_not_absorbed_into(self):
        # Both the file and its copy are older than what this device wrote
        # last: nothing is written before the person chose.
        p = self.path(self.adev, ENTRIES)
        old = ht.read_bytes(p)
        self.add_entry(self.a, self.J, "Third", "lost", pp=self.PP)
        with open(p, "wb") as f:
            f.write(old)
        e3 = self.entry(NEW_ID, self.adev, self.alice, "from the copy", ht.now_updated())
        self.write_copy(self.adev, SYNCTHING, [e3], seq=1)
        before = ht.snapshot(self.J)
        r = self.a.run(self.J, "add", "entry", "--title", "t", "--body", "b", pp=self.PP)
        self.fails(r, 1, self.rel(self.adev, ENTRIES), "went back")
        self.assertUnchanged(before, self.J, "a file that went back")
        self.ok(self.a.run(self.J, "accept", "--all", pp=self.PP))
        self.assertUnchanged(before, self.J, "accept writes nothing in the folder")
        seq = self.R.seq(self.adev, ENTRIES)
        self.write_something(self.a)
        self.assertAbsorbed((SYNCTHING,), seq, {NEW_ID: e3})
        self.assertCheckClean(self.a)

    # ------------------------------------------------------------------
    # The partner's copies

    def test_partner_copy_is_left_to_the_partner(self):
        theirs = self.own_records(self.bdev)
        e3 = self.entry(NEW_ID, self.bdev, self.bob, "Bob's copy", ht.now_updated())
        self.write_copy(self.bdev, SYNCTHING, [theirs[self.b1], e3], seq=1)
        copy_bytes = ht.read_bytes(self.path(self.bdev, SYNCTHING))
        bob_file = ht.read_bytes(self.path(self.bdev, ENTRIES))

        self.write_something(self.a)
        self.add_entry(self.a, self.J, "more", "from Alice", pp=self.PP)
        self.assertEqual(ht.read_bytes(self.path(self.bdev, SYNCTHING)), copy_bytes,
                         "the partner's copy is untouched")
        self.assertEqual(ht.read_bytes(self.path(self.bdev, ENTRIES)), bob_file)
        self.assertIn(NEW_ID, self.listed(self.a), "its records are read")
        self.assertCheckClean(self.a)

        # Bob's device takes it in.
        seq = self.R.seq(self.bdev, ENTRIES)
        self.write_something(self.b)
        self.assertFalse(os.path.exists(self.path(self.bdev, SYNCTHING)))
        plain = self.R.read(self.bdev, ENTRIES)
        self.assertGreater(plain["seq"], seq)
        self.assertIn(NEW_ID, {r["id"] for r in plain["records"]})
        for dev in (self.a, self.b):
            self.assertCheckClean(dev)
            self.assertIn(NEW_ID, self.listed(dev))

    # ------------------------------------------------------------------
    # Copies that must not be taken in

    def bad_copies(self):
        """name → bytes of copies that do not read as this device's file."""
        e3 = self.entry(NEW_ID, self.adev, self.alice, "forged", ht.now_updated())
        if self.PP is not None:
            # Authenticated as another file: moved here, not a copy of it.
            plain = {"hearth": 1, "type": "entries", "seq": 1, "records": [e3]}
            forged = self.R.seal(self.adev, "entries-2019.json", plain)
        else:
            forged = json.dumps({"hearth": 1, "type": "gratitude", "seq": 1,
                                 "records": [e3]}).encode()
        return {
            SYNCTHING: b"{\"hearth\": 1, \"type\": \"entries\", \"reco",
            DROPBOX: forged,
            "entries-%d (conflicted copy 2026-12-02 101010).json" % YEAR:
                json.dumps({"hearth": 2, "type": "entries", "records": []}).encode(),
        }

    def test_damaged_copies_are_kept_and_reported(self):
        bad = self.bad_copies()
        for name, data in bad.items():
            with open(self.path(self.adev, name), "wb") as f:
                f.write(data)
        good = "entries-%d.sync-conflict-20261203-080000-ABCDEFG.json" % YEAR
        e4 = self.entry(OTHER_ID, self.adev, self.alice, "good copy", ht.now_updated())
        self.write_copy(self.adev, good, [e4], seq=1)
        seq = self.R.seq(self.adev, ENTRIES)

        r = self.write_something(self.a)
        for name in bad:
            self.warns(r, self.rel(self.adev, name), msg="the copy is named")
            self.assertEqual(ht.read_bytes(self.path(self.adev, name)), bad[name],
                             "%s is kept as it was" % name)
        self.warns(r, "damaged", "newer version")
        self.assertAbsorbed((good,), seq, {OTHER_ID: e4})
        self.assertNotIn(NEW_ID, self.listed(self.b), "nothing of a forged copy is read")
        r = self.a.run(self.J, "check", pp=self.PP)
        self.assertEqual(r.rc, 1, r.describe())
        for name in bad:
            self.assertIn(self.rel(self.adev, name), r.out, r.describe())
        self.assertNotIn(good, r.out, r.describe())

    def test_symlinked_and_fifo_copies_are_not_followed(self):
        outside = os.path.join(self.base, "outside")
        os.makedirs(outside)
        e3 = self.entry(NEW_ID, self.adev, self.alice, "outside", ht.now_updated())
        target = self.R.write(self.adev, ENTRIES, [e3], folder=outside, seq=50)
        target_bytes = ht.read_bytes(target)
        os.symlink(target, self.path(self.adev, SYNCTHING))
        os.mkfifo(self.path(self.adev, DROPBOX), 0o600)
        entries_bytes = ht.read_bytes(self.path(self.adev, ENTRIES))
        before = lstat_snap(self.J)

        r = self.write_something(self.a)
        self.warns(r, self.rel(self.adev, SYNCTHING), "link")
        self.warns(r, self.rel(self.adev, DROPBOX), "named pipe")
        self.assertTrue(os.path.islink(self.path(self.adev, SYNCTHING)), "the link stays")
        self.assertTrue(stat.S_ISFIFO(os.lstat(self.path(self.adev, DROPBOX)).st_mode),
                        "the FIFO stays")
        self.assertEqual(ht.read_bytes(target), target_bytes, "the target is untouched")
        self.assertEqual(ht.read_bytes(self.path(self.adev, ENTRIES)), entries_bytes,
                         "nothing was taken in")
        self.assertNotIn(NEW_ID, self.listed(self.b))
        after = lstat_snap(self.J)
        changed = ht.diff_snapshots(before, after)
        self.assertEqual(changed, ["added " + os.path.join("devices", self.adev, GRATITUDE)])

    def test_unwritable_folder_keeps_the_copy(self):
        e3 = self.entry(NEW_ID, self.adev, self.alice, "from the copy", ht.now_updated())
        self.write_copy(self.adev, SYNCTHING, [e3], seq=1)
        wrapper, how = self.make_unwritable(os.path.join(self.J, "devices", self.adev))
        before = ht.snapshot(self.J)
        r = self.a.run(self.J, "add", "entry", "--title", "t", "--body", "b",
                       pp=self.PP, wrapper=wrapper)
        self.fails(r, 1, "cannot be saved", msg=how)
        self.assertUnchanged(before, self.J, "unwritable folder (%s)" % how)
        self.assertIn(NEW_ID, self.listed(self.a), "the copy's records are still read")

    # ------------------------------------------------------------------
    # Which commands write

    def test_read_only_commands_never_write(self):
        e3 = self.entry(NEW_ID, self.adev, self.alice, "from the copy", ht.now_updated())
        self.write_copy(self.adev, SYNCTHING, [e3], seq=1)
        before = ht.snapshot(self.J)
        for args in (("list", "entries"), ("list", "gratitude", "--json"),
                     ("search", "copy"), ("stats",), ("reminders",),
                     ("export", "--format", "markdown"), ("check",),
                     ("accept", "--all")):
            self.ok(self.a.run(self.J, *args, pp=self.PP), " ".join(args))
        self.assertUnchanged(before, self.J, "read-only commands")
        r = self.a.run(None, "--help")
        self.ok(r)
        self.assertIn("conflict copies", r.out)
        self.assertIn("never write", r.out)


class ConflictsPlain(Conflicts, ht.CliTestCase):
    PP = None


class ConflictsEncrypted(Conflicts, ht.CliTestCase):
    PP = ht.CliTestCase.PASS


if __name__ == "__main__":
    ht.main()
