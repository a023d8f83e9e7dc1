"""Charts for documents: Vega-Lite specs rendered offline by vl-convert, with the bundled fonts."""
from __future__ import annotations

import logging
import struct
from functools import lru_cache
from pathlib import Path

import vl_convert as vlc

from dialogue import strict_json

FONTS_DIR = Path(__file__).with_name("fonts")
PNG_SCALE = 2          # pixels per CSS pixel: sharp when printed
_fonts_registered = False


def _register_fonts() -> None:
    global _fonts_registered
    if not _fonts_registered:
        vlc.register_font_directory(str(FONTS_DIR))
        _fonts_registered = True


DOCUMENT_WIDTH = 520  # CSS pixels: about 14 cm on the page, wide enough for a few years of bars
_COMPOUND = ("hconcat", "vconcat", "concat", "facet", "repeat")


def sized(spec: dict, width: int | str = DOCUMENT_WIDTH) -> dict:
    """The spec with a fixed (or container) width when the builder left it to the data's step size."""
    if any(k in spec for k in _COMPOUND) or spec.get("width") not in (None, "container"):
        return spec
    return {**spec, "width": width}


def chart_png(spec: dict) -> tuple[bytes, int, int] | None:
    """PNG bytes and pixel size of a Vega-Lite spec at 2× scale, document width; None for an empty spec."""
    if not spec:
        return None
    return _png(strict_json.dumps(sized(spec), sort_keys=True, default=str))


@lru_cache(maxsize=64)
def _png(spec_json: str) -> tuple[bytes, int, int]:
    _register_fonts()
    png = vlc.vegalite_to_png(spec_json, scale=PNG_SCALE, config={"font": "DejaVu Sans"})
    width, height = struct.unpack(">II", png[16:24])
    return png, width, height


class PngQueue:
    """Charts' images rendered on two background threads (vl-convert works outside the GIL) in the order they are
    queued, filling chart_png's cache while the caller goes on. A spec may be a function that makes it: it is then
    made on those threads. With `finish`, each future holds (chart_png's result, finish(its PNG bytes)), also done
    there. close() once nothing more will be queued: the threads end when the queue is done."""

    def __init__(self, finish=None):
        from concurrent.futures import ThreadPoolExecutor

        _register_fonts()
        self.finish = finish
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="chart-png")

    def submit(self, spec):
        return self._pool.submit(_png_of, spec, self.finish)

    def close(self) -> None:
        self._pool.shutdown(wait=False)


def start_pngs(specs: list, finish=None) -> list:
    """Start rendering charts on a PngQueue; one future per spec, to wait on."""
    queue = PngQueue(finish)
    futures = [queue.submit(spec) for spec in specs]
    queue.close()
    return futures


def _png_of(spec, finish=None):
    png = chart_png(spec() if callable(spec) else spec)
    if finish is None:
        return png
    return png, (finish(png[0]) if png else None)


_WARM_SPEC = '{"data": {"values": [{"a": 1}]}, "mark": "text", "encoding": {"text": {"field": "a"}}}'
_warming = []


def warm_up() -> None:
    """Start vl-convert's JavaScript engine (about 1 s of CPU, on its first conversion in a process) on a background
    thread, once, so it starts while the caller imports and gathers the data; the first real chart waits for it."""
    import threading

    if _warming:
        return
    _register_fonts()
    thread = threading.Thread(target=_warm, name="chart-engine", daemon=True)
    _warming.append(thread)
    thread.start()


def _warm() -> None:
    try:
        vlc.vegalite_to_svg(_WARM_SPEC, config={"font": "DejaVu Sans"})
    except Exception:  # only a head start: the real conversions report their own errors
        logging.getLogger(__name__).debug("chart engine warm-up failed", exc_info=True)


def prefetch_pngs(specs: list[dict]) -> None:
    """Render several charts at once, filling chart_png's cache; returns when all are done (or raises)."""
    for future in start_pngs(specs):
        future.result()


@lru_cache(maxsize=1)
def javascript_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (from vl-convert, offline), safe inside <script>."""
    return vlc.javascript_bundle().replace("</script", "<\\/script")
