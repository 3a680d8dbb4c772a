# SPDX-License-Identifier: GPL-3.0-or-later
"""cli-hostile: a journal folder that whoever can write it tries to turn
against its owners. Every bad file is named by `check`, the rest opens,
nothing hangs or crashes, and no file changes because of it."""

import base64
import hashlib
import json
import os
import stat
import sys
import time

import nacl.bindings
import nacl.utils

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hearthtest as ht  # noqa: E402

# A year no test depends on the clock for: files of it are placed by hand.
OLD = "entries-2020.json"


def entry(eid, device, author, title, updated="2020-05-01T08:00:00.000Z", **more):
    rec = {"id": eid, "kind": "entry", "created": "2020-05-01T10:00:00+02:00",
           "updated": updated, "device": device, "author": author,
           "title": title, "body": "body of " + title}
    rec.update(more)
    return rec


def snap(folder):
    """Like ht.snapshot, but never opens what is not a regular file (a FIFO
    would block): links are recorded by target, others by type."""
    out = {}
    for root, dirs, files in os.walk(folder):
        rel_root = os.path.relpath(root, folder)
        out["dir:" + rel_root] = "dir"
        for f in files + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            p = os.path.join(root, f)
            st = os.lstat(p)
            key = os.path.normpath(os.path.join(rel_root, f))
            if stat.S_ISREG(st.st_mode):
                with open(p, "rb") as fh:
                    out[key] = hashlib.sha256(fh.read()).hexdigest()
            elif stat.S_ISLNK(st.st_mode):
                out[key] = "link:" + os.readlink(p)
            else:
                out[key] = "mode:%o" % st.st_mode
    return out


class Hostile(ht.CliTestCase):

    def unchanged(self, before, what):
        d = ht.diff_snapshots(before, snap(self.J))
        if d:
            self.fail("journal files changed (%s): %s" % (what, ", ".join(d)))

    def setUp(self):
        super().setUp()
        self.a, self.b = self.device("a"), self.device("b")
        self.J = self.journal_path()

    def make(self, pp=None):
        self.pp = pp
        self.init(self.a, self.J, pp=pp)
        R = ht.Journal(self.J, pp)
        self.adev = R.device_ids()[0]
        self.bdev = self.join(self.b, self.J, "Bob", pp=pp)
        R = ht.Journal(self.J, pp)
        self.alice, self.bob = R.partner_id("Alice"), R.partner_id("Bob")
        self.eid = self.add_entry(self.a, self.J, "Kept entry", "still here", pp=pp)
        R.write(self.bdev, "entries-2021.json",
                [entry("00000000-0000-4000-8000-000000002021", self.bdev, self.bob, "Bob 2021")])
        return R

    def path(self, dev, name):
        return os.path.join(self.J, "devices", dev, name)

    def rel(self, dev, name):
        return "devices/%s/%s" % (dev, name)

    def sealed_bytes(self, R, dev, name, plain):
        """An encrypted wrapper around PLAIN bytes, authenticated for NAME."""
        nonce = nacl.utils.random(24)
        ct = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_encrypt(
            plain, R.aad(dev, name), nonce, R.key)
        return json.dumps({"hearth": 1, "type": "entries", "cipher": ht.CIPHER,
                           "nonce": base64.b64encode(nonce).decode(),
                           "ciphertext": base64.b64encode(ct).decode()}).encode()

    def assert_reported(self, rel, reason, what, timeout=60):
        """REL is named as damaged for REASON by check (exit 1) and in the
        warnings of list; the rest of the journal lists; nothing changes."""
        before = snap(self.J)
        t0 = time.monotonic()
        r = self.a.run(self.J, "check", pp=self.pp, timeout=timeout)
        self.assertEqual(r.rc, 1, "%s: check exits 1\n%s" % (what, r.describe()))
        self.assertIn(rel, r.out + r.err, "%s: check names the file\n%s" % (what, r.describe()))
        self.assertIn(reason.casefold(), (r.out + r.err).casefold(),
                      "%s: check says why\n%s" % (what, r.describe()))
        self.assertIn("damaged", (r.out + r.err).casefold(), r.describe())
        self.assertNotIn("CRITICAL", r.err, r.describe())
        r = self.a.run(self.J, "list", "entries", "--json", pp=self.pp, timeout=timeout)
        self.ok(r, "%s: list still works" % what)
        self.warns(r, rel, reason, msg=what)
        self.assertIn(self.eid, {e["id"] for e in r.json()}, "%s: the rest is listed" % what)
        self.assertLess(time.monotonic() - t0, timeout, what)
        self.unchanged(before, what)
        return r

    # -- bounds before parsing

    def test_deeply_nested_file_is_damaged_not_a_crash(self):
        self.make()
        with open(self.path(self.bdev, OLD), "w") as f:
            f.write("[" * 100000)
        self.assert_reported(self.rel(self.bdev, OLD), "nested more than 64 levels", "100000 [")

    def test_deeply_nested_inside_the_encryption(self):
        R = self.make(pp=self.PASS)
        deep = b'{"hearth":1,"type":"entries","records":[' + b"[" * 5000 + b"]" * 5000 + b"]}"
        with open(self.path(self.bdev, OLD), "wb") as f:
            f.write(self.sealed_bytes(R, self.bdev, OLD, deep))
        self.assert_reported(self.rel(self.bdev, OLD), "nested more than 64 levels",
                             "nested inside ciphertext")

    def test_brackets_in_strings_are_not_nesting(self):
        R = self.make()
        eid = "00000000-0000-4000-8000-00000000b4a3"
        R.write(self.bdev, OLD, [entry(eid, self.bdev, self.bob, "[" * 500 + "\\\"{" * 300)])
        r = self.a.run(self.J, "check")
        self.ok(r, "brackets inside text are just text")
        self.assertIn(eid, {e["id"] for e in self.list_json(self.a, self.J, "entries")})

    def test_comments_cannot_hide_nesting(self):
        self.make()
        with open(self.path(self.bdev, OLD), "w") as f:
            f.write('/* " */ ' + "[" * 1000 + "]" * 1000)
        self.assert_reported(self.rel(self.bdev, OLD), "not valid JSON", "comment")

    def test_loose_json_is_refused(self):
        """What a lenient parser would take (a hex or octal number, a bare
        word, a second value after the file's object) is damage, reported
        with the file named, and the rest of the journal stays readable."""
        self.make()
        head = '{"hearth":1,"type":"entries","records":[{"id":"x","n":%s}]}'
        for what, text in (("hex", head % "0x10"), ("octal", head % "010"),
                            ("word", head % "yes"), ("plus", head % "+1"),
                            ("second value", head % "1" + " {}")):
            with open(self.path(self.bdev, OLD), "w") as f:
                f.write(text)
            self.assert_reported(self.rel(self.bdev, OLD), "not valid JSON", what)

    def test_far_too_large_file(self):
        self.make()
        with open(self.path(self.bdev, OLD), "wb") as f:
            f.truncate(64 * 1024 * 1024 + 1)
        self.assert_reported(self.rel(self.bdev, OLD), "far too large", "64 MiB + 1")

    def test_many_tiny_values_are_refused_before_parsing(self):
        self.make()
        with open(self.path(self.bdev, OLD), "w") as f:
            f.write('{"hearth":1,"type":"entries","records":[' + "{}," * 2000000 + "{}]}")
        self.assert_reported(self.rel(self.bdev, OLD), "far more values", "6 MB of {}")

    def test_nested_manifest(self):
        self.make()
        mp = os.path.join(self.J, "hearth-journal.json")
        with open(mp, "w") as f:
            f.write("{" * 100000)
        before = snap(self.J)
        r = self.a.run(self.J, "check")
        self.fails(r, 1, "hearth-journal.json", "damaged", "nested more than 64 levels")
        r = self.a.run(self.J, "add", "entry", "--body", "refused")
        self.fails(r, 1, "hearth-journal.json", "damaged")
        self.unchanged(before, "nested manifest")

    def test_absurd_key_settings_are_refused_at_once(self):
        self.make(pp=self.PASS)
        mp = os.path.join(self.J, "hearth-journal.json")
        original = ht.read_bytes(mp)
        for ops, mem in ((4294967295, 8192 * 1024), (2, 16 * 1024 ** 3), (9, 8192 * 1024),
                         (2, 2 * 1024 ** 3 + 1)):
            manifest = json.loads(original)
            manifest["encryption"]["kdf"]["opslimit"] = ops
            manifest["encryption"]["kdf"]["memlimit"] = mem
            with open(mp, "w") as f:
                json.dump(manifest, f)
            before = snap(self.J)
            for args in (("check",), ("list", "entries")):
                t0 = time.monotonic()
                r = self.a.run(self.J, *args, pp=self.PASS, timeout=30)
                self.fails(r, 1, "hearth-journal.json", "damaged", "far more than any Hearth journal uses",
                           msg="opslimit %d memlimit %d" % (ops, mem))
                self.assertLess(time.monotonic() - t0, 10, "refused at once, not derived")
            self.unchanged(before, "absurd kdf")
        with open(mp, "wb") as f:
            f.write(original)
        self.ok(self.a.run(self.J, "check", pp=self.PASS))

    # -- only regular files

    def test_link_to_dev_zero(self):
        self.make()
        os.symlink("/dev/zero", self.path(self.bdev, OLD))
        self.assert_reported(self.rel(self.bdev, OLD), "link to another place", "link to /dev/zero",
                             timeout=30)

    def test_link_to_a_valid_file_elsewhere_is_not_followed(self):
        R = self.make()
        outside = os.path.join(self.base, "outside")
        R.write("x", OLD, [entry("00000000-0000-4000-8000-0000000000aa", self.bdev, self.bob,
                                 "outside")], folder=outside)
        os.symlink(os.path.join(outside, "devices", "x", OLD), self.path(self.bdev, OLD))
        self.assert_reported(self.rel(self.bdev, OLD), "link to another place", "link elsewhere")

    def test_fifo_does_not_hang(self):
        self.make()
        os.mkfifo(self.path(self.bdev, OLD), 0o600)
        self.assert_reported(self.rel(self.bdev, OLD), "named pipe", "FIFO", timeout=30)

    def test_fifo_manifest_does_not_hang(self):
        self.make()
        mp = os.path.join(self.J, "hearth-journal.json")
        os.unlink(mp)
        os.mkfifo(mp, 0o600)
        r = self.a.run(self.J, "check", timeout=30)
        self.fails(r, 1, "hearth-journal.json", "damaged", "named pipe")

    def test_symlinked_device_folder_is_neither_read_nor_written(self):
        R = self.make()
        outside = os.path.join(self.base, "elsewhere")
        os.makedirs(outside)
        # B's folder moved out and replaced by a link: not read through.
        os.rename(os.path.join(self.J, "devices", self.bdev), os.path.join(outside, self.bdev))
        os.symlink(os.path.join(outside, self.bdev), os.path.join(self.J, "devices", self.bdev))
        outside_before = snap(outside)
        r = self.assert_reported(self.rel(self.bdev, "device.json"),
                                 "devices/%s is a link" % self.bdev, "linked device folder")
        self.assertNotIn("Bob 2021", r.out, "nothing is read through the link")
        # B's own writes do not go through it either.
        before = snap(self.J)
        r = self.b.run(self.J, "add", "gratitude", "--text", "through the link?")
        self.fails(r, 1, "devices/" + self.bdev, "link")
        self.unchanged(before, "refused write")
        self.assertEqual(snap(outside), outside_before, "nothing written outside the journal")
        del R

    # -- unknown members round-trip

    def test_unknown_members_round_trip_byte_exact(self):
        R = self.make()
        eid = "00000000-0000-4000-8000-0000000000e7"
        members = ['"huge":1e999', '"big":123456789012345678901234567890',
                   '"nul":"a\\u0000b"', '"esc":"\\u00e9\\/"', '"pi":3.14159265358979323846',
                   '"deep":{"x":[1e999, -0, "\\u0000"]}']
        unknown = ",".join(members)
        rec = json.dumps(entry(eid, self.bdev, self.bob, "Partner wrote"))
        rec = rec[:-1] + "," + unknown + "}"
        with open(self.path(self.bdev, OLD), "w") as f:
            f.write('{"hearth":1,"type":"entries","records":[%s]}' % rec)
        self.ok(self.a.run(self.J, "check"))
        self.ok(self.a.run(self.J, "edit", eid, "--title", "Edited here"))
        mine = ht.read_bytes(self.path(self.adev, OLD)).decode()
        doc = json.loads(mine)  # it still parses
        self.assertEqual(doc["records"][0]["title"], "Edited here")
        for member in members:
            self.assertIn(member, mine, "kept byte for byte")
        # And again: an edit of the edited version keeps them too.
        self.ok(self.a.run(self.J, "edit", eid, "--title", "Edited twice"))
        again = ht.read_bytes(self.path(self.adev, OLD)).decode()
        json.loads(again)
        self.assertIn('"big":123456789012345678901234567890', again)
        self.assertIn('"nul":"a\\u0000b"', again)
        r = self.a.run(self.J, "list", "entries", "--json")
        self.ok(r)
        self.assertIn('123456789012345678901234567890', r.out)
        self.ok(self.b.run(self.J, "check"), "the partner reads it back")

    # -- smaller ones

    def test_updated_in_year_9999_is_editable(self):
        R = self.make()
        eid = "00000000-0000-4000-8000-000000009999"
        R.write(self.bdev, OLD, [entry(eid, self.bdev, self.bob, "Far future",
                                       updated="9999-12-31T23:59:59.999Z")])
        r = self.a.run(self.J, "edit", eid, "--title", "Edited after all")
        self.ok(r)
        self.assertNotIn("CRITICAL", r.err, r.describe())
        mine = ht.Journal(self.J).read(self.adev, OLD)["records"][0]
        # The end of time can be equalled, not passed: the device id breaks the tie.
        self.assertEqual(mine["updated"], "9999-12-31T23:59:59.999Z")
        self.assertEqual(mine["title"], "Edited after all")
        got = {e["id"]: e for e in self.list_json(self.b, self.J, "entries")}
        self.assertEqual(got[eid]["title"],
                         "Edited after all" if self.adev > self.bdev else "Far future")
        # An ordinary far-future version is beaten by one millisecond.
        R.write(self.bdev, OLD, [entry(eid, self.bdev, self.bob, "Far future",
                                       updated="9999-12-31T23:59:58.000Z")])
        self.ok(self.a.run(self.J, "edit", eid, "--title", "Edited again"))
        got = {e["id"]: e for e in self.list_json(self.b, self.J, "entries")}
        self.assertEqual(got[eid]["title"], "Edited again")

    def test_occurrence_with_a_non_string_ritual(self):
        R = self.make()
        R.write(self.bdev, "rituals-2020.json", [{
            "id": "x/2020-05-01", "kind": "occurrence", "created": "2020-05-01T10:00:00+02:00",
            "updated": "2020-05-01T08:00:00.000Z", "device": self.bdev,
            "ritual": 5, "date": "2020-05-01", "status": "done"}])
        before = snap(self.J)
        r = self.a.run(self.J, "list", "occurrences")
        self.ok(r, "list occurrences does not crash")
        self.warns(r, self.rel(self.bdev, "rituals-2020.json"), "damaged", "“ritual”", "text")
        self.assertNotIn("CRITICAL", r.err, r.describe())
        r = self.a.run(self.J, "check")
        self.assertEqual(r.rc, 1, r.describe())
        self.assertIn(self.rel(self.bdev, "rituals-2020.json"), r.out + r.err)
        self.unchanged(before, "non-string ritual")

    def test_wrong_typed_fields_are_damage_reports(self):
        R = self.make()
        cases = [("title", ["a", "list"]), ("tags", "not a list"), ("tags", [1, 2]),
                 ("deleted", "yes"), ("body", {"an": "object"}), ("mood", 7)]
        for member, value in cases:
            rec = entry("00000000-0000-4000-8000-0000000000f1", self.bdev, self.bob, "typed")
            rec[member] = value
            R.write(self.bdev, OLD, [rec])
            r = self.assert_reported(self.rel(self.bdev, OLD), "“%s” is not what it must be" % member,
                                     "%s = %r" % (member, value))
            self.assertNotIn("CRITICAL", r.err, r.describe())

    def test_partner_text_cannot_drive_the_terminal(self):
        R = self.make()
        eid = "00000000-0000-4000-8000-0000000000c1"
        R.write(self.bdev, OLD, [entry(eid, self.bdev, self.bob,
                                       "\x1b[2J\x1b]0;owned\x07Title\u009b31m",
                                       body="line\x1b[31m red\rback")])
        for args in (("list", "entries"), ("search", "Title")):
            r = self.a.run(self.J, *args)
            self.ok(r)
            for ch in ("\x1b", "\x07", "\r", "\u009b"):
                self.assertNotIn(ch, r.out + r.err, "%s prints no raw control characters" % (args,))
            self.assertIn("\\x1b[2J", r.out, r.describe())
        r = self.a.run(self.J, "list", "entries", "--json")
        self.ok(r)
        self.assertNotIn("\x1b", r.out)
        self.assertIn("\x1b[2J", {e["id"]: e for e in r.json()}[eid]["title"], "JSON keeps the text")

    def test_no_core_dumps(self):
        self.make(pp=self.PASS)
        import re
        import resource
        import subprocess

        def allow_core():
            hard = resource.getrlimit(resource.RLIMIT_CORE)[1]
            resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))

        # It waits for the passphrase on stdin meanwhile.
        p = subprocess.Popen([ht.CLI, "--journal", self.J, "list", "entries", "--passphrase-stdin"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=self.a.env(), preexec_fn=allow_core)
        rx = re.compile(r"Max core file size\s+0\s+0\s")
        try:
            limits = ""
            for _ in range(500):
                with open("/proc/%d/limits" % p.pid) as f:
                    limits = f.read()
                if rx.search(limits):
                    break
                time.sleep(0.02)
            self.assertRegex(limits, rx, "hearth-cli allows no core dump")
        finally:
            p.communicate((self.PASS + "\n").encode(), timeout=60)
        self.assertEqual(p.returncode, 0)


if __name__ == "__main__":
    ht.main()
