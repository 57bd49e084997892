"""Desktop integration: the icons, the desktop entry, the MIME type and their installer."""

from __future__ import annotations

import configparser
import importlib.util
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from db.store import Store
from tests.bad_files import other_app_file
from tests.viewers import viewer

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "app.threadline.Threadline"
MIME_TYPE = "application/x-threadline-database"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}


def _load_installer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("install_desktop",
                                                  ROOT / "scripts" / "install_desktop.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


installer = _load_installer()


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR", path
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def desktop_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def unescape_string(value: str) -> str:
    out, chars = [], iter(value)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars)
            out.append({"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}[nxt])
        else:
            out.append(ch)
    return "".join(out)


def split_exec(value: str) -> list[str]:
    """An Exec value as a launcher reads it (Desktop Entry spec), field codes kept."""
    args: list[str] = []
    text, i, current, quoted, started = unescape_string(value), 0, [], False, False
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == "\\" and i + 1 < len(text) and text[i + 1] in '"`$\\':
                current.append(text[i + 1])
                i += 1
            elif ch == '"':
                quoted = False
            else:
                current.append(ch)
        elif ch == '"':
            quoted = started = True
        elif ch == " ":
            if started:
                args.append("".join(current))
            current, started = [], False
        else:
            current.append(ch)
            started = True
        i += 1
    assert not quoted, f"unterminated quote in {value!r}"
    if started:
        args.append("".join(current))
    return [arg.replace("%%", "%") if arg != "%f" else arg for arg in args]


# --- MIME magic, as shared-mime-info reads it -----------------------------------------------

def _value(text: str) -> bytes:
    """A magic string value, its escapes read as update-mime-database (g_strcompress) does."""
    simple = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
    out, i = bytearray(), 0
    while i < len(text):
        if text[i] != "\\" or i + 1 == len(text):
            out += text[i].encode()
            i += 1
            continue
        octal = ""
        while len(octal) < 3 and text[i + 1 + len(octal):i + 2 + len(octal)] in tuple("01234567"):
            octal += text[i + 1 + len(octal)]
        if octal:
            out.append(int(octal, 8) & 0xFF)
            i += 1 + len(octal)
        else:
            out += simple.get(text[i + 1], text[i + 1]).encode()
            i += 2
    return bytes(out)


def _matches(match: ET.Element, data: bytes) -> bool:
    assert match.get("type") == "string"
    start, _, end = match.get("offset", "0").partition(":")
    value = _value(match.get("value", ""))
    hit = any(data[offset:offset + len(value)] == value
              for offset in range(int(start), int(end or start) + 1))
    children = match.findall("m:match", NS)
    return hit and (not children or any(_matches(child, data) for child in children))


def magic_says_threadline(mime_xml: Path, data: bytes) -> bool:
    mime = ET.parse(mime_xml).getroot().find("m:mime-type", NS)
    assert mime is not None
    return any(_matches(match, data)
               for magic in mime.findall("m:magic", NS) for match in magic.findall("m:match", NS))


# --- the files in the repository ------------------------------------------------------------

def test_icon_renders_at_every_size_and_the_scalable_icon_is_the_source() -> None:
    theme = ROOT / "resources" / "icons" / "hicolor"
    for size in SIZES:
        assert png_size(theme / f"{size}x{size}" / "apps" / f"{APP_ID}.png") == (size, size)
    scalable = theme / "scalable" / "apps" / f"{APP_ID}.svg"
    source = ROOT / "resources" / "icons" / "threadline.svg"
    assert scalable.read_bytes() == source.read_bytes(), "run scripts/render_icons.py"
    ET.parse(source)  # well-formed


def test_mime_package_is_well_formed_and_its_magic_tells_threadline_from_sqlite(
        tmp_path: Path) -> None:
    xml = ROOT / "resources" / "desktop" / f"{APP_ID}.xml"
    mime = ET.parse(xml).getroot().find("m:mime-type", NS)
    assert mime is not None and mime.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in mime.findall("m:glob", NS)] == ["*.threadline"]
    sub = mime.find("m:sub-class-of", NS)
    assert sub is not None and sub.get("type") == "application/vnd.sqlite3"
    magic = mime.find("m:magic", NS)
    assert magic is not None and int(magic.get("priority", "50")) > 50  # vnd.sqlite3 is 50

    Store.create(tmp_path / "ours.db").close()
    ours = (tmp_path / "ours.db").read_bytes()[:100]
    assert ours[68:72] == b"THln"
    assert magic_says_threadline(xml, ours)
    assert not magic_says_threadline(xml, other_app_file(tmp_path / "plain.db").read_bytes()[:100])
    assert not magic_says_threadline(xml, b"THln" * 25)
    assert not magic_says_threadline(xml, b"")


def test_exec_arguments_are_quoted_as_the_spec_says() -> None:
    argv = ["/opt/My Apps/python", '/srv/a "quoted" $dir\\x/100%/main.py']
    line = installer.exec_command(argv) + " %f"
    assert split_exec(line) == [*argv, "%f"]
    assert installer.exec_command(["/usr/bin/python3", "/srv/main.py"]) \
        == "/usr/bin/python3 /srv/main.py"


def test_desktop_file_validates(tmp_path: Path) -> None:
    validate = viewer("desktop-file-validate")
    for argv in (installer.default_command(), ["/opt/My Apps/threadline $1"]):
        path = tmp_path / f"{APP_ID}.desktop"
        path.write_text(installer.render_desktop(argv), encoding="utf-8")
        done = subprocess.run([validate, str(path)], capture_output=True, text=True,
                              check=False)
        assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


# --- install and uninstall ------------------------------------------------------------------

def test_install_then_uninstall_into_a_data_home(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "data home"
    assert installer.main(["--data-home", str(home)]) == 0
    assert "warning" not in capsys.readouterr().err  # the cache tools that exist accepted it

    entry = desktop_entry(home / "applications" / f"{APP_ID}.desktop")
    assert entry["Type"] == "Application" and entry["Name"] == "Threadline"
    assert entry["Icon"] == APP_ID and entry["MimeType"] == f"{MIME_TYPE};"
    assert entry["StartupWMClass"] == "Threadline"  # Qt's WM_CLASS class: the app name
    argv = split_exec(entry["Exec"])
    assert argv[-1] == "%f" and "@" not in entry["Exec"]
    program, script = Path(argv[0]), Path(argv[1])
    assert program.is_absolute() and os.access(program, os.X_OK)
    assert program == Path(os.path.abspath(sys.executable))  # the venv's, not its target
    assert script == ROOT / "main.py" and script.is_file()
    assert entry["TryExec"] == argv[0]

    icons = home / "icons" / "hicolor"
    for size in SIZES:
        assert png_size(icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png") == (size, size)
    assert (icons / "scalable" / "apps" / f"{APP_ID}.svg").is_file()

    package = home / "mime" / "packages" / f"{APP_ID}.xml"
    mime = ET.parse(package).getroot().find("m:mime-type", NS)
    assert mime is not None and mime.get("type") == MIME_TYPE
    assert mime.find("m:glob", NS) is not None and mime.find("m:magic", NS) is not None
    if shutil.which("update-mime-database"):
        assert (home / "mime" / "application" / "x-threadline-database.xml").is_file()

    installed = installer.installed_paths(home)
    assert len(installed) == 2 + len(SIZES) + 1 and all(p.is_file() for p in installed)

    assert installer.main(["--data-home", str(home), "--uninstall"]) == 0
    assert not any(p.exists() for p in installed)
    left = [p for p in home.rglob("*") if APP_ID in p.name or "threadline" in p.name]
    assert left == []
    assert installer.main(["--data-home", str(home), "--uninstall"]) == 0  # nothing to do


def test_installed_mime_type_is_what_the_desktop_sees(tmp_path: Path) -> None:
    gio = shutil.which("gio")
    if gio is None or shutil.which("update-mime-database") is None:
        pytest.skip("gio or update-mime-database is not installed")
    home = tmp_path / "data"
    installer.install(home, installer.default_command())
    Store.create(tmp_path / "ours.db").close()
    other_app_file(tmp_path / "plain.db")
    env = dict(os.environ, XDG_DATA_HOME=str(home),
               XDG_DATA_DIRS=os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share")

    def content_type(path: Path) -> str:
        out = subprocess.run([gio, "info", "-a", "standard::content-type", str(path)],
                             env=env, capture_output=True, text=True, check=True).stdout
        return out.rsplit("standard::content-type:", 1)[1].strip()

    assert content_type(tmp_path / "ours.db") == MIME_TYPE
    assert content_type(tmp_path / "plain.db") != MIME_TYPE
