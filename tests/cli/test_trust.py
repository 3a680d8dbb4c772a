# SPDX-License-Identifier: GPL-3.0-or-later
"""cli-trust: a journal folder that others can write cannot be turned against
its owners (docs/format.md, "What a device remembers"): a manifest
that drops the encryption or unwraps another key, a file that goes back to
an older version or disappears, a device.json that names the other partner.
Each case shows what a person sees, and that no file changed."""

import base64
import json
import os
import shutil
import sys

import nacl.bindings
import nacl.pwhash.argon2id as argon2id
import nacl.utils

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hearthtest as ht  # noqa: E402

YEAR = ht.local_year()
ENTRIES = "entries-%d.json" % YEAR
GRATITUDE = "gratitude-%d.json" % YEAR


class Trust(ht.CliTestCase):

    def setUp(self):
        super().setUp()
        self.a, self.b = self.device("a"), self.device("b")
        self.J = self.journal_path()
        self.jid = self.init(self.a, self.J, pp=self.PASS)
        self.adev = ht.Journal(self.J, self.PASS).device_ids()[0]
        self.bdev = self.join(self.b, self.J, "Bob", pp=self.PASS)
        self.e1 = self.add_entry(self.a, self.J, "First", "from a", pp=self.PASS)
        self.add_entry(self.b, self.J, "B first", "from b", pp=self.PASS)
        self.ok(self.a.run(self.J, "add", "gratitude", "--text", "A thanks", pp=self.PASS))
        # Both devices have seen every file.
        for dev in (self.a, self.b):
            self.ok(dev.run(self.J, "check", pp=self.PASS))

    def path(self, dev, name):
        return os.path.join(self.J, "devices", dev, name)

    def rel(self, dev, name):
        return "devices/%s/%s" % (dev, name)

    def manifest_path(self):
        return os.path.join(self.J, "hearth-journal.json")

    def refuses_writes(self, dev, *needles, pp=None):
        """Every kind of write is refused with NEEDLES on stderr."""
        eid = self.e1
        for args in (("add", "entry", "--title", "t", "--body", "SECRET"),
                     ("add", "gratitude", "--text", "SECRET thanks"),
                     ("edit", eid, "--title", "SECRET title"),
                     ("delete", eid)):
            r = dev.run(self.J, *args, pp=pp)
            self.fails(r, 1, *needles, msg="refused: " + " ".join(args))

    def check_fails(self, dev, *needles, pp=None):
        r = dev.run(self.J, "check", pp=pp)
        self.assertEqual(r.rc, 1, "check exits 1\n" + r.describe())
        text = (r.out + r.err).casefold()
        for n in needles:
            self.assertIn(n.casefold(), text, "check says %r\n%s" % (n, r.describe()))
        return r

    # ------------------------------------------------------------------
    # 1. Encryption downgrade

    def test_manifest_dropping_encryption_is_tampering(self):
        with open(self.manifest_path()) as f:
            m = json.load(f)
        m["encryption"] = None
        with open(self.manifest_path(), "w") as f:
            json.dump(m, f)
        before = ht.snapshot(self.J)
        c = self.device("c")   # a new installation that remembers nothing
        for dev in (self.a, self.b, c):
            self.refuses_writes(dev, "hearth-journal.json", "tampered", "read-only")
            self.check_fails(dev, "hearth-journal.json", "tampered")
            r = dev.run(self.J, "list", "entries", "--json")
            self.warns(r, "tampered")
        self.assertUnchanged(before, self.J, "manifest without encryption")
        # Nothing plain was written: every data file is still encrypted.
        for root, dirs, files in os.walk(os.path.join(self.J, "devices")):
            for f in files:
                if f == "device.json":
                    continue
                with open(os.path.join(root, f)) as fh:
                    self.assertIn("ciphertext", json.load(fh), f)

    def test_manifest_with_another_data_key_is_tampering(self):
        with open(self.manifest_path()) as f:
            m = json.load(f)
        kdf = m["encryption"]["kdf"]
        kek = argon2id.kdf(32, self.PASS.encode(), base64.b64decode(kdf["salt"]),
                           opslimit=kdf["opslimit"], memlimit=kdf["memlimit"])
        other_key = nacl.utils.random(32)
        nonce = nacl.utils.random(24)
        ct = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_encrypt(
            other_key, ("hearth:1:%s:key" % self.jid).encode(), nonce, kek)
        m["encryption"]["key"] = {"cipher": ht.CIPHER,
                                  "nonce": base64.b64encode(nonce).decode(),
                                  "ciphertext": base64.b64encode(ct).decode()}
        with open(self.manifest_path(), "w") as f:
            json.dump(m, f, indent=1)
        before = ht.snapshot(self.J)
        for dev in (self.a, self.b):
            self.refuses_writes(dev, "another key", "tampered", "read-only", pp=self.PASS)
            self.check_fails(dev, "hearth-journal.json", "another key", pp=self.PASS)
            r = dev.run(self.J, "passwd", stdin="%s\nnew one\nnew one\n" % self.PASS)
            self.fails(r, 1, "tampered", msg="passwd never rewraps a foreign key")
        self.assertUnchanged(before, self.J, "manifest with another data key")

    def test_passphrase_changed_on_the_partners_computer_opens_normally(self):
        r = self.b.run(self.J, "passwd", stdin="%s\nnew secret\nnew secret\n" % self.PASS)
        self.ok(r)
        r = self.a.run(self.J, "list", "entries", "--json", pp="new secret")
        self.ok(r)
        self.assertEqual(r.err.strip(), "", "no warning after a passphrase change\n"
                         + r.describe())
        r = self.a.run(self.J, "check", pp="new secret")
        self.ok(r, "check after the partner's passphrase change")
        eid = self.add_entry(self.a, self.J, "after", "the change", pp="new secret")
        R = ht.Journal(self.J, "new secret")
        self.assertIn(eid, R.merged("entry"), "the independent reader sees the entry")

    # ------------------------------------------------------------------
    # 3. Rollback and deletion

    def test_own_file_that_went_back_is_reported_and_never_written(self):
        p = self.path(self.adev, ENTRIES)
        old = ht.read_bytes(p)
        e2 = self.add_entry(self.a, self.J, "Second", "newer", pp=self.PASS)
        self.ok(self.a.run(self.J, "delete", self.e1, pp=self.PASS))
        self.ok(self.b.run(self.J, "list", "entries", pp=self.PASS))
        R = ht.Journal(self.J, self.PASS)
        seen = R.read(self.adev, ENTRIES)["seq"]
        with open(p, "wb") as f:
            f.write(old)           # an old copy put back
        before = ht.snapshot(self.J)

        rel = self.rel(self.adev, ENTRIES)
        r = self.check_fails(self.a, rel, "went back to an older version",
                             "hearth-cli accept", pp=self.PASS)
        self.check_fails(self.b, rel, "from Alice’s device went back to an older version",
                         pp=self.PASS)
        r = self.a.run(self.J, "add", "entry", "--title", "t", "--body", "b", pp=self.PASS)
        self.fails(r, 1, rel, "went back to an older version")
        r = self.a.run(self.J, "edit", self.e1, "--title", "x", pp=self.PASS)
        self.fails(r, 1, rel, "went back to an older version")
        # Another file of the same device is still written.
        r = self.a.run(self.J, "add", "gratitude", "--text", "still fine", pp=self.PASS)
        self.ok(r)
        after = ht.snapshot(self.J)
        changed = ht.diff_snapshots(before, after)
        self.assertEqual(changed, ["changed " + os.path.join("devices", self.adev, GRATITUDE)],
                         "only the other file changed")
        self.assertEqual(ht.read_bytes(p), old, "the file that went back is untouched")

        # The person chooses to keep it: writes work again, with a counter
        # beyond every one seen.
        r = self.a.run(self.J, "accept", rel, pp=self.PASS)
        self.ok(r)
        self.ok(self.a.run(self.J, "check", pp=self.PASS))
        e3 = self.add_entry(self.a, self.J, "Third", "after accepting", pp=self.PASS)
        R = ht.Journal(self.J, self.PASS)
        self.assertGreater(R.read(self.adev, ENTRIES)["seq"], seen)
        ids = set(R.merged("entry"))
        self.assertIn(e3, ids)
        self.assertNotIn(e2, ids, "the newer version was given up by accepting")
        # The partner still remembers the newer counter it saw.
        self.ok(self.b.run(self.J, "check", pp=self.PASS))

    def test_partner_file_that_went_back_is_reported(self):
        p = self.path(self.bdev, ENTRIES)
        old = ht.read_bytes(p)
        self.add_entry(self.b, self.J, "B second", "newer", pp=self.PASS)
        self.ok(self.a.run(self.J, "list", "entries", pp=self.PASS))
        with open(p, "wb") as f:
            f.write(old)
        before = ht.snapshot(self.J)
        rel = self.rel(self.bdev, ENTRIES)
        self.check_fails(self.a, rel, "from Bob’s device went back to an older version",
                         pp=self.PASS)
        r = self.a.run(self.J, "list", "entries", "--json", pp=self.PASS)
        self.ok(r)
        self.warns(r, rel, "went back")
        self.assertUnchanged(before, self.J, "partner file went back")

    def test_missing_file_is_reported_and_not_made_again(self):
        os.unlink(self.path(self.bdev, ENTRIES))
        os.unlink(self.path(self.adev, ENTRIES))
        before = ht.snapshot(self.J)
        self.check_fails(self.a, self.rel(self.bdev, ENTRIES), "from Bob’s device is missing",
                         self.rel(self.adev, ENTRIES), "of this computer is missing",
                         pp=self.PASS)
        r = self.a.run(self.J, "add", "entry", "--title", "t", "--body", "b", pp=self.PASS)
        self.fails(r, 1, self.rel(self.adev, ENTRIES), "is missing")
        self.assertUnchanged(before, self.J, "missing files")
        r = self.a.run(self.J, "accept", "--all", pp=self.PASS)
        self.ok(r)
        self.ok(self.a.run(self.J, "check", pp=self.PASS))
        eid = self.add_entry(self.a, self.J, "again", "a new file", pp=self.PASS)
        self.assertIn(eid, ht.Journal(self.J, self.PASS).merged("entry"))
        r = self.a.run(self.J, "accept", self.rel(self.bdev, ENTRIES), pp=self.PASS)
        self.fails(r, 1, "nothing to accept")

    def test_conflict_copy_is_judged_with_its_file(self):
        # The sync tool keeps the newer version as a conflict copy and puts
        # an older one in place: nothing went back.
        p = self.path(self.bdev, ENTRIES)
        old = ht.read_bytes(p)
        self.add_entry(self.b, self.J, "B second", "newer", pp=self.PASS)
        self.ok(self.a.run(self.J, "list", "entries", pp=self.PASS))
        shutil.copyfile(p, self.path(self.bdev, "entries-%d.sync-conflict-20260101-101010-ABCDEFG.json" % YEAR))
        with open(p, "wb") as f:
            f.write(old)
        self.ok(self.a.run(self.J, "check", pp=self.PASS))

    # ------------------------------------------------------------------
    # 6. Who wrote what

    def test_device_json_naming_the_other_partner_is_a_problem(self):
        R = ht.Journal(self.J, self.PASS)
        alice, bob = R.partner_id("Alice"), R.partner_id("Bob")
        dj = self.path(self.adev, "device.json")
        R.write_device(self.adev, bob)
        dj_bytes = ht.read_bytes(dj)
        before = ht.snapshot(self.J)
        r = self.check_fails(self.a, "device.json says this computer belongs to Bob, "
                             "but it belongs to Alice", pp=self.PASS)
        eid = self.add_entry(self.a, self.J, "mine", "still Alice's", pp=self.PASS)
        entries = {e["id"]: e for e in self.list_json(self.b, self.J, "entries", pp=self.PASS)}
        self.assertEqual(entries[eid]["author"], alice, "new entries keep this device's partner")
        r = self.a.run(self.J, "add", "gratitude", "--text", "thanks", pp=self.PASS)
        self.ok(r)
        g = {x["id"]: x for x in self.list_json(self.b, self.J, "gratitude", pp=self.PASS)}
        self.assertEqual((g[r.last_word]["from"], g[r.last_word]["to"]), (alice, bob))
        self.assertEqual(ht.read_bytes(dj), dj_bytes, "device.json is left untouched")
        changed = ht.diff_snapshots(before, ht.snapshot(self.J))
        self.assertEqual(sorted(changed),
                         sorted(["changed " + os.path.join("devices", self.adev, ENTRIES),
                                 "changed " + os.path.join("devices", self.adev, GRATITUDE)]),
                         "only the files the new records belong in changed")

    # ------------------------------------------------------------------
    # Older journals

    def test_older_journal_migrates_quietly(self):
        R = ht.Journal(self.J, self.PASS)
        for dev, name, canonical in R.data_files():
            if canonical == "device.json":
                continue
            plain = R.read(dev, name, canonical)
            R.write(dev, name, plain["records"], canonical, seq=None)
        for d in (self.a, self.b):
            os.unlink(os.path.join(d.state, "hearth", self.jid + ".trust"))
        before = ht.snapshot(self.J)
        for d in (self.a, self.b):
            r = d.run(self.J, "check", pp=self.PASS)
            self.ok(r, "an older journal is fine")
            r = d.run(self.J, "list", "entries", "--json", pp=self.PASS)
            self.ok(r)
            self.assertEqual(r.err.strip(), "", r.describe())
            self.assertTrue(os.path.exists(os.path.join(d.state, "hearth", self.jid + ".trust")),
                            "first sight is remembered")
        self.assertUnchanged(before, self.J, "reading an older journal")
        self.add_entry(self.a, self.J, "new", "counted", pp=self.PASS)
        self.assertEqual(ht.Journal(self.J, self.PASS).read(self.adev, ENTRIES)["seq"], 1)
        # Its files disappearing is noticed from now on.
        os.unlink(self.path(self.bdev, ENTRIES))
        self.check_fails(self.a, self.rel(self.bdev, ENTRIES), "is missing", pp=self.PASS)


if __name__ == "__main__":
    ht.main()
