#!/usr/bin/env python3
"""The shared-mime-info definition for .tidings files.

    check-mime.py MERGED_MIME_XML

Builds a private MIME database from the file alone with update-mime-database
(which reports malformed definitions) and checks that *.tidings maps to
application/x-tidings-issue, a subclass of application/json, with a comment
in every language of po/LINGUAS that has been translated.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

MIME_TYPE = 'application/x-tidings-issue'
NS = '{http://www.freedesktop.org/standards/shared-mime-info}'
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'


def main():
    source = sys.argv[1]
    print(f'Checking the MIME definition {source} with update-mime-database')
    failures = []

    def check(condition, what):
        print(f'  {"ok  " if condition else "FAIL"} {what}')
        if not condition:
            failures.append(what)

    root = ET.parse(source).getroot()
    types = root.findall(f'{NS}mime-type')
    check([t.get('type') for t in types] == [MIME_TYPE], f'it defines {MIME_TYPE} only')
    comments = {c.get(XML_LANG, 'C'): (c.text or '').strip() for c in root.iter(f'{NS}comment')}
    check(comments.get('C', '') != '', 'it has an untranslated <comment>')
    check('es' in comments, f'the comment is translated into Spanish (languages: {sorted(comments)})')

    tool = shutil.which('update-mime-database')
    if tool is None:
        print('FAIL: update-mime-database is not installed (apt install shared-mime-info)')
        return 1

    with tempfile.TemporaryDirectory(prefix='tidings-mime-') as tmp:
        packages = os.path.join(tmp, 'mime', 'packages')
        os.makedirs(packages)
        shutil.copy(source, os.path.join(packages, 'io.github.tidings.Tidings.xml'))
        # With the folder on the XDG path, update-mime-database has nothing
        # to say unless the definition is faulty.
        env = dict(os.environ, XDG_DATA_HOME=tmp, XDG_DATA_DIRS=tmp)
        result = subprocess.run([tool, os.path.join(tmp, 'mime')], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, env=env)
        output = result.stdout.strip()
        if output:
            print(output)
        check(result.returncode == 0 and output == '',
              'update-mime-database accepts it without complaint')

        def read(name):
            try:
                with open(os.path.join(tmp, 'mime', name), encoding='utf-8') as f:
                    return f.read().splitlines()
            except FileNotFoundError:
                return []

        globs = [line.split(':') for line in read('globs2') if not line.startswith('#')]
        check(any(g[1:3] == [MIME_TYPE, '*.tidings'] for g in globs if len(g) >= 3),
              f'*.tidings is a glob of {MIME_TYPE}')
        check(f'{MIME_TYPE} application/json' in read('subclasses'),
              f'{MIME_TYPE} is a subclass of application/json')
        check(any(line.startswith(f'{MIME_TYPE} ') or line == MIME_TYPE
                  for line in read('types')), f'{MIME_TYPE} is in the types list')

    if failures:
        print(f'FAIL: {len(failures)} requirement(s) of the MIME definition not met: ' + '; '.join(failures))
        return 1
    print('OK: .tidings files are application/x-tidings-issue')
    return 0


if __name__ == '__main__':
    sys.exit(main())
