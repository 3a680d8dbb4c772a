#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks one translation of the help against the pages as they are now.

    check-translation.py LANG.po PAGE...

Extracts a fresh template from the pages with itstool (as the help's pot
target does), merges LANG.po into it with msgmerge and counts with msgfmt
--statistics: every message must be translated and none fuzzy. A page that
changed since the translation shows up here as untranslated or fuzzy
messages. Each translation must also keep the Mallard markup of its
message: the same elements with the same attributes, well formed."""

import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

MALLARD = "http://projectmallard.org/1.0/"


def unquote(lines):
    text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', "".join(lines)))
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def read_po(path):
    """The messages of PATH, as msgmerge writes them (one block each,
    blank lines between): dicts with ctx, id, str and fuzzy."""
    messages = []
    with open(path, encoding="utf-8") as f:
        blocks = f.read().split("\n\n")
    for block in blocks:
        fields = {"msgctxt": [], "msgid": [], "msgstr": []}
        field, fuzzy, obsolete = None, False, False
        for line in block.splitlines():
            if line.startswith("#~"):
                obsolete = True
            elif line.startswith("#,"):
                fuzzy = "fuzzy" in line
            elif line.startswith("#") or not line.strip():
                continue
            elif line.startswith('"'):
                fields[field].append(line)
            else:
                keyword, rest = line.split(" ", 1)
                field = "msgstr" if keyword.startswith("msgstr") else keyword
                if field not in fields:
                    raise SystemExit("%s: cannot read the line %r" % (path, line))
                fields[field].append(rest)
        if obsolete or not fields["msgid"]:
            continue
        messages.append({"ctx": unquote(fields["msgctxt"]) if fields["msgctxt"] else None,
                         "id": unquote(fields["msgid"]), "str": unquote(fields["msgstr"]),
                         "fuzzy": fuzzy})
    return messages


def markup(text):
    """The elements of TEXT with their attributes, in a canonical order, or
    the reason it is not well formed."""
    try:
        root = ET.fromstring('<r xmlns="%s" xmlns:its="http://www.w3.org/2005/11/its">%s</r>'
                             % (MALLARD, text))
    except ET.ParseError as e:
        return "not well formed (%s)" % e
    return sorted((el.tag.replace("{%s}" % MALLARD, ""), sorted(el.attrib.items()))
                  for el in root.iter() if el is not root)


def run(*argv):
    r = subprocess.run(argv, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit("%s failed:\n%s%s" % (argv[0], r.stdout, r.stderr))
    return r


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    po, pages = sys.argv[1], sys.argv[2:]
    problems = []

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "help.pot")
        merged = os.path.join(tmp, "merged.po")
        run("itstool", "-o", pot, *pages)
        run("msgmerge", "--quiet", "-o", merged, po, pot)
        stats = run("msgfmt", "--check", "--statistics", "-o", os.devnull, merged).stderr.strip()
        print("# %s against the pages now: %s" % (os.path.basename(po), stats))
        messages = read_po(merged)

    for m in messages:
        if m["id"] == "" and m["ctx"] is None:
            continue
        name = repr(m["id"][:70] + ("…" if len(m["id"]) > 70 else ""))
        if m["fuzzy"]:
            problems.append("fuzzy: %s" % name)
        elif m["str"] == "":
            problems.append("untranslated: %s" % name)
        elif m["ctx"] != "_":
            want, got = markup(m["id"]), markup(m["str"])
            if isinstance(got, str):
                problems.append("markup %s: %s" % (got, name))
            elif want != got:
                problems.append("markup differs from the message: %s" % name)

    for p in problems:
        print("# " + p)
    if problems:
        target = os.environ.get("HELP_UPDATE_PO_TARGET", "the help's update-po target")
        print("%d problems in %s. Update it with %s and translate what is new."
              % (len(problems), po, target))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
