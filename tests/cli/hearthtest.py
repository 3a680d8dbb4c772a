# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared helpers for Hearth's end-to-end tests of hearth-cli.

Everything here is written from docs/format.md (the on-disk format) and the
hearth-cli interface, independently of the C code: an outside reader and
writer of journals in Python (standard library + PyNaCl), a runner that
starts hearth-cli in throw-away HOME/XDG folders, and assertions on what a
person would notice (exit code, message, files left untouched).
"""

import base64
import datetime
import hashlib
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import unittest
import uuid
import zoneinfo

import nacl.bindings
import nacl.pwhash.argon2id
import nacl.utils

CLI = os.environ.get("HEARTH_CLI", "")
SRCDIR = os.environ.get("HEARTH_SRCDIR",
                        os.path.dirname(os.path.dirname(os.path.dirname(
                            os.path.abspath(__file__)))))

CIPHER = "xchacha20poly1305-ietf"
# The time zone hearth-cli runs in: HEARTH_TEST_TZ (set by the suites that
# run at several dates), else Berlin.
TZ = os.environ.get("HEARTH_TEST_TZ") or "Europe/Berlin"
# The local date and time the tests start at: HEARTH_TEST_NOW, as in the C
# tests; "today" is the real clock.
TEST_NOW_DEFAULT = "2026-12-02T10:30:00"
FAKETIME_LIB = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"

UUID_RE = re.compile(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
CREATED_RE = re.compile(
    r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$")
UPDATED_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
DATE_RE = re.compile(r"^\d{4}-\d\d-\d\d$")

SHARD_RE = re.compile(r"^(entries|gratitude|checkins|rituals)-(\d{4})\.json$")
SYNCTHING_RE = re.compile(
    r"^(?P<stem>.+)\.sync-conflict-\d{8}-\d{6}-[0-9A-Z]{7}(?P<ext>\.json)$")
# Nextcloud "x (conflicted copy 2026-11-22 093000).json", Dropbox
# "x (Name's conflicted copy 2026-11-22).json"
CONFLICTED_RE = re.compile(
    r"^(?P<stem>.+?) \([^()]*conflicted copy[^()]*\)(?P<ext>\.json)$")

KIND_OF_LIST = {
    "entries": "entry",
    "gratitude": "gratitude",
    "rituals": "ritual",
    "occurrences": "occurrence",
    "partners": "partner",
}
FILE_TYPE = {
    "entries": "entries", "gratitude": "gratitude", "checkins": "checkins",
    "rituals": "rituals",
}
COMMON_FIELDS = ("id", "kind", "created", "updated", "device")
REQUIRED = {
    "journal": ("name",),
    "partner": ("name",),
    "entry": ("author", "body"),
    "gratitude": ("from", "to", "text"),
    "ritual": ("title", "recurrence", "start"),
    "occurrence": ("ritual", "date", "status"),
    "checkin": ("date", "partner"),
}
MOODS = ("joyful", "grateful", "calm", "close", "hopeful", "tired",
         "anxious", "sad", "hurt", "frustrated")


# --------------------------------------------------------------------------
# Files and names


def classify(name):
    """Return the data-file name that NAME stands for (itself, or the file a
    sync-tool conflict copy is a copy of), or None if docs/format.md says the
    file is to be ignored."""
    if name in ("shared.json", "device.json") or SHARD_RE.match(name):
        return name
    for rx in (SYNCTHING_RE, CONFLICTED_RE):
        m = rx.match(name)
        if m:
            orig = m.group("stem") + m.group("ext")
            if orig == "shared.json" or SHARD_RE.match(orig):
                return orig
    return None


def file_type(canonical):
    if canonical == "shared.json":
        return "shared"
    if canonical == "device.json":
        return "device"
    return SHARD_RE.match(canonical).group(1)


def snapshot(folder):
    """sha256 of every file under FOLDER plus the list of folders, keyed by
    path relative to FOLDER."""
    snap = {}
    for root, dirs, files in os.walk(folder):
        rel_root = os.path.relpath(root, folder)
        snap["dir:" + rel_root] = "dir"
        for f in files:
            p = os.path.join(root, f)
            with open(p, "rb") as fh:
                snap[os.path.normpath(os.path.join(rel_root, f))] = \
                    hashlib.sha256(fh.read()).hexdigest()
    return snap


def diff_snapshots(a, b):
    out = []
    for k in sorted(set(a) | set(b)):
        if k not in a:
            out.append("added " + k)
        elif k not in b:
            out.append("removed " + k)
        elif a[k] != b[k]:
            out.append("changed " + k)
    return out


# --------------------------------------------------------------------------
# The clock


class Clock:
    """The one fake clock of a test run. hearth-cli runs on it through
    libfaketime, and the tests read "now" from it, never from the real
    clock: it shows START (a local ISO 8601 date and time in TZ) when it is
    set and runs on at real speed from there, counted on the monotonic
    clock."""

    def __init__(self, start=None, tz=None):
        self.start_text = start or os.environ.get("HEARTH_TEST_NOW") or TEST_NOW_DEFAULT
        self.start_tz = self.tz = tz or TZ
        self.reset()

    def reset(self):
        """Back to the start of the run, in the run's time zone."""
        self.at(self.start_text, self.start_tz)

    def at(self, when, tz=None):
        """From now on the clock shows WHEN and runs on: a local ISO 8601
        date (at 10:30) or date and time in TZ (default: the clock's zone),
        a datetime, or "today": the real time once, at this call, as
        HEARTH_TEST_NOW=today does for the C tests."""
        if tz:
            self.tz = tz
        if when == "today":
            epoch = time.time()
        elif isinstance(when, datetime.datetime):
            epoch = when.timestamp() if when.tzinfo else \
                when.replace(tzinfo=self.zone()).timestamp()
        else:
            if DATE_RE.match(when):
                when += "T10:30:00"
            t = datetime.datetime.fromisoformat(when)
            if t.tzinfo is None:
                t = t.replace(tzinfo=self.zone())
            epoch = t.timestamp()
        self._epoch = epoch
        self._mono = time.monotonic()

    def zone(self, tz=None):
        return zoneinfo.ZoneInfo(tz or self.tz)

    def timestamp(self):
        """Seconds since the epoch, as the clock shows them now."""
        return self._epoch + (time.monotonic() - self._mono)

    def now(self, tz=None):
        """The clock's time now, in TZ (default: the clock's zone)."""
        return datetime.datetime.fromtimestamp(self.timestamp(), self.zone(tz))

    def utcnow(self):
        return datetime.datetime.fromtimestamp(self.timestamp(), datetime.timezone.utc)

    def today(self, tz=None):
        return self.now(tz).date()

    def env(self):
        """What starts a program on this clock: libfaketime, told the time
        it shows at this moment (seconds since the epoch, so that a local
        time that comes twice when clocks go back is not ambiguous)."""
        e = {
            "FAKETIME_FMT": "%s",
            "FAKETIME": "@%.6f" % self.timestamp(),
            # Only the wall clock: the monotonic one runs as it is.
            "FAKETIME_DONT_FAKE_MONOTONIC": "1",
            # File times stay the file system's: every program sees the
            # same ones.
            "NO_FAKE_STAT": "1",
            "TZ": self.tz,
        }
        preload = os.environ.get("LD_PRELOAD", "")
        e["LD_PRELOAD"] = FAKETIME_LIB + (":" + preload if preload else "")
        # libfaketime comes first in LD_PRELOAD; ASan wants to be first.
        asan = os.environ.get("ASAN_OPTIONS", "")
        e["ASAN_OPTIONS"] = (asan + ":verify_asan_link_order=0").lstrip(":")
        return e


CLOCK = Clock()


def local_year():
    """The current year where hearth-cli runs (TZ), which names new shards."""
    return CLOCK.now().year


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def parse_time(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))


def now_updated(offset_ms=0):
    """`updated` as hearth-cli would write it now (on CLOCK)."""
    t = CLOCK.utcnow() + datetime.timedelta(milliseconds=offset_ms)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


def lww(records):
    """docs/format.md merge: per id the greatest `updated` wins, ties on the
    greater `device`; a winning tombstone hides the record."""
    best = {}
    for r in records:
        cur = best.get(r["id"])
        key = (parse_time(r["updated"]), r["device"])
        if cur is None or key > (parse_time(cur["updated"]), cur["device"]):
            best[r["id"]] = r
    return {i: r for i, r in best.items() if not r.get("deleted")}


def by_id(records):
    return sorted(records, key=lambda r: r["id"])


# --------------------------------------------------------------------------
# An independent reader/writer of the journal format


class FormatError(Exception):
    pass


class Journal:
    """Reads (and writes, for tests) a Hearth journal folder per docs/format.md."""

    def __init__(self, path, passphrase=None):
        self.path = path
        with open(os.path.join(path, "hearth-journal.json"), "rb") as f:
            self.manifest = json.loads(f.read().decode("utf-8"))
        self.id = self.manifest["journal"]
        self.key = None
        self.key_id = None
        self.previous_keys = []   # (key id, key), oldest first
        enc = self.manifest.get("encryption")
        if enc is not None:
            if passphrase is None:
                raise FormatError("journal is encrypted, no passphrase given")
            self.key = self.unwrap_key(enc, passphrase)
            self.key_id = enc.get("key_id")
            for prev in enc.get("previous_keys") or []:
                if prev["cipher"] != CIPHER:
                    raise FormatError("unexpected key cipher " + prev["cipher"])
                self.previous_keys.append((prev["key_id"], nacl.bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(
                    base64.b64decode(prev["ciphertext"]),
                    ("hearth:1:%s:key:%s" % (self.id, prev["key_id"])).encode("utf-8"),
                    base64.b64decode(prev["nonce"]), self.key)))

    @property
    def encrypted(self):
        return self.key is not None

    def unwrap_key(self, enc, passphrase):
        kdf = enc["kdf"]
        if kdf["algorithm"] != "argon2id13":
            raise FormatError("unexpected kdf " + kdf["algorithm"])
        kek = nacl.pwhash.argon2id.kdf(
            32, passphrase.encode("utf-8"), base64.b64decode(kdf["salt"]),
            opslimit=kdf["opslimit"], memlimit=kdf["memlimit"])
        k = enc["key"]
        if k["cipher"] != CIPHER:
            raise FormatError("unexpected key cipher " + k["cipher"])
        return nacl.bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(
            base64.b64decode(k["ciphertext"]),
            ("hearth:1:%s:key" % self.id).encode("utf-8"),
            base64.b64decode(k["nonce"]), kek)

    def key_for(self, key_id):
        """The data key that sealed a file naming KEY_ID (None: the
        journal's first key), per docs/format.md "Replacing the data key"."""
        if key_id is None:
            return self.previous_keys[0][1] if self.previous_keys else self.key
        if key_id == self.key_id:
            return self.key
        for kid, key in self.previous_keys:
            if kid == key_id:
                return key
        raise FormatError("no key with id %r" % key_id)

    def aad(self, device, canonical):
        return ("hearth:1:%s:%s:%s" % (self.id, device, canonical)).encode()

    # -- layout

    def devices_dir(self):
        return os.path.join(self.path, "devices")

    def device_ids(self):
        d = self.devices_dir()
        if not os.path.isdir(d):
            return []
        return sorted(x for x in os.listdir(d)
                      if os.path.isdir(os.path.join(d, x)))

    def data_files(self):
        """(device, file name, canonical name) of every data file."""
        out = []
        for dev in self.device_ids():
            for name in sorted(os.listdir(os.path.join(self.devices_dir(), dev))):
                canonical = classify(name)
                if canonical is not None:
                    out.append((dev, name, canonical))
        return out

    def file_path(self, device, name):
        return os.path.join(self.devices_dir(), device, name)

    # -- reading

    def read_outer(self, device, name):
        with open(self.file_path(device, name), "rb") as f:
            raw = f.read()
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise FormatError("devices/%s/%s: not JSON: %s" % (device, name, e))

    def read(self, device, name, canonical=None):
        """The plain form {hearth, type, records} of one data file."""
        canonical = canonical or classify(name) or name
        outer = self.read_outer(device, name)
        if not isinstance(outer, dict):
            raise FormatError("devices/%s/%s: not an object" % (device, name))
        if canonical == "device.json":
            return outer
        if "ciphertext" in outer:
            if self.key is None:
                raise FormatError("encrypted file in a plain journal")
            if outer.get("cipher") != CIPHER:
                raise FormatError("devices/%s/%s: cipher %r"
                                  % (device, name, outer.get("cipher")))
            try:
                plain = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(
                    base64.b64decode(outer["ciphertext"]),
                    self.aad(device, canonical),
                    base64.b64decode(outer["nonce"]), self.key_for(outer.get("key_id")))
            except Exception as e:
                raise FormatError("devices/%s/%s: does not authenticate: %s"
                                  % (device, name, e))
            inner = json.loads(plain.decode("utf-8"))
            if inner.get("type") != outer.get("type") or \
                    inner.get("hearth") != outer.get("hearth"):
                raise FormatError("devices/%s/%s: outer and inner header differ"
                                  % (device, name))
            return inner
        if self.key is not None:
            raise FormatError("devices/%s/%s: plain file in an encrypted journal"
                              % (device, name))
        return outer

    def records(self, skip_bad=False):
        """Every record version of every data file (conflict copies too)."""
        out = []
        for dev, name, canonical in self.data_files():
            if canonical == "device.json":
                continue
            try:
                plain = self.read(dev, name, canonical)
            except (FormatError, ValueError, KeyError):
                if skip_bad:
                    continue
                raise
            if plain.get("hearth") != 1:
                if skip_bad:
                    continue
                raise FormatError("devices/%s/%s: hearth %r"
                                  % (dev, name, plain.get("hearth")))
            out.extend(plain["records"])
        return out

    def merged(self, kind=None, skip_bad=False):
        recs = [r for r in self.records(skip_bad)
                if kind is None or r["kind"] == kind]
        return lww(recs)

    def partners(self):
        return self.merged("partner")

    def partner_id(self, name):
        for pid, r in self.partners().items():
            if r["name"] == name:
                return pid
        raise KeyError(name)

    def device_partner(self, device):
        return self.read(device, "device.json")["partner"]

    # -- writing (as another implementation would)

    def seal(self, device, canonical, plain_obj):
        plain = json.dumps(plain_obj, ensure_ascii=False).encode("utf-8")
        if self.key is None:
            return plain
        nonce = nacl.utils.random(24)
        ct = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_encrypt(
            plain, self.aad(device, canonical), nonce, self.key)
        outer = {"hearth": plain_obj["hearth"], "type": plain_obj["type"],
                 "cipher": CIPHER}
        if self.key_id is not None:
            outer["key_id"] = self.key_id
        outer["nonce"] = base64.b64encode(nonce).decode()
        outer["ciphertext"] = base64.b64encode(ct).decode()
        return json.dumps(outer).encode("utf-8")

    def seq(self, device, name, folder=None):
        """The write counter of data file NAME of DEVICE, 0 when it has none
        or cannot be read."""
        other = Journal.__new__(Journal)
        other.__dict__.update(self.__dict__)
        other.path = folder or self.path
        try:
            return int(other.read(device, name).get("seq", 0))
        except (OSError, FormatError, ValueError, KeyError, TypeError):
            return 0

    def write(self, device, name, records, canonical=None, hearth=1,
              folder=None, seq="next"):
        """Write a data file NAME (authenticated as CANONICAL) into
        devices/DEVICE/ of FOLDER (default: this journal). SEQ: the write
        counter; "next" adds one to the file's current one, as docs/format.md
        asks of every writer; None writes none (an older version)."""
        canonical = canonical or classify(name) or name
        if seq == "next":
            seq = self.seq(device, name, folder) + 1
        plain = {"hearth": hearth, "type": file_type(canonical)}
        if seq is not None:
            plain["seq"] = seq
        plain["records"] = records
        d = os.path.join(folder or self.path, "devices", device)
        os.makedirs(d, mode=0o700, exist_ok=True)
        p = os.path.join(d, name)
        with open(p, "wb") as f:
            f.write(self.seal(device, canonical, plain))
        os.chmod(p, 0o600)
        return p

    def write_device(self, device, partner, folder=None):
        d = os.path.join(folder or self.path, "devices", device)
        os.makedirs(d, mode=0o700, exist_ok=True)
        p = os.path.join(d, "device.json")
        with open(p, "w") as f:
            json.dump({"hearth": 1, "type": "device", "device": device,
                       "partner": partner}, f)
        os.chmod(p, 0o600)


# --------------------------------------------------------------------------
# Running hearth-cli


class Result:
    def __init__(self, args, rc, out, err, elapsed):
        self.args, self.rc, self.out, self.err = args, rc, out, err
        self.elapsed = elapsed

    @property
    def last_word(self):
        words = self.out.split()
        return words[-1] if words else ""

    def json(self):
        return json.loads(self.out)

    def describe(self):
        return ("command: %s\nexit: %s\n--- stdout ---\n%s\n--- stderr ---\n%s"
                % (" ".join(_quote(a) for a in self.args), self.rc,
                   self.out[-3000:], self.err[-3000:]))


def _quote(a):
    return a if re.match(r"^[\w@%+=:,./-]+$", a) else "'" + a.replace("'", "'\\''") + "'"


class Device:
    """One installation: its own XDG_STATE_HOME (and so its own device id).
    Its hearth-cli runs on CLOCK, in TZ unless the device has a zone of its
    own (tz)."""

    def __init__(self, case, name, tz=None):
        self.case = case
        self.name = name
        self.tz = tz
        self.state = os.path.join(case.base, "state-" + name)
        os.makedirs(self.state, mode=0o700)

    def env(self, extra=None):
        e = dict(os.environ)
        for k in ("LANGUAGE", "LC_MESSAGES", "G_MESSAGES_DEBUG", "HEARTH_JOURNAL"):
            e.pop(k, None)
        e.update({
            "HOME": self.case.home,
            "XDG_STATE_HOME": self.state,
            "XDG_DATA_HOME": self.case.xdg_data,
            "XDG_CONFIG_HOME": self.case.xdg_config,
            "XDG_CACHE_HOME": self.case.xdg_cache,
            "GSETTINGS_BACKEND": "memory",
            "LC_ALL": "C.UTF-8",
            "LANG": "C.UTF-8",
            "NO_AT_BRIDGE": "1",
        })
        e.update(CLOCK.env())
        if self.tz:
            e["TZ"] = self.tz
        if extra:
            e.update(extra)
        return e

    def run(self, journal, *args, pp=None, stdin=None, env=None, wrapper=(),
            timeout=120):
        """Run hearth-cli --journal JOURNAL ARGS. PP: a passphrase fed with
        --passphrase-stdin; STDIN: raw text for stdin."""
        argv = [CLI]
        if journal is not None:
            argv += ["--journal", journal]
        argv += list(args)
        if pp is not None:
            argv.append("--passphrase-stdin")
            stdin = pp + "\n"
        full = list(wrapper) + argv
        t0 = time.monotonic()
        p = subprocess.Popen(
            full, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=self.env(env), start_new_session=True)
        try:
            out, err = p.communicate(
                stdin.encode("utf-8") if stdin is not None else None,
                timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            out, err = p.communicate()
            self.case.fail("hearth-cli hung (%ss): %s\nstderr: %s"
                           % (timeout, " ".join(argv),
                              err.decode("utf-8", "replace")))
        r = Result(argv, p.returncode, out.decode("utf-8", "replace"),
                   err.decode("utf-8", "replace"), time.monotonic() - t0)
        self.case.check_sanitizers(r)
        return r


class CliTestCase(unittest.TestCase):
    """Base class: fresh HOME/XDG folders per test, removed afterwards."""

    maxDiff = 4000
    PASS = "correct horse battery staple"

    @classmethod
    def setUpClass(cls):
        if not CLI or not os.access(CLI, os.X_OK):
            raise RuntimeError(
                "HEARTH_CLI must name the hearth-cli executable (got %r)" % CLI)
        if not os.path.exists(FAKETIME_LIB):
            raise RuntimeError(FAKETIME_LIB + " is missing: hearth-cli runs on "
                               "a fake clock (Debian package libfaketime)")

    def setUp(self):
        CLOCK.reset()
        self.clock = CLOCK
        self.base = tempfile.mkdtemp(prefix="hearth-cli-test-")
        self.home = os.path.join(self.base, "home")
        self.xdg_data = os.path.join(self.base, "data")
        self.xdg_config = os.path.join(self.base, "config")
        self.xdg_cache = os.path.join(self.base, "cache")
        for d in (self.home, self.xdg_data, self.xdg_config, self.xdg_cache):
            os.makedirs(d, mode=0o700)
        self._immutable = []
        self.addCleanup(self._remove_base)

    def _remove_base(self):
        for p in reversed(self._immutable):
            subprocess.run(["chattr", "-i", p], stderr=subprocess.DEVNULL)
        for root, dirs, files in os.walk(self.base):
            for d in dirs:
                try:
                    os.chmod(os.path.join(root, d), 0o700)
                except OSError:
                    pass
        shutil.rmtree(self.base, ignore_errors=True)

    # -- devices and journals

    def device(self, name="a", tz=None):
        return Device(self, name, tz)

    def journal_path(self, name="journal"):
        return os.path.join(self.base, name)

    def init(self, dev, journal, name="Our journal", partners=("Alice", "Bob"),
             pp=None, extra=()):
        """init a journal (encrypted with PP, else plain); returns journal id."""
        args = ["init", "--name", name]
        for p in partners:
            args += ["--partner", p]
        args += list(extra)
        if pp is None:
            args.append("--no-passphrase")
        args += ["--kdf", "min"]
        r = dev.run(journal, *args, pp=pp)
        self.ok(r)
        jid = r.last_word
        self.assertRegex(jid, UUID_RE, "init must print the journal id last\n"
                         + r.describe())
        return jid

    def join(self, dev, journal, me, pp=None):
        before = set(Journal.device_ids_of(journal))
        r = dev.run(journal, "join", "--me", me, pp=pp)
        self.ok(r)
        after = set(Journal.device_ids_of(journal))
        new = after - before
        self.assertEqual(len(new), 1, "join should create one device folder\n"
                         + r.describe())
        did = new.pop()
        self.assertEqual(r.last_word, did,
                         "join must print the device id last\n" + r.describe())
        return did

    def reader(self, journal, pp=None):
        return Journal(journal, pp)

    def add_entry(self, dev, journal, title, body, *extra, pp=None):
        r = dev.run(journal, "add", "entry", "--title", title, "--body", body,
                    *extra, pp=pp)
        self.ok(r)
        self.assertRegex(r.last_word, UUID_RE,
                         "add entry must print the new id last\n" + r.describe())
        return r.last_word

    def list_json(self, dev, journal, what, pp=None):
        r = dev.run(journal, "list", what, "--json", pp=pp)
        self.ok(r)
        try:
            data = r.json()
        except ValueError as e:
            self.fail("list %s --json did not print JSON (%s)\n%s"
                      % (what, e, r.describe()))
        self.assertIsInstance(data, list, r.describe())
        return data

    # -- assertions

    def check_sanitizers(self, r):
        for marker in ("AddressSanitizer", "LeakSanitizer", "runtime error:",
                       "UndefinedBehaviorSanitizer"):
            if marker in r.err:
                self.fail("sanitizer report from hearth-cli\n" + r.describe())
        if r.rc is not None and r.rc < 0:
            self.fail("hearth-cli died of signal %d\n%s" % (-r.rc, r.describe()))
        if r.rc not in (0, 1, 2):
            self.fail("hearth-cli exit code must be 0, 1 or 2\n" + r.describe())

    def ok(self, r, msg=""):
        if r.rc != 0:
            self.fail("expected success (exit 0). %s\n%s" % (msg, r.describe()))

    def fails(self, r, code, *needles, msg=""):
        """Exit CODE with a reason on stderr containing every NEEDLE
        (case-insensitive)."""
        codes = code if isinstance(code, (tuple, list)) else (code,)
        if r.rc not in codes:
            self.fail("expected exit %s, got %s. %s\n%s"
                      % ("/".join(map(str, codes)), r.rc, msg, r.describe()))
        if not r.err.strip():
            self.fail("a failure must give a reason on stderr. %s\n%s"
                      % (msg, r.describe()))
        low = r.err.casefold()
        for n in needles:
            if n.casefold() not in low:
                self.fail("stderr should contain %r. %s\n%s"
                          % (n, msg, r.describe()))

    def warns(self, r, *needles, msg=""):
        low = r.err.casefold()
        for n in needles:
            if n.casefold() not in low:
                self.fail("stderr should warn with %r. %s\n%s"
                          % (n, msg, r.describe()))

    def assertUnchanged(self, before, journal, what=""):
        d = diff_snapshots(before, snapshot(journal))
        if d:
            self.fail("journal files changed (%s): %s" % (what, ", ".join(d)))

    def assertSameRecords(self, got, expected, what=""):
        got_s, exp_s = by_id(got), by_id(expected)
        if got_s != exp_s:
            gi = {r["id"]: r for r in got_s}
            ei = {r["id"]: r for r in exp_s}
            lines = []
            for i in sorted(set(gi) | set(ei)):
                if i not in gi:
                    lines.append("missing %s (expected %s)" % (i, json.dumps(ei[i], sort_keys=True)))
                elif i not in ei:
                    lines.append("unexpected %s: %s" % (i, json.dumps(gi[i], sort_keys=True)))
                elif gi[i] != ei[i]:
                    lines.append("differs %s:\n   got      %s\n   expected %s"
                                 % (i, json.dumps(gi[i], sort_keys=True),
                                    json.dumps(ei[i], sort_keys=True)))
            self.fail("%s: hearth-cli's records differ from the reference "
                      "merge (%d got, %d expected):\n%s"
                      % (what, len(got_s), len(exp_s), "\n".join(lines[:20])))

    # -- making a folder unwritable, also for root

    def make_unwritable(self, path):
        """Make creating files in folder PATH fail for hearth-cli. Returns a
        command prefix to run hearth-cli with (empty unless a mount namespace
        is needed) and a description.

        Not root: mode 0500. Root ignores permission bits, so as root the
        folder gets the immutable attribute (chattr +i), which denies every
        change to root as well; where the file system does not support it, a
        read-only bind mount in a private mount namespace (unshare -m)."""
        if os.geteuid() != 0:
            os.chmod(path, 0o500)
            self.addCleanup(os.chmod, path, 0o700)
            if not self._writable(path):
                return (), "mode 0500"
            os.chmod(path, 0o700)
        if shutil.which("chattr"):
            r = subprocess.run(["chattr", "+i", path], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
            if r.returncode == 0:
                self._immutable.append(path)
                if not self._writable(path):
                    return (), "chattr +i"
                subprocess.run(["chattr", "-i", path])
                self._immutable.remove(path)
        if shutil.which("unshare") and os.geteuid() == 0:
            script = ('mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" '
                      '&& exec "$@"')
            wrapper = ("unshare", "-m", "--propagation", "private",
                       "sh", "-c", script, path)
            probe = subprocess.run(
                list(wrapper) + ["sh", "-c", 'touch "$0"/.probe', path],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if probe.returncode != 0 and not os.path.exists(
                    os.path.join(path, ".probe")):
                ok = subprocess.run(list(wrapper) + ["true"]).returncode == 0
                if ok:
                    return wrapper, "read-only bind mount"
        self.skipTest("cannot make a folder unwritable here (root without "
                      "chattr or mount namespaces)")

    @staticmethod
    def _writable(path):
        probe = os.path.join(path, ".hearth-write-probe")
        try:
            with open(probe, "w") as f:
                f.write("x")
        except OSError:
            return False
        os.unlink(probe)
        return True


def _device_ids_of(journal):
    d = os.path.join(journal, "devices")
    if not os.path.isdir(d):
        return []
    return sorted(x for x in os.listdir(d) if os.path.isdir(os.path.join(d, x)))


Journal.device_ids_of = staticmethod(_device_ids_of)


def main():
    """unittest.main with a clear summary; exits non-zero on any failure."""
    prog = unittest.main(exit=False, verbosity=2)
    res = prog.result
    if not res.wasSuccessful():
        print("\nFAILED: %d failure(s), %d error(s) in %s"
              % (len(res.failures), len(res.errors),
                 os.path.basename(sys.argv[0])), file=sys.stderr)
        sys.exit(1)
    sys.exit(0)
