"""Charts for documents: Vega-Lite specs rendered offline by vl-convert, with the bundled fonts."""
from __future__ import annotations

import atexit
import json
import logging
import queue
import struct
import threading
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
    return png_of_json(spec_json)


def png_of_json(spec_json: str) -> tuple[bytes, int, int]:
    """PNG bytes and pixel size of a sized spec given as JSON (the chart worker's one conversion)."""
    _register_fonts()
    png = vlc.vegalite_to_png(spec_json, scale=PNG_SCALE, config={"font": "DejaVu Sans"})
    width, height = struct.unpack(">II", png[16:24])
    return png, width, height


_WARM_SPEC = '{"data": {"values": [{"a": 1}]}, "mark": "text", "encoding": {"text": {"field": "a"}}}'


def warm() -> None:
    """Start vl-convert's JavaScript engine (about 1 s of CPU on the first conversion in a process)."""
    _register_fonts()
    try:
        vlc.vegalite_to_svg(_WARM_SPEC, config={"font": "DejaVu Sans"})
    except Exception:  # only a head start: the real conversions report their own errors
        logging.getLogger(__name__).debug("chart engine warm-up failed", exc_info=True)


class ChartFailed(RuntimeError):
    """vl-convert refused a chart (in the chart worker)."""


class _Worker:
    """The chart worker process (chart_worker.py), one per process that makes reports, started on first use and
    kept; its requests go one at a time. Pipe reads and writes release the GIL: the caller goes on meanwhile."""

    def __init__(self):
        import os
        import subprocess
        import sys

        root = str(Path(__file__).resolve().parents[2])
        path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)
        self.proc = subprocess.Popen([sys.executable, "-m", "dialogue.reports.chart_worker"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=root,
                                     env={**os.environ, "PYTHONPATH": path})
        atexit.register(self.close)

    def close(self) -> None:
        """End the worker (it stops at the end of its input) and wait for it: no process outlives its caller."""
        import subprocess

        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()

    def alive(self) -> bool:
        return self.proc.poll() is None

    def render(self, spec_json: str) -> tuple[bytes, int, int]:
        from dialogue.reports import frames

        frames.write(self.proc.stdin, spec_json.encode("utf-8"))
        head, png = (frames.read(self.proc.stdout) for _ in range(2))
        if head is None or png is None:
            raise EOFError("the chart worker ended")
        answer = json.loads(head)
        if "error" in answer:
            raise ChartFailed(answer["error"])
        return png, answer["w"], answer["h"]


# Chart worker processes. Two drew the demo brief no faster on the shared 2-core machine under load (each costs
# about 1 s of CPU to start its engine); one is kept per process.
WORKERS = 1
_workers: dict = {}           # slot: its running _Worker
_worker_lock = threading.Lock()
_free = queue.Queue()         # slots not drawing: one request at a time on a worker's pipe
for _slot in range(WORKERS):
    _free.put(_slot)


def warm_up() -> None:
    """Start the chart workers (and with them vl-convert's engine) now, so they start while the caller imports and
    gathers the data; once per process."""
    for slot in range(WORKERS):
        _the_worker(slot)


def _the_worker(slot: int) -> _Worker | None:
    with _worker_lock:
        worker = _workers.get(slot)
        if worker is not None and worker.alive():
            return worker
        try:
            worker = _workers[slot] = _Worker()
        except OSError:
            logging.getLogger(__name__).warning("chart worker could not start; charts are drawn in-process")
            _workers.pop(slot, None)
            return None
        return worker


def _rendered(spec_json: str) -> tuple[tuple[bytes, int, int], dict | None]:
    """The image of a sized spec (drawn by a chart worker, or in this process when no worker runs) and its PDF image
    record, made here on the rendering thread: the worker, the critical path, goes on to the next chart meanwhile."""
    from dialogue.reports import pdf_images

    png = _drawn(spec_json)
    return png, pdf_images.record(png[0])


def _drawn(spec_json: str) -> tuple[bytes, int, int]:
    slot = _free.get()
    try:
        worker = _the_worker(slot)
        if worker is not None:
            try:
                return worker.render(spec_json)
            except (OSError, EOFError, ValueError):      # the worker died: this process draws the chart itself
                logging.getLogger(__name__).warning("chart worker failed; drawing in-process", exc_info=True)
                with _worker_lock:
                    _workers.pop(slot, None)
    finally:
        _free.put(slot)
    return _png(spec_json)


class PngQueue:
    """Charts' images rendered in the chart worker processes in the order they are queued, while the caller goes on:
    one future per spec, holding (PNG bytes and pixel size, or None for an empty spec; the PDF image record from
    pdf_images.record, or None). close() once nothing more will be queued."""

    def __init__(self):
        from concurrent.futures import ThreadPoolExecutor

        # one thread more than workers: while one makes a drawn image PDF-ready, another has the worker draw the next
        self._pool = ThreadPoolExecutor(max_workers=WORKERS + 1, thread_name_prefix="chart-png")

    def submit(self, spec: dict):
        if not spec:
            from concurrent.futures import Future

            done = Future()
            done.set_result((None, None))
            return done
        return self._pool.submit(self._render, strict_json.dumps(sized(spec), sort_keys=True, default=str))

    @staticmethod
    def _render(spec_json: str):
        return _rendered(spec_json)

    @classmethod
    def render_now(cls, spec: dict):
        """What a future of submit(spec) holds, made now on this thread."""
        queue = cls()
        try:
            return queue.submit(spec).result()
        finally:
            queue.close()

    def close(self) -> None:
        self._pool.shutdown(wait=False)


class ChartImages:
    """The PDF's chart images, each started on the rendering threads as soon as its chart exists (gather's
    `on_charts`), so they are rendered while the rest of the data is gathered: `futures` is {id(chart): future}.
    Here, not in pdf.py, so a briefing hands its charts over before fpdf2 is imported."""

    def __init__(self):
        self.futures: dict = {}
        self._queue = PngQueue()

    def start(self, charts) -> None:
        for chart in charts:
            if id(chart) not in self.futures:
                # the spec is made here: Altair's to_dict is not run beside the thread that builds charts
                self.futures[id(chart)] = self._queue.submit(chart.spec())

    def close(self) -> dict:
        """No more charts: the threads end once the images are done. Returns the futures."""
        self._queue.close()
        return self.futures


@lru_cache(maxsize=1)
def javascript_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (from vl-convert, offline), safe inside <script>."""
    return vlc.javascript_bundle().replace("</script", "<\\/script")
