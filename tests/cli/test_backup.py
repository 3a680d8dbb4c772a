# SPDX-License-Identifier: GPL-3.0-or-later
"""cli-backup: `hearth-cli backup` copies the journal's files as they are
into $XDG_DATA_HOME/hearth/backups/<journal id>/<YYYY-MM-DD>/, and
`hearth-cli restore --from DIR` brings back what a backup holds and the
journal lost, as new versions by this device, never replacing anything
written since. Every bad case shows the message and that no journal file
changed and no half backup was left.

hearth-cli runs on the tests' fake clock (hearthtest.CLOCK): backups are
named by the day the program sees."""

import base64
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hearthtest as ht  # noqa: E402

# The day every test starts at, and the file its entries go to.
TODAY = ht.CLOCK.today().isoformat()
ENTRIES = "entries-%d.json" % ht.local_year()


def regular_files(folder):
    """relative path → (mode, bytes) of every regular file under FOLDER."""
    out = {}
    for root, dirs, files in os.walk(folder):
        for f in files:
            p = os.path.join(root, f)
            st = os.lstat(p)
            if os.path.isfile(p) and not os.path.islink(p):
                with open(p, "rb") as fh:
                    out[os.path.relpath(p, folder)] = (st.st_mode & 0o777, fh.read())
    return out


class Backup(ht.CliTestCase):

    PP = None

    def setUp(self):
        super().setUp()
        self.a = self.device("a")
        self.J = self.journal_path()
        self.jid = self.init(self.a, self.J, pp=self.PP)
        self.adev = ht.Journal(self.J, self.PP).device_ids()[0]
        self.walk = self.add_entry(self.a, self.J, "A walk", "By the river.", pp=self.PP)
        self.swim = self.add_entry(self.a, self.J, "A swim", "In the lake.", pp=self.PP)
        self.folder = os.path.join(self.xdg_data, "hearth", "backups", self.jid)
        self.today = os.path.join(self.folder, TODAY)

    def run_a(self, *args, **kw):
        return self.a.run(self.J, *args, pp=self.PP, **kw)

    def backup(self):
        r = self.a.run(self.J, "backup")
        self.ok(r)
        self.assertIn(self.today, r.out, r.describe())
        return r

    def entries(self):
        return {e["id"]: e for e in self.list_json(self.a, self.J, "entries", pp=self.PP)}

    def assertNoHalfBackup(self, allowed=(".lock",)):
        names = sorted(os.listdir(self.folder)) if os.path.isdir(self.folder) else []
        self.assertEqual([n for n in names if n not in allowed], [],
                         "nothing but finished backups in " + self.folder)

    # ------------------------------------------------------------------

    def test_help_names_the_commands(self):
        r = self.a.run(None, "--help")
        self.ok(r)
        self.assertIn("backup [--list]", r.out)
        self.assertIn("restore --from DIR|YYYY-MM-DD [--dry-run]", r.out)

    def test_backup_copies_files_as_they_are(self):
        os.chmod(os.path.join(self.J, "devices", self.adev, "shared.json"), 0o640)
        r = self.backup()
        self.assertRegex(r.out, r"^Backed up \d+ files \(.*\) to ")
        copied = regular_files(self.today)
        index = json.loads(copied.pop("hearth-backup.json")[1])
        self.assertEqual(copied, regular_files(self.J),
                         "every file byte for byte, with its mode")
        self.assertEqual(copied["devices/%s/shared.json" % self.adev][0], 0o640)
        self.assertEqual(index["journal"], self.jid)
        self.assertEqual(sorted(f["path"] for f in index["files"]), sorted(copied))
        self.assertNoHalfBackup(allowed=(".lock", TODAY))
        # Outside the journal folder, which the partner's computer receives.
        self.assertFalse(os.path.commonpath([self.today, self.J]) == self.J)

        r = self.a.run(self.J, "backup", "--list")
        self.ok(r)
        self.assertRegex(r.out, r"^%s  %d files, .*  %s\n$" % (TODAY, len(copied), self.today))

    def test_dry_run_changes_nothing(self):
        self.backup()
        self.ok(self.run_a("delete", self.walk))
        self.ok(self.run_a("edit", self.swim, "--body", "In the cold lake, twice."))
        before = ht.snapshot(self.J)
        r = self.run_a("restore", "--from", self.today, "--dry-run")
        self.ok(r)
        self.assertIn("The backup of %s: 1 deleted item comes back; 1 earlier text comes back "
                      "beside the current one. Nothing written since the backup is changed." % TODAY,
                      r.out, r.describe())
        self.assertIn("  %s  Journal entry: A walk  (deleted since the backup)" % TODAY, r.out)
        self.assertIn("  %s  Journal entry: A swim  (changed since; the earlier text comes back "
                      "beside it)" % TODAY, r.out)
        self.assertIn("Nothing was restored: this was a dry run.", r.out)
        self.assertUnchanged(before, self.J, "dry run")

    def test_restore_brings_back_as_new_versions(self):
        self.backup()
        backup_versions = {r["id"]: r for r in ht.Journal(self.today, self.PP).records()}
        seq_before = ht.Journal(self.J, self.PP).seq(self.adev, ENTRIES)
        self.ok(self.run_a("delete", self.walk))
        self.ok(self.run_a("edit", self.swim, "--body", "In the cold lake, twice."))
        dinner = self.add_entry(self.a, self.J, "A dinner", "Written after the backup.", pp=self.PP)

        # By date, as the backup list names it.
        r = self.run_a("restore", "--from", TODAY)
        self.ok(r)
        self.assertIn("Brought back 2 items from the backup of %s." % TODAY, r.out, r.describe())

        entries = self.entries()
        self.assertEqual(len(entries), 4, r.describe())
        walk = entries[self.walk]
        self.assertEqual(walk["body"], "By the river.")
        self.assertEqual(walk["device"], self.adev)
        self.assertGreater(ht.parse_time(walk["updated"]),
                           ht.parse_time(backup_versions[self.walk]["updated"]),
                           "a new version, stamped now")
        self.assertEqual(entries[self.swim]["body"], "In the cold lake, twice.",
                         "what was written since stays")
        earlier = [e for e in entries.values() if e["body"] == "In the lake."]
        self.assertEqual(len(earlier), 1, "the earlier text beside it")
        self.assertNotEqual(earlier[0]["id"], self.swim)
        self.assertEqual(earlier[0]["created"], backup_versions[self.swim]["created"])
        self.assertEqual(entries[dinner]["body"], "Written after the backup.")

        # Written through the normal save: this device's file, its counter
        # counted on, readable by an outside reader.
        reader = ht.Journal(self.J, self.PP)
        self.assertGreater(reader.seq(self.adev, ENTRIES), seq_before + 2)
        merged = reader.merged("entry")
        self.assertEqual(sorted(merged), sorted(entries))
        r = self.run_a("check")
        self.ok(r)
        self.assertIn("Every file of the journal is fine.", r.out)

        # Once more: nothing left to bring back, nothing changed.
        before = ht.snapshot(self.J)
        r = self.run_a("restore", "--from", self.today)
        self.ok(r)
        self.assertIn("The backup holds nothing that your journal has lost.", r.out)
        self.assertUnchanged(before, self.J, "second restore")

    def test_partner_receives_restored_entry(self):
        b = self.device("b")
        self.join(b, self.J, "Bob", pp=self.PP)
        self.ok(b.run(self.J, "check", pp=self.PP))
        self.backup()
        self.ok(self.run_a("delete", self.walk))
        self.ok(b.run(self.J, "check", pp=self.PP))
        self.ok(self.run_a("restore", "--from", self.today))
        r = b.run(self.J, "check", pp=self.PP)
        self.ok(r)
        self.assertIn("Every file of the journal is fine.", r.out, "nothing went back for the partner")
        ids = [e["id"] for e in self.list_json(b, self.J, "entries", pp=self.PP)]
        self.assertIn(self.walk, ids)

    def test_foreign_backup_refused(self):
        other = self.journal_path("other")
        self.init(self.a, other, name="Theirs", pp=self.PP)
        self.add_entry(self.a, other, "Not ours", "From another journal.", pp=self.PP)
        r = self.a.run(other, "backup")
        self.ok(r)
        foreign = r.out.strip().rsplit(" ", 1)[-1]
        self.ok(self.run_a("delete", self.walk))
        before = ht.snapshot(self.J)
        r = self.run_a("restore", "--from", foreign)
        self.fails(r, 1, "is of another journal", "Nothing was restored")
        self.assertUnchanged(before, self.J, "foreign backup")

    def test_damaged_backup_refused(self):
        self.backup()
        self.ok(self.run_a("delete", self.walk))
        before = ht.snapshot(self.J)
        copy = os.path.join(self.today, "devices", self.adev, ENTRIES)
        good = ht.read_bytes(copy)

        # Truncated.
        with open(copy, "wb") as f:
            f.write(good[:len(good) // 2])
        r = self.run_a("restore", "--from", self.today)
        self.fails(r, 1, "cannot be used", "is not as it was when it was backed up",
                   "Nothing was restored")
        self.assertUnchanged(before, self.J, "truncated backup")

        # Forged: another text, with the list changed to match.
        forged = good.replace(b"By the river.", b"Forged words.") if self.PP is None \
            else self.flip_ciphertext(good)
        self.assertNotEqual(forged, good)
        with open(copy, "wb") as f:
            f.write(forged)
        self.fix_index(copy, forged)
        r = self.run_a("restore", "--from", self.today)
        if self.PP is None:
            # Nothing tells a forged plain file from a real one; what it
            # brings back is still only an addition.
            self.ok(r)
            self.assertNotIn("By the river.", json.dumps(self.entries()))
            before = ht.snapshot(self.J)
        else:
            self.fails(r, 1, "cannot be used", "is damaged", "Nothing was restored")
            self.assertUnchanged(before, self.J, "forged backup")

        # No list of files: a backup that was never finished.
        os.unlink(os.path.join(self.today, "hearth-backup.json"))
        r = self.run_a("restore", "--from", self.today)
        self.fails(r, 1, "not a finished Hearth backup", "Nothing was restored")
        self.assertUnchanged(before, self.J, "backup without its list")

        r = self.run_a("restore", "--from", os.path.join(self.folder, "2026-01-01"))
        self.fails(r, 1, "There is no backup in")
        r = self.run_a("restore")
        self.fails(r, 2, "restore needs --from")

    def flip_ciphertext(self, data):
        doc = json.loads(data)
        raw = bytearray(base64.b64decode(doc["ciphertext"]))
        raw[len(raw) // 2] ^= 0x01
        doc["ciphertext"] = base64.b64encode(bytes(raw)).decode()
        return json.dumps(doc).encode()

    def fix_index(self, copy, data):
        import hashlib
        index_path = os.path.join(self.today, "hearth-backup.json")
        with open(index_path) as f:
            index = json.load(f)
        rel = os.path.relpath(copy, self.today)
        for entry in index["files"]:
            if entry["path"] == rel:
                entry["size"] = len(data)
                entry["sha256"] = hashlib.sha256(data).hexdigest()
        with open(index_path, "w") as f:
            json.dump(index, f)

    def big_entry(self):
        self.add_entry(self.a, self.J, "A long letter", "Dear you, " * 3000, pp=self.PP)

    def test_file_size_limit_is_a_full_disk(self):
        """RLIMIT_FSIZE (prlimit) makes every write past 8 KiB fail with
        EFBIG: the same path as a full disk."""
        if not shutil.which("prlimit"):
            self.skipTest("prlimit is not available")
        self.big_entry()
        os.makedirs(self.folder, mode=0o700)
        before = ht.snapshot(self.J)
        r = self.a.run(self.J, "backup", wrapper=("prlimit", "--fsize=8192", "--"))
        self.fails(r, 1, "not enough room on the disk for a backup", self.folder,
                   "your journal was not touched")
        self.assertNoHalfBackup()
        self.assertUnchanged(before, self.J, "file size limit")

    def test_full_disk(self):
        """The backups on a real, full file system (a small tmpfs in a
        private mount namespace)."""
        if not shutil.which("unshare"):
            self.skipTest("unshare is not available")
        self.big_entry()
        os.makedirs(self.folder, mode=0o700)
        script = r"""
set -e
mount -t tmpfs -o size=64k,mode=0700 tmpfs "$0"
dd if=/dev/zero of="$0"/.filler bs=4k count=100 2>/dev/null || true
set +e
"$@"
rc=$?
echo "LEFT: $(cd "$0" && ls -A | tr '\n' ' ')" >&2
exit $rc
"""
        wrapper = ("unshare", "-r", "-m", "--propagation", "private", "sh", "-c", script, self.folder)
        probe = subprocess.run(list(wrapper) + ["true"], capture_output=True, text=True)
        if probe.returncode != 0:
            self.skipTest("no private tmpfs here: " + probe.stderr.strip())
        before = ht.snapshot(self.J)
        r = self.a.run(self.J, "backup", wrapper=wrapper)
        self.fails(r, 1, "not enough room on the disk for a backup", "your journal was not touched")
        self.assertIn("LEFT: .filler .lock \n", r.err, "no half backup on the full disk\n" + r.describe())
        self.assertUnchanged(before, self.J, "full disk")

    def test_unwritable_backups_folder(self):
        self.backup()
        wrapper, how = self.make_unwritable(self.folder)
        print("unwritable folder made with: " + how, file=sys.stderr)
        self.ok(self.run_a("add", "entry", "--title", "Later", "--body", "After the backup."))
        before = ht.snapshot(self.J)
        kept = regular_files(self.today)
        r = self.a.run(self.J, "backup", wrapper=wrapper)
        self.fails(r, 1, "A backup cannot be made in", self.folder, "may write to it",
                   msg="unwritable backups folder (%s)" % how)
        self.assertUnchanged(before, self.J, "unwritable backups folder")
        self.assertEqual(regular_files(self.today), kept, "the earlier backup is kept as it was")
        self.assertNoHalfBackup(allowed=(".lock", TODAY))

    def test_linked_device_folder_not_followed(self):
        outside = os.path.join(self.base, "outside")
        os.makedirs(outside)
        with open(os.path.join(outside, ENTRIES), "w") as f:
            f.write("not this journal's")
        os.symlink(outside, os.path.join(self.J, "devices", "linked"))
        os.mkfifo(os.path.join(self.J, "devices", self.adev, "gratitude-2001.json"))
        self.backup()
        self.assertFalse(os.path.exists(os.path.join(self.today, "devices", "linked")))
        self.assertFalse(os.path.exists(os.path.join(self.today, "devices", self.adev,
                                                     "gratitude-2001.json")))


class EncryptedBackup(Backup):
    PP = ht.CliTestCase.PASS


if __name__ == "__main__":
    ht.main()
