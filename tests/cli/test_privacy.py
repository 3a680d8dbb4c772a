# SPDX-License-Identifier: GPL-3.0-or-later
"""cli-privacy: with a passphrase set, no journal text, partner name or
journal name is written in plain anywhere: not in the journal folder, not in
HOME or the XDG folders, not in temporary folders."""

import os
import secrets
import stat
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hearthtest as ht  # noqa: E402

MAX_SCAN = 256 * 1024 * 1024


class Privacy(ht.CliTestCase):

    def needles(self, words):
        out = set()
        for w in words:
            for v in (w, w.lower(), w.upper(), w.casefold()):
                out.add(v.encode("utf-8"))
                out.add(v.encode("utf-16-le"))
        return out

    def scan(self, roots, needles, since, exclude=()):
        hits, scanned = [], 0
        seen = set()
        for root in roots:
            if not root or not os.path.isdir(root):
                continue
            for dirpath, dirs, files in os.walk(root, onerror=lambda e: None):
                for f in files:
                    p = os.path.join(dirpath, f)
                    if p in seen or p in exclude:
                        continue
                    seen.add(p)
                    try:
                        st = os.lstat(p)
                        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_SCAN:
                            continue
                        inside = p.startswith(self.base + os.sep)
                        if not inside and max(st.st_mtime, st.st_ctime) < since:
                            continue
                        with open(p, "rb") as fh:
                            data = fh.read()
                    except OSError:
                        continue
                    scanned += 1
                    for n in needles:
                        if n in data:
                            hits.append("%s contains %r" % (p, n))
                            break
        return hits, scanned

    def test_no_plaintext_anywhere(self):
        tag = secrets.token_hex(4)
        marker = "Zebra-Marker-8471-" + tag
        accented = "Zébra-Märker-" + tag
        jname = "Hearthname-" + tag
        p1, p2 = "Quokka-" + tag, "Ibexine-" + tag
        # Files outside the test's folders count from here on, by the file
        # system's own times (hearth-cli's clock is a fake one).
        since = os.stat(self.base).st_mtime
        a, b = self.device("a"), self.device("b")
        J = self.journal_path()
        self.init(a, J, name=jname, partners=(p1, p2), pp=self.PASS)
        self.join(b, J, p2, pp=self.PASS)

        def run(dev, *args):
            r = dev.run(J, *args, pp=self.PASS)
            self.ok(r)
            return r

        eid = self.add_entry(a, J, "Title " + marker, "Body %s %s" % (marker, accented),
                             "--tag", marker, "--mood", "close", pp=self.PASS)
        self.add_entry(b, J, "Reply " + marker, "Bob's body " + marker,
                       "--reply-to", eid, pp=self.PASS)
        run(a, "add", "gratitude", "--text", "Thanks " + marker, "--date", "2026-11-20")
        rid = run(b, "add", "ritual", "--title", "Ritual " + marker,
                  "--rrule", "FREQ=WEEKLY;BYDAY=FR", "--start", "2026-11-06",
                  "--time", "19:00").last_word
        run(a, "mark", rid, "2026-11-20", "done", "--note", "Note " + marker)
        run(b, "edit", eid, "--body", "Edited body " + marker)
        pid = [p["id"] for p in self.list_json(a, J, "partners", pp=self.PASS)
               if p["name"] == p2][0]
        run(a, "edit", pid, "--about", "About " + marker)
        shown = ""
        for what in ht.KIND_OF_LIST:
            shown += run(a, "list", what).out + run(b, "list", what, "--json").out
        shown += run(a, "search", marker.lower()).out
        shown += run(b, "search", "zebra-marker", "--json").out
        shown += run(a, "export", "--format", "markdown").out
        shown += run(a, "export", "--format", "html").out
        out_dir = os.path.join(self.base, "exports")
        os.makedirs(out_dir)
        exported = os.path.join(out_dir, "journal.html")
        run(a, "export", "--format", "html", "--output", exported)
        with open(exported, "rb") as f:
            self.assertIn(marker.encode(), f.read(), "the export the user asked for")
        os.unlink(exported)
        run(a, "check")
        # The commands did show the text (so the scan below is meaningful).
        for w in (marker, p1, p2):
            self.assertIn(w, shown, "hearth-cli output shows %s" % w)

        roots = [J, self.base, "/tmp", "/var/tmp", "/dev/shm",
                 os.environ.get("XDG_RUNTIME_DIR"), os.environ.get("HOME"),
                 os.environ.get("TMPDIR")]
        hits, scanned = self.scan(roots, self.needles([marker, accented, jname, p1, p2]),
                                  since - 2)
        self.assertGreater(scanned, 5, "scanned the journal and the test folders")
        self.assertEqual(hits, [], "plaintext left on disk:\n" + "\n".join(hits[:20]))


if __name__ == "__main__":
    ht.main()
