"""The chart worker process: the same image and PDF record as drawing in-process, errors said, a dead worker replaced."""
from __future__ import annotations

import io
import json

import pytest

from dialogue import strict_json
from dialogue.reports import frames, pdf_images, render

SPEC = {"data": {"values": [{"a": "x", "b": 3}, {"a": "y", "b": 5}]}, "mark": "bar",
        "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"field": "b", "type": "quantitative"}}}


def test_frames_round_trip_and_end():
    buffer = io.BytesIO()
    frames.write(buffer, b"spec", b"", "ž".encode())
    buffer.seek(0)
    assert [frames.read(buffer) for _ in range(4)] == [b"spec", b"", "ž".encode(), None]
    with pytest.raises(EOFError):
        frames.read(io.BytesIO(b"\x00\x00\x00\x09short"))


def test_the_worker_draws_what_this_process_would():
    queue = render.PngQueue()
    try:
        (png, width, height), ready = queue.submit(SPEC).result(timeout=120)
        empty = queue.submit({}).result(timeout=10)
    finally:
        queue.close()
    here = render.png_of_json(strict_json.dumps(render.sized(SPEC), sort_keys=True, default=str))
    assert (width, height) == here[1:]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert ready == pdf_images.record(png)
    assert empty == (None, None)
    assert render._workers and all(w.alive() for w in render._workers.values())   # kept for the next report


def test_a_chart_vl_convert_refuses_is_an_error_naming_the_cause():
    with pytest.raises(render.ChartFailed):
        render.PngQueue.render_now({"mark": "no-such-mark", "data": {"values": []}})


def test_a_dead_worker_is_replaced_and_the_chart_still_drawn():
    render.warm_up()
    for worker in render._workers.values():
        worker.proc.kill()
        worker.proc.wait()
    (png, _, _), ready = render.PngQueue.render_now(SPEC)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and ready is not None
    assert any(worker.alive() for worker in render._workers.values())


def test_the_worker_answers_with_the_image_alone():
    """The PNG is made PDF-ready by the caller, not by the worker, which is the briefing's critical path."""
    from dialogue.reports import chart_worker

    inp, out = io.BytesIO(), io.BytesIO()
    frames.write(inp, strict_json.dumps(render.sized(SPEC), sort_keys=True).encode())
    inp.seek(0)
    chart_worker.serve(inp, out)
    out.seek(0)
    head, png, end = (frames.read(out) for _ in range(3))
    size = json.loads(head)
    assert set(size) == {"w", "h"} and png[:8] == b"\x89PNG\r\n\x1a\n" and end is None


def test_the_next_chart_is_drawn_while_the_last_one_is_made_pdf_ready(monkeypatch):
    """Making an image PDF-ready does not hold the worker: the second chart is asked for before the first one's
    record is done."""
    import threading

    drawn = []
    second = threading.Event()
    png = render.png_of_json(strict_json.dumps(render.sized(SPEC), sort_keys=True))

    def draw(spec_json):
        drawn.append(spec_json)
        if len(drawn) == 2:
            second.set()
        return png

    record = pdf_images.record
    waited = []

    def slow_record(data):
        waited.append(second.wait(timeout=10) if not waited else True)
        return record(data)

    monkeypatch.setattr(render, "_drawn", draw)
    monkeypatch.setattr(pdf_images, "record", slow_record)
    queue = render.PngQueue()
    try:
        futures = [queue.submit({**SPEC, "title": name}) for name in ("one", "two")]
        results = [f.result(timeout=30) for f in futures]
    finally:
        queue.close()
    assert waited[0] is True, "the second chart waited for the first one's record"
    assert [r[1] == record(png[0]) for r in results] == [True, True]
