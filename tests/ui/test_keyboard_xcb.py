"""Undo and Redo pressed on a real X server (Xvfb, the xcb platform, keys sent with xdotool):
the xcb key bindings make the platform's Redo Ctrl+Shift+Z, which once made Redo ambiguous."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PROBE = Path(__file__).with_name("xcb_keys_probe.py")


def _needs(*tools: str) -> None:
    for tool in tools:
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")


@pytest.fixture
def xserver():
    _needs("Xvfb", "xdotool")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    if not number:
        server.kill()
        pytest.skip("Xvfb did not start")
    yield f":{number}"
    server.terminate()
    server.wait(10)


class Probe:
    def __init__(self, display: str):
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        root = Path(__file__).resolve().parents[2]
        env["PYTHONPATH"] = str(root) + os.pathsep + env.get("PYTHONPATH", "")
        self.env = env
        self.proc = subprocess.Popen(
            [sys.executable, str(PROBE)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def line(self, prefix: str) -> str:
        assert self.proc.stdout is not None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                err = self.proc.stderr.read() if self.proc.stderr else ""
                raise AssertionError(f"the probe ended before {prefix}: {err[-2000:]}")
            if line.startswith(prefix):
                return line[len(prefix) :].strip()

    def key(self, window: str, keys: str) -> None:
        subprocess.run(
            ["xdotool", "windowfocus", "--sync", window], env=self.env, check=False, timeout=10
        )
        subprocess.run(["xdotool", "key", keys], env=self.env, check=True, timeout=10)

    def close(self) -> str:
        self.proc.terminate()
        try:
            _out, err = self.proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _out, err = self.proc.communicate()
        return err


def test_undo_and_both_redo_keys_on_xcb(xserver):
    probe = Probe(xserver)
    try:
        bindings = probe.line("REDO_BINDINGS ")
        window = probe.line("READY ")
        assert "Ctrl+Shift+Z" in bindings  # the X11 scheme, unlike offscreen's Windows one
        for redo in ("ctrl+y", "ctrl+shift+z"):
            probe.key(window, "ctrl+z")
            assert probe.line("INDEX ") == "0"
            probe.key(window, redo)
            assert probe.line("INDEX ") == "1", redo
    finally:
        err = probe.close()
    assert "Ambiguous" not in err, err
