"""Update and build the translations: ``python -m ui.i18n_build [--check] [--fill FILE.json]``.

One command after new strings arrive (e.g. after a merge):

1. ``lupdate`` (PySide6's ``pyside6-lupdate``) reads every ``self.tr()`` /
   ``QCoreApplication.translate()`` of ``ui/`` into ``resources/translations/travel_studio_zh_CN.ts``
   (translations kept; new strings marked unfinished; strings gone from the code dropped);
2. every ``tr()`` / ``tr_n()`` / ``mark()`` text of the core (``studio/``) goes into
   ``resources/translations/core_zh_CN.json`` the same way (a new one with an empty translation);
3. ``--fill FILE.json`` (optional) takes translations from a ``{"English": "中文"}`` file (or
   ``{"context": {"English": "中文"}}`` for a text that reads differently in one context) into both
   catalogues, for the strings that are still unfinished;
4. ``lrelease`` compiles the ``.ts`` into ``travel_studio_zh_CN.qm``, which the app loads (the
   ``.qm`` is committed, so a fresh clone needs no build step; a test checks it is current).

It then lists what is still unfinished; translate those in Qt Linguist
(``pyside6-linguist resources/translations/travel_studio_zh_CN.ts``) or in the files, and run the
command again. ``--check`` changes nothing and exits non-zero when a catalogue is behind the code,
a string is unfinished, a placeholder is lost or the ``.qm`` is stale.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
LOCALES = ("zh_CN",)
COMMAND = "python -m ui.i18n_build"

# %1, %n, %L1 in Qt's strings; {name} in the core's.
_QT_PLACEHOLDER = re.compile(r"%L?\d+|%n")
_PY_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:[:!][^{}]*)?\}")


def ts_path(locale: str) -> Path:
    return TRANSLATIONS / f"travel_studio_{locale}.ts"


def qm_path(locale: str) -> Path:
    return TRANSLATIONS / f"travel_studio_{locale}.qm"


def core_path(locale: str) -> Path:
    return TRANSLATIONS / f"core_{locale}.json"


def _qt_tool(name: str) -> str:
    import PySide6

    folder = Path(PySide6.__file__).parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Qt" / "libexec" / name):
        if candidate.exists():
            return str(candidate)
    raise SystemExit(f"{name} was not found beside PySide6 in {folder}; is PySide6 installed?")


def ui_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def lupdate(ts: Path) -> None:
    subprocess.run(
        [_qt_tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none", *ui_sources()]
        + ["-ts", str(ts)],
        cwd=ROOT,
        check=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [_qt_tool("lrelease"), "-silent", "-removeidentical", str(ts), "-qm", str(qm)],
        cwd=ROOT,
        check=True,
    )


# -- the Qt catalogue -----------------------------------------------------------------------------
def ts_messages(ts: Path) -> list[dict]:
    """Every message of a ``.ts`` file: context, source, translation(s), and whether unfinished."""
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            forms = [f.text or "" for f in tr.iter("numerusform")] if tr is not None else []
            out.append(
                {
                    "context": name,
                    "source": m.findtext("source") or "",
                    "numerus": m.get("numerus") == "yes",
                    "translation": (tr.text or "") if tr is not None and not forms else "",
                    "forms": forms,
                    "unfinished": tr is None
                    or tr.get("type") in ("unfinished", "vanished", "obsolete"),
                }
            )
    return out


def _fill_ts(ts: Path, table: dict) -> int:
    tree = ET.parse(ts)
    n = 0
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            if tr is None or tr.get("type") != "unfinished":
                continue
            source = m.findtext("source") or ""
            text = _lookup(table, name, source)
            if not text:
                continue
            if m.get("numerus") == "yes":
                for f in list(tr):
                    tr.remove(f)
                ET.SubElement(tr, "numerusform").text = text
            else:
                tr.text = text
            del tr.attrib["type"]
            n += 1
    if n:
        _write_ts(tree, ts)
    return n


def _write_ts(tree: ET.ElementTree, ts: Path) -> None:
    body = ET.tostring(tree.getroot(), encoding="unicode")
    tmp = ts.with_suffix(".ts.tmp")
    tmp.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    tmp.replace(ts)
    lupdate(ts)  # back to lupdate's own layout, so diffs stay small


def _lookup(table: dict, context: str, source: str) -> str:
    by_context = table.get(context)
    if isinstance(by_context, dict) and isinstance(by_context.get(source), str):
        return by_context[source]
    value = table.get(source)
    return value if isinstance(value, str) else ""


# -- the core's catalogue -------------------------------------------------------------------------
_CORE_CALLS = {"tr": 1, "tr_n": 2, "mark": 1}


def core_sources() -> dict[str, str | None]:
    """Every text of ``studio/`` given to ``tr`` / ``tr_n`` / ``mark``: {text: plural or None}."""
    found: dict[str, str | None] = {}
    for path in sorted((ROOT / "studio").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            f = node.func
            name = (
                f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            )
            if isinstance(f, ast.Attribute) and not (
                isinstance(f.value, ast.Name) and f.value.id == "i18n"
            ):
                continue
            if name not in _CORE_CALLS:
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                plural = None
                if name == "tr_n" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                    plural = str(node.args[1].value)
                found[first.value] = plural
    return found


def _read_core(path: Path) -> dict:
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"about": "", "messages": {}}


def _write_core(path: Path, data: dict) -> None:
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)


def update_core(path: Path, table: dict | None = None) -> dict:
    data = _read_core(path)
    old = data.get("messages", {})
    messages: dict = {}
    for text, plural in sorted(core_sources().items()):
        value = old.get(text, [""] if plural is not None else "")
        if table and not (value if isinstance(value, str) else any(value)):
            filled = _lookup(table, "core", text)
            if filled:
                value = [filled] if plural is not None else filled
        messages[text] = value
    data = {
        "about": "The core's words in Simplified Chinese (studio.domain.i18n), keyed by the "
        "English text; a counted text has a list of its plural forms (Chinese has one). Keep "
        "every {placeholder}. Updated by `python -m ui.i18n_build`.",
        "messages": messages,
    }
    _write_core(path, data)
    return data


# -- checks ---------------------------------------------------------------------------------------
def placeholders(text: str, pattern: re.Pattern[str]) -> list[str]:
    return sorted(set(pattern.findall(text)))


def problems(locale: str = "zh_CN") -> list[str]:
    """What is wrong with ``locale``'s catalogues against the code now (changes nothing)."""
    out: list[str] = []
    ts, qm, core = ts_path(locale), qm_path(locale), core_path(locale)
    if not ts.exists():
        return [f"{ts.name} is missing"]
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / ts.name
        fresh.write_bytes(ts.read_bytes())
        lupdate(fresh)
        current = {(m["context"], m["source"]): m for m in ts_messages(ts)}
        for m in ts_messages(fresh):
            key = (m["context"], m["source"])
            if key not in current:
                out.append(f"missing from {ts.name}: [{m['context']}] {m['source']!r}")
        built = Path(tmp) / qm.name
        lrelease(ts, built)
        if not qm.exists() or qm.read_bytes() != built.read_bytes():
            out.append(f"{qm.name} is not the compiled {ts.name}")
    for m in ts_messages(ts):
        where = f"[{m['context']}] {m['source']!r}"
        if m["unfinished"]:
            out.append(f"unfinished in {ts.name}: {where}")
            continue
        want = placeholders(m["source"], _QT_PLACEHOLDER)
        for text in m["forms"] or [m["translation"]]:
            if not text.strip():
                out.append(f"empty translation in {ts.name}: {where}")
            elif placeholders(text, _QT_PLACEHOLDER) != want:
                out.append(f"placeholders differ in {ts.name}: {where} → {text!r}")
    data = _read_core(core).get("messages", {})
    for text, plural in core_sources().items():
        if text not in data:
            out.append(f"missing from {core.name}: {text!r}")
            continue
        value = data[text]
        forms = value if isinstance(value, list) else [value]
        want = placeholders(text, _PY_PLACEHOLDER)
        if plural is not None:
            want = sorted(set(want) | set(placeholders(plural, _PY_PLACEHOLDER)))
        if not all(f.strip() for f in forms) or not forms:
            out.append(f"unfinished in {core.name}: {text!r}")
        elif any(placeholders(f, _PY_PLACEHOLDER) != want for f in forms):
            out.append(f"placeholders differ in {core.name}: {text!r} → {value!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog=COMMAND, description=__doc__.split("\n")[0])
    p.add_argument("--check", action="store_true", help="change nothing; non-zero when behind")
    p.add_argument(
        "--fill", metavar="FILE.json", help="translations to take for unfinished strings"
    )
    args = p.parse_args(argv)
    status = 0
    for locale in LOCALES:
        if not args.check:
            table = json.loads(Path(args.fill).read_text(encoding="utf-8")) if args.fill else None
            TRANSLATIONS.mkdir(parents=True, exist_ok=True)
            lupdate(ts_path(locale))
            if table:
                print(f"{ts_path(locale).name}: {_fill_ts(ts_path(locale), table)} filled")
            update_core(core_path(locale), table)
            lrelease(ts_path(locale), qm_path(locale))
        found = problems(locale)
        for line in found:
            print(line)
        total = len(ts_messages(ts_path(locale))) + len(core_sources())
        print(f"{locale}: {total} strings, {len(found)} problem(s)")
        status |= bool(found)
    return status


if __name__ == "__main__":
    sys.exit(main())
