#!/usr/bin/env python3
"""po/POTFILES.in lists every file with translatable strings.

    check-potfiles.py --source-root DIR --potfiles POTFILES.in -- XGETTEXT_ARGS...

Fails when a file under src/ (.c, .h, .ui) or data/ (.in, .xml) has
translatable strings and is not listed, when a listed file does not exist,
and when the list is not sorted or repeats a file. A C or .ui file is a
candidate when it contains _( N_( NC_( C_( translatable="yes" or
td_l10n_gettext; a data file always is. A candidate counts as translatable
when xgettext, run with the project's keywords, extracts at least one
message from it (so a mention in a comment does not count).
"""
import argparse
import os
import re
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import po_utils  # noqa: E402

MARKERS = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|NC_|C_|g_dngettext|g_dpgettext2|ngettext)\s*\('
                     r'|translatable="yes"|td_l10n_gettext')
SCANNED = {'src': ('.c', '.h', '.ui'), 'data': ('.in', '.xml')}


def candidates(source_root):
    for top, suffixes in SCANNED.items():
        for directory, subdirs, files in os.walk(os.path.join(source_root, top)):
            subdirs[:] = sorted(d for d in subdirs if not d.startswith('.'))
            for name in sorted(files):
                if name.endswith(suffixes):
                    path = os.path.join(directory, name)
                    yield os.path.relpath(path, source_root).replace(os.sep, '/')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--source-root', required=True)
    parser.add_argument('--potfiles', required=True)
    parser.add_argument('xgettext_args', nargs=argparse.REMAINDER)
    options = parser.parse_args()
    args = options.xgettext_args[1:] if options.xgettext_args[:1] == ['--'] else options.xgettext_args

    print(f'Checking that {options.potfiles} lists every file with translatable strings')
    xgettext = shutil.which('xgettext')
    if xgettext is None:
        print('FAIL: xgettext is not installed (apt install gettext)')
        return 1

    listed = po_utils.read_potfiles(options.potfiles)
    failures = []

    if listed != sorted(listed):
        failures.append('POTFILES.in is not sorted (LC_ALL=C sort)')
    duplicates = sorted({name for name in listed if listed.count(name) > 1})
    if duplicates:
        failures.append(f'POTFILES.in lists more than once: {", ".join(duplicates)}')
    for name in listed:
        if not os.path.isfile(os.path.join(options.source_root, name)):
            failures.append(f'POTFILES.in lists {name}, which does not exist')

    translatable = []
    with tempfile.TemporaryDirectory(prefix='tidings-potfiles-') as tmp:
        for name in candidates(options.source_root):
            path = os.path.join(options.source_root, name)
            with open(path, encoding='utf-8', errors='replace') as f:
                text = f.read()
            if not name.startswith('data/') and not MARKERS.search(text):
                continue
            output = os.path.join(tmp, 'out.pot')
            if os.path.exists(output):
                os.remove(output)
            result = po_utils.xgettext(xgettext, args, output, options.source_root, files=[name])
            messages = []
            if os.path.exists(output):
                messages = [e for e in po_utils.read_po(output) if e['msgid'] != '']
            if result.returncode != 0:
                if name.startswith('data/'):
                    # A data file xgettext has no rules for (a GResource list,
                    # say) holds nothing to translate.
                    continue
                failures.append(f'xgettext cannot read {name}: {result.stdout.strip()}')
                continue
            if messages:
                translatable.append((name, len(messages)))
            elif name in listed:
                print(f'  note: {name} is listed but has no translatable strings (left as is)')

    for name, count in translatable:
        ok = name in listed
        print(f'  {"ok  " if ok else "FAIL"} {name} ({count} message{"s" if count != 1 else ""})')
        if not ok:
            failures.append(f'{name} has {count} translatable string(s) and is missing from '
                            'po/POTFILES.in')

    if failures:
        print('FAIL:')
        for failure in failures:
            print(f'  {failure}')
        return 1
    print(f'OK: POTFILES.in lists all {len(translatable)} files with translatable strings')
    return 0


if __name__ == '__main__':
    sys.exit(main())
