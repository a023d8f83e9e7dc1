"""Length-prefixed byte frames on a pipe: how the chart worker and the report talk."""
from __future__ import annotations

import struct

_LENGTH = struct.Struct(">I")


def write(out, *parts: bytes) -> None:
    """Write each part as one frame, then flush."""
    for part in parts:
        out.write(_LENGTH.pack(len(part)))
        out.write(part)
    out.flush()


def read(inp) -> bytes | None:
    """The next frame, or None at the end of the input."""
    head = inp.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    body = inp.read(size)
    if len(body) < size:
        raise EOFError("the chart worker's pipe ended inside a frame")
    return body
