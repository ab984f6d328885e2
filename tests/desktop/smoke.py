#!/usr/bin/env python3
"""The desktop app in a real window under Xvfb: it renders the UI (screenshot), a click on a real button changes
state read back through the test hook, and settings survive a restart; the CNN lab opens with the pretrained model,
which reads a digit painted by clicks, and training starts and stops. Drags do not reach ImGui under a bare X server,
so the stroke is a column of clicks (each stamps the brush); dragging is tested on the web build.
usage: smoke.py PATH/TO/hebblab [SCREENSHOT_DIR]"""
import json
import os
import subprocess
import sys
import tempfile
import time

HEBBLAB = sys.argv[1]
SHOTS = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp()
os.makedirs(SHOTS, exist_ok=True)
DISPLAY = ":97"
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}{(': ' + detail) if detail and not ok else ''}", flush=True)


def wait_for(predicate, timeout=20.0):
    end = time.time() + timeout
    while time.time() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    return None


def read_hook(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def x(*args):
    return subprocess.run(list(args), env=dict(os.environ, DISPLAY=DISPLAY), capture_output=True, text=True)


class App:
    def __init__(self, settings, hook):
        self.hook = hook
        if os.path.exists(hook):
            os.remove(hook)
        self.proc = subprocess.Popen([HEBBLAB, "--settings", settings, "--hook-file", hook, "--window", "1200x800"],
                                     env=dict(os.environ, DISPLAY=DISPLAY))
        self.state = wait_for(lambda: (s := read_hook(hook)) and s["frame"] >= 20 and s)
        win = wait_for(lambda: x("xdotool", "search", "--name", "^HebbLab$").stdout.split())
        geometry = x("xdotool", "getwindowgeometry", "--shell", win[0]).stdout if win else ""
        fields = dict(line.split("=") for line in geometry.split())
        self.origin = (int(fields.get("X", 0)), int(fields.get("Y", 0)))

    def fresh_state(self, frames=5):
        start = read_hook(self.hook)["frame"]
        return wait_for(lambda: (s := read_hook(self.hook)) and s["frame"] >= start + frames and s)

    def click(self, widget, u=0.5, v=0.5):
        r = self.fresh_state()["widgets"][widget]
        cx, cy = self.origin[0] + int(r[0] + r[2] * u), self.origin[1] + int(r[1] + r[3] * v)
        x("xdotool", "mousemove", "--sync", str(cx), str(cy))
        time.sleep(0.2)
        x("xdotool", "click", "1")
        return self.fresh_state(frames=10)

    def select_part(self, part):
        # One click: a tab used to need two under a bare X server (gui.cpp track_pointer and the held press).
        return self.click("cnn.tab_" + part)

    def close(self):
        # SIGTERM reaches SDL as a quit event: the app leaves its loop and saves, as when the window is closed.
        self.proc.terminate()
        try:
            return self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return None


def main():
    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
                            stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        work = tempfile.mkdtemp()
        settings, hook = os.path.join(work, "settings.txt"), os.path.join(work, "hook.json")
        app = App(settings, hook)
        check("the app starts and draws frames", app.state is not None)
        if app.state is None:
            return
        shot = os.path.join(SHOTS, "desktop.png")
        x("import", "-window", "root", shot)
        colours = int(x("identify", "-format", "%k", shot).stdout.strip() or 0)
        check("the screenshot shows the UI", colours > 20, f"{colours} colours in {shot}")
        check("no patterns at start", app.state["hopfield"]["patterns"] == 0)
        app.click("hopfield.preset_a")
        s = app.click("hopfield.store")
        check("a click on Store stores a pattern", s["hopfield"]["patterns"] == 1, json.dumps(s["hopfield"]))
        s = app.click("hopfield.mode_async")
        check("a click on asynchronous changes the mode", s["hopfield"]["mode"] == "async")
        check("the app closes cleanly", app.close() == 0)
        with open(settings) as f:
            check("settings were written", "hopfield.mode=async" in f.read())
        again = App(settings, hook)
        restored = again.state and again.state["hopfield"]
        check("settings and the stored pattern survive a restart",
              bool(restored) and restored["mode"] == "async" and restored["patterns"] == 1, json.dumps(restored))
        again.close()

        # The CNN lab: the pretrained model, a "1" painted as a column of clicks, then a training run started and
        # stopped.
        with open(settings, "w") as f:
            f.write("ui.tab=cnn\ncnn.part=inside\n")
        cnn = App(settings, hook)
        s = wait_for(lambda: (h := read_hook(hook)) and h["cnn"]["model_ready"] and h)
        check("the CNN tab opens with the pretrained model", bool(s) and "pretrained" in s["cnn"]["model"],
              json.dumps(s and s["cnn"]))
        for i in range(13):
            s = cnn.click("cnn.canvas", 0.5, 0.2 + 0.05 * i)
        check("the pretrained model reads a painted vertical stroke as 1", s["cnn"]["prediction"] == 1,
              json.dumps(s["cnn"]["probabilities"]))
        x("import", "-window", "root", os.path.join(SHOTS, "desktop-cnn.png"))
        for part in ("model", "evaluate", "train"):
            s = cnn.select_part(part)
            check(f"one click on a tab opens it ({part})", s["cnn"]["part"] == part, s["cnn"]["part"])
        s = cnn.click("cnn.train")
        s = wait_for(lambda: (h := read_hook(hook)) and h["cnn"]["seen"] > 0 and h, timeout=60)
        check("training starts in the background and reports batches", bool(s), "no batch within 60 s")
        x("import", "-window", "root", os.path.join(SHOTS, "desktop-cnn-training.png"))
        cnn.click("cnn.stop")
        s = wait_for(lambda: (h := read_hook(hook)) and not h["cnn"]["running"] and h)
        check("stop ends the run", bool(s) and "Stopped" in s["cnn"]["job_status"], json.dumps(s and s["cnn"]))
        check("the app closes cleanly during the CNN lab", cnn.close() == 0)
    finally:
        xvfb.terminate()
        passed = sum(results)
        print(f"desktop: {passed} passed, {len(results) - passed} failed")
    sys.exit(0 if results and all(results) else 1)


if __name__ == "__main__":
    main()
