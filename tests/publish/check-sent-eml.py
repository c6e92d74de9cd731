#!/usr/bin/env python3
"""Compares a message an SMTP server received with the exported .eml.

    check-sent-eml.py RECEIVED EXPORTED

Headers (all but X-Unsent, which the test send leaves out), the MIME tree,
every part's type, Content-ID and decoded content must be equal, with no
defects in either; prints what differs and exits 1 otherwise.
"""
import email
import email.policy
import sys


def load(path):
    with open(path, 'rb') as f:
        return email.message_from_binary_file(f, policy=email.policy.default)


def parts(message):
    for part in message.walk():
        payload = None if part.is_multipart() else part.get_payload(decode=True)
        yield (part.get_content_type(), part.get('Content-ID'), part.get_filename(),
               part.get_content_disposition(), payload, len(part.defects))


def main():
    received, exported = load(sys.argv[1]), load(sys.argv[2])
    problems = []
    headers = lambda m: [(k, str(v)) for k, v in m.items() if k.lower() != 'x-unsent']
    if headers(received) != headers(exported):
        problems.append(f'headers differ:\n  {headers(received)}\n  {headers(exported)}')
    if 'X-Unsent' in received:
        problems.append('the test message has X-Unsent (Outlook would open it as a draft)')
    got, want = list(parts(received)), list(parts(exported))
    if len(got) != len(want):
        problems.append(f'{len(got)} MIME parts received, {len(want)} exported')
    for i, (a, b) in enumerate(zip(got, want)):
        if a != b:
            problems.append(f'part {i} ({b[0]}, {b[1]}) differs')
        if a[5]:
            problems.append(f'part {i} has MIME defects')
    images = sum(1 for p in got if p[0].startswith('image/'))
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f'OK: {len(got)} parts, {images} pictures, headers equal')
    return 0


if __name__ == '__main__':
    sys.exit(main())
