# SPDX-License-Identifier: GPL-3.0-or-later
"""cli-rekey: `passwd --new-key` replaces the data key (docs/format.md,
"Replacing the data key"). The old passphrase with an old copy of the
manifest no longer reads what is written afterwards; the partner's device
reads everything; each device seals its own files again when it next opens
the journal; a manifest put back from before the re-key is tampering."""

import base64
import json
import os
import shutil
import sys

import nacl.bindings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hearthtest as ht  # noqa: E402

YEAR = ht.local_year()
ENTRIES = "entries-%d.json" % YEAR
OLD, NEW = "old words for us", "new words for us"


class Rekey(ht.CliTestCase):

    def setUp(self):
        super().setUp()
        self.a, self.b = self.device("a"), self.device("b")
        self.J = self.journal_path()
        self.jid = self.init(self.a, self.J, pp=OLD)
        self.adev = ht.Journal(self.J, OLD).device_ids()[0]
        self.bdev = self.join(self.b, self.J, "Bob", pp=OLD)
        self.a_before = self.add_entry(self.a, self.J, "A before", "before the new key", pp=OLD)
        self.b_before = self.add_entry(self.b, self.J, "B before", "before the new key", pp=OLD)
        # A copy of the manifest from before, as a backup or a sync tool keeps it.
        self.old_manifest = ht.read_bytes(self.manifest_path())

    def manifest_path(self):
        return os.path.join(self.J, "hearth-journal.json")

    def path(self, dev, name):
        return os.path.join(self.J, "devices", dev, name)

    def outer(self, dev, name):
        with open(self.path(dev, name)) as f:
            return json.load(f)

    def rekey(self, dev, old=OLD, new=NEW):
        r = dev.run(self.J, "passwd", "--new-key", stdin="%s\n%s\n%s\n" % (old, new, new))
        self.ok(r, "passwd --new-key")
        self.assertIn("new key", r.out, r.describe())
        return r

    def old_reader(self):
        """What someone holding the old passphrase and the old manifest can
        read: the folder as it is now, with the manifest from before."""
        folder = os.path.join(self.base, "with-old-manifest")
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(self.J, folder)
        with open(os.path.join(folder, "hearth-journal.json"), "wb") as f:
            f.write(self.old_manifest)
        return ht.Journal(folder, OLD)

    def opens_with(self, reader, dev, name):
        outer = reader.read_outer(dev, name)
        try:
            nacl.bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(
                base64.b64decode(outer["ciphertext"]), reader.aad(dev, name),
                base64.b64decode(outer["nonce"]), reader.key)
        except nacl.exceptions.CryptoError:
            return False
        return True

    # ------------------------------------------------------------------

    def test_manifest_after_a_rekey(self):
        before = ht.snapshot(self.J)
        self.rekey(self.a)
        self.assertEqual(ht.diff_snapshots(before, ht.snapshot(self.J)),
                         ["changed hearth-journal.json"],
                         "the re-key itself writes only the manifest")
        with open(self.manifest_path()) as f:
            m = json.load(f)
        self.assertEqual(m["hearth"], 2)
        enc = m["encryption"]
        self.assertRegex(enc["key_id"], r"^[0-9a-f]{16}$")
        self.assertEqual(len(enc["previous_keys"]), 1)
        self.assertNotEqual(enc["previous_keys"][0]["key_id"], enc["key_id"])
        R = ht.Journal(self.J, NEW)
        self.assertEqual(R.previous_keys[0][1], ht.Journal(
            self.old_reader().path, OLD).key, "the earlier key is the old data key")
        self.assertNotEqual(R.key, R.previous_keys[0][1])
        # The old passphrase no longer opens the journal.
        self.fails(self.a.run(self.J, "list", "entries", pp=OLD), 1, "wrong passphrase")

    def test_old_passphrase_and_old_manifest_cannot_read_what_comes_after(self):
        self.rekey(self.a)
        a_after = self.add_entry(self.a, self.J, "A after", "SECRET after the new key", pp=NEW)
        b_after = self.add_entry(self.b, self.J, "B after", "SECRET from Bob after", pp=NEW)

        old = self.old_reader()
        for dev in (self.adev, self.bdev):
            outer = self.outer(dev, ENTRIES)
            self.assertEqual(outer.get("key_id"), ht.Journal(self.J, NEW).key_id,
                             "devices/%s/%s names the new key" % (dev, ENTRIES))
            self.assertFalse(self.opens_with(old, dev, ENTRIES),
                             "the old key opens devices/%s/%s" % (dev, ENTRIES))
        found = [r["id"] for r in old.records(skip_bad=True)]
        self.assertNotIn(a_after, found)
        self.assertNotIn(b_after, found)
        # With the new passphrase, the same reader reads everything.
        R = ht.Journal(self.J, NEW)
        self.assertLessEqual({self.a_before, self.b_before, a_after, b_after},
                             set(R.merged("entry")))

    def test_the_partners_device_reads_everything(self):
        self.rekey(self.a)
        a_after = self.add_entry(self.a, self.J, "A after", "after the new key", pp=NEW)
        # Bob's own file is still sealed with the old key: readable to all.
        self.assertNotIn("key_id", self.outer(self.bdev, ENTRIES))
        r = self.b.run(self.J, "list", "entries", "--json", pp=NEW)
        self.ok(r)
        self.assertEqual(r.err, "", "no warning on the partner's device\n" + r.describe())
        self.assertEqual({e["id"] for e in r.json()},
                         {self.a_before, self.b_before, a_after})
        self.ok(self.b.run(self.J, "check", pp=NEW), "check on the partner's device")
        self.fails(self.b.run(self.J, "list", "entries", pp=OLD), 1, "wrong passphrase")

    def test_each_device_seals_its_own_files_again_when_it_next_opens(self):
        self.rekey(self.a)
        new_id = ht.Journal(self.J, NEW).key_id
        for dev in (self.adev, self.bdev):
            for name in (ENTRIES, "shared.json"):
                if os.path.exists(self.path(dev, name)):
                    self.assertNotIn("key_id", self.outer(dev, name),
                                     "nothing is sealed again before the owner opens")
        records_before = {dev: ht.Journal(self.J, NEW).read(dev, ENTRIES)["records"]
                          for dev in (self.adev, self.bdev)}
        seq_before = {dev: ht.Journal(self.J, NEW).seq(dev, ENTRIES)
                      for dev in (self.adev, self.bdev)}

        # Bob's next open, only to read: Bob's files, and only Bob's.
        bob_device_json = ht.read_bytes(self.path(self.bdev, "device.json"))
        self.ok(self.b.run(self.J, "list", "entries", pp=NEW))
        for name in (ENTRIES, "shared.json"):
            if os.path.exists(self.path(self.bdev, name)):
                self.assertEqual(self.outer(self.bdev, name).get("key_id"), new_id,
                                 "Bob's %s is sealed with the new key" % name)
        self.assertNotIn("key_id", self.outer(self.adev, ENTRIES),
                         "a device never writes the other's files")
        self.assertEqual(ht.read_bytes(self.path(self.bdev, "device.json")), bob_device_json,
                         "device.json stays plain and unchanged")
        R = ht.Journal(self.J, NEW)
        self.assertEqual(R.read(self.bdev, ENTRIES)["records"], records_before[self.bdev],
                         "sealing again keeps the records as they were")
        self.assertEqual(R.seq(self.bdev, ENTRIES), seq_before[self.bdev] + 1,
                         "sealing again is a write: the counter goes on")
        self.assertFalse(self.opens_with(self.old_reader(), self.bdev, ENTRIES))

        # Alice's next open.
        self.ok(self.a.run(self.J, "check", pp=NEW))
        self.assertEqual(self.outer(self.adev, ENTRIES).get("key_id"), new_id)
        self.assertEqual(ht.Journal(self.J, NEW).seq(self.adev, ENTRIES), seq_before[self.adev] + 1)

        # Both devices see every counter go on, none go back.
        for dev in (self.a, self.b):
            r = dev.run(self.J, "check", pp=NEW)
            self.ok(r, "check after both sealed again")
            self.assertEqual(r.err, "", r.describe())
        # Once sealed, a file is not written again on the next open.
        before = ht.snapshot(self.J)
        for dev in (self.a, self.b):
            self.ok(dev.run(self.J, "list", "entries", pp=NEW))
        self.assertUnchanged(before, self.J, "opening again after sealing")

    def test_manifest_from_before_the_rekey_is_tampering(self):
        self.rekey(self.a)
        self.ok(self.b.run(self.J, "list", "entries", pp=NEW))   # Bob has seen the new key
        with open(self.manifest_path(), "wb") as f:
            f.write(self.old_manifest)
        before = ht.snapshot(self.J)
        for dev in (self.a, self.b):
            r = dev.run(self.J, "add", "entry", "--title", "t", "--body", "SECRET", pp=OLD)
            self.fails(r, 1, "another key", "tampered", "read-only",
                       msg="a manifest put back from before the re-key")
            r = dev.run(self.J, "check", pp=OLD)
            self.assertEqual(r.rc, 1, r.describe())
            self.assertIn("another key", (r.out + r.err), r.describe())
        self.assertUnchanged(before, self.J, "old manifest put back")

    def test_passphrase_change_and_second_rekey_keep_every_key(self):
        self.rekey(self.a)
        a_after = self.add_entry(self.a, self.J, "A after", "between the keys", pp=NEW)
        r = self.b.run(self.J, "passwd", stdin="%s\nthird words\nthird words\n" % NEW)
        self.ok(r, "a plain passphrase change after a re-key")
        with open(self.manifest_path()) as f:
            enc = json.load(f)["encryption"]
        self.assertEqual(len(enc["previous_keys"]), 1, "the earlier key stays")
        self.rekey(self.b, old="third words", new="fourth words")
        R = ht.Journal(self.J, "fourth words")
        self.assertEqual(len(R.previous_keys), 2)
        r = self.a.run(self.J, "list", "entries", "--json", pp="fourth words")
        self.ok(r)
        self.assertEqual(r.err, "", r.describe())
        self.assertEqual({e["id"] for e in r.json()}, {self.a_before, self.b_before, a_after})
        self.assertSameRecords(r.json(), list(R.merged("entry").values()), "after two re-keys")

    def test_refused_rekeys_change_nothing(self):
        before = ht.snapshot(self.J)
        r = self.a.run(self.J, "passwd", "--new-key", stdin="wrong words\n%s\n%s\n" % (NEW, NEW))
        self.fails(r, 1, "wrong passphrase")
        r = self.a.run(self.J, "passwd", "--new-key", stdin="%s\n%s\nnew words fr us\n" % (OLD, NEW))
        self.fails(r, 2, "differ")
        r = self.a.run(self.J, "passwd", "--new-key", stdin="%s\n\n\n" % OLD)
        self.fails(r, 2, "empty")
        self.assertUnchanged(before, self.J, "refused re-keys")
        self.ok(self.a.run(self.J, "list", "entries", pp=OLD), "the old passphrase still works")

        plain = self.journal_path("plain")
        self.init(self.a, plain)
        before = ht.snapshot(plain)
        r = self.a.run(plain, "passwd", "--new-key", stdin="x\ny\ny\n")
        self.fails(r, 1, "no passphrase")
        self.assertUnchanged(before, plain, "re-key of a journal without passphrase")

    def test_damaged_earlier_keys_are_reported_and_nothing_is_written(self):
        self.rekey(self.a)
        with open(self.manifest_path()) as f:
            m = json.load(f)
        ct = bytearray(base64.b64decode(m["encryption"]["previous_keys"][0]["ciphertext"]))
        ct[0] ^= 1
        m["encryption"]["previous_keys"][0]["ciphertext"] = base64.b64encode(bytes(ct)).decode()
        with open(self.manifest_path(), "w") as f:
            json.dump(m, f, indent=1)
        before = ht.snapshot(self.J)
        for dev in (self.a, self.b):
            r = dev.run(self.J, "list", "entries", pp=NEW)
            self.fails(r, 1, "earlier keys", "hearth-journal.json", "damaged")
        self.assertUnchanged(before, self.J, "damaged earlier keys")

    def test_file_naming_a_key_the_manifest_lacks(self):
        self.rekey(self.a)
        self.add_entry(self.a, self.J, "A after", "after", pp=NEW)
        self.ok(self.b.run(self.J, "check", pp=NEW))   # Bob seals his files again
        p = self.path(self.adev, ENTRIES)
        with open(p) as f:
            outer = json.load(f)
        outer["key_id"] = "00000000deadbeef"
        with open(p, "w") as f:
            json.dump(outer, f)
        before = ht.snapshot(self.J)
        r = self.b.run(self.J, "check", pp=NEW)
        self.assertEqual(r.rc, 1, r.describe())
        self.assertIn("newer key", r.out, r.describe())
        self.assertIn("devices/%s/%s" % (self.adev, ENTRIES), r.out, r.describe())
        r = self.a.run(self.J, "add", "entry", "--title", "t", "--body", "b", pp=NEW)
        self.fails(r, 1, "newer key", msg="its owner does not write over it")
        self.assertUnchanged(before, self.J, "a file naming an unknown key")


if __name__ == "__main__":
    ht.main()
