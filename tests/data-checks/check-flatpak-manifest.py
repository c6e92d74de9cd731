#!/usr/bin/env python3
"""Offline check of the Flatpak manifest (this machine cannot build it).

    check-flatpak-manifest.py --desktop-file DESKTOP_IN --metainfo METAINFO_IN MANIFEST

- valid JSON; app-id is the desktop file's name and the metainfo <id>;
  command is tidings, the GUI binary that meson installs;
- the GNOME runtime and SDK, with the same branch;
- every module other than tidings itself is built from archives pinned by a
  sha256 (64 hex digits) over https; no git sources that follow a branch
  (a git source must name a commit or tag and the commit);
- tidings itself is built with meson from the tree (a dir source);
- finish-args grant no broad filesystem, device or bus access, and no
  network unless a "//network" comment key in the manifest justifies it.
"""
import argparse
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

FORBIDDEN_FINISH_ARGS = [
    re.compile(r'^--filesystem=(home|host|host-os|host-etc|/)(:(rw|ro|create))?$'),
    re.compile(r'^--filesystem=~(/.*)?$'),
    re.compile(r'^--filesystem=xdg-(documents|download|desktop|pictures)(/.*)?(:(rw|ro|create))?$'),
    re.compile(r'^--device=(all|shm|kvm|input|usb)$'),
    re.compile(r'^--socket=(session-bus|system-bus|x11|pulseaudio|ssh-auth|pcsc|cups|gpg-agent)$'),
    re.compile(r'^--talk-name=org\.freedesktop\.Flatpak$'),
    re.compile(r'^--(talk|own)-name=\*$'),
    re.compile(r'^--system-(talk|own)-name='),
    re.compile(r'^--allow=(devel|multiarch|bluetooth|canbus)$'),
]
NETWORK = '--share=network'
SHA256 = re.compile(r'^[0-9a-f]{64}$')
COMMIT = re.compile(r'^[0-9a-f]{40}$')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--desktop-file', required=True)
    parser.add_argument('--metainfo', required=True)
    parser.add_argument('manifest')
    options = parser.parse_args()

    print(f'Checking the Flatpak manifest {options.manifest}')
    failures = []

    def check(condition, what):
        print(f'  {"ok  " if condition else "FAIL"} {what}')
        if not condition:
            failures.append(what)
        return condition

    try:
        with open(options.manifest, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f'FAIL: the manifest is not readable JSON: {e}')
        return 1
    check(isinstance(manifest, dict), 'the manifest is a JSON object')

    desktop_name = os.path.basename(options.desktop_file)
    for suffix in ('.in', '.desktop'):
        if desktop_name.endswith(suffix):
            desktop_name = desktop_name[:-len(suffix)]
    metainfo_id = (ET.parse(options.metainfo).getroot().findtext('id') or '').strip()
    app_id = manifest.get('app-id', manifest.get('id'))
    check(app_id == desktop_name, f'app-id "{app_id}" is the desktop file\'s name "{desktop_name}"')
    check(app_id == metainfo_id, f'app-id "{app_id}" is the metainfo <id> "{metainfo_id}"')
    check(manifest.get('command') == 'tidings',
          f'command is "tidings", the GUI binary (found "{manifest.get("command")}")')

    check(manifest.get('runtime') == 'org.gnome.Platform', 'the runtime is org.gnome.Platform')
    check(manifest.get('sdk') == 'org.gnome.Sdk', 'the SDK is org.gnome.Sdk')
    branch = str(manifest.get('runtime-version', ''))
    check(re.fullmatch(r'\d+', branch) is not None,
          f'runtime-version is a stable GNOME release, not master/nightly ("{branch}")')

    finish_args = manifest.get('finish-args', [])
    check(isinstance(finish_args, list) and all(isinstance(a, str) for a in finish_args),
          'finish-args is a list of strings')
    for arg in finish_args:
        check(not any(p.match(arg) for p in FORBIDDEN_FINISH_ARGS),
              f'finish-arg {arg} is not a broad permission')
    if NETWORK in finish_args:
        reason = manifest.get('//network', '')
        check(isinstance(reason, str) and len(reason.split()) >= 5,
              f'{NETWORK} is justified by a "//network" comment key')
    else:
        print(f'  ok   no {NETWORK}')
    for needed in ('--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri'):
        check(needed in finish_args, f'finish-args include {needed}')
    # Files come through the portals: the folder chooser grants an issue's
    # folder, so no file-system permission at all (docs/flatpak.md).
    for arg in finish_args:
        check(not arg.startswith('--filesystem='),
              f'finish-arg {arg} is not a file-system permission (the portals give files)')
    reason = manifest.get('//files', '')
    check(isinstance(reason, str) and 'folder chooser' in reason,
          'a "//files" comment key says how files and their pictures are reached')

    modules = manifest.get('modules', [])
    check(isinstance(modules, list) and len(modules) > 0, 'there are modules')

    def walk(modules):
        for module in modules:
            if isinstance(module, str):
                check(False, f'module "{module}" is an external file (keep the manifest self-contained)')
                continue
            yield module
            yield from walk(module.get('modules', []))

    all_modules = list(walk(modules))
    names = [m.get('name') for m in all_modules]
    check(len(names) == len(set(names)), f'module names are unique ({names})')
    check(all_modules != [] and all_modules[-1].get('name') == 'tidings',
          'tidings is the last module')

    for module in all_modules:
        name = module.get('name', '?')
        sources = module.get('sources', [])
        check(len(sources) > 0, f'module {name} has sources')
        for source in sources:
            if isinstance(source, str):
                check(False, f'module {name}: source "{source}" is an external file')
                continue
            kind = source.get('type')
            if name == 'tidings':
                check(kind == 'dir' and source.get('path') == '..',
                      'tidings is built from the tree (type dir, path "..")')
                check(module.get('buildsystem') == 'meson', 'tidings is built with meson')
                continue
            if kind in ('archive', 'file'):
                url = source.get('url', '')
                sha = source.get('sha256', '')
                check(url.startswith('https://'), f'module {name}: {kind} from an https URL ({url})')
                check(SHA256.match(sha) is not None,
                      f'module {name}: {kind} pinned by a sha256 of 64 hex digits')
            elif kind == 'git':
                check('branch' not in source and
                      COMMIT.match(source.get('commit', '')) is not None,
                      f'module {name}: git source pinned to a commit, not a branch')
            elif kind == 'patch':
                check(source.get('path') is not None, f'module {name}: patch is a file in the tree')
            else:
                check(False, f'module {name}: source type "{kind}" is not a pinned archive')

    if failures:
        print(f'FAIL: {len(failures)} requirement(s) of the Flatpak manifest not met:')
        for failure in failures:
            print(f'  {failure}')
        return 1
    print('OK: the manifest is pinned and minimal')
    return 0


if __name__ == '__main__':
    sys.exit(main())
