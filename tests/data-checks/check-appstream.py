#!/usr/bin/env python3
"""appstreamcli validate --no-net on the merged metainfo: no errors, no warnings.

    check-appstream.py METAINFO

Infos and pedantic notes are shown but allowed. One info is expected and
named here: Debian 12's AppStream 0.16 predates the <developer id=...><name>
form that Flathub requires (AppStream 1.0) and reports it as
"unknown-tag developer". 0.16 reports it as an info; should another version
raise it to a warning, that one message is still accepted (and only that
one), since check-metainfo.py checks the tag itself.
"""
import re
import shutil
import subprocess
import sys

LINE = re.compile(r'^([EWIP]): [^:]+:(?:\d+:)? (\S+)(?: (.*))?$')
KNOWN_UNKNOWN = {('unknown-tag', 'developer')}


def main():
    metainfo = sys.argv[1]
    tool = shutil.which('appstreamcli')
    print(f'Checking {metainfo} with appstreamcli validate --no-net')
    if tool is None:
        print('FAIL: appstreamcli is not installed (apt install appstream; '
              'build-aux/setup test does)')
        return 1

    version = subprocess.run([tool, '--version'], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True).stdout.strip()
    print(version)

    result = subprocess.run([tool, 'validate', '--no-net', '--no-color', metainfo],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(result.stdout.strip())

    failures = []
    for line in result.stdout.splitlines():
        match = LINE.match(line.strip())
        if not match:
            continue
        severity, tag, detail = match.group(1), match.group(2), (match.group(3) or '').strip()
        if severity not in ('E', 'W'):
            continue
        if (tag, detail) in KNOWN_UNKNOWN:
            print(f'note: accepting "{tag} {detail}" (AppStream < 1.0 does not know <developer>)')
            continue
        failures.append(line.strip())

    if failures:
        print(f'FAIL: {len(failures)} error(s) or warning(s) from appstreamcli:')
        for failure in failures:
            print(f'  {failure}')
        return 1
    if result.returncode != 0 and not any(LINE.match(l.strip()) for l in result.stdout.splitlines()):
        print(f'FAIL: appstreamcli exited with status {result.returncode}')
        return 1

    print('OK: no errors and no warnings')
    return 0


if __name__ == '__main__':
    sys.exit(main())
