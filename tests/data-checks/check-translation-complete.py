#!/usr/bin/env python3
"""A translation is complete: nothing untranslated or fuzzy against a fresh template.

    check-translation-complete.py --source-root DIR --potfiles POTFILES.in
        --package NAME --po LANG.po -- XGETTEXT_ARGS...

Builds the template with xgettext the way the tidings-pot target does (but
into a temporary folder: the target writes into the source tree), merges the
.po into it with msgmerge, and names every message that is untranslated or
fuzzy. The merged catalogue must also pass msgfmt --check (format strings
that match the original's).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import po_utils  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--source-root', required=True)
    parser.add_argument('--potfiles', required=True)
    parser.add_argument('--package', required=True)
    parser.add_argument('--po', required=True)
    parser.add_argument('xgettext_args', nargs=argparse.REMAINDER)
    options = parser.parse_args()
    args = options.xgettext_args[1:] if options.xgettext_args[:1] == ['--'] else options.xgettext_args
    language = os.path.basename(options.po)[:-3]

    print(f'Checking that {options.po} translates every message of a freshly built template')
    tools = {name: shutil.which(name) for name in ('xgettext', 'msgmerge', 'msgfmt')}
    missing = [name for name, path in tools.items() if path is None]
    if missing:
        print(f'FAIL: {", ".join(missing)} not installed (apt install gettext)')
        return 1

    with tempfile.TemporaryDirectory(prefix='tidings-po-') as tmp:
        pot = os.path.join(tmp, options.package + '.pot')
        result = po_utils.xgettext(tools['xgettext'], args, pot, options.source_root,
                                   files_from=options.potfiles, package=options.package)
        if result.returncode != 0 or not os.path.exists(pot):
            print(result.stdout)
            print('FAIL: xgettext could not build the template')
            return 1

        merged = os.path.join(tmp, language + '.po')
        result = subprocess.run([tools['msgmerge'], '--quiet', '-o', merged, options.po, pot],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            print(result.stdout)
            print(f'FAIL: msgmerge could not merge {options.po}')
            return 1

        entries = [e for e in po_utils.read_po(merged) if not e['obsolete'] and e['msgid'] != '']
        untranslated = [e for e in entries if any(s == '' for s in e['msgstr'])]
        fuzzy = [e for e in entries if e['fuzzy'] and e not in untranslated]

        result = subprocess.run([tools['msgfmt'], '--check', '-o', os.devnull, merged],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        check_output = result.stdout.strip()

    print(f'  {len(entries)} messages in the template; {len(untranslated)} untranslated, '
          f'{len(fuzzy)} fuzzy')
    failed = False
    if untranslated:
        failed = True
        print(f'FAIL: untranslated in {language}:')
        for entry in untranslated:
            print(f'  {po_utils.describe(entry)}')
    if fuzzy:
        failed = True
        print(f'FAIL: fuzzy (needs review) in {language}:')
        for entry in fuzzy:
            print(f'  {po_utils.describe(entry)}')
    if result.returncode != 0:
        failed = True
        print(f'FAIL: msgfmt --check on the merged catalogue:\n{check_output}')
    if failed:
        print(f'To fix: meson compile -C <builddir> {options.package}-pot '
              f'{options.package}-update-po, then translate {options.po}')
        return 1

    print(f'OK: {language} is complete')
    return 0


if __name__ == '__main__':
    sys.exit(main())
