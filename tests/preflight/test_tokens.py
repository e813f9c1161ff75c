"""The content reader (layout/preflight/tokens.py): the fast reader gives exactly what
qpdf's parse gives, on our own pages and on arbitrary content, or refuses and leaves the
content to qpdf; what it refuses (inline images, dictionaries, escaped names, strings
with unescaped parentheses, stray tokens) it must refuse."""

from __future__ import annotations

import io
import os

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import test_checks
from layout.preflight import Severity, TacMethod, tokens
from layout.preflight.tokens import content_bytes, instructions, qpdf_instructions, read_instructions

from preflight_samples import pdfx_pdf

EXAMPLES = int(os.environ.get("TOKEN_EXAMPLES", 300))   # more to search harder


def _page(content: bytes) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    pdf.pages[0].Contents = pdf.make_stream(content)
    return pdf


def _qpdf(content: bytes) -> list | None:
    """What the qpdf parse gives for `content` (None when it cannot parse it)."""
    with _page(content) as pdf:
        try:
            return qpdf_instructions(pdf.pages[0])
        except ValueError:
            return None


def test_our_pages_are_read_fast_and_the_same(seed_page_pdfs):
    for path in seed_page_pdfs.values():
        with pikepdf.open(path) as pdf:
            page = pdf.pages[0]
            fast = read_instructions(content_bytes(page))
            assert fast is not None and len(fast) > 1000
            assert fast == qpdf_instructions(page)


def test_the_sample_page_is_read_fast_and_the_same():
    with pikepdf.open(io.BytesIO(pdfx_pdf())) as pdf:
        page = pdf.pages[0]
        fast = read_instructions(content_bytes(page))
        assert fast is not None and fast == qpdf_instructions(page) == instructions(page)


@pytest.mark.parametrize("content", [
    b"0 0 0 1 k 1 0 0 1 -0 .5 cm /F1+0 9 Tf [(a\\)b) -120 <00ff>] TJ q 1 w 0 0 m 10 10 l S Q",
    b"% a comment\n/GS1 gs 3 -2. +4 re f* BT 12 TL T* (x) ' 1 2 (y) \" ET",
    b"[1 [2 /N] true false null] d0 /P1 scn 0.5 g",
    b"q 1 0 0 1 0 0 cm Q\n",
    b"",
])
def test_the_same_as_qpdf(content):
    assert read_instructions(content) == _qpdf(content) is not None


@pytest.mark.parametrize("content", [
    b"q BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q",       # inline image
    b"/P << /MCID 0 >> BDC EMC",                        # a dictionary operand
    b"(a(b)c) Tj",                                      # nested parentheses
    b"/A#20B Do",                                       # a name with an escape
    b"1 2 3",                                           # operands with no operator
    b"[1 2 Tj",                                         # an unclosed array
    b"] Tj",                                            # a stray bracket
    b"1.2.3 w",                                         # not a number
    b"{ } Tj",                                          # PostScript braces
    b"0 0 m\x0b10 10 l S",                              # not PDF white space
])
def test_what_is_left_to_qpdf(content):
    assert read_instructions(content) is None


TOKENS = st.sampled_from([
    b"0", b"-1", b"+2.5", b"-.5", b"3.", b"-0", b"1e5", b"/F1+0", b"/A#42", b"/", b"(a\\(b)", b"(x(y)z)", b"()",
    b"<00FF>", b"<<", b">>", b"[", b"]", b"true", b"null", b"q", b"Q", b"cm", b"Tj", b"TJ", b"Tf", b"re", b"f*",
    b"k", b"gs", b"Do", b"BT", b"ET", b"BI", b"ID", b"EI", b"%c\n", b"%(x", b"'", b"\"", b"T*", b"\x00", b"{", b")",
    b"(a\\)", b"(\\\n)", b"(\x80\xff)", b"/\xe4\xb8\x80", b"\x0b", b"12a", b"0.", b"-0.0", b"1.5e", b"Tm", b"d0",
])
SPACES = st.sampled_from([b" ", b"\n", b"\r\n", b"\t", b"", b"\x0c"])


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.tuples(TOKENS, SPACES), max_size=30))
def test_never_different_from_qpdf(parts):
    content = b"".join(token + space for token, space in parts)
    fast = read_instructions(content)
    if fast is not None:
        assert fast == _qpdf(content), content


NUMBERS = st.sampled_from([b"0", b"-0", b"12", b"-3", b"+4", b"0.5", b"-.25", b"7.", b"-0.0", b"1432.916", b"00012"])
NAMES = st.sampled_from([b"/F1+0", b"/GS1", b"/Im0", b"/FormXob.55254c7", b"/a-b_c.d", b"/"])
STRINGS = st.sampled_from([b"()", b"(abc)", b"(\\000\\001\\377)", b"(a\\)b\\(c)", b"(tab\\t nl\\n)", b"(\\\\)",
                           b"(line\\\nbreak)", b"<>", b"<00ff 1A>", b"<abc>"])
SIMPLE_OPERAND = st.one_of(NUMBERS, NAMES, STRINGS, st.sampled_from([b"true", b"false", b"null"]))
OPERAND = st.one_of(SIMPLE_OPERAND, st.lists(SIMPLE_OPERAND, max_size=4).map(lambda xs: b"[" + b" ".join(xs) + b"]"))
OPERATORS = st.sampled_from([b"cm", b"w", b"gs", b"g", b"rg", b"k", b"K", b"cs", b"scn", b"Tf", b"Tm", b"Td", b"TD",
                             b"TL", b"Tr", b"m", b"l", b"c", b"re", b"Do", b"sh", b"Tj", b"TJ", b"'", b"\"", b"T*",
                             b"BT", b"ET", b"q", b"Q", b"f", b"f*", b"S", b"n", b"W", b"d", b"BMC", b"EMC"])
GAPS = st.sampled_from([b" ", b"\n", b"\r\n", b"  \t", b"\x0c", b" % a comment (with a paren\n"])


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.tuples(st.lists(OPERAND, max_size=6), OPERATORS, GAPS), max_size=25), GAPS)
def test_plain_content_is_read_fast_and_the_same(instructions_, tail):
    """Content of the kinds the fast reader takes is taken, and read as qpdf reads it."""
    content = b"".join(b" ".join([*operands, operator]) + gap for operands, operator, gap in instructions_) + tail
    fast = read_instructions(content)
    assert fast is not None, content
    assert fast == _qpdf(content), content


# --------------------------------------------------- the checks through the fast reader alone

@pytest.fixture
def fast_only(monkeypatch):
    """qpdf's reader switched off: content the fast reader refuses fails the walk (a
    structure error), so a check that still passes alone was judged on the fast reader."""
    def refused(source):
        raise AssertionError("content left to qpdf")
    monkeypatch.setattr(tokens, "qpdf_instructions", refused)


FAULTS = [  # (test of test_checks.py, its arguments beside tmp_path)
    ("test_unembedded_font", ()), ("test_rgb_text", ()), ("test_rgb_image", ()),
    ("test_transparency_in_x1a_but_not_in_x4", ()), ("test_black_text_that_knocks_out", ()),
    ("test_black_text_with_overprint_mode_0", ()), ("test_rich_black_small_text", ()),
    ("test_four_colour_small_type", ()), ("test_reverse_small_type", ()), ("test_white_overprint", ()),
    ("test_thin_rules", (0.1, (0, 0, 0, 1), "thinner than 0.25 pt")), ("test_image_resolution", (60, Severity.ERROR)),
    ("test_total_ink_over_the_limit", (TacMethod.PYTHON,)), ("test_total_ink_counts_only_the_print_area", ()),
    ("test_marks_outside_the_trim", ()),
]


@pytest.mark.parametrize("name, arguments", FAULTS, ids=[name for name, _ in FAULTS])
def test_each_fault_is_caught_by_the_fast_reader(fast_only, tmp_path, name, arguments):
    getattr(test_checks, name)(tmp_path, *arguments)


def test_inline_images_are_left_to_qpdf(fast_only, tmp_path):
    """Negative control: with qpdf switched off, content the fast reader refuses (an
    inline image) is not checked, so the check's own test fails."""
    with pytest.raises(AssertionError):
        test_checks.test_rgb_inline_image(pdfx_pdf(), tmp_path)
