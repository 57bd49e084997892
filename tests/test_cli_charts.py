"""``main.py export FILE.db OUT --chart timeline|graph``: charts without a window."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

import main

SVG = "{http://www.w3.org/2000/svg}"


def export(*args: object) -> int:
    return main.run(["export", *map(str, args)])


def one_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: "), err
    return err[0]


def svg(path: Path) -> tuple[ET.Element, list[str]]:
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    return root, ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("chart", ["timeline", "graph"])
def test_each_chart_in_each_format(chart: str, sample_path: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    png, drawing, pdf = (tmp_path / f"{chart}.{ext}" for ext in ("png", "svg", "pdf"))
    assert export(sample_path, png, "--chart", chart, "--width", 1000, "--height", 700) == 0
    assert f"({chart} chart, png)" in capsys.readouterr().out
    image = QImage(str(png))
    assert image.width() == 1000  # a timeline grows to show every row, never cuts one
    assert image.height() == 700 if chart == "graph" else image.height() >= 700
    assert len({image.pixel(x, y) for x in range(0, 1000, 4) for y in range(0, 700, 4)}) > 8
    assert export(sample_path, drawing, "--chart", chart, "--title", "Seen from Seoul") == 0
    root, texts = svg(drawing)
    assert "Seen from Seoul" in texts
    assert ("Taiwan" in texts) if chart == "graph" else any(t.startswith("Yoon") for t in texts)
    assert root.get("width") == ("1600" if chart == "timeline" else "1400")
    assert export(sample_path, tmp_path / "chart", "--chart", chart, "--format", "pdf") == 0
    assert (tmp_path / "chart").read_bytes().startswith(b"%PDF")
    assert export(sample_path, pdf, "--chart", chart, "--dpi", 300) == 0
    assert len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes())) == 1


def test_from_and_to_choose_the_dates_shown(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "recent.svg"
    assert export(sample_path, out, "--chart", "timeline", "--from", "2022",
                  "--to", "mid-2023", "--lanes", "category") == 0
    root, texts = svg(out)
    desc = "".join(root.find(f"{SVG}desc").itertext())
    assert desc.startswith("January 2022 – August 2023") and "lanes by category" in desc
    assert "diplomatic" in texts  # a lane name
    assert not any("military officer exch" in t for t in texts)  # 1974–2011, out of view
    assert export(sample_path, tmp_path / "g.svg", "--chart", "graph", "--from", "2023") == 0
    desc = "".join(svg(tmp_path / "g.svg")[0].find(f"{SVG}desc").itertext())
    assert "active 1 January 2023 – " in desc


def test_the_database_is_opened_read_only(sample_path: Path, tmp_path: Path) -> None:
    before = sample_path.read_bytes()
    assert export(sample_path, tmp_path / "g.png", "--chart", "graph") == 0
    assert sample_path.read_bytes() == before  # no positions saved


@pytest.mark.parametrize(("args", "message"), [
    (["--chart", "timeline", "--from", "the day after"], "--from: unrecognised date"),
    (["--chart", "timeline", "--to", "32 March 2020"], "--to: no 32 March in 2020"),
    (["--chart", "timeline", "--from", "2020", "--to", "2010"], "is after --to"),
    (["--chart", "pie"], "invalid choice: 'pie'"),
    ([], "is a chart: give --chart timeline or --chart graph"),
    (["--chart", "graph", "--lanes", "category"], "--lanes is for the timeline"),
    (["--chart", "timeline", "--width", "50"], "240 to 20,000 px wide"),
    (["--chart", "timeline", "--width", "12000", "--height", "9000", "--scale", "2"],
     "megapixels"),
])
def test_chart_errors_are_one_line(args: list[str], message: str, sample_path: Path,
                                   tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.png"
    assert export(sample_path, out, *args) == main.EXIT_USAGE
    assert message in one_error(capsys)
    assert not out.exists()


def test_chart_options_need_a_chart_and_a_chart_format(sample_path: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    assert export(sample_path, tmp_path / "x.json", "--from", "2001") == main.EXIT_USAGE
    assert "--from is for charts" in one_error(capsys)
    assert export(sample_path, tmp_path / "x.json", "--chart", "graph") == main.EXIT_USAGE
    assert "a chart is written as png, svg, pdf" in one_error(capsys)
    assert export(tmp_path / "missing.db", tmp_path / "x.png", "--chart", "graph") == 2
    assert "no such file" in one_error(capsys)
    assert export(sample_path, tmp_path / "no" / "x.png", "--chart", "graph") == 2
    assert "no such folder" in one_error(capsys)
