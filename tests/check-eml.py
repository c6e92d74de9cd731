#!/usr/bin/env python3
"""Checks an exported .eml with Python's email package; prints TAP.

    check-eml.py FILE.eml

The rules are those of ../shared/EMAIL.md ("The .eml"): the message parses
with no defects on any part; it has the required headers, in ASCII; its tree
is multipart/alternative [text/plain, text/html] or multipart/alternative
[text/plain, multipart/related [text/html, inline pictures]], plain text
first; text parts are UTF-8 and decode; every cid: of the HTML matches
exactly one Content-ID and every picture is used; no raw line is longer
than 998 octets; List-Unsubscribe, when present, holds a real URL, and
List-Unsubscribe-Post only goes with an https one.
"""

import email.policy
import re
import sys
from email.parser import BytesParser

MAX_LINE_OCTETS = 998
REQUIRED_HEADERS = ("MIME-Version", "Date", "From", "Subject", "Message-ID")
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif")


class Tap:
    def __init__(self):
        self.count = 0
        self.failed = 0

    def check(self, ok, description, detail=None):
        self.count += 1
        if ok:
            print(f"ok {self.count} - {description}")
        else:
            self.failed += 1
            print(f"not ok {self.count} - {description}")
            if detail:
                for line in str(detail).splitlines():
                    print(f"# {line}")
        return ok

    def finish(self):
        print(f"1..{self.count}")
        return 1 if self.failed else 0


def decode_text(part):
    """The part's text, or an exception's message."""
    try:
        return part.get_content(), None
    except Exception as error:  # noqa: BLE001 -- any failure is the finding
        return None, f"{type(error).__name__}: {error}"


def main(argv):
    if len(argv) != 2:
        print("usage: check-eml.py FILE.eml", file=sys.stderr)
        return 2

    tap = Tap()
    with open(argv[1], "rb") as f:
        raw = f.read()

    # Raw lines.
    lines = raw.split(b"\n")
    too_long = [i + 1 for i, line in enumerate(lines) if len(line.rstrip(b"\r")) > MAX_LINE_OCTETS]
    tap.check(not too_long, "no line is longer than 998 octets", f"lines {too_long[:10]}")
    bare_lf = [i + 1 for i, line in enumerate(lines[:-1]) if not line.endswith(b"\r")]
    tap.check(not bare_lf, "every line ends in CRLF", f"lines {bare_lf[:10]}")
    tap.check(raw.endswith(b"\r\n"), "the message ends with a line break")

    message = BytesParser(policy=email.policy.default).parsebytes(raw)

    # Defects, on every part.
    defects = []
    for part in message.walk():
        if part.defects:
            defects.append(f"{part.get_content_type()}: {part.defects}")
        for name, value in part.items():
            if getattr(value, "defects", None):
                defects.append(f"{part.get_content_type()} header {name}: {value.defects}")
    tap.check(not defects, "Python's email package finds no defects", "\n".join(defects))

    # Headers.
    header_block = raw.split(b"\r\n\r\n", 1)[0]
    tap.check(all(b < 0x80 for b in header_block), "the headers are ASCII (RFC 2047 for the rest)")
    for name in REQUIRED_HEADERS:
        tap.check(message[name] is not None and str(message[name]).strip() != "",
                  f"header {name} is present")
    tap.check(str(message["MIME-Version"]).strip() == "1.0", "MIME-Version is 1.0")
    tap.check(message["Date"] is not None and message["Date"].datetime is not None,
              "Date parses")
    tap.check(message["From"] is not None and len(message["From"].addresses) == 1
              and "@" in message["From"].addresses[0].addr_spec, "From is one address")
    message_id = str(message["Message-ID"]).strip()
    tap.check(re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", message_id) is not None,
              "Message-ID is <id@domain>", message_id)
    tap.check(str(message.get("X-Unsent", "")).strip() == "1",
              "X-Unsent: 1 (Outlook opens a draft)")

    unsubscribe = message.get("List-Unsubscribe")
    post = message.get("List-Unsubscribe-Post")
    if unsubscribe is not None:
        match = re.fullmatch(r"<((https?|mailto):[^<>\s]+)>", str(unsubscribe).strip())
        tap.check(match is not None, "List-Unsubscribe holds a real URL", unsubscribe)
        is_https = match is not None and match.group(2) == "https"
        tap.check((post is not None) == is_https,
                  "List-Unsubscribe-Post goes with an https List-Unsubscribe only", post)
        if post is not None:
            tap.check(str(post).strip() == "List-Unsubscribe=One-Click",
                      "List-Unsubscribe-Post is List-Unsubscribe=One-Click", post)
    else:
        tap.check(post is None, "no List-Unsubscribe-Post without List-Unsubscribe")

    # The tree.
    tap.check(message.get_content_type() == "multipart/alternative",
              "the message is multipart/alternative", message.get_content_type())
    children = list(message.iter_parts()) if message.is_multipart() else []
    tap.check(len(children) == 2, "it has two alternatives", len(children))
    if len(children) != 2:
        return tap.finish()

    text_part, rich = children
    tap.check(text_part.get_content_type() == "text/plain", "plain text comes first",
              text_part.get_content_type())

    pictures = []
    if rich.get_content_type() == "multipart/related":
        tap.check(rich.get_param("type") == "text/html", "multipart/related has type=\"text/html\"",
                  rich.get_param("type"))
        related = list(rich.iter_parts())
        tap.check(len(related) >= 1 and related[0].get_content_type() == "text/html",
                  "the HTML comes first in multipart/related")
        html_part = related[0]
        pictures = related[1:]
    else:
        tap.check(rich.get_content_type() == "text/html", "the second alternative is text/html",
                  rich.get_content_type())
        html_part = rich

    # Text parts: UTF-8, declared, decodable, no C1 controls.
    texts = {}
    for label, part in (("plain text", text_part), ("HTML", html_part)):
        tap.check((part.get_content_charset() or "").lower() == "utf-8",
                  f"the {label} part declares charset=utf-8", part.get_content_charset())
        encoding = str(part.get("Content-Transfer-Encoding", "")).lower()
        tap.check(encoding in ("quoted-printable", "base64"),
                  f"the {label} part is quoted-printable or base64", encoding)
        content, error = decode_text(part)
        tap.check(content is not None, f"the {label} part decodes", error)
        texts[label] = content or ""
        tap.check(not re.search("[\u0080-\u009f]", texts[label]),
                  f"the {label} part has no C1 control characters")

    html = texts["HTML"]
    tap.check("<html" in html.lower() and "</html>" in html.lower(), "the HTML part is a document")
    markup = re.findall(r"</?(?:p|a|div|span|table|tr|td|img|br|strong|em|h[1-6])\b[^>]*>"
                        r"|&(?:amp|lt|gt|quot|nbsp|#\d+|#x[0-9a-fA-F]+);", texts["plain text"])
    tap.check(not markup, "the plain text part has no HTML tags or entities", markup[:5])

    # Pictures and cid: references.
    cids = re.findall(r"""cid:([^"'\s)>]+)""", html)
    content_ids = {}
    for part in pictures:
        content_id = str(part.get("Content-ID", "")).strip()
        bracketed = content_id.startswith("<") and content_id.endswith(">")
        inner = content_id[1:-1] if bracketed else None
        tap.check(inner is not None and inner != "",
                  f"picture {part.get_filename()} has a Content-ID in angle brackets", content_id)
        tap.check(part.get_content_type() in IMAGE_TYPES,
                  f"picture {part.get_filename()} is PNG, JPEG or GIF", part.get_content_type())
        tap.check(part.get_content_disposition() == "inline",
                  f"picture {part.get_filename()} is inline", part.get_content_disposition())
        tap.check(part.get("Content-Transfer-Encoding", "").lower() == "base64",
                  f"picture {part.get_filename()} is base64")
        tap.check(bool(part.get_filename()), "the picture has a file name")
        try:
            data = part.get_content()
        except Exception as error:  # noqa: BLE001
            data = None
            tap.check(False, f"picture {part.get_filename()} decodes", error)
        else:
            tap.check(isinstance(data, bytes) and len(data) > 0,
                      f"picture {part.get_filename()} decodes")
        if inner:
            content_ids[inner] = content_ids.get(inner, 0) + 1

    duplicates = [cid for cid, n in content_ids.items() if n > 1]
    tap.check(not duplicates, "every Content-ID is unique", duplicates)
    unmatched = sorted({cid for cid in cids if cid not in content_ids})
    tap.check(not unmatched, "every cid: of the HTML matches a Content-ID", unmatched)
    unused = sorted(set(content_ids) - set(cids))
    tap.check(not unused, "every picture is used by the HTML", unused)
    if not pictures:
        tap.check(not cids, "without pictures inside, the HTML has no cid: references", cids[:5])

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
