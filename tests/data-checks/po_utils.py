"""Shared by the translation checks: reading POTFILES.in, running xgettext
the way the tidings-pot target does, and a small .po reader."""
import os
import re
import subprocess


def read_potfiles(path):
    """The file names in POTFILES.in (comments and blank lines skipped), in order."""
    names = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                names.append(line)
    return names


def xgettext(xgettext_path, args, output, source_root, files=None, files_from=None,
             package='tidings'):
    """Runs xgettext like meson's tidings-pot target; returns the CompletedProcess."""
    command = [xgettext_path, '--package-name=' + package, '-D', source_root, '-k_', '-o', output]
    if files_from is not None:
        command += ['-f', files_from]
    command += args
    if files is not None:
        command += files
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _unquote(text):
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f'not a quoted string: {text}')
    body = text[1:-1]
    escapes = {'n': '\n', 't': '\t', '"': '"', '\\': '\\', 'r': '\r'}
    return re.sub(r'\\(.)', lambda m: escapes.get(m.group(1), m.group(1)), body)


def read_po(path):
    """The entries of a .po file as dicts: msgctxt, msgid, msgid_plural,
    msgstr (a list: one item, or one per plural form), fuzzy, obsolete."""
    entries = []
    entry = None
    field = None

    def finish():
        nonlocal entry
        if entry is not None and 'msgid' in entry:
            entries.append(entry)
        entry = None

    with open(path, encoding='utf-8') as f:
        for raw in f:
            line = raw.rstrip('\n')
            obsolete = line.startswith('#~')
            if obsolete:
                line = line[2:].lstrip()
            if not line.strip():
                finish()
                field = None
                continue
            if line.startswith('#'):
                if entry is not None and 'msgid' in entry:
                    finish()
                if entry is None:
                    entry = {'fuzzy': False, 'obsolete': obsolete, 'msgstr': {}}
                if line.startswith('#,') and re.search(r'\bfuzzy\b', line):
                    entry['fuzzy'] = True
                continue
            if obsolete and line.startswith('|'):
                continue  # the previous msgid of an obsolete fuzzy entry
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line)
            if match:
                keyword = match.group(1)
                if keyword in ('msgctxt', 'msgid') and entry is not None and 'msgid' in entry:
                    finish()
                if entry is None:
                    entry = {'fuzzy': False, 'obsolete': obsolete, 'msgstr': {}}
                entry['obsolete'] = entry['obsolete'] or obsolete
                value = _unquote(match.group(3))
                if keyword.startswith('msgstr'):
                    index = int(match.group(2)) if match.group(2) is not None else 0
                    entry['msgstr'][index] = value
                    field = ('msgstr', index)
                else:
                    entry[keyword] = value
                    field = (keyword, None)
                continue
            if line.lstrip().startswith('"') and entry is not None and field is not None:
                value = _unquote(line)
                if field[0] == 'msgstr':
                    entry['msgstr'][field[1]] += value
                else:
                    entry[field[0]] += value
                continue
            raise ValueError(f'{path}: cannot read the line: {raw!r}')
    finish()

    for entry in entries:
        entry['msgstr'] = [entry['msgstr'][k] for k in sorted(entry['msgstr'])]
    return entries


def describe(entry):
    context = f'[{entry["msgctxt"]}] ' if entry.get('msgctxt') is not None else ''
    return f'{context}"{entry["msgid"]}"'
