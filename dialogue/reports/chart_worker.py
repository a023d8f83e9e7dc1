"""The process that renders a report's charts (`python -m dialogue.reports.chart_worker`): vl-convert holds the GIL
for a whole conversion, so on a thread it stops the one laying out the report; in its own process it runs beside it.

Reads length-prefixed frames on stdin (a sized spec as JSON), answers each on stdout with two frames: a JSON header
({"w", "h"} or {"error"}) and the PNG. Ends at the end of its input. The PNG is made ready for the PDF (pdf_images) by
the caller, which has time to spare while this process draws the next charts."""
from __future__ import annotations

import sys

from dialogue import strict_json
from dialogue.reports import frames, render


def serve(inp, out) -> None:
    """Answer every spec on `inp` until it ends; the engine is started before the first one arrives."""
    render.warm()
    while (request := frames.read(inp)) is not None:
        try:
            png, width, height = render.png_of_json(request.decode("utf-8"))
        except Exception as exc:  # noqa: BLE001 - the caller raises it, as a conversion in its own process would
            frames.write(out, strict_json.dumps({"error": f"{type(exc).__name__}: {exc}"}).encode(), b"")
            continue
        frames.write(out, strict_json.dumps({"w": width, "h": height}).encode(), png)


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
