#!/usr/bin/env python3
"""Structural checks of an exported HTML email, by parsing it.

Every rule of ../shared/EMAIL.md (and of issue 3, item 3) that can be read
off the HTML: layout tables, forbidden elements and CSS, pictures, the head
<style>, dark mode, lang/dir, the wrapper's roles, headings, the hidden
preheader, Outlook's conditional comments, fonts, line lengths, size,
the unsubscribe link, link schemes, control characters, buttons, font sizes
and line heights. Prints TAP (one test point per rule).

usage: check-email.py FILE [--max-bytes N] [--unsubscribe VALUE] [--cid]

  --max-bytes N        fail above N bytes (default 100000: Gmail clips at
                       about 102 KB); a warning is printed above 80000
  --unsubscribe VALUE  the unsubscribe link's href must be exactly VALUE
                       (a merge tag such as *|UNSUB|* is kept verbatim)
  --cid                pictures are cid: references (inside an .eml), not
                       absolute https URLs

Needs lxml (Debian: python3-lxml).
"""

import argparse
import os
import re
import sys

try:
    import lxml.html
    from lxml import etree
except ImportError:
    # A python3 from elsewhere in PATH (pyenv, a venv) may lack Debian's
    # lxml: try the system one before giving up.
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3") \
            and not os.environ.get("CHECK_EMAIL_REEXEC"):
        os.environ["CHECK_EMAIL_REEXEC"] = "1"
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("Bail out! python3-lxml is needed (apt-get install python3-lxml)")
    sys.exit(1)

SIZE_ERROR = 100000
SIZE_WARNING = 80000
STYLE_MAX = 16 * 1024
MAX_LINE = 998
MIN_FONT_PX = 12
MIN_BODY_FONT_PX = 14
MIN_LINE_HEIGHT = 1.4

GENERIC_FAMILIES = {
    "serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-serif",
    "ui-sans-serif", "ui-monospace", "ui-rounded", "emoji", "math", "fangsong",
}
FORBIDDEN_ELEMENTS = ("script", "iframe", "form", "video", "audio", "svg", "picture",
                      "object", "embed", "input", "button", "textarea", "select")
LINK_SCHEMES = ("https:", "http:", "mailto:", "tel:", "sms:")
MERGE_TAG = re.compile(r"^(\*\|[^|]+\|\*|\{\{[^{}]+\}\}\}?|%%[^%]+%%|\[[^\[\]]+\]|\{\$[^{}]+\})$")
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif")
PREHEADER_SPACER = "\u00a0\u200c"


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0
        self.lines = []

    def check(self, name, problems, warnings=()):
        self.n += 1
        ok = not problems
        if not ok:
            self.failed += 1
        self.lines.append("%s %d - %s" % ("ok" if ok else "not ok", self.n, name))
        for p in list(problems)[:25]:
            self.lines.append("#   " + p.replace("\n", " ")[:300])
        if len(problems) > 25:
            self.lines.append("#   ... and %d more" % (len(problems) - 25))
        for w in warnings:
            self.lines.append("#   warning: " + w.replace("\n", " ")[:300])

    def finish(self):
        print("1..%d" % self.n)
        print("\n".join(self.lines))
        return 1 if self.failed else 0


# --------------------------------------------------------------------------
# CSS helpers


def declarations(style):
    """(property, value) pairs of a declaration list, lower-case property,
    !important dropped."""
    out = []
    for part in re.split(r";(?![^(]*\))", style or ""):
        if ":" not in part:
            continue
        prop, value = part.split(":", 1)
        value = re.sub(r"\s*!important\s*$", "", value.strip(), flags=re.I)
        out.append((prop.strip().lower(), value))
    return out


def strip_css_comments(css):
    return re.sub(r"/\*.*?\*/", "", css, flags=re.S)


def style_blocks_declarations(css):
    """Declarations of every rule in a style sheet."""
    out = []
    for body in re.findall(r"\{([^{}]*)\}", strip_css_comments(css)):
        out.extend(declarations(body))
    return out


FONT_SHORTHAND = re.compile(
    r"^(?:(?:normal|italic|oblique|bold|bolder|lighter|small-caps|\d{3})\s+)*"
    r"(?P<size>[\d.]+(?:px|pt|em|rem|%))"
    r"(?:\s*/\s*(?P<lh>[\d.]+(?:px|%|em)?|normal))?\s+(?P<family>.+)$", re.I)


def parse_font(value):
    """(size, line_height, family) of a font shorthand, or None."""
    m = FONT_SHORTHAND.match(value.strip())
    if not m:
        return None
    return m.group("size"), m.group("lh"), m.group("family")


def family_is_generic_last(family):
    last = family.split(",")[-1].strip().strip("'\"").lower()
    return last in GENERIC_FAMILIES


def to_px(value, parent_px):
    """A font-size in px, or None if it can't be read."""
    value = value.strip().lower()
    m = re.match(r"^([\d.]+)(px|pt|em|rem|%)$", value)
    if not m:
        return None
    n = float(m.group(1))
    unit = m.group(2)
    if unit == "px":
        return n
    if unit == "pt":
        return n * 4 / 3
    if unit == "em":
        return n * parent_px
    if unit == "rem":
        return n * 16
    return n * parent_px / 100


def element_font(el):
    """The font-size and line-height declared inline on @el (or None)."""
    size = lh = None
    for prop, value in declarations(el.get("style")):
        if prop == "font-size":
            size = value
        elif prop == "line-height":
            lh = value
        elif prop == "font":
            parsed = parse_font(value)
            if parsed:
                size, lh_short, _ = parsed
                lh = lh_short or "normal"
    return size, lh


def effective_font_px(el):
    """The font size in px @el gets from its own and its ancestors' inline
    styles (16 px, the default, when none sets one)."""
    chain = []
    node = el
    while node is not None and isinstance(node.tag, str):
        chain.append(node)
        node = node.getparent()
    px = 16.0
    for node in reversed(chain):
        size, _ = element_font(node)
        if size:
            v = to_px(size, px)
            if v is not None:
                px = v
    return px


def hidden(el):
    """Inside an element with display:none (the preheader)."""
    node = el
    while node is not None and isinstance(node.tag, str):
        for prop, value in declarations(node.get("style")):
            if prop == "display" and value.strip().lower() == "none":
                return True
        node = node.getparent()
    return False


def describe(el):
    text = etree.tostring(el, encoding="unicode", with_tail=False)
    return re.sub(r"\s+", " ", text)[:160]


def own_text(el):
    """Text directly in @el (not in child elements)."""
    parts = [el.text or ""] + [c.tail or "" for c in el]
    return "".join(parts).strip()


# --------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file")
    parser.add_argument("--max-bytes", type=int, default=SIZE_ERROR)
    parser.add_argument("--unsubscribe")
    parser.add_argument("--cid", action="store_true")
    args = parser.parse_args()

    tap = Tap()
    with open(args.file, "rb") as f:
        raw = f.read()

    # -- encoding, size, lines
    problems = []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        tap.check("UTF-8", ["not UTF-8: %s" % e])
        return tap.finish()
    tap.check("UTF-8", problems)

    c1 = [i for i, ch in enumerate(text) if 0x80 <= ord(ch) <= 0x9F]
    tap.check("no C1 control characters (U+0080-U+009F)",
              ["U+%04X at character %d" % (ord(text[i]), i) for i in c1])

    size = len(raw)
    warnings = []
    if size > SIZE_WARNING and size <= args.max_bytes:
        warnings.append("%d bytes: over %d, close to Gmail's clipping at about 102 KB"
                        % (size, SIZE_WARNING))
    tap.check("size %d bytes <= %d" % (size, args.max_bytes),
              [] if size <= args.max_bytes else
              ["%d bytes is over %d: Gmail clips messages at about 102 KB (and mailing "
               "services add their own code), hiding the footer and the unsubscribe link"
               % (size, args.max_bytes)], warnings)

    long_lines = ["line %d is %d octets" % (i + 1, len(line))
                  for i, line in enumerate(raw.split(b"\n"))
                  if len(line.rstrip(b"\r")) > MAX_LINE]
    tap.check("no line over %d octets (RFC 5322)" % MAX_LINE, long_lines)

    # -- parse
    parser_ = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=False)
    doc = lxml.html.document_fromstring(raw, parser=parser_)
    root = doc.getroottree().getroot()
    head = root.find("head")
    body = root.find("body")
    elements = [el for el in root.iter() if isinstance(el.tag, str)]

    charset = [m for m in root.iter("meta")
               if (m.get("charset") or "").lower() == "utf-8"
               or "charset=utf-8" in (m.get("content") or "").lower().replace(" ", "")]
    tap.check("UTF-8 declared in a meta", [] if charset else ["no <meta charset=\"utf-8\">"])

    # -- tables
    problems = []
    for t in root.iter("table"):
        for name, want in (("role", "presentation"), ("border", "0"),
                           ("cellpadding", "0"), ("cellspacing", "0")):
            if t.get(name) != want:
                problems.append('%s="%s" expected: %s' % (name, want, describe(t)))
    tap.check("layout tables: role=presentation, border/cellpadding/cellspacing 0", problems)

    # -- forbidden elements and attributes
    problems = ["<%s>: %s" % (el.tag, describe(el)) for el in elements
                if el.tag.lower() in FORBIDDEN_ELEMENTS]
    problems += ["hidden attribute: %s" % describe(el) for el in elements
                 if el.get("hidden") is not None]
    problems += ["on* handler: %s" % describe(el) for el in elements
                 if any(a.lower().startswith("on") for a in el.attrib)]
    if re.search(r"<\s*script", text, re.I):
        problems.append("'<script' appears in the text (comments included)")
    tap.check("no script/iframe/form/video/svg/picture/object/embed, hidden or on*", problems)

    # -- CSS: inline and in <style>
    style_els = list(root.iter("style"))
    conditional_css = re.findall(r"<!--\[if[^\]]*\]>.*?<style[^>]*>(.*?)</style>", text,
                                 flags=re.S | re.I)
    sheets = [s.text or "" for s in style_els] + conditional_css
    all_decls = []
    for el in elements:
        for d in declarations(el.get("style")):
            all_decls.append((d, describe(el)))
    for css in sheets:
        for d in style_blocks_declarations(css):
            all_decls.append((d, "<style>"))
    problems = []
    for (prop, value), where in all_decls:
        v = value.lower().replace(" ", "")
        if prop == "display" and re.search(r"(inline-)?(flex|grid)", v):
            problems.append("display:%s in %s" % (value, where))
        if prop == "position":
            problems.append("position in %s" % where)
        if "var(--" in v or prop.startswith("--"):
            problems.append("CSS variable in %s" % where)
        if prop.startswith("grid") or prop.startswith("flex"):
            problems.append("%s in %s" % (prop, where))
    tap.check("no flexbox, grid, position or CSS variables", problems)

    # -- <style>: in head only, size, nesting
    problems = []
    for s in style_els:
        node = s.getparent()
        while node is not None and node.tag != "head":
            node = node.getparent()
        if node is None:
            problems.append("<style> outside <head>")
    style_bytes = sum(len(css.encode("utf-8")) for css in sheets)
    if style_bytes > STYLE_MAX:
        problems.append("%d bytes of <style>: Gmail drops style blocks over 16 KB" % style_bytes)
    for css in sheets:
        depth = 0
        at_depths = []
        for m in re.finditer(r"@[a-z-]+|\{|\}", strip_css_comments(css), re.I):
            tok = m.group(0)
            if tok == "{":
                depth += 1
            elif tok == "}":
                depth -= 1
                if depth < 0:
                    problems.append("unbalanced braces in <style>")
                    depth = 0
            elif depth > 0:
                problems.append("%s nested in another rule: Gmail drops the whole block" % tok)
        if depth != 0:
            problems.append("unbalanced braces in <style>")
        del at_depths
    tap.check("<style> only in head, %d bytes <= 16 KB, no nested at-rule" % style_bytes,
              problems)

    css_text = "\n".join(sheets)
    problems = []
    if not re.search(r"@media[^{]*prefers-color-scheme\s*:\s*dark", css_text):
        problems.append("no @media (prefers-color-scheme: dark)")
    if "[data-ogsc]" not in css_text:
        problems.append("no [data-ogsc] rules for Outlook.com's dark mode")
    if not re.search(r"@media[^{]*max-width\s*:\s*\d+px", css_text):
        problems.append("no @media (max-width: ...) for phones")
    tap.check("enhancements: phone @media, dark mode @media and [data-ogsc]", problems)

    metas = {(m.get("name") or "").lower(): (m.get("content") or "") for m in root.iter("meta")}
    problems = []
    for name in ("color-scheme", "supported-color-schemes"):
        if metas.get(name, "").split() != ["light", "dark"]:
            problems.append('no <meta name="%s" content="light dark">' % name)
    tap.check("meta color-scheme and supported-color-schemes", problems)

    # -- pictures
    problems = []
    imgs = list(root.iter("img"))
    for img in imgs:
        d = describe(img)
        if img.get("alt") is None:
            problems.append("no alt: " + d)
        for attr in ("width", "height"):
            if not re.fullmatch(r"\d+", img.get(attr) or ""):
                problems.append("no numeric %s: %s" % (attr, d))
        if img.get("border") != "0":
            problems.append('no border="0": ' + d)
        src = re.sub(r"\s", "", img.get("src") or "")
        if args.cid:
            if not src.startswith("cid:"):
                problems.append("not a cid: picture: " + d)
        else:
            if not src.lower().startswith("https://"):
                problems.append("not an absolute https URL: " + d)
            path = re.sub(r"[?#].*$", "", src).lower()
            if not path.endswith(IMAGE_EXTENSIONS):
                problems.append("not a PNG, JPEG or GIF: " + d)
        style = dict(declarations(img.get("style")))
        if style.get("max-width", "").replace(" ", "") != "100%" or \
                style.get("height", "").strip() != "auto":
            problems.append("no inline max-width:100%;height:auto: " + d)
    tap.check("%d pictures: alt, numeric width and height, border=0, %s src, fluid"
              % (len(imgs), "cid:" if args.cid else "absolute https"), problems)

    # -- links
    problems = []
    for a in root.iter("a"):
        href = a.get("href")
        if href is None:
            continue
        href_flat = re.sub(r"[\n\r\t]", "", href)
        if MERGE_TAG.match(href_flat):
            continue
        if not href_flat.lower().startswith(LINK_SCHEMES):
            problems.append("link to %r" % href_flat[:100])
        if href_flat.lower().startswith("http:"):
            pass  # allowed; the pre-send check warns
        label = a.text_content().strip().lower()
        if label in ("click here", "here", "click"):
            problems.append('"%s" is not a link text: %s' % (label, describe(a)))
    for el in elements:
        for name in ("src", "href", "background", "action", "poster"):
            v = re.sub(r"\s", "", el.get(name) or "").lower()
            if v.startswith(("javascript:", "vbscript:", "data:", "file:")):
                problems.append("%s=%r" % (name, v[:60]))
    for (prop, value), where in all_decls:
        if re.search(r"url\(\s*['\"]?\s*(javascript|data|vbscript|file):", value, re.I):
            problems.append("unsafe url() in %s" % where)
    tap.check("links: https, http, mailto, tel, sms or merge tags only", problems)

    # -- lang, dir, wrapper
    problems = []
    lang = root.get("lang")
    direction = root.get("dir")
    if not lang:
        problems.append("no lang on <html>")
    if direction not in ("ltr", "rtl"):
        problems.append("no dir on <html>")
    wrappers = [el for el in elements if el.get("role") == "article"]
    if len(wrappers) != 1:
        problems.append("%d elements with role=article (one wrapper expected)" % len(wrappers))
    for w in wrappers:
        if w.get("lang") != lang:
            problems.append("the wrapper's lang %r differs from <html>'s %r" % (w.get("lang"), lang))
        if w.get("dir") != direction:
            problems.append("the wrapper's dir %r differs from <html>'s %r" % (w.get("dir"), direction))
        if w.get("aria-roledescription") != "email":
            problems.append('no aria-roledescription="email" on the wrapper')
        if not (w.get("aria-label") or "").strip():
            problems.append("no aria-label on the wrapper")
    tap.check("lang and dir on <html> and the role=article wrapper (aria-roledescription, "
              "aria-label)", problems)

    # -- headings
    problems = []
    headings = [el for el in elements if re.fullmatch(r"h[1-6]", el.tag)]
    levels = [int(h.tag[1]) for h in headings]
    if levels.count(1) != 1:
        problems.append("%d h1 elements (exactly one expected)" % levels.count(1))
    previous = 0
    for h, level in zip(headings, levels):
        if level > previous + 1:
            problems.append("h%d after h%d: %s" % (level, previous, describe(h)))
        previous = level
    tap.check("one h1, no skipped heading levels", problems)

    # -- preheader
    problems = []
    warnings = []
    first = next((c for c in body if isinstance(c.tag, str)), None) if body is not None else None
    if body is None or first is None:
        problems.append("no element in <body>")
    else:
        if (body.text or "").strip():
            problems.append("text before the preheader")
        decls = dict(declarations(first.get("style")))
        if decls.get("display", "").strip() != "none":
            problems.append("the first element of <body> has no display:none")
        if decls.get("mso-hide", "").strip() != "all":
            problems.append("the first element of <body> has no mso-hide:all")
        content = first.text_content()
        stripped = content.rstrip(" \n")
        spacer = re.search("(?:%s\\s*)+$" % PREHEADER_SPACER, stripped)
        if spacer is None or spacer.group(0).count(PREHEADER_SPACER) < 20:
            problems.append("no &nbsp;&zwnj; spacer after the preheader text")
        preheader = stripped[:spacer.start()].strip() if spacer else stripped.strip()
        if not 40 <= len(preheader) <= 130:
            warnings.append("the preheader is %d characters long (40-130 reads best)"
                            % len(preheader))
        if not re.search(r"(&nbsp;&zwnj;){20,}", text):
            problems.append("the spacer is not written as &nbsp;&zwnj; entities")
    tap.check("hidden preheader first in <body>, then the &nbsp;&zwnj; spacer", problems,
              warnings)

    # -- conditional comments
    problems = []
    opened = len(re.findall(r"<!--\[if", text))
    closed = len(re.findall(r"<!\[endif\]-->", text))
    if opened != closed:
        problems.append("%d <!--[if ...]> but %d <![endif]-->" % (opened, closed))
    mso_tables = re.findall(r"<!--\[if mso\]>\s*<table\b([^>]*)>", text)
    if not any(re.search(r'\bwidth="600"', t) and 'role="presentation"' in t
               for t in mso_tables):
        problems.append('no <!--[if mso]> table role="presentation" width="600" for Outlook')
    tap.check("conditional comments balanced (%d), Outlook's 600 px table" % opened, problems)

    # -- fonts
    problems = []
    for (prop, value), where in all_decls:
        family = None
        if prop == "font-family":
            family = value
        elif prop == "font":
            parsed = parse_font(value)
            if parsed is None:
                problems.append("font shorthand not understood: %r in %s" % (value, where))
                continue
            family = parsed[2]
        if family is not None and not family_is_generic_last(family):
            problems.append("font family %r doesn't end in a generic family (%s)"
                            % (family, where))
    tap.check("every font-family ends in a generic family", problems)

    problems = []
    for (prop, value), where in all_decls:
        size = None
        if prop == "font-size":
            size = value
        elif prop == "font":
            parsed = parse_font(value)
            size = parsed[0] if parsed else None
        if size is None:
            continue
        px = to_px(size, 16)
        if size.strip().endswith(("em", "%")):
            continue  # relative: checked through effective sizes below
        if px is None or px < MIN_FONT_PX:
            problems.append("font-size %s (under %d px) in %s" % (size, MIN_FONT_PX, where))
    for el in elements:
        if hidden(el) or el.tag in ("style", "title", "head", "meta", "html"):
            continue
        if own_text(el):
            px = effective_font_px(el)
            if px < MIN_FONT_PX:
                problems.append("text at %.1f px: %s" % (px, describe(el)))
            if el.tag in ("p", "li") and px < MIN_BODY_FONT_PX:
                problems.append("body text at %.1f px (under %d): %s"
                                % (px, MIN_BODY_FONT_PX, describe(el)))
    for w in wrappers:
        if effective_font_px(w) < MIN_BODY_FONT_PX:
            problems.append("the wrapper's text is under %d px" % MIN_BODY_FONT_PX)
    tap.check("font sizes >= %d px, body text >= %d px" % (MIN_FONT_PX, MIN_BODY_FONT_PX),
              problems)

    problems = []
    for el in elements:
        _, lh = element_font(el)
        if lh is None or hidden(el):
            continue
        lh = lh.strip().lower()
        px = effective_font_px(el)
        ratio = None
        m = re.fullmatch(r"([\d.]+)(px|%|em)?", lh)
        if lh == "normal":
            ratio = 1.2
        elif m:
            n = float(m.group(1))
            unit = m.group(2)
            ratio = n if unit in (None, "em") else n / 100 if unit == "%" else n / px
        if ratio is None or ratio < MIN_LINE_HEIGHT - 1e-9:
            problems.append("line-height %s (under %.1f) on %s" % (lh, MIN_LINE_HEIGHT,
                                                                    describe(el)))
    tap.check("line-height >= %.1f where set" % MIN_LINE_HEIGHT, problems)

    # -- the unsubscribe link
    problems = []
    links = [a for a in root.iter("a") if not hidden(a) and a.get("href") is not None]
    if args.unsubscribe is not None:
        found = [a for a in links if a.get("href") == args.unsubscribe]
        if not found:
            problems.append("no visible link whose href is exactly %r" % args.unsubscribe)
    else:
        found = [a for a in links
                 if MERGE_TAG.match(a.get("href")) or "unsub" in a.get("href").lower()
                 or "unsubscribe" in a.text_content().lower()]
        if not found:
            problems.append("no visible unsubscribe link")
    for a in found[:1]:
        if not a.text_content().strip():
            problems.append("the unsubscribe link has no text")
    if found and args.unsubscribe is not None:
        at = raw.find(('href="%s"' % args.unsubscribe).encode("utf-8"))
        if at < 0 or at > SIZE_ERROR:
            problems.append("the unsubscribe link is not within the first %d bytes" % SIZE_ERROR)
    tap.check("a visible unsubscribe link%s" % (" to %s" % args.unsubscribe
                                                if args.unsubscribe is not None else ""),
              problems)

    # -- buttons
    problems = []
    buttons = []
    for a in root.iter("a"):
        decls = dict(declarations(a.get("style")))
        if "padding" in decls and decls.get("display", "").strip() in ("inline-block", "block"):
            buttons.append(a)
    for a in buttons:
        d = describe(a)
        td = a.getparent()
        if td is None or td.tag != "td" or not td.get("bgcolor"):
            problems.append("not in a table cell with bgcolor: " + d)
            continue
        table = td.getparent()
        while table is not None and table.tag != "table":
            table = table.getparent()
        if table is None or table.get("role") != "presentation":
            problems.append("not in a presentation table: " + d)
        if not a.text_content().strip():
            problems.append("no text: " + d)
        td_decls = dict(declarations(td.get("style")))
        vml = any(isinstance(c, etree._Comment) and "v:roundrect" in (c.text or "")
                  for c in td)
        if "mso-padding-alt" not in td_decls and not vml:
            problems.append("no Outlook fallback (mso-padding-alt or a VML roundrect): " + d)
    tap.check("%d buttons: a cell with bgcolor holding a padded link with text, Outlook "
              "fallback" % len(buttons), problems)

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
