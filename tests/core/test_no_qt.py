"""The core never imports Qt: import every module of ``studio`` in a fresh interpreter and look."""

import subprocess
import sys


def test_studio_imports_no_qt():
    code = (
        "import pkgutil, importlib, sys, studio\n"
        "for m in pkgutil.walk_packages(studio.__path__, 'studio.'):\n"
        "    if '.migrations' in m.name or m.name.endswith('__main__'): continue\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'shiboken6', 'ui'))\n"
        "print(len([n for n in sys.modules if n.startswith('studio')]), bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    count = int(out.stdout.split()[0])
    assert count > 10  # really walked the package
