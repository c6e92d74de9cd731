#!/usr/bin/env python3
"""`meson install --destdir` produces a complete desktop installation.

    check-install.py --meson MESON --build-root DIR --prefix P --bindir B
                     --datadir D --localedir L --app-id ID --gettext-package PKG

`meson test` builds only what the tests depend on, so this check first builds
everything (`meson compile`), then installs with --no-rebuild into a
temporary DESTDIR (where meson skips the post-install cache updates) and
looks for the binaries, the desktop file, the metainfo, both icons, the
schema, the MIME definition and the compiled catalogue of every language.
The GUI binary is required once the build tree has src/ui/tidings.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile


def run(command):
    print(f'$ {" ".join(command)}')
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        print(result.stdout)
        print(f'FAIL: {command[0]} {command[1]} exited with status {result.returncode}')
        sys.exit(1)
    return result.stdout


def linguas(build_root):
    # The source tree is found through the build tree's introspection data.
    info = os.path.join(build_root, 'meson-info', 'meson-info.json')
    with open(info, encoding='utf-8') as f:
        source_root = json.load(f)['directories']['source']
    languages = []
    with open(os.path.join(source_root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0]
            languages += line.split()
    return languages


def main():
    parser = argparse.ArgumentParser()
    for option in ('meson', 'build-root', 'prefix', 'bindir', 'datadir', 'localedir', 'app-id',
                   'gettext-package'):
        parser.add_argument('--' + option, required=True)
    options = parser.parse_args()

    meson = options.meson if os.path.isabs(options.meson) else shutil.which(options.meson)
    if meson is None:
        print('FAIL: meson is not in PATH')
        return 1

    app_id = options.app_id
    print(f'Checking that `meson install` from {options.build_root} gives a complete installation')
    run([meson, 'compile', '-C', options.build_root])

    with tempfile.TemporaryDirectory(prefix='tidings-install-') as destdir:
        run([meson, 'install', '-C', options.build_root, '--no-rebuild', '--quiet',
             '--destdir', destdir])

        # get_option() gives bindir etc. relative to the prefix (or absolute).
        root = destdir + os.path.abspath(options.prefix)

        def under(directory, *parts):
            base = directory if os.path.isabs(directory) else os.path.join(options.prefix, directory)
            return os.path.join(destdir + os.path.abspath(base), *parts)

        expected = [
            ('the headless binary', under(options.bindir, 'tidings-cli')),
            ('the desktop file', under(options.datadir, 'applications', app_id + '.desktop')),
            ('the AppStream metainfo', under(options.datadir, 'metainfo', app_id + '.metainfo.xml')),
            ('the scalable app icon',
             under(options.datadir, 'icons', 'hicolor', 'scalable', 'apps', app_id + '.svg')),
            ('the symbolic app icon',
             under(options.datadir, 'icons', 'hicolor', 'symbolic', 'apps', app_id + '-symbolic.svg')),
            ('the GSettings schema',
             under(options.datadir, 'glib-2.0', 'schemas', app_id + '.gschema.xml')),
            ('the MIME definition', under(options.datadir, 'mime', 'packages', app_id + '.xml')),
            # The pre-send checks' word lists, read at run time (docs/checks.md).
            ('the health-claim word lists',
             under(options.datadir, 'tidings', 'checks', 'claims', 'any.en.txt')),
            ('the massage therapist\'s health-claim word list',
             under(options.datadir, 'tidings', 'checks', 'claims', 'massage.en.txt')),
        ]
        gui = os.path.join(options.build_root, 'src', 'ui', 'tidings')
        if os.path.exists(gui):
            expected.insert(0, ('the GUI binary', under(options.bindir, 'tidings')))
        else:
            print(f'note: {gui} is not built yet, so the GUI binary is not looked for')
        for language in linguas(options.build_root):
            expected.append((f'the {language} catalogue',
                             under(options.localedir, language, 'LC_MESSAGES',
                                   options.gettext_package + '.mo')))

        failures = []
        for what, path in expected:
            present = os.path.isfile(path) and os.path.getsize(path) > 0
            print(f'  {"ok  " if present else "FAIL"} {what}: {os.path.relpath(path, destdir)}')
            if not present:
                failures.append(what)

        for what, path, needle in [
                ('the desktop file carries the Spanish translation',
                 under(options.datadir, 'applications', app_id + '.desktop'), 'Comment[es]='),
                ('the metainfo carries the Spanish translation',
                 under(options.datadir, 'metainfo', app_id + '.metainfo.xml'), 'xml:lang="es"'),
                ('the MIME comment carries the Spanish translation',
                 under(options.datadir, 'mime', 'packages', app_id + '.xml'), 'xml:lang="es"')]:
            try:
                with open(path, encoding='utf-8') as f:
                    found = needle in f.read()
            except OSError:
                found = False
            print(f'  {"ok  " if found else "FAIL"} {what}')
            if not found:
                failures.append(what)

        binary = under(options.bindir, 'tidings-cli')
        if os.path.isfile(binary) and not os.access(binary, os.X_OK):
            print('  FAIL tidings-cli is not executable')
            failures.append('tidings-cli executable')

        if failures:
            print(f'FAIL: the installation lacks: {", ".join(failures)}')
            print('Installed files:')
            for directory, _, files in sorted(os.walk(root)):
                for name in sorted(files):
                    print(f'  {os.path.relpath(os.path.join(directory, name), destdir)}')
            return 1

    print('OK: the installation is complete')
    return 0


if __name__ == '__main__':
    sys.exit(main())
