#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end smoke test: starts the real flawdesk binary and drives it through
# the accessibility tree (AT-SPI, with dogtail) as a user would. It switches
# to each page with the view switcher, opens Preferences from the main menu
# and closes it, then closes the window and expects a clean exit.
#
#   tests/e2e/smoke.py [PATH-TO-FLAWDESK]      (default: $FLAWDESK_BIN)
#
# Run it inside xvfb-run and dbus-run-session, in that order (see tests/run).
# Exits 77, which meson reports as SKIP, when dogtail or a display is missing.

import os
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77

# The view switcher buttons and the title each page shows. When a page gets
# its real content, put the title that page then shows here.
PAGES = [
    ("Inbox", "Disclosure Inbox"),
    ("Self-Assessment", "Self-Assessment"),
    ("Register", "No Security Debt Recorded"),
]

TIMEOUT = 15.0


def skip(reason):
    print(f"SKIP: {reason}")
    sys.exit(SKIP)


def step(message):
    print(f"[{time.monotonic() - START:5.1f}s] {message}", flush=True)


def wait_for(what, predicate, timeout=TIMEOUT):
    """Polls predicate() until it returns something true; fails after timeout."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = predicate()
        except Exception:  # the tree changes under us while windows come and go
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)


def has_size(node):
    width, height = node.size
    return node.visible and width > 0 and height > 0


def is_on_screen(window, node):
    """Whether node is what the window shows at the node's centre.

    GTK 4.8 reports no "showing" state for widgets, and a page that the
    view stack hid keeps its old size, so ask GTK which widget it would pick
    at that point instead (window coordinates: GTK 4.8 on X11 knows no
    others)."""
    if not has_size(node):
        return False
    x, y = node.position
    width, height = node.size
    picked = window.queryComponent().getAccessibleAtPoint(
        x + width // 2, y + height // 2, pyatspi.WINDOW_COORDS)
    while picked is not None:
        if picked == node:
            return True
        picked = picked.parent
    return False


def is_page_title(window, node):
    """Whether node is on screen and not a view switcher button's label."""
    parent = node.parent
    while parent is not None and parent != window:
        if parent.roleName == "page tab":
            return False
        parent = parent.parent
    return is_on_screen(window, node)


def find(root, role, name, test=has_size):
    for node in root.findChildren(lambda n: n.roleName == role and n.name == name):
        if test(node):
            return node
    return None


def click(node):
    node.doActionNamed("click")


START = time.monotonic()

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    skip("no display")
if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    skip("no session bus for the accessibility bus")

try:
    from dogtail.config import config

    # dogtail otherwise reads the desktop's toolkit-accessibility setting and
    # exits when it is off, which it is in a bare test session.
    config.checkForA11y = False
    config.searchCutoffCount = 20
    config.defaultDelay = 0.1
    config.actionDelay = 0.1
    config.logDebugToFile = False
    from dogtail import tree
    import pyatspi
except ImportError as error:
    skip(f"dogtail is not installed ({error})")

binary = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("FLAWDESK_BIN")
if not binary or not os.access(binary, os.X_OK):
    print(f"FAIL: no flawdesk binary (got {binary!r}); pass its path or set FLAWDESK_BIN")
    sys.exit(1)

workdir = tempfile.mkdtemp(prefix="flawdesk-e2e-")
env = dict(os.environ)
env.pop("GTK_A11Y", None)
env.pop("NO_AT_BRIDGE", None)
env["FLAWDESK_DB"] = os.path.join(workdir, "flawdesk.db")
env.setdefault("GSETTINGS_BACKEND", "memory")
env.setdefault("GSK_RENDERER", "cairo")

process = subprocess.Popen([binary], env=env)
try:
    step(f"started {binary} (pid {process.pid})")

    app = wait_for("the flawdesk application on the accessibility bus",
                   lambda: tree.root.application("flawdesk"))
    window = wait_for("the main window",
                      lambda: find(app, "frame", "Flawdesk", lambda n: n.showing))
    step("found the main window")

    for button_name, title in PAGES:
        button = wait_for(f"the view switcher button {button_name!r}",
                          lambda: find(window, "page tab", button_name))
        click(button)
        wait_for(f"the page title {title!r}",
                 lambda: find(window, "label", title,
                              lambda n: is_page_title(window, n)))
        for _, other in PAGES:
            if other != title and find(window, "label", other,
                                       lambda n: is_page_title(window, n)):
                raise AssertionError(f"{other!r} is still showing on the {button_name} page")
        step(f"switched to {button_name}: {title!r} is showing")

    menu_button = wait_for("the main menu button",
                           lambda: find(window, "push button", "Main Menu",
                                        lambda n: has_size(n) and "click" in n.actions))
    click(menu_button)
    preferences_item = wait_for("the Preferences menu item",
                                lambda: find(app, "menu item", "Preferences"))
    step("opened the main menu")
    click(preferences_item)

    preferences = wait_for("the preferences window",
                           lambda: find(app, "frame", "Preferences", lambda n: n.showing))
    step("the preferences window is showing")

    close = wait_for("the preferences window's Close button",
                     lambda: find(preferences, "push button", "Close"))
    click(close)
    wait_for("the preferences window to close",
             lambda: find(app, "frame", "Preferences", lambda n: n.showing) is None)
    step("closed the preferences window")

    close = wait_for("the main window's Close button",
                     lambda: find(window, "push button", "Close"))
    click(close)
    status = process.wait(timeout=TIMEOUT)
    step(f"flawdesk exited with status {status}")
    if status != 0:
        print(f"FAIL: flawdesk exited with status {status}")
        sys.exit(1)
finally:
    if process.poll() is None:
        process.kill()
        process.wait()
    shutil.rmtree(workdir, ignore_errors=True)

print("PASS")
