#!/usr/bin/env python3
"""msgfmt --check on every .po file, and LINGUAS in step with them.

    check-po.py PO_DIR
"""
import glob
import os
import shutil
import subprocess
import sys


def main():
    po_dir = sys.argv[1]
    print(f'Checking every .po file in {po_dir} with msgfmt --check')
    msgfmt = shutil.which('msgfmt')
    if msgfmt is None:
        print('FAIL: msgfmt is not installed (apt install gettext)')
        return 1

    failures = []
    po_files = sorted(glob.glob(os.path.join(po_dir, '*.po')))
    if not po_files:
        failures.append('there is no .po file')

    for po in po_files:
        result = subprocess.run([msgfmt, '--check', '--statistics', '-o', os.devnull, po],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        output = result.stdout.strip()
        ok = result.returncode == 0
        print(f'  {"ok  " if ok else "FAIL"} {os.path.basename(po)}: {output}')
        if not ok:
            failures.append(os.path.basename(po))

    languages = []
    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        for line in f:
            languages += line.split('#', 1)[0].split()
    have = sorted(os.path.basename(p)[:-3] for p in po_files)
    in_step = sorted(languages) == have and len(set(languages)) == len(languages)
    print(f'  {"ok  " if in_step else "FAIL"} LINGUAS lists exactly the .po files '
          f'(LINGUAS: {languages}; files: {have})')
    if not in_step:
        failures.append('LINGUAS')

    if failures:
        print(f'FAIL: {", ".join(failures)}')
        return 1
    print('OK: every catalogue compiles cleanly')
    return 0


if __name__ == '__main__':
    sys.exit(main())
