# SPDX-License-Identifier: GPL-3.0-or-later
"""long-syncthing: one journal kept in sync between two computers by two real
Syncthing instances, as a couple would run it.

Each side has its own Syncthing (its own home, ports on 127.0.0.1 only: no
discovery, relays, NAT traversal, usage reporting or upgrades) and its own
copy of the journal folder; Alice's and Bob's hearth-cli write there at the
same time, edit the same entry on both sides, and one side puts an old copy
of the other's file in place while the two are apart, so that Syncthing
makes a real conflict copy. Once Syncthing says both are in sync, both sides
show the same records, nothing written is lost, and after each device
loaded, no conflict copy of its own files is left.

Opt-in (meson suite 'long'): tools/dev test --suite long."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import json
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "cli"))
import hearthtest as ht  # noqa: E402

FOLDER = "hearth"
PER_SIDE = 12
SYNC_TIMEOUT = 180
START_TIMEOUT = 60
YEAR = ht.local_year()
ENTRIES = "entries-%d.json" % YEAR


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what, check, timeout):
    """Polls CHECK until it returns a true value; fails after TIMEOUT s."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            value = check()
        except (OSError, ValueError, KeyError) as e:
            value, last = None, e
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError("timed out after %ss waiting for %s (last error: %r)"
                         % (timeout, what, last))


class Syncthing:
    """One Syncthing instance: its home, its ports, its REST API."""

    def __init__(self, base, name, folder):
        self.name = name
        self.home = os.path.join(base, "syncthing-" + name)
        self.folder = folder
        self.gui_port = free_port()
        self.listen_port = free_port()
        self.proc = None
        self.log = os.path.join(base, "syncthing-%s.log" % name)
        r = subprocess.run(["syncthing", "generate", "--home=" + self.home,
                            "--no-default-folder", "--skip-port-probing"],
                           env=self.env(), capture_output=True, text=True,
                           timeout=START_TIMEOUT)
        if r.returncode != 0:
            raise AssertionError("syncthing generate failed: " + r.stdout + r.stderr)
        self.config = os.path.join(self.home, "config.xml")
        tree = ET.parse(self.config)
        root = tree.getroot()
        self.device_id = root.find("device").get("id")
        self.api_key = root.find("gui/apikey").text

    def env(self):
        e = dict(os.environ)
        e.update({"STNOUPGRADE": "1", "STNORESTART": "1", "STNODEFAULTFOLDER": "1",
                  "HOME": self.home})
        for k in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY",
                  "HTTPS_PROXY", "ALL_PROXY"):
            e.pop(k, None)
        e["NO_PROXY"] = e["no_proxy"] = "127.0.0.1"
        return e

    def configure(self, peer):
        """Writes the whole configuration before the first start: only
        127.0.0.1, nothing announced or reported, one shared folder."""
        tree = ET.parse(self.config)
        root = tree.getroot()
        opts = root.find("options")

        def setopt(tag, value):
            for el in opts.findall(tag):
                opts.remove(el)
            el = ET.SubElement(opts, tag)
            el.text = value

        for tag in ("globalAnnounceServer", "stunServer"):
            for el in opts.findall(tag):
                opts.remove(el)
        setopt("listenAddress", "tcp://127.0.0.1:%d" % self.listen_port)
        setopt("globalAnnounceEnabled", "false")
        setopt("localAnnounceEnabled", "false")
        setopt("relaysEnabled", "false")
        setopt("natEnabled", "false")
        setopt("urAccepted", "-1")
        setopt("urSeen", "3")
        setopt("urURL", "")
        setopt("autoUpgradeIntervalH", "0")
        setopt("releasesURL", "")
        setopt("crashReportingEnabled", "false")
        setopt("crashReportingURL", "")
        setopt("startBrowser", "false")
        setopt("announceLANAddresses", "false")
        setopt("stunKeepaliveStartS", "0")
        setopt("reconnectionIntervalS", "1")
        setopt("restartOnWakeup", "false")
        gui = root.find("gui")
        gui.find("address").text = "127.0.0.1:%d" % self.gui_port

        for el in root.findall("device"):
            root.remove(el)
        for el in root.findall("folder"):
            root.remove(el)
        for dev, address in ((self, "tcp://127.0.0.1:%d" % self.listen_port),
                             (peer, "tcp://127.0.0.1:%d" % peer.listen_port)):
            d = ET.SubElement(root, "device", {
                "id": dev.device_id, "name": dev.name, "compression": "metadata",
                "introducer": "false", "skipIntroductionRemovals": "false",
                "introducedBy": ""})
            ET.SubElement(d, "address").text = address
            ET.SubElement(d, "paused").text = "false"
            ET.SubElement(d, "autoAcceptFolders").text = "false"
        f = ET.SubElement(root, "folder", {
            "id": FOLDER, "label": "Hearth", "path": self.folder,
            "type": "sendreceive", "rescanIntervalS": "3600",
            "fsWatcherEnabled": "true", "fsWatcherDelayS": "1",
            "ignorePerms": "false", "autoNormalize": "true"})
        ET.SubElement(f, "filesystemType").text = "basic"
        for dev in (self, peer):
            ET.SubElement(f, "device", {"id": dev.device_id, "introducedBy": ""})
        ET.SubElement(f, "maxConflicts").text = "10"
        ET.SubElement(f, "markerName").text = ".stfolder"
        ET.SubElement(f, "paused").text = "false"
        tree.write(self.config, encoding="utf-8", xml_declaration=False)
        os.makedirs(os.path.join(self.folder, ".stfolder"), exist_ok=True)

    def start(self):
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                ["syncthing", "serve", "--home=" + self.home, "--no-browser",
                 "--no-restart", "--no-upgrade", "--logflags=3"],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                env=self.env(), start_new_session=True)
        wait_for("syncthing %s to answer" % self.name,
                 lambda: self.get("/rest/system/ping").get("ping") == "pong",
                 START_TIMEOUT)

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            self.post("/rest/system/shutdown")
            self.proc.wait(timeout=20)
        except (OSError, subprocess.TimeoutExpired, AssertionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=20)

    # -- REST

    def request(self, method, path, timeout=30):
        if self.proc is not None and self.proc.poll() is not None:
            raise AssertionError("syncthing %s exited (%s); see %s"
                                 % (self.name, self.proc.returncode, self.log))
        req = urllib.request.Request("http://127.0.0.1:%d%s" % (self.gui_port, path),
                                     method=method, headers={"X-API-Key": self.api_key})
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(req, timeout=timeout) as resp:
            body = resp.read()
        return json.loads(body) if body.strip() else {}

    def get(self, path):
        return self.request("GET", path)

    def post(self, path):
        return self.request("POST", path, timeout=120)

    def connected(self, peer):
        conns = self.get("/rest/system/connections")["connections"]
        return conns.get(peer.device_id, {}).get("connected", False)

    def scan(self):
        self.post("/rest/db/scan?folder=" + FOLDER)

    def in_sync_with(self, peer):
        status = self.get("/rest/db/status?folder=" + FOLDER)
        done = self.get("/rest/db/completion?folder=%s&device=%s" % (FOLDER, peer.device_id))
        ok = (status["state"] == "idle" and status["needTotalItems"] == 0 and
              status.get("pullErrors", 0) == 0 and done["completion"] == 100 and
              done["needItems"] == 0 and done["needDeletes"] == 0)
        return ok, (status["sequence"], status["globalFiles"], status["localFiles"])


class TwoComputers(ht.CliTestCase):

    def setUp(self):
        super().setUp()
        if not shutil.which("syncthing"):
            self.fail("syncthing is not installed (tools/dev test --suite long installs it)")
        self.t0 = time.monotonic()
        self.ja = self.journal_path("alice-computer")
        self.jb = self.journal_path("bob-computer")
        os.makedirs(self.jb, mode=0o700)
        self.alice, self.bob = self.device("alice"), self.device("bob")
        self.init(self.alice, self.ja, pp=self.PASS)
        self.sa = Syncthing(self.base, "alice", self.ja)
        self.sb = Syncthing(self.base, "bob", self.jb)
        self.sa.configure(self.sb)
        self.sb.configure(self.sa)
        for s in (self.sa, self.sb):
            self.addCleanup(s.stop)
            s.start()
        self.addCleanup(self.show_logs_on_failure)
        wait_for("the two Syncthing instances to connect",
                 lambda: self.sa.connected(self.sb) and self.sb.connected(self.sa),
                 START_TIMEOUT)

    def show_logs_on_failure(self):
        outcome = getattr(self, "_outcome", None)
        result = getattr(outcome, "result", None)
        if result is not None and (result.failures or result.errors):
            for s in (self.sa, self.sb):
                try:
                    with open(s.log, errors="replace") as f:
                        sys.stderr.write("--- %s ---\n%s\n" % (s.log, f.read()[-6000:]))
                except OSError:
                    pass

    def sync(self, what):
        """Waits until both sides scanned and each has all the other has:
        the same answer twice in a row."""
        seen = []

        def settled():
            for s in (self.sa, self.sb):
                s.scan()
            a_ok, a_seq = self.sa.in_sync_with(self.sb)
            b_ok, b_seq = self.sb.in_sync_with(self.sa)
            state = (a_ok and b_ok, a_seq, b_seq)
            seen.append(state)
            return state[0] and len(seen) > 1 and seen[-2] == state

        wait_for("Syncthing to bring both sides in sync (%s)" % what, settled, SYNC_TIMEOUT)

    def pause(self):
        self.sa.post("/rest/system/pause?device=" + self.sb.device_id)
        self.sb.post("/rest/system/pause?device=" + self.sa.device_id)
        wait_for("the two sides to part",
                 lambda: not self.sa.connected(self.sb) and not self.sb.connected(self.sa),
                 START_TIMEOUT)

    def resume(self):
        self.sa.post("/rest/system/resume?device=" + self.sb.device_id)
        self.sb.post("/rest/system/resume?device=" + self.sa.device_id)
        wait_for("the two sides to meet again",
                 lambda: self.sa.connected(self.sb) and self.sb.connected(self.sa),
                 START_TIMEOUT)

    def copies(self, folder, device):
        d = os.path.join(folder, "devices", device)
        return sorted(n for n in os.listdir(d) if ht.classify(n) not in (None, n))

    def add_many(self, dev, journal, prefix, ids, errors):
        try:
            for i in range(PER_SIDE):
                r = dev.run(journal, "add", "entry", "--title", "%s %d" % (prefix, i),
                            "--body", "written on %s's computer" % dev.name, pp=self.PASS)
                if r.rc != 0:
                    raise AssertionError(r.describe())
                ids.append(r.last_word)
        except BaseException as e:  # noqa: BLE001 (reported by the main thread)
            errors.append(e)

    def at_once(self, *jobs):
        errors = []
        threads = [threading.Thread(target=fn, args=args + (errors,)) for fn, args in jobs]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=SYNC_TIMEOUT)
            self.assertFalse(t.is_alive(), "a writer hung")
        if errors:
            raise errors[0]

    def edit(self, dev, journal, eid, title, errors):
        try:
            r = dev.run(journal, "edit", eid, "--title", title, pp=self.PASS)
            if r.rc != 0:
                raise AssertionError(r.describe())
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    def test_two_computers_in_sync(self):
        self.sync("the journal Alice made")
        adev = ht.Journal(self.ja, self.PASS).device_ids()[0]
        bdev = self.join(self.bob, self.jb, "Bob", pp=self.PASS)
        self.sync("Bob joined")

        # Both write at once, each on their own computer.
        a_ids, b_ids = [], []
        self.at_once((self.add_many, (self.alice, self.ja, "Alice", a_ids)),
                     (self.add_many, (self.bob, self.jb, "Bob", b_ids)))
        self.sync("both wrote")
        self.assertEqual(len(a_ids) + len(b_ids), 2 * PER_SIDE)
        # A backup of Alice's file as it is now, on Bob's computer.
        old = ht.read_bytes(os.path.join(self.jb, "devices", adev, ENTRIES))

        # Both edit the same entry at once: the later edit wins on both.
        shared = a_ids[0]
        self.at_once((self.edit, (self.alice, self.ja, shared, "Alice's title")),
                     (self.edit, (self.bob, self.jb, shared, "Bob's title")))
        self.sync("both edited one entry")

        # Apart, Alice goes on writing while an old copy of her file is put
        # in place on Bob's computer (the backup restored there): Syncthing
        # meets two changes of one file and keeps one as a conflict copy.
        self.pause()
        late = []
        self.at_once((self.add_many, (self.alice, self.ja, "Alice apart", late)))
        self.sa.scan()
        with open(os.path.join(self.jb, "devices", adev, ENTRIES), "wb") as f:
            f.write(old)
        os.utime(os.path.join(self.jb, "devices", adev, ENTRIES))
        self.sb.scan()
        self.resume()
        self.sync("the conflict")
        made = self.copies(self.ja, adev) + self.copies(self.jb, adev)
        print("conflict copies Syncthing made: %s" % made, file=sys.stderr)
        self.assertTrue(made, "Syncthing made a conflict copy of Alice's file")

        # Each device loads (a command that writes) and takes in its own
        # copies; then, in sync again, no copy of its own files is left.
        final = []
        for dev, journal in ((self.alice, self.ja), (self.bob, self.jb)):
            final.append(self.add_entry(dev, journal, "last word", "from " + dev.name,
                                        pp=self.PASS))
        self.sync("each device loaded")
        for journal in (self.ja, self.jb):
            self.assertEqual(self.copies(journal, adev), [],
                             "no conflict copy of Alice's files on %s" % journal)
            self.assertEqual(self.copies(journal, bdev), [],
                             "no conflict copy of Bob's files on %s" % journal)

        # Both sides show the same records, and nothing is lost.
        views = []
        for dev, journal in ((self.alice, self.ja), (self.bob, self.jb)):
            r = dev.run(journal, "check", pp=self.PASS)
            self.ok(r, "check on %s" % journal)
            self.assertIn("Every file of the journal is fine", r.out, r.describe())
            views.append({e["id"]: e for e in self.list_json(dev, journal, "entries",
                                                             pp=self.PASS)})
        self.assertSameRecords(list(views[0].values()), list(views[1].values()),
                               "Alice's and Bob's computers")
        for eid in a_ids + b_ids + late + final:
            self.assertIn(eid, views[0], "entry %s is not lost" % eid)
        for journal in (self.ja, self.jb):
            self.assertSameRecords(list(views[0].values()),
                                   list(ht.Journal(journal, self.PASS).merged("entry").values()),
                                   "the reference merge of %s" % journal)
        self.assertIn(views[0][shared]["title"], ("Alice's title", "Bob's title"))
        print("long-syncthing: %.1f s" % (time.monotonic() - self.t0), file=sys.stderr)


if __name__ == "__main__":
    ht.main()
