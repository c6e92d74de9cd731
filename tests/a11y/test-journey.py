#!/usr/bin/python3
# test-journey.py: writing the September issue from the August one, as a
# new user with a screen reader would.
#
# On a fresh home: the app opens the August sample; New Issue From This
# One; the title changed by typing; a news item added and written; a
# section moved with the keyboard; a picture chosen through the picture
# row's file chooser; undo and redo; Save As; quit; start again and find
# the issue reopened (with the preview mode and the window size kept);
# export the email; quit after discarding a change. Every control is found
# by its accessible name in the AT-SPI tree (the window manager is only asked
# to resize the window, and for its size). The saved file and the export
# are checked at the end, and any GLib CRITICAL or WARNING the app printed
# fails the test.
#   test-journey.py TIDINGS-BINARY SAMPLE-DIR OUT-DIR

import json
import os
import re
import shutil
import subprocess
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tidings_a11y as t  # noqa: E402

binary, sample_dir, out_dir = sys.argv[1:4]
os.makedirs(out_dir, exist_ok=True)
os.environ["TIDINGS_SAMPLE_DIR"] = sample_dir

tap = t.Tap()
home = t.Home()
newsletters = os.path.join(home.home, "Newsletters")
os.makedirs(newsletters)
september = os.path.join(newsletters, "september.tidings")
picture = os.path.join(home.root, "studio-window.jpg")
shutil.copy(os.path.join(sample_dir, "images", "massage-today.jpg"), picture)
export_path = os.path.join(newsletters, "september-email.html")

NEW_TITLE = "Autumn News: September 2023"
NEWS_TEXT = "I am now open on Saturdays"
apps = []


def menu_item(app, name):
    return t.wait_find(app.acc, f"the menu item {name}", role="menu item", name=name)


def main_menu(app, item):
    t.press(t.wait_find(app.acc, "the main menu button", role="push button", name="Main menu"))
    t.press(menu_item(app, item))


def outline_row(app, name):
    outline = t.wait_find(app.acc, "the outline", role="list", name="Outline of the issue")
    return t.wait_find(outline, f"the outline row {name}", role="list item", name=name)


def outline_names(app):
    outline = t.wait_find(app.acc, "the outline", role="list", name="Outline of the issue")
    return [a.name for a in t.find_all(outline, role="list item")]


def focus_outline_row(app, name):
    """Into the outline with F6, then the arrows to the row."""
    t.key("F6")
    for _ in range(3):
        if t.find(app.acc, role="list item", pred=t.is_focused):
            break
        t.key("F6")
    names = outline_names(app)
    current = t.find(app.acc, role="list item", pred=t.is_focused)
    tap.check(current is not None, "F6 puts the focus in the outline")
    steps = names.index(name) - names.index(current.name)
    for _ in range(abs(steps)):
        t.key("Down" if steps > 0 else "Up")
    t.wait_for(lambda: t.find(app.acc, role="list item", name=name, pred=t.is_focused),
               f"the focus on the outline row {name}")


def file_chooser_save(app, title, path):
    dialog = t.wait_find(app.acc, f"the {title} dialog", name=title)
    t.wait_for(lambda: t.find(dialog, role="text", name=re.compile("^Name"), pred=t.is_focused),
               "the focus in the Name field")
    t.key("ctrl+a")
    t.type_text(path)
    t.key("Return")
    t.settle()


def start(args=()):
    app = t.App(binary, home, os.path.join(out_dir, f"journey-run{len(apps) + 1}.log"), args)
    apps.append(app)
    app.wait_started()
    app.frame()
    app.win = t.activate_window(app.proc.pid)
    return app


def window_size(app):
    out = subprocess.run(["xdotool", "getwindowgeometry", app.win], capture_output=True,
                         text=True).stdout
    return re.search(r"Geometry: (\d+x\d+)", out).group(1)


def run():
    # -- First start: the sample, untitled ---------------------------------
    app = start()
    frame = app.frame()
    tap.check(frame.name.startswith("Untitled Issue"), f"the sample opens untitled ({frame.name!r})")

    # Named controls (issue 15, point 5).
    for role, name in (("push button", "Open"), ("push button", "Recent issues"),
                       ("push button", "Save"), ("push button", "Main menu"),
                       ("radio button", "Email"), ("radio button", "Web"),
                       ("radio button", "Phone"), ("radio button", "Plain Text")):
        tap.ok(t.find(app.acc, role=role, name=name) is not None,
               f"a {role} named {name!r}")
    unnamed = [t.describe(a) for a in t.find_all(app.acc, role="push button",
                                                  pred=lambda a: re.match(r"^(Gtk|Adw)|_", a.name or "")
                                                  or not a.name)]
    tap.ok(not unnamed, f"no button without a proper name {unnamed}")
    rows = outline_names(app)
    tap.ok(all(rows), f"every outline row has a name ({rows})")

    # The preview is one Tab stop: F6 reaches it, Tab goes on to the header
    # bar rather than through the newsletter's links, Shift+Tab comes back.
    for _ in range(3):
        t.key("F6")
        if t.find(app.acc, name="Preview of the newsletter", pred=t.is_focused):
            break
    tap.ok(t.find(app.acc, name="Preview of the newsletter", pred=t.is_focused) is not None,
           "F6 reaches the preview")
    t.key("Tab")
    after_preview = t.wait_for(lambda: t.focused(app.acc), "the focus after the preview")
    tap.ok(after_preview.name == "Show the outline",
           f"Tab leaves the preview for the header bar ({t.describe(after_preview)})")
    t.key("shift+Tab")
    tap.ok(t.wait_for(lambda: t.find(app.acc, name="Preview of the newsletter",
                                     pred=t.is_focused), "the preview again") is not None,
           "Shift+Tab comes back to the preview")

    # -- New Issue From This One -------------------------------------------
    main_menu(app, "New Issue From This One")
    t.wait_for(lambda: outline_row(app, "Issue Settings").description == "News: September 2023",
               "September in the outline")
    tap.ok(True, "New Issue From This One gives September")

    # -- The title, by typing ------------------------------------------------
    focus_outline_row(app, "Issue Settings")
    t.key("Return")
    title_field = t.wait_find(app.acc, "the Title field", role="text", name="Title",
                              pred=t.is_focused)
    tap.check(t.is_focused(title_field), "Enter in the outline puts the focus in the Title field")
    t.key("ctrl+a")
    t.type_text(NEW_TITLE)
    t.wait_for(lambda: t.text_of(title_field) == NEW_TITLE, "the new title in the field")
    tap.ok(True, "the title changed by typing")

    # Month and language: a picker and names, the file keeps 2023-09 / en.
    tap.ok(t.find(app.acc, role="combo box", name="Month") is not None
           and t.find(app.acc, role="spin button", name="Year") is not None,
           "the month picked by name and year")
    tap.ok(t.find(app.acc, role="label", name="September") is not None, "September shown")
    tap.ok(t.find(app.acc, role="label", name="English") is not None,
           "the language shown by its name")

    # -- A news item ---------------------------------------------------------
    news_row = [n for n in outline_names(app) if n.startswith("What")][0]
    focus_outline_row(app, news_row)
    t.key("Tab")
    tap.ok(t.find(app.acc, pred=lambda a: t.is_focused(a) and a.getRoleName() != "list item")
           is not None, "Tab from the outline goes into the form")
    add = t.wait_find(app.acc, "the Add another button", role="push button", name="Add another")
    n_items = len(t.find_all(app.acc, role="text", name="What happened"))
    t.press(add)
    t.wait_for(lambda: len(t.find_all(app.acc, role="text", name="What happened")) > n_items,
               "the new item")
    item_text = t.wait_for(lambda: t.find(app.acc, role="text", pred=t.is_focused),
                           "the focus in a field")
    tap.ok(item_text.name == "What happened",
           f"Add another puts the focus in the new item's first field ({t.describe(item_text)})")
    t.type_text(NEWS_TEXT)
    t.wait_for(lambda: NEWS_TEXT in (t.text_of(item_text) or ""), "the news text typed")
    tap.ok(True, "the news item written")

    # -- Spelling, from the keyboard -----------------------------------------
    # A misspelt word, the cursor back in it, Shift+F10: its correction is a
    # menu item a screen reader finds by name and activates.
    t.type_text(" and Sundys ")
    t.key("Left", "Left", "Left")
    t.key("shift+F10")
    correction = menu_item(app, "Sundays")
    tap.ok(t.find(app.acc, role="menu item", name="Add to Dictionary") is not None,
           "Shift+F10 on a misspelt word: its corrections and Add to Dictionary in the menu")
    t.press(correction)
    t.wait_for(lambda: (t.text_of(item_text) or "").endswith(NEWS_TEXT + " and Sundays "),
               "the corrected word")
    tap.ok(True, "the correction chosen in the menu replaces the word")

    # -- Moving a section with the keyboard --------------------------------
    before = outline_names(app)
    focus_outline_row(app, news_row)
    t.key("alt+Up")
    t.wait_for(lambda: outline_names(app) != before, "the outline to change")
    after = outline_names(app)
    tap.ok(after.index(news_row) == before.index(news_row) - 1,
           f"Alt+Up moves the news section up ({before} -> {after})")

    # -- A picture, through the chooser ------------------------------------
    focus_outline_row(app, "New article")
    t.key("Return")
    choose = t.wait_find(app.acc, "the Choose a picture button", role="push button",
                         name="Choose a picture")
    t.press(choose)
    file_chooser_open(app, "Choose a Picture", picture)
    t.wait_for(lambda: t.find(app.acc, name=re.compile(r"images/studio-window\.jpg")),
               "the picture in the issue")
    tap.ok(True, "a picture chosen through the picture row")

    # -- Undo and redo -------------------------------------------------------
    t.key("ctrl+z")
    t.wait_for(lambda: not t.find(app.acc, name=re.compile(r"images/studio-window\.jpg")),
               "undo to take the picture away")
    tap.ok(True, "Ctrl+Z undoes the picture")
    t.key("ctrl+shift+z")
    t.wait_for(lambda: t.find(app.acc, name=re.compile(r"images/studio-window\.jpg")),
               "redo to bring it back")
    tap.ok(True, "Ctrl+Shift+Z redoes it")

    # The preview shows the web page; remembered for next time.
    t.press(t.wait_find(app.acc, "the Web view toggle", role="radio button", name="Web"))

    # -- Save As ---------------------------------------------------------------
    main_menu(app, "Save As…")
    file_chooser_save(app, "Save Issue", september)
    t.wait_for(lambda: app.frame().name.startswith("september.tidings"),
               "the window to show september.tidings")
    tap.ok(os.path.exists(september), "Save As writes september.tidings")

    # -- Quit and start again -------------------------------------------------
    subprocess.run(["xdotool", "windowsize", app.win, "1280", "800"], check=True)
    t.wait_for(lambda: window_size(app) == "1280x800", "the window at 1280×800")
    t.key("ctrl+q")
    tap.ok(app.wait_exit() == 0, "Ctrl+Q quits")
    app = start()
    frame = app.frame()
    tap.ok(frame.name.startswith("september.tidings"),
           f"the issue reopens at the next start ({frame.name!r})")
    web = t.wait_find(app.acc, "the Web toggle", role="radio button", name="Web")
    tap.ok(t.is_checked(web), "the preview mode is kept")
    tap.ok(window_size(app) == "1280x800", f"the window size is kept ({window_size(app)})")

    # -- Export the email ------------------------------------------------------
    t.press(t.wait_find(app.acc, "the Export button", role="push button",
                        name=re.compile("^Export")))
    row = t.wait_find(app.acc, "the email file row", name="Email as an HTML File")
    t.press(t.wait_find(row, "its Export button", role="push button"))
    file_chooser_save(app, "Export the Email", export_path)
    t.wait_for(lambda: os.path.exists(export_path), "the exported email")
    tap.ok(True, "the email exported")
    export = t.wait_find(app.acc, "the Export window", role="frame", name="Export")
    t.press(t.wait_find(export, "its Close button", role="push button", name="Close"))
    t.settle()
    t.wait_for(lambda: not t.find(app.acc, role="frame", name="Export"), "the Export window to close")

    # -- A change, then quit and discard it ------------------------------------
    focus_outline_row(app, "Issue Settings")
    t.key("Return")
    t.type_text(" draft")
    t.key("ctrl+q")
    t.press(t.wait_find(app.acc, "the Discard button", role="push button", name="Discard"))
    tap.ok(app.wait_exit() == 0, "quitting after Discard")

    # -- What was saved and exported -----------------------------------------
    with open(september, encoding="utf-8") as f:
        issue = json.load(f)
    tap.ok(issue["issue"]["title"] == NEW_TITLE, f"saved title {issue['issue']['title']!r}")
    tap.ok(issue["issue"]["date"] == "2023-09", "saved month 2023-09")
    tap.ok(issue["issue"]["language"] == "en", "saved language en")
    news = [s for s in issue["sections"] if s["type"] == "news"][0]
    tap.ok(any(NEWS_TEXT in i.get("text", "") for i in news["items"]), "saved news item")
    pictures = json.dumps(issue)
    tap.ok("images/studio-window.jpg" in pictures, "saved picture path")
    tap.ok(os.path.exists(os.path.join(newsletters, "images", "studio-window.jpg")),
           "the picture copied beside the issue")
    with open(export_path, encoding="utf-8") as f:
        html = f.read()
    tap.ok(NEWS_TEXT in html and "Autumn News" in html, "the export has the new words")


def file_chooser_open(app, title, path):
    dialog = t.wait_find(app.acc, f"the {title} dialog", name=title)
    t.wait_for(lambda: t.find(dialog, pred=t.is_focused), "the focus in the dialog")
    t.key("ctrl+l")
    t.type_text(path)
    t.key("Return")
    t.settle()


try:
    wm = t.start_window_manager()
    try:
        run()
    except Exception:
        if apps and apps[-1].acc is not None and apps[-1].proc.poll() is None:
            with open(os.path.join(out_dir, "journey-tree.txt"), "w", encoding="utf-8") as f:
                t.dump(apps[-1].acc, f)
            tap.note(f"the tree is in {out_dir}/journey-tree.txt")
        t.screenshot(os.path.join(out_dir, "journey-failure.png"))
        raise
    finally:
        for app in apps:
            problems = app.problems()
            tap.ok(not problems, f"no CRITICAL or WARNING in {os.path.basename(app.log_path)}")
            for line in problems[:20]:
                tap.note(line)
            app.kill()
        wm.terminate()
except t.Failure as e:
    tap.ok(False, str(e))
except Exception:
    tap.ok(False, "the journey ran")
    tap.note(traceback.format_exc())
finally:
    home.remove()
sys.exit(tap.done())
