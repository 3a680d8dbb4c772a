#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""po-complete: every translation in po/LINGUAS covers the current sources.

Extracts a fresh template from po/POTFILES exactly as the hearth-pot target
does (same xgettext arguments, same ITS rules), merges each language's .po
into it with msgmerge and checks the result with msgfmt --check: a message
that is new (untranslated) or changed (fuzzy) fails, and the failure names
it. Also checks that every source file with translatable strings is listed
in po/POTFILES and that the prompt library's texts reach the template.

  check_translations.py SRCDIR -- XGETTEXT-ARGS...

Prints TAP. Nothing in the source tree is written.
"""

import os
import re
import subprocess
import sys
import tempfile

# The Plural-Forms header each language must carry.
PLURAL_FORMS = {
    "de": "nplurals=2; plural=(n != 1);",
}

# What marks a string for translation in each kind of source file.
MARKS = {
    ".c": re.compile(r'\b(?:_|N_|C_|NC_|g_dgettext|g_dngettext|g_dpgettext2)\s*\('),
    ".ui": re.compile(r'translatable="yes"'),
    ".xml": re.compile(r'<(?:summary|description)>|<_?name>|<p>|<li>|<title>|<prompt\b'),
    ".desktop.in": re.compile(r'^(?:Name|GenericName|Comment|Keywords)=', re.M),
    ".xml.in": re.compile(r'<(?:summary|p|li|name)>'),
}


def kind(name):
    """The key of MARKS for a file name, or None."""
    for suffix in (".desktop.in", ".xml.in"):
        if name.endswith(suffix):
            return suffix
    ext = os.path.splitext(name)[1]
    return ext if ext in MARKS else None

# Folders whose files carry no user-visible strings of their own.
NOT_SOURCES = ("help/", "tests/", "flatpak/", "po/", "tools/", "_build")


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, name, detail=""):
        self.n += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", self.n, name))
        if not ok:
            self.failed += 1
            for line in detail.rstrip().splitlines():
                print("# " + line)
        sys.stdout.flush()

    def done(self):
        print("1..%d" % self.n)
        return 1 if self.failed else 0


def run(argv, **kw):
    return subprocess.run(argv, capture_output=True, text=True, **kw)


def potfiles(srcdir):
    with open(os.path.join(srcdir, "po", "POTFILES"), encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def marked_sources(srcdir):
    """Files under src/ and data/ that mark strings for translation."""
    found = []
    for top in ("src", "data"):
        for root, dirs, files in os.walk(os.path.join(srcdir, top)):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(root, name)
                rel = os.path.relpath(path, srcdir)
                ext = kind(name)
                if rel.startswith(NOT_SOURCES) or ext is None:
                    continue
                if name.endswith(".gresource.xml"):
                    continue
                with open(path, encoding="utf-8", errors="replace") as f:
                    if MARKS[ext].search(f.read()):
                        found.append(rel)
    return found


def count_prompt_library(srcdir):
    path = os.path.join(srcdir, "src", "core", "prompts", "prompts.xml")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return len(re.findall(r"<(?:title|description|prompt)\b[^>]*>", text))


def references(pot):
    """The number of template messages that come from each file."""
    counts = {}
    entry = set()
    for line in pot.splitlines() + [""]:
        if line.startswith("#: "):
            for ref in line[3:].split():
                entry.add(ref.rsplit(":", 1)[0])
        elif line.startswith("msgid ") and entry:
            for f in entry:
                counts[f] = counts.get(f, 0) + 1
            entry = set()
    return counts


def main():
    args = sys.argv[1:]
    if "--" not in args or args.index("--") != 1:
        print("usage: check_translations.py SRCDIR -- XGETTEXT-ARGS...", file=sys.stderr)
        return 2
    srcdir = os.path.abspath(args[0])
    xgettext_args = args[2:]
    tap = Tap()

    listed = potfiles(srcdir)
    missing_files = [f for f in listed if not os.path.exists(os.path.join(srcdir, f))]
    tap.check(not missing_files, "every file in po/POTFILES exists",
              "\n".join("missing: " + f for f in missing_files))
    unlisted = [f for f in marked_sources(srcdir) if f not in listed]
    tap.check(not unlisted, "every file with translatable strings is in po/POTFILES",
              "\n".join("not listed: " + f for f in unlisted))

    with open(os.path.join(srcdir, "po", "LINGUAS"), encoding="utf-8") as f:
        languages = [w for l in f if not l.startswith("#") for w in l.split()]
    tap.check(languages == sorted(languages) and len(languages) > 0,
              "po/LINGUAS names languages in alphabetical order", " ".join(languages))

    with tempfile.TemporaryDirectory(prefix="hearth-po-") as tmp:
        pot = os.path.join(tmp, "hearth.pot")
        env = dict(os.environ, GETTEXTDATADIRS=os.path.join(srcdir, "po"), LC_ALL="C.UTF-8")
        r = run(["xgettext", "--package-name=hearth", "-D", srcdir,
                 "-f", os.path.join(srcdir, "po", "POTFILES"), "-o", pot] + xgettext_args,
                env=env)
        # A msgid xgettext cannot read as a format (say, a G_GINT64_FORMAT
        # spliced into it) is also one the program never finds at run time.
        warnings = [l for l in r.stderr.splitlines() if "warning" in l]
        tap.check(r.returncode == 0 and os.path.exists(pot) and not warnings,
                  "xgettext extracts the template without warnings", r.stderr)
        if not os.path.exists(pot):
            return tap.done()
        with open(pot, encoding="utf-8") as f:
            refs = references(f.read())

        silent = [f for f in listed if f not in refs and f in marked_sources(srcdir)]
        tap.check(not silent, "every marked file in po/POTFILES reaches the template",
                  "\n".join("no messages from: " + f for f in silent))
        want = count_prompt_library(srcdir)
        got = refs.get("src/core/prompts/prompts.xml", 0)
        tap.check(got == want, "the prompt library's %d titles, descriptions and prompts "
                  "reach the template (ITS rules in po/its)" % want, "got %d" % got)

        for lang in languages:
            po = os.path.join(srcdir, "po", lang + ".po")
            merged = os.path.join(tmp, lang + ".po")
            r = run(["msgmerge", "--quiet", "--previous", "-o", merged, po, pot])
            tap.check(r.returncode == 0, "%s: msgmerge with the fresh template" % lang, r.stderr)
            if r.returncode != 0:
                continue
            r = run(["msgfmt", "--check", "--statistics", "-o", os.devnull, merged],
                    env=dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE=""))
            stats = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ""
            print("# %s: %s" % (lang, stats))
            tap.check(r.returncode == 0, "%s: msgfmt --check passes" % lang, r.stderr)
            incomplete = run(["msgattrib", "--only-fuzzy", "--no-obsolete", merged]).stdout
            incomplete += run(["msgattrib", "--untranslated", "--no-obsolete", merged]).stdout
            names = re.findall(r'^msgid "(.+)"$', incomplete, re.M)
            tap.check("fuzzy" not in stats and "untranslated" not in stats,
                      "%s: every message is translated, none fuzzy" % lang,
                      "%s\nupdate po/%s.po (msgmerge -U po/%s.po po/hearth.pot after "
                      "meson compile hearth-pot) and translate:\n%s"
                      % (stats, lang, lang, "\n".join("  " + n for n in names)))
            with open(po, encoding="utf-8") as f:
                header = f.read(4000)
            want = PLURAL_FORMS.get(lang)
            tap.check(want is None or ("Plural-Forms: %s\\n" % want) in header,
                      "%s: Plural-Forms is %s" % (lang, want))
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
