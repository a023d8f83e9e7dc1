"""The PDF's one-pass line breaker: hand-computed lines, and the same lines as fpdf2's multi_cell on varied text."""
from __future__ import annotations

import random
from collections import defaultdict

import pytest
from fpdf import FPDF
from fpdf.enums import MethodReturnValue

from dialogue.reports import pdf_text
from dialogue.reports.pdf import FONT, add_fonts

# Every character 100 units wide, a space 50: with scale 0.01 a character is 1 mm, a space 0.5 mm.
MONO = defaultdict(lambda: 100, {ord(" "): 50})


def wrap(text, room):
    return pdf_text.wrap(text, MONO, room, 0.01)


def test_words_break_at_the_last_space_that_fits():
    # "aaa bbb" is 3 + 0.5 + 3 = 6.5 mm: fits 6.5, not 6.4; the space at the break is dropped
    assert wrap("aaa bbb ccc", 6.5) == ["aaa bbb", "ccc"]
    assert wrap("aaa bbb ccc", 6.4) == ["aaa", "bbb", "ccc"]
    assert wrap("aaa bbb ccc", 100) == ["aaa bbb ccc"]


def test_exact_line_count_for_a_known_width():
    # 20 words of 4 characters: each line holds n words in 4.5n - 0.5 mm; 22 mm holds 4 (17.5 mm), not 5 (22.0 fits
    # exactly, 22.4 mm would not be needed) -> 5 words per line at 22 mm, 4 at 21.9 mm
    text = " ".join(["abcd"] * 20)
    assert len(wrap(text, 22.0)) == 4
    assert len(wrap(text, 21.9)) == 5
    assert all(line == " ".join(["abcd"] * 4) for line in wrap(text, 21.9))


def test_a_word_longer_than_the_line_is_broken_by_character():
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert wrap("xy abcdefghij", 4) == ["xy", "abcd", "efgh", "ij"]


def test_empty_text_gives_no_lines_and_newlines_always_break():
    assert wrap("", 10) == []
    assert wrap("a\nb", 10) == ["a", "b"]
    assert wrap("a\n\nb", 10) == ["a", "", "b"]
    assert wrap("a\n", 10) == ["a"]              # the trailing newline is a line feed after the text, not a line
    assert wrap("\n", 10) == [""]


def test_a_character_wider_than_the_room_still_gets_its_own_line():
    assert wrap("ab", 0.5) == ["a", "b"]


def test_spaces_before_a_break_and_at_a_line_start_are_kept_as_fpdf_keeps_them():
    # the overflowing space is dropped; a second space starts the next line
    assert wrap("abc  de", 3) == ["abc", " de"]


def _pdf():
    pdf = FPDF(unit="mm", format="A4")
    add_fonts(pdf)
    pdf.add_page()
    return pdf


def _fpdf_lines(pdf, width, text):
    return pdf.multi_cell(width, 4, text, dry_run=True, output=MethodReturnValue.LINES)


@pytest.mark.parametrize("style,size", [("", 9.5), ("B", 8), ("I", 11)])
def test_cyrillic_and_latin_lines_match_fpdf(style, size):
    pdf = _pdf()
    pdf.set_font(FONT, style, size)
    text = ("Споразум о сарадњи у области одбране потписан је у Београду; "
            "Sporazum o saradnji potpisan je u Beogradu — šest vežbi, čiji je cilj ≥ 3 godišnje.")
    for width in (20, 33.3, 58, 90, 180):
        assert pdf_text.lines_in(pdf, text, width) == _fpdf_lines(pdf, width, text)


def test_random_text_lines_match_fpdf():
    """Many generated texts (long words, runs of spaces, newlines, Cyrillic) break as fpdf2 breaks them."""
    rng = random.Random(18)
    alphabet = "abcdefghijklmnopqrstuvwxyzčćžšđ АБВГДЂЕЖЗИЈКЛЉМЊНОЊПРСТЋУФХЦЧЏШабвгдђежзијклљмњнопрстћуфхцчџш0123456789.,;:–—()%€$"
    pdf = _pdf()
    for _ in range(400):
        pdf.set_font(FONT, rng.choice(["", "B", "I"]), rng.choice([6, 7.5, 8, 9.5, 11, 15]))
        words = ["".join(rng.choice(alphabet) for _ in range(rng.choice([1, 3, 6, 12, 40])))
                 for _ in range(rng.randint(0, 25))]
        text = "".join(w + rng.choice([" ", " ", " ", "  ", "\n", ""]) for w in words)
        width = rng.choice([12, 22.5, 40, 74, 180])
        # multi_cell draws one empty line for empty text
        assert (pdf_text.lines_in(pdf, text, width) or [""]) == _fpdf_lines(pdf, width, text), (text, width)


def test_paragraph_draws_what_multi_cell_draws():
    """Same lines and the same final position as multi_cell, on text that spans a page break."""
    text = " ".join(["Споразум о сарадњи у области одбране"] * 60) + "\n\nend"
    fast, slow = _pdf(), _pdf()
    for pdf in (fast, slow):
        pdf.set_font(FONT, "", 9.5)
        pdf.set_y(250)
    pdf_text.paragraph(fast, 4.75, text)
    slow.multi_cell(0, 4.75, text, new_x="LMARGIN", new_y="NEXT", align="L")
    assert (fast.page_no(), round(fast.get_y(), 6), fast.get_x()) == (slow.page_no(), round(slow.get_y(), 6),
                                                                      slow.get_x())
    assert fast.page_no() == 2
