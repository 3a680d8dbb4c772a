# SPDX-License-Identifier: GPL-3.0-or-later
"""cli-merge: whatever order a sync tool delivers files in, hearth-cli shows
the last-writer-wins merge that docs/format.md defines.

Six devices' worth of encrypted shards (overlapping ids, ties on `updated`,
tombstones, Syncthing / Nextcloud / Dropbox conflict copies, sync-tool temp
files) are generated in Python, then copied into fresh journal folders in
several orders; after each batch `list entries --json` must equal the Python
merge of what is on disk, and once everything arrived, the same result for
every order. The records are of this year and the last one on the tests'
clock, all written before now. Set HEARTH_TEST_SEED to replay a run."""

import datetime
import os
import random
import shutil
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hearthtest as ht  # noqa: E402

IGNORED = {
    ".syncthing.entries-2026.json.tmp": b"\x00garbage",
    "~syncthing~entries-2026.json.tmp": b"{\"hearth\": 1, \"type\": \"entr",
    ".goutputstream-ABC123": b"partial",
    "entries-2026.json.ABC123": b"{\"hearth\": 1, \"type\": \"entries\", \"ciph",
    "notes.txt": b"shopping list: milk\n",
    "entries-2026.json~": b"editor backup",
}


def ts(rnd, lo, hi):
    t = lo + (hi - lo) * rnd.random()
    t = t.replace(microsecond=(t.microsecond // 1000) * 1000)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


class Merge(ht.CliTestCase):

    def setUp(self):
        super().setUp()
        self.seed = int(os.environ.get("HEARTH_TEST_SEED") or
                        int.from_bytes(os.urandom(6), "big"))
        print("cli-merge seed: HEARTH_TEST_SEED=%d" % self.seed, file=sys.stderr)
        self.rnd = random.Random(self.seed)

    def generate(self, R, gen):
        """Write generated device folders into GEN; return every version."""
        rnd = self.rnd
        partners = sorted(R.partners())
        utc = datetime.timezone.utc
        now = self.clock.utcnow()
        year = now.year
        # Created in the first half of the year so far (and early last
        # year), updated in the second half: every version is older than
        # now, and newer than what it changes.
        new_year = datetime.datetime(year, 1, 1, tzinfo=utc)
        half = new_year + (now - new_year) / 2
        created = {}
        for y, lo, hi, n in ((year - 1, new_year.replace(year=year - 1),
                              new_year.replace(year=year - 1, month=4), 9),
                             (year, new_year, half, 13)):
            for _ in range(n):
                c = lo + (hi - lo) * rnd.random()
                created[str(uuid.uuid4())] = (y, c.strftime("%Y-%m-%dT%H:%M:00+00:00"))
        # A small pool of times so that ties between devices are common.
        pool = sorted({ts(rnd, half + datetime.timedelta(minutes=1), now)
                       for _ in range(7)})
        devices = sorted(str(uuid.uuid4()) for _ in range(6))
        used = set()
        versions = []
        counter = [0]

        def version(i, dev, partner):
            for _ in range(100):
                up = rnd.choice(pool)
                if (i, up, dev) not in used:
                    break
            else:
                return None
            used.add((i, up, dev))
            counter[0] += 1
            rec = {"id": i, "kind": "entry", "created": created[i][1],
                   "updated": up, "device": dev}
            if rnd.random() < 0.2:
                rec["deleted"] = True
            else:
                rec.update({"author": partner, "title": "title %d" % counter[0],
                            "body": "body %d from %s" % (counter[0], dev[:8]),
                            "mood": rnd.choice(ht.MOODS),
                            "tags": rnd.sample(["a", "b", "c", "d"], rnd.randint(0, 2))})
                if rnd.random() < 0.3:
                    rec["x_unknown"] = {"n": counter[0]}
            versions.append(rec)
            return rec

        for k, dev in enumerate(devices):
            partner = partners[k % 2]
            R.write_device(dev, partner, folder=gen)
            for y in (year - 1, year):
                ids = [i for i, (cy, _) in created.items() if cy == y and rnd.random() < 0.55]
                recs = [v for v in (version(i, dev, partner) for i in ids) if v]
                if recs:
                    R.write(dev, "entries-%d.json" % y, recs, folder=gen)
        conflicts = (
            (devices[0], "entries-%d.sync-conflict-20261122-093000-ABCDEFG.json" % year, year),
            (devices[1], "entries-%d (conflicted copy 2026-11-22 093000).json" % year, year),
            (devices[2], "entries-%d (Bob's conflicted copy 2026-11-22).json" % (year - 1),
             year - 1),
        )
        for k, (dev, name, y) in enumerate(conflicts):
            partner = partners[devices.index(dev) % 2]
            ids = [i for i, (cy, _) in created.items() if cy == y]
            recs = [v for v in (version(i, dev, partner) for i in rnd.sample(ids, 5)) if v]
            R.write(dev, name, recs, folder=gen)
        for name, data in IGNORED.items():
            dev = rnd.choice(devices)
            with open(os.path.join(gen, "devices", dev, name), "wb") as f:
                f.write(data)
        return versions

    def fresh_journal(self, template, creator, name):
        J = self.journal_path(name)
        os.makedirs(os.path.join(J, "devices"), mode=0o700)
        os.chmod(J, 0o700)
        shutil.copy2(os.path.join(template, "hearth-journal.json"), J)
        shutil.copytree(os.path.join(template, "devices", creator),
                        os.path.join(J, "devices", creator))
        return J

    def arrive(self, gen, J, rel):
        """A sync tool delivers one file: temp file, then rename."""
        src = os.path.join(gen, rel)
        dst = os.path.join(J, rel)
        os.makedirs(os.path.dirname(dst), mode=0o700, exist_ok=True)
        tmp = os.path.join(os.path.dirname(dst), ".syncthing.arriving.tmp")
        shutil.copyfile(src, tmp)
        os.chmod(tmp, 0o600)
        os.rename(tmp, dst)

    def check_view(self, dev, J, what):
        r = dev.run(J, "list", "entries", "--json", pp=self.PASS)
        self.ok(r, what)
        for name in IGNORED:
            self.assertNotIn(name, r.err, "ignored file mentioned (%s)\n%s"
                             % (what, r.describe()))
        self.assertNotIn("damaged", r.err.lower(), "%s\n%s" % (what, r.describe()))
        expected = ht.Journal(J, self.PASS).merged("entry")
        self.assertSameRecords(r.json(), list(expected.values()),
                               "%s (seed %d)" % (what, self.seed))
        return ht.by_id(r.json())

    def test_any_arrival_order_gives_lww(self):
        a = self.device("creator")
        T = self.journal_path("template")
        self.init(a, T, pp=self.PASS)
        R = ht.Journal(T, self.PASS)
        creator = R.device_ids()[0]
        gen = os.path.join(self.base, "generated")
        versions = self.generate(R, gen)
        expected = ht.by_id(ht.lww(versions).values())
        self.assertTrue(expected, "generator produced visible records")
        files = sorted(os.path.relpath(os.path.join(root, f), gen)
                       for root, _, fs in os.walk(gen) for f in fs)
        rnd = self.rnd

        def shuffled():
            f = list(files)
            rnd.shuffle(f)
            return f

        orders = [
            ("all at once", [files]),
            ("reverse, two batches", [files[::-1][:len(files) // 3],
                                      files[::-1][len(files) // 3:]]),
        ]
        s = shuffled()
        k = rnd.randint(1, len(s) - 1)
        orders.append(("random subset then rest", [s[:k], s[k:]]))
        s = shuffled()
        k1, k2 = sorted(rnd.sample(range(1, len(s)), 2))
        orders.append(("random, three batches", [s[:k1], s[k1:k2], s[k2:]]))

        finals = []
        for n, (label, batches) in enumerate(orders):
            J = self.fresh_journal(T, creator, "order%d" % n)
            obs = self.device("obs%d" % n)
            for b, batch in enumerate(batches):
                for rel in batch:
                    self.arrive(gen, J, rel)
                view = self.check_view(obs, J, "%s, after batch %d" % (label, b + 1))
            self.assertSameRecords(view, expected,
                                   "%s: final view vs generated LWW (seed %d)"
                                   % (label, self.seed))
            finals.append(view)
            if n % 2 == 0:
                r = obs.run(J, "check", pp=self.PASS)
                self.ok(r, "check with sync-tool temp files and conflict copies")
                for name in IGNORED:
                    self.assertNotIn(name, r.out + r.err, r.describe())
        for f in finals[1:]:
            self.assertEqual(f, finals[0], "same journal for every arrival order")

        # A device that joined edits while only half of the files are there;
        # the rest arrives later. Its edit is the newest version, so it wins.
        s = shuffled()
        J = self.fresh_journal(T, creator, "editing")
        obs = self.device("editor")
        self.join(obs, J, "Bob", pp=self.PASS)
        for rel in s[:len(s) // 2]:
            self.arrive(gen, J, rel)
        view = self.check_view(obs, J, "editor, half arrived")
        if view:
            target = rnd.choice(view)["id"]
            r = obs.run(J, "edit", target, "--title", "edited mid-sync", pp=self.PASS)
            self.ok(r)
        for rel in s[len(s) // 2:]:
            self.arrive(gen, J, rel)
        view = self.check_view(obs, J, "editor, all arrived")
        if view:
            got = {e["id"]: e for e in view}
            self.assertIn(target, got, "the newest version (the edit) wins")
            self.assertEqual(got[target]["title"], "edited mid-sync")


if __name__ == "__main__":
    ht.main()
