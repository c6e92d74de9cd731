#!/usr/bin/env python3
"""test-archive.py: tidings-cli archive (and publish) from three issues, as TAP.

    test-archive.py TIDINGS_CLI SAMPLE_DIR VNU_JAR

Three issues made from the sample (June, July, August 2023, given out of
order) become an archive: the index lists them newest first; each page is
its web export with links to its neighbours, valid for the Nu HTML Checker;
feed.atom parses with feedparser and validates against RFC 4287's RELAX NG
schema (atom.rnc beside this file, with jing), every URL in it absolute;
sitemap.xml lists every page. A second run writes nothing and leaves the
bytes and times alone; a change of one issue rewrites only its page and
the feed. Each issue's email then says "View in browser" to its page.
Last, the archive goes to a local OpenSSH SFTP server with tidings-cli
publish: first everything, then after the change only what changed.
"""
import hashlib
import html.parser
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET

BASE = 'https://rachel.example/news/'
ATOM = '{http://www.w3.org/2005/Atom}'
MONTHS = {'2023-06': 'June', '2023-07': 'July', '2023-08': 'August'}

results = []


def check(name, condition, detail=''):
    results.append((name, bool(condition), detail))
    return condition


def skip(name, reason):
    results.append((name, None, reason))


def run(*args, env=None, check_rc=True):
    done = subprocess.run(list(args), capture_output=True, text=True, env=env)
    if check_rc and done.returncode != 0:
        raise SystemExit(f'Bail out! {args[:3]} failed ({done.returncode}): {done.stderr}')
    return done


def make_issues(sample, root):
    with open(os.path.join(sample, 'august-2023.tidings'), encoding='utf-8') as f:
        original = json.load(f)
    paths = {}
    for month, name in MONTHS.items():
        folder = os.path.join(root, 'issues', month)
        shutil.copytree(os.path.join(sample, 'images'), os.path.join(folder, 'images'))
        issue = json.loads(json.dumps(original))
        issue['issue']['date'] = month
        issue['issue']['title'] = f'News: {name} 2023'
        issue['issue']['public_base_url'] = ''
        path = os.path.join(folder, f'{name.lower()}.tidings')
        with open(path, 'w', encoding='utf-8') as f:
            json.dump(issue, f, ensure_ascii=False, indent=2)
        paths[month] = path
    return paths


def snapshot(site):
    files = {}
    for folder, _, names in os.walk(site):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, 'rb') as f:
                digest = hashlib.sha256(f.read()).hexdigest()
            files[os.path.relpath(path, site)] = (digest, os.stat(path).st_mtime_ns)
    return files


class Links(html.parser.HTMLParser):
    """Every URL of an HTML fragment: href, src, srcset, poster, action."""

    def __init__(self):
        super().__init__()
        self.urls = []
        self.links = []   # (href, rel, text) of <a>
        self._a = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ('href', 'src', 'poster', 'action'):
            if attrs.get(name) is not None:
                self.urls.append(attrs[name])
        if attrs.get('srcset'):
            self.urls += [part.split()[0] for part in attrs['srcset'].split(',') if part.strip()]
        if tag == 'a':
            self._a = [attrs.get('href'), attrs.get('rel'), '']

    def handle_data(self, data):
        if self._a is not None:
            self._a[2] += data

    def handle_endtag(self, tag):
        if tag == 'a' and self._a is not None:
            self.links.append(tuple(self._a))
            self._a = None


def parse_links(text):
    parser = Links()
    parser.feed(text)
    return parser


def is_absolute(url):
    return urllib.parse.urlsplit(url).scheme in ('http', 'https', 'mailto', 'tel', 'sms')


def test_archive(cli, sample, vnu, tmp):
    here = os.path.dirname(os.path.abspath(__file__))
    paths = make_issues(sample, tmp)
    site = os.path.join(tmp, 'site')
    # Out of order on purpose: the archive sorts.
    files = [paths['2023-07'], paths['2023-08'], paths['2023-06']]
    first = run(cli, 'archive', *files, '-o', site, '--base-url', BASE.rstrip('/'))
    written = first.stdout.split()
    check('the first run writes every file', len(written) == 3 * 13 + 3,
          f'{len(written)} written: {written}')
    for name in ('index.html', 'feed.atom', 'sitemap.xml'):
        check(f'{name} is there', os.path.isfile(os.path.join(site, name)))

    # The index: newest first, each to its page.
    with open(os.path.join(site, 'index.html'), encoding='utf-8') as f:
        index = f.read()
    hrefs = [href for href, _, _ in parse_links(index).links if href.endswith('/')]
    check('the index lists the issues newest first',
          hrefs == ['2023-08/', '2023-07/', '2023-06/'], f'{hrefs}')

    # Each page: the web export, its neighbours linked.
    expected = {'2023-08': ('2023-07', None), '2023-07': ('2023-06', '2023-08'),
                '2023-06': (None, '2023-07')}
    for month, (prev, nxt) in expected.items():
        with open(os.path.join(site, month, 'index.html'), encoding='utf-8') as f:
            page = f.read()
        links = parse_links(page).links
        rels = {rel: href for href, rel, _ in links if rel in ('prev', 'next')}
        want = {}
        if prev:
            want['prev'] = f'../{prev}/'
        if nxt:
            want['next'] = f'../{nxt}/'
        check(f'{month}: previous and next issue links', rels == want, f'{rels} != {want}')
        check(f'{month}: a link back to every issue', ('../', None) in
              [(href, rel) for href, rel, _ in links])
        check(f'{month}: its pictures are beside it',
              all(os.path.isfile(os.path.join(site, month, url))
                  for url in parse_links(page).urls
                  if url.startswith('images/')))

    if vnu and os.path.isfile(vnu) and shutil.which('java'):
        pages = [os.path.join(site, 'index.html')] + \
            [os.path.join(site, m, 'index.html') for m in MONTHS]
        done = run('java', '-jar', vnu, '--errors-only', '--format', 'text', *pages,
                   check_rc=False)
        check('the index and every page are valid HTML (Nu HTML Checker)',
              done.returncode == 0, done.stdout + done.stderr)
    else:
        skip('the index and every page are valid HTML (Nu HTML Checker)',
             'no java or vnu.jar (build-aux/install-vnu installs it)')

    test_feed(site, here)
    test_sitemap(site)

    # Again: nothing written, every byte and time the same.
    before = snapshot(site)
    time.sleep(0.05)
    again = run(cli, 'archive', *files, '-o', site, '--base-url', BASE)
    check('a second run writes nothing', again.stdout.strip() == '', again.stdout)
    check('a second run leaves every byte and time alone', snapshot(site) == before)

    # The issues now name their pages as their web version: the email's
    # "View in browser" goes there.
    email = run(cli, 'export', '--format=email', paths['2023-07'], '-o', '-').stdout
    views = [href for href, _, text in parse_links(email).links if 'View in browser' in text]
    check("the July email's “View in browser” is its archive page",
          views == [BASE + '2023-07/'], f'{views}')

    # One issue changed: its page and the feed, nothing else.
    with open(paths['2023-07'], encoding='utf-8') as f:
        july = json.load(f)
    for section in july['sections']:
        if section.get('type') == 'article':
            section['body'] += '\n\nA correction: the class is on Saturday.'
            break
    with open(paths['2023-07'], 'w', encoding='utf-8') as f:
        json.dump(july, f, ensure_ascii=False, indent=2)
    before = snapshot(site)
    changed = run(cli, 'archive', *files, '-o', site, '--base-url', BASE)
    after = snapshot(site)
    rewritten = sorted(p for p in after if after[p] != before.get(p))
    check('a change of one issue writes only its page and the feed',
          sorted(changed.stdout.split()) == ['2023-07/index.html', 'feed.atom']
          and rewritten == ['2023-07/index.html', 'feed.atom'],
          f'written {changed.stdout.split()}, changed on disk {rewritten}')
    return site, files


def test_feed(site, here):
    path = os.path.join(site, 'feed.atom')
    try:
        import feedparser
    except ImportError:
        skip('feed.atom parses as Atom 1.0 (feedparser)', 'python3-feedparser is missing')
        feedparser = None
    if feedparser:
        feed = feedparser.parse(path)
        check('feed.atom parses as Atom 1.0 (feedparser)',
              not feed.bozo and feed.version == 'atom10', f'{feed.bozo_exception!r}'
              if feed.bozo else feed.version)
        ids = [entry.id for entry in feed.entries]
        check('one entry per issue, newest first, ids stable (their pages)',
              ids == [BASE + m + '/' for m in ('2023-08', '2023-07', '2023-06')], f'{ids}')
        check("each entry's updated is its issue's month",
              [entry.updated for entry in feed.entries] ==
              ['2023-08-01T00:00:00Z', '2023-07-01T00:00:00Z', '2023-06-01T00:00:00Z'])
        check('each entry has the whole issue as HTML',
              all(entry.content[0].type == 'text/html' and 'glute bridge' in
                  entry.content[0].value for entry in feed.entries))
    if shutil.which('jing'):
        done = run('jing', '-c', os.path.join(here, 'atom.rnc'), path, check_rc=False)
        check("feed.atom is valid against RFC 4287's RELAX NG schema (jing)",
              done.returncode == 0, done.stdout)
    else:
        skip("feed.atom is valid against RFC 4287's RELAX NG schema (jing)",
             'jing is missing (build-aux/setup test installs it)')

    # Every URL absolute: ids, links, the author's, and inside the content.
    tree = ET.parse(path)
    urls = [el.text for el in tree.iter() if el.tag in (ATOM + 'id', ATOM + 'uri')]
    urls += [el.get('href') for el in tree.iter(ATOM + 'link')]
    urls += [el.get('uri') for el in tree.iter(ATOM + 'generator')]
    pictures = []
    for content in tree.iter(ATOM + 'content'):
        found = parse_links(content.text).urls
        urls += found
        pictures += [u for u in found if '/images/' in u]
    relative = [u for u in urls if not is_absolute(u)]
    check('every URL in the feed is absolute', not relative and len(urls) > 50,
          f'{len(urls)} URLs, relative: {relative[:5]}')
    check("the feed's pictures are the archive's",
          pictures and all(u.startswith(BASE) and
                           os.path.isfile(os.path.join(site, u[len(BASE):]))
                           for u in pictures), f'{pictures[:3]}')


def test_sitemap(site):
    tree = ET.parse(os.path.join(site, 'sitemap.xml'))
    ns = '{http://www.sitemaps.org/schemas/sitemap/0.9}'
    locs = [el.text for el in tree.iter(ns + 'loc')]
    check('sitemap.xml lists the index and every page, absolute',
          locs == [BASE] + [BASE + m + '/' for m in ('2023-08', '2023-07', '2023-06')],
          f'{locs}')


def test_usage(cli, site, tmp):
    """The command line's contract: exit 2 for a wrong command line."""
    issue = os.path.join(tmp, 'issues', '2023-08', 'august.tidings')
    cases = [
        ('archive without -o', ['archive', issue]),
        ('archive without a file', ['archive', '-o', site]),
        ('archive with an ftp:// base URL', ['archive', issue, '-o', site,
                                             '--base-url', 'ftp://example.com/']),
        ('publish without --to', ['publish', site]),
        ('publish to a URL with a password in it',
         ['publish', site, '--to', 'sftp://me:secret@127.0.0.1/site']),
        ('publish to http://', ['publish', site, '--to', 'http://example.com/site']),
        ('publish of a file, not a folder', ['publish', issue, '--to', 'sftp://127.0.0.1/s']),
    ]
    for name, args in cases:
        done = run(cli, *args, check_rc=False)
        check(f'{name} is a usage error (exit 2)', done.returncode == 2,
              f'exit {done.returncode}: {done.stderr}')


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def test_publish(cli, site, files, tmp):
    """The archive to OpenSSH's SFTP server, with its own configuration."""
    name = 'tidings-cli publish'
    sshd = '/usr/sbin/sshd'
    if not os.access(sshd, os.X_OK) or not shutil.which('ssh-keygen'):
        for what in ('first', 'unchanged', 'changed'):
            skip(f'{name}: {what}', 'no OpenSSH server (build-aux/setup test installs it)')
        return
    server = os.path.join(tmp, 'sshd')
    root = os.path.join(server, 'www')
    os.makedirs(root)
    for key in ('host_key', 'user_key'):
        run('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', os.path.join(server, key))
    shutil.copy(os.path.join(server, 'user_key.pub'), os.path.join(server, 'authorized_keys'))
    log = os.path.join(server, 'received.log')
    port = free_port()
    user = os.environ.get('USER') or subprocess.run(['id', '-un'], capture_output=True,
                                                    text=True).stdout.strip()
    with open(os.path.join(server, 'sshd_config'), 'w') as f:
        f.write(f'ListenAddress 127.0.0.1:{port}\nHostKey {server}/host_key\nPidFile none\n'
                f'AuthorizedKeysFile {server}/authorized_keys\nAllowUsers {user}\n'
                'PasswordAuthentication no\nKbdInteractiveAuthentication no\n'
                'PermitRootLogin prohibit-password\nUsePAM no\nStrictModes no\n'
                f'Subsystem sftp /usr/lib/openssh/sftp-server -e -l INFO 2>>{log}\n')
    if os.getuid() == 0:
        os.makedirs('/run/sshd', exist_ok=True)
    process = subprocess.Popen([sshd, '-D', '-f', os.path.join(server, 'sshd_config'),
                                '-E', os.path.join(server, 'sshd.log')])
    try:
        for _ in range(200):
            try:
                socket.create_connection(('127.0.0.1', port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        url = f'sftp://{user}@127.0.0.1:{port}{root}/news'
        env = dict(os.environ, TIDINGS_PUBLISH_PASSWORD='')
        args = [cli, 'publish', site, '--to', url, '--ssh-key', os.path.join(server, 'user_key'),
                '--known-hosts', os.path.join(tmp, 'known_hosts')]
        seen = 0

        def received():
            nonlocal seen
            time.sleep(0.2)
            with open(log, encoding='utf-8', errors='replace') as f:
                lines = f.read().splitlines()
            new, seen = lines[seen:], len(lines)
            written = set()
            for line in new:
                if 'open "' in line and 'WRITE' in line:
                    path = line.split('open "', 1)[1].split('"', 1)[0]
                    folder, base = os.path.split(os.path.relpath(path, root + '/news'))
                    written.add(os.path.join(folder, base[1:-len('.tidings-new')]))
            return sorted(written)

        first = run(*args, env=env, check_rc=False)
        got = received()
        print(f'# first publish: the server wrote {len(got)} files')
        check(f'{name}: first, every file', first.returncode == 0 and len(got) == 3 * 13 + 3 + 1
              and snapshot_hashes(site) == snapshot_hashes(os.path.join(root, 'news')),
              first.stderr + f'{got}')
        again = run(*args, env=env, check_rc=False)
        got = received()
        print(f'# unchanged publish: the server wrote {got}')
        check(f'{name}: unchanged, nothing written', again.returncode == 0 and got == [],
              again.stderr + f'{got}')
        # A change of one issue, archived again, published again.
        with open(files[0], encoding='utf-8') as f:
            july = json.load(f)
        july['issue']['preheader'] = 'A correction, and the class is on Saturday.'
        with open(files[0], 'w', encoding='utf-8') as f:
            json.dump(july, f, ensure_ascii=False, indent=2)
        run(cli, 'archive', *files, '-o', site, '--base-url', BASE)
        changed = run(*args, env=env, check_rc=False)
        got = received()
        print(f'# one issue changed: the server wrote {got}')
        check(f'{name}: one issue changed, only its files',
              changed.returncode == 0 and
              got == ['.tidings-site.json', '2023-07/index.html', 'feed.atom', 'index.html']
              and snapshot_hashes(site) == snapshot_hashes(os.path.join(root, 'news')),
              changed.stderr + f'{got}')
    finally:
        process.terminate()
        process.wait()


def snapshot_hashes(site):
    return {path: digest for path, (digest, _) in snapshot(site).items()
            if not os.path.basename(path).startswith('.')}


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    cli, sample, vnu = sys.argv[1:]
    tmp = tempfile.mkdtemp(prefix='tidings-test-archive-')
    try:
        site, files = test_archive(os.path.abspath(cli), sample, vnu, tmp)
        test_usage(os.path.abspath(cli), site, tmp)
        test_publish(os.path.abspath(cli), site, files, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f'1..{len(results)}')
    failed = 0
    for n, (name, ok, detail) in enumerate(results, 1):
        if ok is None:
            print(f'ok {n} - {name} # SKIP {detail}')
        elif ok:
            print(f'ok {n} - {name}')
        else:
            failed += 1
            print(f'not ok {n} - {name}')
            for line in str(detail).splitlines()[:20]:
                print(f'# {line}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
