#!/usr/bin/python3
# test-library.py: her issues, as a screen reader user finds them.
#
# On a fresh home whose Documents folder holds a library of three issues
# (Newsletter/2023-06, 2023-07, 2023-08, made from the sample), the real
# program started without a file shows them: the cards are found in the
# accessibility tree by their names ("News: August 2023, August 2023"),
# newest first, the newest has the keyboard focus, the arrows move between
# them and Enter opens one; the "Your issues" toggle brings the library
# back. A screenshot is kept (OUT-DIR/library.png), and any GLib CRITICAL
# or WARNING the app printed fails the test.
#   test-library.py TIDINGS-BINARY SAMPLE-DIR OUT-DIR

import json
import os
import re
import shutil
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
documents = os.path.join(home.home, "Documents")
library = os.path.join(documents, "Newsletter")
os.makedirs(os.path.join(home.root, "config"), exist_ok=True)
with open(os.path.join(home.root, "config", "user-dirs.dirs"), "w") as f:
    f.write(f'XDG_DOCUMENTS_DIR="{documents}"\n')

ISSUES = [("2023-06", "june.tidings", "News: June 2023"),
          ("2023-08", "august.tidings", "News: August 2023"),
          ("2023-07", "july.tidings", "News: July 2023")]
for month, name, title in ISSUES:
    folder = os.path.join(library, month)
    shutil.copytree(sample_dir, folder)
    os.remove(os.path.join(folder, "august-2023.tidings"))
    with open(os.path.join(sample_dir, "august-2023.tidings"), encoding="utf-8") as f:
        issue = json.load(f)
    issue["issue"]["date"] = month
    issue["issue"]["title"] = title
    with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
        json.dump(issue, f, ensure_ascii=False, indent=2)

CARD = re.compile(r"^News: \w+ 2023, \w+ 2023$")
EXPECTED = ["News: August 2023, August 2023", "News: July 2023, July 2023",
            "News: June 2023, June 2023"]

app = None
wm = None
try:
    wm = t.start_window_manager()
    app = t.App(binary, home, os.path.join(out_dir, "library.log"))
    app.wait_started()
    frame = app.frame()
    t.activate_window(app.proc.pid)
    tap.check(frame.name.startswith("Your Issues"), f"started without a file: her issues ({frame.name!r})")

    t.wait_for(lambda: len(t.find_all(app.acc, name=CARD)) == 3, "three cards")
    cards = t.find_all(app.acc, name=CARD)
    tap.ok([c.name for c in cards] == EXPECTED,
           f"the cards are named by title and month, newest first ({[c.name for c in cards]})")
    tap.note(f"a card's role: {cards[0].getRoleName()}")
    tap.ok(t.find(app.acc, role="push button", name="New Issue") is not None,
           "a push button named 'New Issue'")
    tap.ok(t.find(app.acc, role="push button", name="Choose Folder") is not None,
           "a push button named 'Choose Folder'")
    toggle = t.find(app.acc, name="Your issues")
    tap.ok(toggle is not None and t.is_checked(toggle), "the 'Your issues' toggle is on")

    t.wait_for(lambda: t.find(app.acc, name=EXPECTED[0], pred=t.is_focused),
               "the focus on the newest issue")
    tap.ok(True, "the keyboard starts on the newest issue")
    t.key("Right")
    t.wait_for(lambda: t.find(app.acc, name=EXPECTED[1], pred=t.is_focused),
               "the focus on July's card")
    tap.ok(True, "the arrow key moves to the next card")
    time.sleep(1)
    t.screenshot(os.path.join(out_dir, "library.png"))

    t.key("Return")
    t.wait_for(lambda: app.frame().name.startswith("july.tidings"), "July's issue in the window")
    tap.ok(True, f"Enter opens it ({app.frame().name!r})")
    tap.ok(t.find(app.acc, role="list", name="Outline of the issue") is not None,
           "the editor took the library's place")

    t.press(t.wait_find(app.acc, "the 'Your issues' toggle", name="Your issues"))
    t.wait_for(lambda: app.frame().name.startswith("Your Issues"), "the library again")
    t.wait_for(lambda: len(t.find_all(app.acc, name=CARD)) == 3, "the cards again")
    tap.ok(True, "the toggle brings the library back")

    problems = app.problems()
    tap.ok(not problems, "no CRITICAL or WARNING in the app's output")
    for line in problems[:20]:
        tap.note(line)
except Exception:
    tap.ok(False, "the library ran")
    tap.note(traceback.format_exc())
    if app is not None and app.acc is not None:
        t.dump(app.acc)
finally:
    if app is not None:
        app.kill()
    if wm is not None:
        wm.terminate()
    home.remove()
sys.exit(tap.done())
