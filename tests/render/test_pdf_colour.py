"""The renderer's colour rules on a synthetic page: solid black overprints, other colours
knock out, black-and-white pages turn every colour into K alone."""

from __future__ import annotations

import datetime as dt
import io

import pikepdf
import pytest

from layout.compose.items import ComposedPage, Rule, TextRun
from layout.model import load_issue
from layout.model.schema import FontRole, PageColour
from layout.render import RenderJob, page_boxes, render_pdf
from layout.render.pdf import ink

from conftest import write_issue

RED = (0.0, 1.0, 1.0, 0.0)
GREY = (0.0, 0.0, 0.0, 0.5)
BLACK = (0.0, 0.0, 0.0, 1.0)


def _page() -> ComposedPage:
    def run(text, y, colour):
        return TextRun(tuple((ch, 20.0 + 12 * i) for i, ch in enumerate(text)), y, 12.0, FontRole.HEI, colour=colour)
    items = (run("黑色标题", 30, BLACK), run("红色标题", 60, RED), Rule(20, 80, 180, 80, 1.0, GREY))
    return ComposedPage(1, "要闻", 200.0, 120.0, items, "")


def _paints(data: bytes) -> list[tuple[tuple[float, ...], bool]]:
    """(fill or stroke colour, overprint) of every text show and stroke."""
    out = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        state = {"k": (), "K": (), "op": False, "OP": False}
        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name in ("k", "K"):
                state[name] = tuple(float(v) for v in operands)
            elif name == "gs":
                gs = page.Resources.ExtGState[operands[0]]
                for key in ("op", "OP"):
                    if f"/{key}" in gs:
                        state[key] = bool(gs[f"/{key}"])
            elif name in ("Tj", "TJ"):
                out.append((state["k"], state["op"]))
            elif name == "S":
                out.append((state["K"], state["OP"]))
    return out


@pytest.fixture(scope="module")
def fonts(tmp_path_factory):
    return load_issue(write_issue(tmp_path_factory.mktemp("fonts") / "issue")).fonts


def _render(fonts, colour: PageColour) -> bytes:
    job = RenderJob(fonts, {}, colour, page_boxes(200.0, 120.0, 0.0, False), "t", dt.date(2023, 1, 6))
    return render_pdf(_page(), job)


def test_only_solid_black_overprints(fonts):
    paints = _paints(_render(fonts, PageColour.CMYK))
    assert (BLACK, True) in paints
    assert (RED, False) in paints and (GREY, False) in paints
    assert len(paints) == 3


def test_black_and_white_page_prints_every_colour_in_k(fonts):
    paints = _paints(_render(fonts, PageColour.GRAY))
    assert all(colour[:3] == (0.0, 0.0, 0.0) for colour, _ in paints)
    assert ink(RED, PageColour.GRAY) == (0.0, 0.0, 0.0, pytest.approx(0.70))
    assert ink(RED, PageColour.CMYK) == RED


def test_colour_is_set_where_it_changes_and_holds_past_a_photo(seed_out):
    """The seed page draws hundreds of black text runs, a photo among them: the colour and
    overprint are set where they change, not before every run, and the text drawn after
    the photo (its own state inside q … Q) is still 100 % K overprinting, as the
    preflight walker, which follows q and Q, reads it."""
    from layout.preflight.content import PaintKind, walk_page

    with pikepdf.open(next(seed_out.glob("*_A05.pdf"))) as pdf:
        page = pdf.pages[0]
        operators = [str(i.operator) for i in pikepdf.parse_content_stream(page)
                     if isinstance(i, pikepdf.ContentStreamInstruction)]
        texts = [p for p in walk_page(page).paints if p.kind is PaintKind.TEXT]
    photo = operators.index("Do")
    assert operators.count("BT") > 400 and operators[photo:].count("Tj") > 100  # runs after the photo
    assert operators.count("k") <= 3, operators.count("k")                      # not one per run
    assert len(texts) > 900   # one text piece per run and position
    assert all(p.colour.values == BLACK and p.overprint and p.opm == 1 for p in texts)
