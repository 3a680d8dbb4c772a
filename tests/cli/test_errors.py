# SPDX-License-Identifier: GPL-3.0-or-later
"""cli-errors: what a person sees when something is wrong, and that nothing
on disk changes because of it."""

import base64
import datetime
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hearthtest as ht  # noqa: E402

YEAR = ht.local_year()
ENTRIES = "entries-%d.json" % YEAR


class Errors(ht.CliTestCase):

    def setUp(self):
        super().setUp()
        self.a, self.b = self.device("a"), self.device("b")
        self.J = self.journal_path()
        self.jid = self.init(self.a, self.J, pp=self.PASS)
        self.adev = ht.Journal(self.J, self.PASS).device_ids()[0]
        self.bdev = self.join(self.b, self.J, "Bob", pp=self.PASS)
        for i in range(2):
            self.add_entry(self.a, self.J, "A entry %d" % i, "from a", pp=self.PASS)
            self.add_entry(self.b, self.J, "B entry %d" % i, "from b", pp=self.PASS)
        self.ok(self.a.run(self.J, "add", "gratitude", "--text", "A thanks", pp=self.PASS))
        self.ok(self.b.run(self.J, "add", "gratitude", "--text", "B thanks", pp=self.PASS))

    def path(self, dev, name):
        return os.path.join(self.J, "devices", dev, name)

    def rel(self, dev, name):
        return "devices/%s/%s" % (dev, name)

    def expect_rest(self, kind):
        return list(ht.Journal(self.J, self.PASS).merged(kind, skip_bad=True).values())

    def check_damaged(self, dev, name, what, owner=None, reason="damaged",
                      check_rc=(1,)):
        """The file devices/DEV/NAME is bad: reading warns and lists the rest,
        check fails naming it, nothing changes; if OWNER (a Device whose own
        current-year entries file it is) adds an entry, that is refused, while
        a write to another shard works."""
        rel = self.rel(dev, name)
        before = ht.snapshot(self.J)
        for reader in (self.a, self.b):
            r = reader.run(self.J, "list", "entries", "--json", pp=self.PASS)
            self.ok(r, "%s: list still works" % what)
            self.warns(r, rel, reason, msg=what)
            self.assertSameRecords(r.json(), self.expect_rest("entry"),
                                   "%s: the rest is listed" % what)
        r = self.a.run(self.J, "list", "gratitude", "--json", pp=self.PASS)
        self.ok(r)
        self.assertSameRecords(r.json(), self.expect_rest("gratitude"), what)
        r = self.a.run(self.J, "search", "entry", "--json", pp=self.PASS)
        self.ok(r, "%s: search still works" % what)
        r = self.a.run(self.J, "check", pp=self.PASS)
        self.assertIn(r.rc, check_rc, "%s: check exits %s\n%s"
                      % (what, "/".join(map(str, check_rc)), r.describe()))
        self.assertIn(rel, r.out + r.err, "%s: check names the file\n%s" % (what, r.describe()))
        self.assertIn(reason, (r.out + r.err).lower(), r.describe())
        self.assertUnchanged(before, self.J, what + " (reading)")
        if owner is not None:
            r = owner.run(self.J, "add", "entry", "--title", "new", "--body", "refused?",
                          pp=self.PASS)
            self.fails(r, 1, rel, reason,
                       msg="%s: a record belonging in the bad file is refused" % what)
            self.assertUnchanged(before, self.J, what + " (refused write)")
            r = owner.run(self.J, "add", "gratitude", "--text", "other shard", pp=self.PASS)
            self.ok(r, "%s: writing another shard still works" % what)
            got = {g["id"] for g in self.list_json(self.a, self.J, "gratitude", pp=self.PASS)}
            self.assertIn(r.last_word, got)
        self.assertEqual(ht.snapshot(self.J)[os.path.join("devices", dev, name)],
                         before[os.path.join("devices", dev, name)],
                         "%s: the bad file is never written" % what)

    # ------------------------------------------------------------------

    def test_truncated_file(self):
        p = self.path(self.adev, ENTRIES)
        with open(p, "rb") as f:
            data = f.read()
        with open(p, "wb") as f:
            f.write(data[:len(data) // 2])
        self.check_damaged(self.adev, ENTRIES, "truncated", owner=self.a)

    def test_bit_flipped_ciphertext(self):
        p = self.path(self.adev, ENTRIES)
        with open(p) as f:
            outer = json.load(f)
        ct = bytearray(base64.b64decode(outer["ciphertext"]))
        ct[len(ct) // 2] ^= 0x04
        outer["ciphertext"] = base64.b64encode(bytes(ct)).decode()
        with open(p, "w") as f:
            json.dump(outer, f)
        self.check_damaged(self.adev, ENTRIES, "bit flip", owner=self.a)

    def test_not_json(self):
        with open(self.path(self.adev, ENTRIES), "w") as f:
            f.write("this is not JSON at all {")
        self.check_damaged(self.adev, ENTRIES, "not JSON", owner=self.a)

    def test_shard_renamed_to_another_year(self):
        other = "entries-%d.json" % (YEAR - 2)
        os.rename(self.path(self.adev, ENTRIES), self.path(self.adev, other))
        self.check_damaged(self.adev, other, "renamed shard")
        # This year's file is gone after having been seen: it is not made
        # again before the person accepts that.
        r = self.a.run(self.J, "add", "entry", "--title", "x", "--body", "y", pp=self.PASS)
        self.fails(r, 1, self.rel(self.adev, ENTRIES), "is missing")
        self.ok(self.a.run(self.J, "accept", self.rel(self.adev, ENTRIES), pp=self.PASS))
        # A new entry of this year goes to a new entries file; the renamed
        # one stays as it is.
        before = ht.read_bytes(self.path(self.adev, other))
        eid = self.add_entry(self.a, self.J, "this year", "new", pp=self.PASS)
        self.assertIn(eid, {e["id"] for e in self.list_json(self.b, self.J, "entries",
                                                            pp=self.PASS)})
        self.assertEqual(ht.read_bytes(self.path(self.adev, other)), before)

    def test_shard_copied_into_another_device(self):
        shutil.copyfile(self.path(self.adev, ENTRIES), self.path(self.bdev, ENTRIES))
        self.check_damaged(self.bdev, ENTRIES, "shard of A in B's folder", owner=self.b)

    def test_wrong_passphrase(self):
        before = ht.snapshot(self.J)
        for args in (("list", "entries", "--json"), ("add", "entry", "--title", "x",
                                                     "--body", "y"),
                     ("check",), ("search", "entry"), ("export", "--format", "markdown")):
            r = self.a.run(self.J, *args, pp="not the passphrase")
            self.fails(r, 1, "wrong passphrase", msg=" ".join(args))
            self.assertNotIn("damaged", r.err.lower(),
                             "a wrong passphrase is not a damaged file\n" + r.describe())
            self.assertEqual(r.out.strip(), "", "nothing shown with a wrong passphrase")
        self.assertUnchanged(before, self.J, "wrong passphrase")

    def test_locked(self):
        before = ht.snapshot(self.J)
        for args in (("list", "entries"), ("add", "entry", "--title", "x", "--body", "y"),
                     ("check",)):
            r = self.a.run(self.J, *args)
            self.fails(r, 1, "journal is locked", msg=" ".join(args))
        self.assertUnchanged(before, self.J, "locked")

    def test_newer_manifest_opens_read_only(self):
        mp = os.path.join(self.J, "hearth-journal.json")
        with open(mp) as f:
            m = json.load(f)
        m["hearth"] = 3   # 2 is a journal whose data key was replaced
        m["something_new"] = {"from": "the future"}
        with open(mp, "w") as f:
            json.dump(m, f)
        before = ht.snapshot(self.J)
        r = self.a.run(self.J, "list", "entries", "--json", pp=self.PASS)
        self.ok(r, "a newer journal still lists")
        self.warns(r, "newer version of Hearth")
        self.assertSameRecords(r.json(), self.expect_rest("entry"), "newer manifest")
        eid = r.json()[0]["id"]
        for args in (("add", "entry", "--title", "x", "--body", "y"),
                     ("add", "gratitude", "--text", "t"),
                     ("edit", eid, "--title", "changed"),
                     ("delete", eid)):
            r = self.a.run(self.J, *args, pp=self.PASS)
            self.fails(r, 1, "read-only", msg="write to a newer journal: " + " ".join(args))
        r = self.a.run(self.J, "passwd",
                       stdin="%s\nnewpass\nnewpass\n" % self.PASS)
        self.assertNotEqual(r.rc, 0, "passwd on a newer journal must refuse\n" + r.describe())
        self.assertUnchanged(before, self.J, "newer manifest")

    def test_newer_data_file_is_skipped_and_never_written(self):
        R = ht.Journal(self.J, self.PASS)
        future = [{"id": "11111111-2222-4333-8444-555555555555", "kind": "entry",
                   "created": "%d-01-01T10:00:00+01:00" % YEAR,
                   "updated": "%d-01-01T09:00:00.000Z" % YEAR, "device": self.adev,
                   "author": R.partner_id("Alice"), "body": "from the future",
                   "v2_only": True}]
        R.write(self.adev, ENTRIES, future, hearth=2)
        self.check_damaged(self.adev, ENTRIES, "newer data file", owner=self.a,
                           reason="newer version of hearth", check_rc=(0, 1))

    def test_unwritable_folder(self):
        wrapper, how = self.make_unwritable(os.path.join(self.J, "devices", self.adev))
        print("unwritable folder made with: " + how, file=sys.stderr)
        before = ht.snapshot(self.J)
        eid = self.expect_rest("entry")[0]["id"]
        for args in (("add", "entry", "--title", "x", "--body", "y"),
                     ("edit", eid, "--title", "changed")):
            r = self.a.run(self.J, *args, pp=self.PASS, wrapper=wrapper)
            self.fails(r, 1, "cannot be saved", msg="unwritable folder (%s)" % how)
        r = self.a.run(self.J, "list", "entries", "--json", pp=self.PASS, wrapper=wrapper)
        self.ok(r, "reading an unwritable journal works")
        self.assertUnchanged(before, self.J, "unwritable folder")

    def test_full_disk(self):
        """The device folder on a real, full file system (a small tmpfs in a
        private mount namespace): saving fails with a clear message, and
        every file on it is as it was."""
        if not shutil.which("unshare"):
            self.skipTest("unshare is not available")
        folder = os.path.join(self.J, "devices", self.adev)
        script = r"""
set -e
keep=$(mktemp -d)
cp -a "$0"/. "$keep"/
mount -t tmpfs -o size=256k,mode=0700 tmpfs "$0"
cp -a "$keep"/. "$0"/
rm -rf "$keep"
dd if=/dev/zero of="$0"/.filler bs=4k count=1000 2>/dev/null || true
(cd "$0" && sha256sum $(ls) > /tmp/hearth-before.$$)
set +e
"$@"
rc=$?
cd "$0"
if sha256sum -c --quiet /tmp/hearth-before.$$ >&2; then echo "FILES-UNCHANGED" >&2; fi
ls -a >&2
rm -f /tmp/hearth-before.$$
exit $rc
"""
        wrapper = ("unshare", "-r", "-m", "--propagation", "private", "sh", "-c", script, folder)
        probe = subprocess.run(list(wrapper) + ["true"], capture_output=True, text=True)
        if probe.returncode != 0:
            self.skipTest("no private tmpfs here: " + probe.stderr.strip())
        before = ht.snapshot(self.J)
        eid = self.expect_rest("entry")[0]["id"]
        for args in (("add", "entry", "--title", "x", "--body", "y" * 20000),
                     ("edit", eid, "--body", "z" * 20000)):
            r = self.a.run(self.J, *args, pp=self.PASS, wrapper=wrapper)
            self.fails(r, 1, "cannot be saved", "full", msg="full disk: " + " ".join(args))
            self.assertIn("FILES-UNCHANGED", r.err, "every file on the full disk is intact\n"
                          + r.describe())
            self.assertNotRegex(r.err, r"\.json\.[A-Za-z0-9]{6}\b",
                                "no temporary file is left behind\n" + r.describe())
        self.assertUnchanged(before, self.J, "full disk")

    def test_check_all_good(self):
        r = self.a.run(self.J, "check", pp=self.PASS)
        self.ok(r)
        self.assertRegex((r.out + r.err).lower(), r"fine|\bok\b", r.describe())

    def test_passwd(self):
        before = ht.snapshot(self.J)
        r = self.a.run(self.J, "passwd", stdin="%s\nnew secret\nnew secret\n" % self.PASS)
        self.ok(r, "passwd with old/new/new on stdin")
        after = ht.snapshot(self.J)
        self.assertEqual(ht.diff_snapshots(before, after), ["changed hearth-journal.json"],
                         "passwd rewrites only the manifest")
        R = ht.Journal(self.J, "new secret")
        R.records()  # every data file still opens with the same data key
        r = self.a.run(self.J, "list", "entries", "--json", pp="new secret")
        self.ok(r, "the new passphrase works")
        self.assertSameRecords(r.json(), list(R.merged("entry").values()), "after passwd")
        r = self.a.run(self.J, "list", "entries", pp=self.PASS)
        self.fails(r, 1, "wrong passphrase", msg="the old passphrase no longer works")

        before = ht.snapshot(self.J)
        r = self.a.run(self.J, "passwd", stdin="new secret\nnewer one\nnewer oen\n")
        self.fails(r, (1, 2), msg="passwd with a mismatched repeat")
        r = self.a.run(self.J, "passwd", stdin="wrong old\nnewer one\nnewer one\n")
        self.fails(r, 1, "wrong passphrase", msg="passwd with a wrong old passphrase")
        self.assertUnchanged(before, self.J, "failed passwd")
        self.ok(self.a.run(self.J, "list", "entries", pp="new secret"))


if __name__ == "__main__":
    ht.main()
