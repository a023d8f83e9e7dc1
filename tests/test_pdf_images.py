"""Chart images prepared on the rendering threads: the same image record fpdf2 makes, and drawn from it."""
from __future__ import annotations

import io
import zlib

from fpdf import FPDF
from fpdf.image_parsing import get_img_info
from PIL import Image

from dialogue.reports import pdf_images


def _png(mode: str, colour) -> bytes:
    img = Image.new(mode, (7, 3), colour)
    img.putpixel((2, 1), (10, 200, 30, 255) if mode == "RGBA" else (10, 200, 30))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def test_an_opaque_chart_gets_the_record_fpdf_would_make():
    for png in (_png("RGBA", (255, 255, 255, 255)), _png("RGB", (255, 255, 255))):
        ours = pdf_images.record(png)
        theirs = get_img_info("x", io.BytesIO(png))
        assert zlib.decompress(ours["data"]) == zlib.decompress(theirs["data"])    # the same pixels, rows, filters
        assert {k: ours[k] for k in ("w", "h", "cs", "dpn", "bpc", "f", "dp")} == \
               {k: theirs[k] for k in ("w", "h", "cs", "dpn", "bpc", "f", "dp")}
        assert "smask" not in theirs
        assert (ours["w"], ours["h"]) == (7, 3)


def test_the_image_data_is_compressed_at_the_faster_level():
    png = _png("RGB", (255, 255, 255))
    data = zlib.decompress(pdf_images.record(png)["data"])
    assert pdf_images.record(png)["data"] == zlib.compress(data, pdf_images.IMAGE_COMPRESSION) != zlib.compress(data)


def test_a_transparent_or_grey_image_is_left_to_fpdf():
    assert pdf_images.record(_png("RGBA", (255, 255, 255, 0))) is None
    grey = io.BytesIO()
    Image.new("L", (4, 4), 128).save(grey, format="PNG")
    assert pdf_images.record(grey.getvalue()) is None


def test_placed_once_used_twice_and_written_once():
    png = _png("RGBA", (255, 255, 255, 255))
    ready = pdf_images.record(png)
    pdf = FPDF()
    pdf.add_page()
    pdf_images.place(pdf, png, ready, 10, 70, 30)
    pdf_images.place(pdf, png, ready, 10, 70, 30)
    pdf_images.place(pdf, _png("RGBA", (255, 255, 255, 0)), None, 10, 70, 30)    # fpdf2's own path
    (name, info), = [(n, i) for n, i in pdf.image_cache.images.items() if n.startswith("chart-")]
    assert info["usages"] == 2
    out = bytes(pdf.output())
    assert out.count(b"/Subtype /Image") == 3         # ours, fpdf2's and the transparent one's soft mask
    assert ready["data"] in out
