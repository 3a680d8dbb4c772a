#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""hacking-doc: HACKING.md names only what is there.

Every file or folder it names (`src/core/hearth-vault.c`, `shell/`, a bare
`hearth-journal-load.c`) is in the tree, every function it names with `()`
is defined in it, and every test it shows being run is one the build has.
So the guide a newcomer starts from cannot point at code that moved.

  test_hacking.py SOURCE_ROOT BUILD_ROOT
"""

import json
import os
import re
import subprocess
import sys

SRC = sys.argv[1]
BUILD = sys.argv[2]
TOP = ("src/", "tests/", "tools/", "data/", "po/", "help/", "flatpak/", "docs/")
SOURCE_DIRS = ("src", "tests", "tools")
DOC = os.path.join(SRC, "HACKING.md")
# Folders of a journal (docs/format.md), not of the tree.
JOURNAL_FOLDERS = ("devices/",)


def tracked_files():
    names = []
    for top in SOURCE_DIRS + ("data", "po", "help", "flatpak", "docs"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(SRC, top)):
            dirnames[:] = [d for d in dirnames if not d.startswith("_build")]
            rel = os.path.relpath(dirpath, SRC)
            names.append(rel + "/")
            names.extend(os.path.join(rel, f) for f in filenames)
    return names


def main():
    with open(DOC, encoding="utf-8") as f:
        text = f.read()
    files = tracked_files()
    sources = [os.path.join(SRC, n) for n in files
               if n.endswith((".c", ".h", ".py", "meson.build")) and not n.endswith("test_hacking.py")]
    code = ""
    for path in sources:
        with open(path, encoding="utf-8", errors="replace") as f:
            code += f.read()

    spans = re.findall(r"`([^`\n]+)`", text)
    problems = []

    # `a.{c,h}` names both; "foo" is the guide's placeholder for a new part.
    expanded = []
    for span in spans:
        m = re.fullmatch(r"(.*)\{([^}]*)\}(.*)", span.strip())
        if m:
            expanded.extend(m.group(1) + alt + m.group(3) for alt in m.group(2).split(","))
        else:
            expanded.append(span)
    spans = [s for s in expanded if "foo" not in s]

    # Files and folders.
    for span in spans:
        name = span.strip()
        if " " in name or "*" in name or name.startswith(("-", ".", "_build")):
            continue
        if name.startswith(TOP):
            path = name.rstrip("/")
            if not os.path.exists(os.path.join(SRC, path)):
                problems.append("names %s, which is not in the tree" % name)
        elif re.fullmatch(r"[a-z0-9_-]+\.(c|h|ui|py)", name):
            if not any(os.path.basename(n) == name for n in files):
                problems.append("names %s, which is in no folder of the tree" % name)
        elif re.fullmatch(r"[a-z]+/", name) and name not in JOURNAL_FOLDERS:
            if not any(n.endswith("/" + name) for n in files):
                problems.append("names the folder %s, which is not in the tree" % name)

    # Functions: `name()` or `name (…)`.
    for name in sorted(set(re.findall(r"`([a-z_][a-z0-9_]*) ?\(\)`", text))):
        if name.startswith(("g_", "gtk_", "adw_", "json_", "secret_", "sodium_")) or "foo" in name:
            continue
        if not re.search(r"\b%s ?\(" % re.escape(name), code):
            problems.append("names %s(), which no source file defines" % name)

    # Tests run by name in its examples.
    try:
        out = subprocess.run(["meson", "introspect", "--tests", BUILD], capture_output=True,
                             text=True, check=True).stdout
        known = {t["name"] for t in json.loads(out)}
    except (OSError, subprocess.CalledProcessError, ValueError) as e:
        print("# the build's tests could not be listed: %s" % e)
        known = None
    if known is not None:
        for line in re.findall(r"^tools/test-session _build-test ([^\n#\\]*)", text, re.M):
            if "--run" in line:
                continue
            words = line.split()
            for i, word in enumerate(words):
                if word.startswith("-") or (i > 0 and words[i - 1] == "--suite"):
                    continue
                if word not in known:
                    problems.append("runs the test %s, which the build does not have" % word)

    for p in problems:
        print("not ok - HACKING.md %s" % p)
    if problems:
        return 1
    print("ok - HACKING.md names %d things in backticks, all there" % len(spans))
    return 0


if __name__ == "__main__":
    sys.exit(main())
