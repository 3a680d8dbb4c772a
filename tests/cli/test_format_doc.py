# SPDX-License-Identifier: GPL-3.0-or-later
"""cli-format-doc: the example files of docs/format.md are real journals.

Every fenced block preceded by `<!-- example: PATH -->` (or
`<!-- example(NAME): PATH -->` for the journal NAME) is written to PATH in a
temporary journal folder. Each journal is then opened by hearth-cli on a
device that has never seen it, and every `<!-- expect…: hearth-cli ARGS -->`
block must be exactly what that command prints. `<!-- passphrase(NAME): P -->`
gives the passphrase of an encrypted example journal, and
`<!-- key-check(NAME): V -->` the key check value the reader's device must
remember for it. So the document cannot drift from the reader it
describes."""

import base64
import json
import os
import re
import shlex
import sys

import nacl.bindings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hearthtest as ht  # noqa: E402

DOC = os.path.join(ht.SRCDIR, "docs", "format.md")
DEFAULT = "plain"

MARKER_RE = re.compile(
    r"^<!-- (?P<what>example|expect|passphrase|key-check|fragment)"
    r"(?:\((?P<name>[a-z0-9-]+)\))?(?::\s*(?P<arg>.*?))?\s*-->\s*$")
FENCE_RE = re.compile(r"^(?P<fence>```+)(?P<lang>[a-z]*)\s*$")


def parse(path):
    """(examples, expectations, passphrases, key checks, unmarked json
    blocks) of PATH.
    examples: name → [(relative path, text)]; expectations: name → [(args,
    expected stdout)]."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    examples, expects, passphrases, unmarked = {}, {}, {}, []
    checks = {}
    pending = None
    i = 0
    while i < len(lines):
        line = lines[i]
        m = MARKER_RE.match(line)
        if m:
            name = m.group("name") or DEFAULT
            if m.group("what") == "passphrase":
                passphrases[name] = m.group("arg")
            elif m.group("what") == "key-check":
                checks[name] = m.group("arg")
            else:
                pending = (m.group("what"), name, m.group("arg"), i + 1)
            i += 1
            continue
        f = FENCE_RE.match(line)
        if f:
            end = i + 1
            while end < len(lines) and lines[end] != f.group("fence"):
                end += 1
            if end >= len(lines):
                raise AssertionError("docs/format.md:%d: a code block never ends" % (i + 1))
            body = "\n".join(lines[i + 1:end]) + "\n"
            if pending is None:
                if f.group("lang") == "json":
                    unmarked.append(i + 1)
            else:
                what, name, arg, _ = pending
                if what == "example":
                    examples.setdefault(name, []).append((arg, body))
                elif what == "expect":
                    expects.setdefault(name, []).append((arg, body))
            pending = None
            i = end + 1
            continue
        if line.strip() and pending is not None:
            raise AssertionError("docs/format.md:%d: the marker on line %d is not "
                                 "followed by a code block" % (i + 1, pending[3]))
        i += 1
    return examples, expects, passphrases, checks, unmarked


class FormatDoc(ht.CliTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.examples, cls.expects, cls.passphrases, cls.key_checks,
         cls.unmarked) = parse(DOC)

    def materialise(self, name):
        root = self.journal_path(name)
        os.makedirs(root, mode=0o700)
        for rel, text in self.examples[name]:
            self.assertFalse(rel.startswith("/") or ".." in rel.split("/"),
                             "example path %r stays inside the journal" % rel)
            self.assertNotIn("…", rel, "example paths are complete: %r" % rel)
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
            self.assertFalse(os.path.exists(path), "%s(%s) given twice" % (rel, name))
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            os.chmod(path, 0o600)
        return root

    def test_every_json_block_is_an_example_or_a_fragment(self):
        self.assertEqual(self.unmarked, [],
                         "json blocks on these lines of docs/format.md have no "
                         "<!-- example: PATH --> or <!-- fragment --> marker")

    def test_examples_parse_as_json(self):
        self.assertIn(DEFAULT, self.examples)
        for name, files in self.examples.items():
            for rel, text in files:
                if ht.classify(os.path.basename(rel)) is None and \
                        rel != "hearth-journal.json":
                    continue   # a file the doc shows being ignored
                try:
                    json.loads(text)
                except ValueError as e:
                    self.fail("example %s(%s) is not JSON: %s" % (rel, name, e))

    def test_examples_open_with_the_real_reader(self):
        self.assertTrue(self.expects, "docs/format.md states what the examples hold")
        for name in sorted(self.examples):
            with self.subTest(journal=name):
                self.check_journal(name)

    def check_journal(self, name):
        root = self.materialise(name)
        pp = self.passphrases.get(name)
        # docs/format.md shows its times in Berlin.
        reader = self.device("reader-" + name, tz="Europe/Berlin")
        before = ht.snapshot(root)
        r = reader.run(root, "check", pp=pp)
        self.ok(r, "hearth-cli check of the example journal %r" % name)
        self.assertEqual(r.err, "", "check warns of nothing\n" + r.describe())
        expects = self.expects.get(name, [])
        self.assertTrue(expects, "docs/format.md says what journal %r holds" % name)
        for args, expected in expects:
            argv = shlex.split(args)
            self.assertEqual(argv[0], "hearth-cli", args)
            r = reader.run(root, *argv[1:], pp=pp)
            self.ok(r, args)
            self.assertEqual(r.err, "", "%s warns of nothing\n%s" % (args, r.describe()))
            self.assertEqual(r.out, expected,
                             "docs/format.md says `%s` on journal %r prints this"
                             % (args, name))
        self.assertUnchanged(before, root, "reading writes nothing into the journal")
        if name in self.key_checks:
            manifest = json.loads(dict(self.examples[name])["hearth-journal.json"])
            trust = os.path.join(reader.state, "hearth", manifest["journal"] + ".trust")
            with open(trust) as f:
                self.assertEqual(json.load(f).get("key_check"), self.key_checks[name],
                                 "the key check value docs/format.md gives")

    def test_what_the_plain_example_keeps_survives_its_owners_edits(self):
        """The doc says Alex's device keeps the unknown member `place` byte
        for byte and the record of unknown kind `wish` when it rewrites its
        files. Be Alex's device (its id in the state folder) and edit."""
        root = self.materialise(DEFAULT)
        files = dict(self.examples[DEFAULT])
        manifest = json.loads(files["hearth-journal.json"])
        devices = [rel.split("/")[1] for rel in files if rel.endswith("/device.json")]
        entries = shared = None
        for dev in devices:
            rel = "devices/%s/entries-2026.json" % dev
            m = re.search(r'"place": (\{[^}]*\})', files.get(rel, ""))
            if m:
                owner, entries, place = dev, rel, m.group(1)
                entry_id = re.findall(r'"id": "([^"]+)"', files[rel][:m.start()])[-1]
        self.assertIsNotNone(entries, "the plain example has an entry with `place`")
        shared = "devices/%s/shared.json" % owner
        wish = json.loads(files[shared])
        wish = [r for r in wish["records"] if r["kind"] == "wish"][0]
        alex = json.loads(files["devices/%s/device.json" % owner])["partner"]

        dev = self.device("owner")
        state = os.path.join(dev.state, "hearth")
        os.makedirs(state, mode=0o700)
        with open(os.path.join(state, manifest["journal"] + ".device"), "w") as f:
            f.write(owner + "\n")
        self.ok(dev.run(root, "edit", entry_id, "--title", "After the walk, edited"))
        self.ok(dev.run(root, "edit", alex, "--about", "Morning person, mostly."))

        text = ht.read_bytes(os.path.join(root, entries)).decode("utf-8")
        self.assertIn('"place":' + place, text, "the unknown member keeps its text")
        after = json.loads(ht.read_bytes(os.path.join(root, shared)))
        self.assertIn(wish, after["records"], "the record of unknown kind stays")
        self.assertEqual(after["seq"], json.loads(files[shared])["seq"] + 1)


    def test_the_rekeyed_example_is_sealed_again_by_its_owner(self):
        """The doc says Alex's device, opening the re-keyed example, seals
        its two files again with the new key, as their second write."""
        name = "rekeyed"
        root = self.materialise(name)
        files = dict(self.examples[name])
        manifest = json.loads(files["hearth-journal.json"])
        pp = self.passphrases[name]
        owner = [rel.split("/")[1] for rel in files
                 if rel.endswith("/shared.json")][0]
        before = {rel: text for rel, text in files.items() if rel.startswith("devices/" + owner)}
        dev = self.device("alex")
        state = os.path.join(dev.state, "hearth")
        os.makedirs(state, mode=0o700)
        with open(os.path.join(state, manifest["journal"] + ".device"), "w") as f:
            f.write(owner + "\n")
        r = dev.run(root, "check", pp=pp)
        self.ok(r, "the owner opens the re-keyed example")
        R = ht.Journal(root, pp)
        for rel, text in before.items():
            if rel.endswith("/device.json"):
                self.assertEqual(ht.read_bytes(os.path.join(root, rel)).decode(), text)
                continue
            with open(os.path.join(root, rel)) as f:
                outer = json.load(f)
            self.assertEqual(outer.get("key_id"), manifest["encryption"]["key_id"], rel)
            now = R.read(owner, os.path.basename(rel))
            self.assertEqual(now["seq"], 2, rel)
            self.assertEqual(now["records"],
                             json.loads(self.plain_of(name, rel))["records"], rel)

    def plain_of(self, name, rel):
        """Example REL of journal NAME as it decrypts, read with the
        example's manifest and passphrase."""
        files = dict(self.examples[name])
        root = self.journal_path(name + "-manifest-only")
        if not os.path.exists(root):
            os.makedirs(root)
            with open(os.path.join(root, "hearth-journal.json"), "w") as f:
                f.write(files["hearth-journal.json"])
        R = ht.Journal(root, self.passphrases[name])
        outer = json.loads(files[rel])
        plain = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(
            base64.b64decode(outer["ciphertext"]),
            R.aad(rel.split("/")[1], os.path.basename(rel)),
            base64.b64decode(outer["nonce"]), R.key_for(outer.get("key_id")))
        return plain.decode("utf-8")

if __name__ == "__main__":
    ht.main()
