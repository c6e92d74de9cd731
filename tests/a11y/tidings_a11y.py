# tidings_a11y.py: the app as a screen reader sees it, for the GUI journeys
#
# Runs inside `xvfb-run … dbus-run-session --` (tests/meson.build): starts a
# window manager (openbox) and the real tidings program on a fresh home
# (temporary XDG folders, settings in a key file so that they persist
# across a restart), then finds its controls in the accessibility tree
# (AT-SPI, through pyatspi) by role and accessible name -- never by
# coordinates -- and types with the keyboard (xdotool). The program's
# output is kept, and any GLib CRITICAL or WARNING in it fails the test.

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import pyatspi

TIMEOUT = 20.0


class Failure(Exception):
    pass


# -- TAP ------------------------------------------------------------------

class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, condition, what):
        self.n += 1
        if condition:
            print(f"ok {self.n} - {what} ({time.strftime('%H:%M:%S')})", flush=True)
        else:
            self.failed += 1
            print(f"not ok {self.n} - {what}", flush=True)
        return condition

    def check(self, condition, what):
        if not self.ok(condition, what):
            raise Failure(what)

    def note(self, text):
        for line in str(text).splitlines():
            print(f"# {line}", flush=True)

    def done(self):
        print(f"1..{self.n}", flush=True)
        return 1 if self.failed else 0


# -- The session ----------------------------------------------------------

class Home:
    """A fresh user: temporary XDG folders and home, settings in a key file."""

    def __init__(self, keep=None):
        self.root = keep or tempfile.mkdtemp(prefix="tidings-journey-")
        self.home = os.path.join(self.root, "home")
        for d in ("home", "config", "data", "cache", "runtime"):
            os.makedirs(os.path.join(self.root, d), exist_ok=True)
        os.chmod(os.path.join(self.root, "runtime"), 0o700)

    def env(self):
        env = dict(os.environ)
        env.update({
            "HOME": self.home,
            "XDG_CONFIG_HOME": os.path.join(self.root, "config"),
            "XDG_DATA_HOME": os.path.join(self.root, "data"),
            "XDG_CACHE_HOME": os.path.join(self.root, "cache"),
            "GSETTINGS_BACKEND": "keyfile",
            "GDK_BACKEND": "x11",
        })
        # A screen reader's session: the accessibility bus on (GTK 4 reads
        # GTK_A11Y, not NO_AT_BRIDGE). WebKitGTK 2.50's web process, which
        # does read NO_AT_BRIDGE, crashed now and then with it on while the
        # preview reloaded on every keystroke ("The preview's web process
        # ended"): the page's own tree is left out, not the app's.
        env.pop("GTK_A11Y", None)
        env["NO_AT_BRIDGE"] = "1"
        return env

    def settings_file(self):
        return os.path.join(self.root, "config", "glib-2.0", "settings", "keyfile")

    def remove(self):
        shutil.rmtree(self.root, ignore_errors=True)


def start_window_manager():
    wm = subprocess.Popen(["openbox", "--sm-disable"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    return wm


LOG_PROBLEM = re.compile(r"(CRITICAL|WARNING) \*\*|-CRITICAL|-WARNING")


class App:
    """One run of the tidings program."""

    def __init__(self, binary, home, log_path, args=()):
        self.log_path = log_path
        self.log = open(log_path, "w", encoding="utf-8")
        self.proc = subprocess.Popen([binary, *args], env=home.env(), stdout=self.log,
                                     stderr=subprocess.STDOUT)
        self.acc = None

    def wait_started(self):
        def find_app():
            if self.proc.poll() is not None:
                raise Failure(f"tidings ended at start (exit {self.proc.returncode})")
            desktop = pyatspi.Registry.getDesktop(0)
            for app in desktop:
                try:
                    if app is not None and app.get_process_id() == self.proc.pid:
                        return app
                except Exception:
                    continue
            return None
        self.acc = wait_for(find_app, "the app on the accessibility bus", 30)
        return self.acc

    def frame(self):
        return wait_for(lambda: find(self.acc, role="frame", showing=True), "the window")

    def wait_exit(self, timeout=TIMEOUT):
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise Failure("tidings did not quit")

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def problems(self):
        self.log.flush()
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return [line.rstrip() for line in f if LOG_PROBLEM.search(line)]


# -- Finding things -------------------------------------------------------

def wait_for(func, what, timeout=TIMEOUT):
    end = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < end:
        try:
            result = func()
        except Failure:
            raise
        except Exception as e:     # the tree changes under our feet
            last_error = e
            result = None
        if result:
            return result
        time.sleep(0.1)
    raise Failure(f"timed out waiting for {what}" + (f" ({last_error})" if last_error else ""))


def states(acc):
    return acc.getState()


def is_showing(acc):
    return states(acc).contains(pyatspi.STATE_SHOWING)


def is_focused(acc):
    return states(acc).contains(pyatspi.STATE_FOCUSED)


def is_checked(acc):
    s = states(acc)
    return s.contains(pyatspi.STATE_CHECKED) or s.contains(pyatspi.STATE_PRESSED)


def walk(acc, depth=0, max_depth=80):
    if acc is None or depth > max_depth:
        return
    yield acc
    try:
        # Not into the newsletter inside the preview: WebKit's web process
        # answers for it, slowly, while it reloads on every keystroke.
        if acc.name == "Preview of the newsletter":
            return
        n = acc.childCount
    except Exception:
        return
    for i in range(n):
        try:
            child = acc.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1, max_depth)


def matches(acc, role=None, name=None, showing=None, pred=None):
    try:
        if role is not None:
            if isinstance(role, re.Pattern):
                if not role.search(acc.getRoleName()):
                    return False
            elif acc.getRoleName() != role:
                return False
        if name is not None:
            if isinstance(name, re.Pattern):
                if not name.search(acc.name or ""):
                    return False
            elif acc.name != name:
                return False
        if showing is not None and is_showing(acc) != showing:
            return False
        if pred is not None and not pred(acc):
            return False
        return True
    except Exception:
        return False


def find_all(root, **kw):
    return [a for a in walk(root) if matches(a, **kw)]


def find(root, **kw):
    for a in walk(root):
        if matches(a, **kw):
            return a
    return None


def wait_find(root, what=None, timeout=TIMEOUT, **kw):
    return wait_for(lambda: find(root, **kw), what or f"{kw}", timeout)


def focused(root):
    return find(root, pred=is_focused)


def describe(acc):
    try:
        return (f"[{acc.getRoleName()}] {acc.name!r}" + (" (focused)" if is_focused(acc) else "")
                + (" (checked)" if is_checked(acc) else ""))
    except Exception:
        return "(gone)"


def press(acc):
    """What a screen reader user does to a button: its default action."""
    # A menu button is a group around its toggle button, of the same name.
    for a in walk(acc, max_depth=3):
        try:
            action = a.queryAction()
        except NotImplementedError:
            continue
        if action.nActions > 0:
            break
    else:
        raise Failure(f"{describe(acc)} has no action")
    for i in range(action.nActions):
        if action.getName(i) in ("click", "activate", "press", "toggle"):
            action.doAction(i)
            return
    action.doAction(0)


def text_of(acc):
    """The text of a field: its own, or (an entry row's text box, which
    GTK 4.8 gives no text interface) that of the row around it."""
    for _ in range(4):
        if acc is None:
            return None
        try:
            t = acc.queryText()
            return t.getText(0, t.characterCount)
        except NotImplementedError:
            acc = acc.parent
    return None


def dump(root, out=sys.stdout):
    for a in walk(root):
        try:
            depth = 0
            p = a
            while p is not None and p != root and depth < 80:
                p = p.parent
                depth += 1
            out.write("# " + "  " * depth + describe(a) + "\n")
        except Exception:
            pass


# -- The keyboard ---------------------------------------------------------

def key(*keys):
    subprocess.run(["xdotool", "key", "--clearmodifiers", *keys], check=True)
    time.sleep(0.25)


def type_text(text):
    subprocess.run(["xdotool", "type", "--delay", "40", text], check=True)
    time.sleep(0.3)


def activate_window(pid):
    def window():
        out = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid),
                              "--name", "Tidings"], capture_output=True, text=True).stdout
        return out.split()[0] if out.split() else None
    win = wait_for(window, "the X window")
    subprocess.run(["xdotool", "windowactivate", win], check=False,
                   stderr=subprocess.DEVNULL, timeout=10)
    time.sleep(0.8)
    return win


def screenshot(path):
    subprocess.run(["import", "-window", "root", path], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def settle(seconds=1.0):
    """After a window closes: GTK 4.8 answers a query on an accessible of a
    window being destroyed with a NULL object path (a GLib CRITICAL in the
    app's output). A screen reader asks at its own pace; the test waits for
    the window to be gone before reading the tree again."""
    time.sleep(seconds)
