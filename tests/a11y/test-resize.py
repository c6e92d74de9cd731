#!/usr/bin/python3
# test-resize.py: the window is never blank after a resize.
#
# Twice, going between 1200×760 and 800×600 left the body of the window
# blank under the header bar until the next resize (the panes folded
# while they were being allocated). This resizes the real window, under a
# window manager, to 20 sizes between 360×600 and 1600×1000 (a fixed
# random sequence, plus the two of the report), takes a screenshot after
# each (kept in OUT-DIR) and checks that the part under the header bar is
# not one flat colour. Any GLib CRITICAL or WARNING in the app's output
# ("Trying to snapshot … without a current allocation") fails it too.
#   test-resize.py TIDINGS-BINARY SAMPLE-DIR OUT-DIR

import os
import random
import subprocess
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tidings_a11y as t  # noqa: E402

binary, sample_dir, out_dir = sys.argv[1:4]
os.makedirs(out_dir, exist_ok=True)
os.environ["TIDINGS_SAMPLE_DIR"] = sample_dir

HEADER = 60             # the header bar and a little more, in pixels
MIN_DEVIATION = 0.02    # of the grey levels (0–1) under it: not a flat colour

tap = t.Tap()
home = t.Home()
rng = random.Random(15)
sizes = [(1200, 760), (800, 600), (1200, 760), (800, 600)]
sizes += [(rng.randint(360, 1600), rng.randint(600, 1000)) for _ in range(20 - len(sizes))]


def body_deviation(png, height):
    out = subprocess.run(["convert", png, "-crop", f"x{height - HEADER}+0+{HEADER}", "+repage",
                          "-colorspace", "gray", "-format", "%[fx:standard_deviation]", "info:"],
                         capture_output=True, text=True, check=True)
    return float(out.stdout.strip().split()[0])


app = None
wm = None
try:
    wm = t.start_window_manager()
    app = t.App(binary, home, os.path.join(out_dir, "resize.log"))
    app.wait_started()
    app.frame()
    win = t.activate_window(app.proc.pid)
    time.sleep(2)
    for i, (width, height) in enumerate(sizes, 1):
        subprocess.run(["xdotool", "windowsize", win, str(width), str(height)], check=True)
        time.sleep(1.2)
        png = os.path.join(out_dir, f"resize-{i:02d}-{width}x{height}.png")
        subprocess.run(["import", "-window", win, png], check=True)
        got = subprocess.run(["identify", "-format", "%w %h", png], capture_output=True,
                             text=True, check=True).stdout.split()
        value = body_deviation(png, int(got[1]))
        tap.ok(value >= MIN_DEVIATION,
               f"{width}×{height} (window {got[0]}×{got[1]}): not blank under the header bar "
               f"(deviation {value:.3f}, {os.path.basename(png)})")
    problems = app.problems()
    tap.ok(not problems, "no CRITICAL or WARNING in the app's output")
    for line in problems[:20]:
        tap.note(line)
except Exception:
    tap.ok(False, "the resizes ran")
    tap.note(traceback.format_exc())
finally:
    if app is not None:
        app.kill()
    if wm is not None:
        wm.terminate()
    home.remove()
sys.exit(tap.done())
