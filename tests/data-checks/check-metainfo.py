#!/usr/bin/env python3
"""What Flathub requires of the metainfo, checked with XPath.

    check-metainfo.py --desktop-file DESKTOP METAINFO

AppStream 0.16 (Debian 12) cannot check these: it predates <developer>, and
Flathub's linter adds rules of its own. Checked here: the component id and
the launchable match the desktop file's name; <developer id> with a <name>;
an https homepage; a summary of at most 35 characters with no trailing
period (in every language); a description; licenses; at least one release
with a version and date; an OARS content rating; at least one screenshot
with an https image and a caption.
"""
import argparse
import os
import re
import sys

try:
    from lxml import etree
except ImportError:
    print('FAIL: the Python module lxml is missing (apt install python3-lxml; '
          f'this check ran with {sys.executable})')
    sys.exit(1)

XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--desktop-file', required=True)
    parser.add_argument('metainfo')
    options = parser.parse_args()

    desktop_id = os.path.basename(options.desktop_file)
    expected_id = desktop_id[:-len('.desktop')] if desktop_id.endswith('.desktop') else desktop_id
    print(f'Checking {options.metainfo} against what Flathub requires '
          f'(desktop file {desktop_id})')

    root = etree.parse(options.metainfo).getroot()
    failures = []

    def check(condition, what):
        print(f'  {"ok  " if condition else "FAIL"} {what}')
        if not condition:
            failures.append(what)

    def texts(xpath):
        return [(node.get(XML_LANG) or 'C', (node.text or '').strip())
                for node in root.xpath(xpath)]

    check(root.tag == 'component' and root.get('type') == 'desktop-application',
          'the root is <component type="desktop-application">')
    check(root.xpath('string(id)') == expected_id,
          f'<id> is {expected_id} (found "{root.xpath("string(id)")}")')
    check(root.xpath('launchable[@type="desktop-id"]/text()') == [desktop_id],
          f'<launchable type="desktop-id"> is {desktop_id}')
    check(root.xpath('string(metadata_license)') != '', '<metadata_license> is set')
    check(root.xpath('string(project_license)') != '', '<project_license> is set')

    names = texts('name[not(@xml:lang)]')
    check(len(names) == 1 and names[0][1] != '', 'one untranslated <name>')

    developer_ids = root.xpath('developer/@id')
    developer_names = texts('developer/name[not(@xml:lang)]')
    check(len(developer_ids) == 1 and developer_ids[0].strip() != '',
          '<developer> has a non-empty id attribute')
    check(len(developer_names) == 1 and developer_names[0][1] != '',
          '<developer> has a non-empty <name>')

    homepages = [u.strip() for u in root.xpath('url[@type="homepage"]/text()')]
    check(len(homepages) == 1 and homepages[0].startswith('https://'),
          f'one https <url type="homepage"> (found {homepages})')
    for kind in ('bugtracker', 'vcs-browser'):
        urls = [u.strip() for u in root.xpath(f'url[@type="{kind}"]/text()')]
        check(len(urls) == 1 and urls[0].startswith('https://'), f'one https <url type="{kind}">')

    summaries = texts('summary')
    check(any(lang == 'C' for lang, _ in summaries), 'an untranslated <summary>')
    for lang, summary in summaries:
        check(0 < len(summary) <= 35 and not summary.endswith('.'),
              f'summary [{lang}] "{summary}" has 1 to 35 characters ({len(summary)}) '
              'and no trailing period')

    check(len(root.xpath('description[not(@xml:lang)]/p')) > 0 or
          len(root.xpath('description/p[not(@xml:lang)]')) > 0,
          '<description> has at least one paragraph')

    releases = root.xpath('releases/release')
    check(len(releases) > 0, 'at least one <release>')
    for release in releases:
        version = release.get('version') or ''
        date = release.get('date') or ''
        check(version != '' and re.fullmatch(r'\d{4}-\d{2}-\d{2}', date) is not None,
              f'release {version or "?"} has a version and a YYYY-MM-DD date ({date})')

    ratings = root.xpath('content_rating/@type')
    check(len(ratings) == 1 and ratings[0] in ('oars-1.0', 'oars-1.1'),
          f'an OARS <content_rating> (found {ratings})')

    check(root.xpath('categories/category/text()') != [], 'at least one <category>')

    screenshots = root.xpath('screenshots/screenshot')
    check(len(screenshots) > 0, 'at least one <screenshot>')
    check(len(root.xpath('screenshots/screenshot[@type="default"]')) == 1,
          'exactly one default screenshot')
    for i, screenshot in enumerate(screenshots):
        images = [t.strip() for t in screenshot.xpath('image/text()')]
        captions = [t.strip() for t in screenshot.xpath('caption[not(@xml:lang)]/text()')]
        check(len(images) > 0 and all(u.startswith('https://') for u in images),
              f'screenshot {i + 1} has an https <image> ({images})')
        check(len(captions) == 1 and captions[0] != '', f'screenshot {i + 1} has a <caption>')

    if failures:
        print(f'FAIL: {len(failures)} Flathub requirement(s) not met:')
        for failure in failures:
            print(f'  {failure}')
        return 1

    print('OK: the metainfo has everything Flathub requires')
    return 0


if __name__ == '__main__':
    sys.exit(main())
