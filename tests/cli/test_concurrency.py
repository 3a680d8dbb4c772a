# SPDX-License-Identifier: GPL-3.0-or-later
"""cli-concurrency: two devices writing at the same time lose nothing, and a
hearth-cli killed with SIGKILL in the middle of saving never leaves a broken
file or loses an entry it already acknowledged."""

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hearthtest as ht  # noqa: E402

PER_DEVICE = 40

# Run by the kill test in its own process group: adds entries one by one and
# appends each id hearth-cli printed (after it exited 0) to the ack file.
# Each hearth-cli starts on the tests' clock, which showed CLOCK_AT at the
# monotonic time CLOCK_MONO.
ADD_LOOP = r"""
import os, subprocess, sys, time
cli, journal, ack, prefix, passphrase, clock_at, clock_mono = sys.argv[1:8]
body = ("A long body so that saving takes a while. " * 400)
env = dict(os.environ)
n = 0
while True:
    n += 1
    env["FAKETIME"] = "@%.6f" % (float(clock_at) + time.monotonic() - float(clock_mono))
    p = subprocess.run([cli, "--journal", journal, "add", "entry",
                        "--title", "%s %d" % (prefix, n), "--body", body,
                        "--passphrase-stdin"],
                       input=(passphrase + "\n").encode(), capture_output=True, env=env)
    if p.returncode == 0:
        words = p.stdout.decode().split()
        with open(ack, "a") as f:
            f.write(words[-1] + "\n")
            f.flush()
            os.fsync(f.fileno())
    else:
        with open(ack + ".err", "a") as f:
            f.write("exit %d: %s\n" % (p.returncode, p.stderr.decode(errors="replace")))
"""


class Concurrency(ht.CliTestCase):

    def test_two_devices_write_at_once(self):
        a, b = self.device("a"), self.device("b")
        J = self.journal_path()
        self.init(a, J, pp=self.PASS)
        self.join(b, J, "Bob", pp=self.PASS)
        results = {"a": [], "b": []}
        errors = []

        def loop(dev, key):
            try:
                for i in range(PER_DEVICE):
                    r = dev.run(J, "add", "entry", "--title", "%s %d" % (key, i),
                                "--body", "written concurrently", pp=self.PASS)
                    if r.rc != 0:
                        errors.append(r.describe())
                        continue
                    results[key].append(r.last_word)
            except BaseException as e:  # noqa: BLE001 (report in main thread)
                errors.append(repr(e))

        threads = [threading.Thread(target=loop, args=(a, "a")),
                   threading.Thread(target=loop, args=(b, "b"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [], "every concurrent add succeeds:\n" + "\n".join(errors[:3]))
        acked = set(results["a"]) | set(results["b"])
        self.assertEqual(len(acked), 2 * PER_DEVICE, "distinct ids")
        views = []
        for dev in (a, b):
            got = self.list_json(dev, J, "entries", pp=self.PASS)
            self.assertEqual({e["id"] for e in got}, acked,
                             "device %s lists all %d entries" % (dev.name, 2 * PER_DEVICE))
            views.append(ht.by_id(got))
        self.assertEqual(views[0], views[1], "both devices see the same journal")
        self.ok(a.run(J, "check", pp=self.PASS))

    @staticmethod
    def wait_for_write(folder, timeout):
        def state():
            out = {}
            for e in os.scandir(folder):
                try:
                    st = e.stat(follow_symlinks=False)
                except OSError:
                    continue
                out[e.name] = (st.st_ino, st.st_size, st.st_mtime_ns)
            return out
        first = state()
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if state() != first:
                return True
            time.sleep(0.0005)
        return False

    def test_sigkill_while_saving(self):
        rnd = random.Random(os.environ.get("HEARTH_TEST_SEED") or os.urandom(8))
        a = self.device("a")
        J = self.journal_path()
        self.init(a, J, pp=self.PASS)
        ack = os.path.join(self.base, "acked.txt")
        killed = 0
        devdir = None
        for round_ in range(8):
            p = subprocess.Popen(
                ["/usr/bin/python3", "-c", ADD_LOOP, ht.CLI, J, ack,
                 "round%d" % round_, self.PASS,
                 "%.6f" % self.clock.timestamp(), "%.6f" % time.monotonic()],
                env=a.env(), stdin=subprocess.DEVNULL, start_new_session=True)
            time.sleep(rnd.uniform(0.5, 2.0))
            if round_ % 2 and devdir:
                # Kill at the first sign of a save: a new (temporary) file in
                # the device folder, or the shard changing.
                self.wait_for_write(devdir, timeout=15)
            # Kill the loop and the hearth-cli it is running, mid-whatever.
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            killed += 1
            devs = ht.Journal.device_ids_of(J)
            devdir = os.path.join(J, "devices", devs[0]) if devs else None
        acked = []
        if os.path.exists(ack):
            with open(ack) as f:
                acked = [x for x in f.read().split() if x]
        errs = ""
        if os.path.exists(ack + ".err"):
            with open(ack + ".err") as f:
                errs = f.read()
        if errs:
            self.fail("an add failed between kills (a file broken by SIGKILL?):\n"
                      + errs[:2000])
        self.assertGreater(len(acked), 0, "the loop acknowledged some entries")

        r = a.run(J, "check", pp=self.PASS)
        self.ok(r, "every file is intact after %d SIGKILLs" % killed)
        R = ht.Journal(J, self.PASS)
        on_disk = R.merged("entry")  # raises if any data file is broken
        for dev, name, canonical in R.data_files():
            R.read(dev, name, canonical)
        got = {e["id"] for e in self.list_json(a, J, "entries", pp=self.PASS)}
        missing = [i for i in acked if i not in got]
        self.assertEqual(missing, [], "acknowledged entries lost after SIGKILL")
        self.assertEqual(got, set(on_disk), "hearth-cli and the reference reader agree")
        # And the journal still takes new entries.
        eid = self.add_entry(a, J, "after the storm", "still fine", pp=self.PASS)
        self.assertIn(eid, {e["id"] for e in self.list_json(a, J, "entries", pp=self.PASS)})


if __name__ == "__main__":
    ht.main()
