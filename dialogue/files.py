"""Atomic file writing: a failed write (full disk, size limit, crash) leaves no partial file and keeps the old one."""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Iterator


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, binary: bool = True, encoding: str = "utf-8", newline: str | None = None,
                 private: bool = False) -> Iterator[IO]:
    """Yield a file on a temporary name in `path`'s folder; on success flush, fsync and rename it over `path`.

    On any failure the temporary file is removed and an existing `path` is left as it was. A replaced
    file keeps its permissions, a new one gets the usual ones; a `private` file is always owner-only.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")   # mode 0600
    try:
        if not private and path.exists():
            shutil.copymode(path, tmp)
        elif not private:
            os.chmod(tmp, 0o666 & ~_umask())
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding=encoding, newline=newline)) as fh:
            fd = None
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if fd is not None:
            os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def _umask() -> int:
    """The process's umask, read without changing it (os.umask would, for every thread, for a moment)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def write_bytes(path: str | os.PathLike, data: bytes, private: bool = False) -> Path:
    """Write `data` to `path` atomically; returns the path."""
    with atomic_write(path, private=private) as fh:
        fh.write(data)
    return Path(path)


def write_text(path: str | os.PathLike, text: str, encoding: str = "utf-8", private: bool = False) -> Path:
    """Write `text` to `path` atomically; returns the path."""
    return write_bytes(path, text.encode(encoding), private=private)


def fsync_dir(directory: str | os.PathLike) -> None:
    """Make a rename inside `directory` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def describe_os_error(exc: OSError, path: str | os.PathLike | None = None, doing: str = "") -> str:
    """One line for a failed file operation: what, where and the system's reason ("No space left on device")."""
    where = path or exc.filename
    reason = exc.strerror or str(exc)
    head = " ".join(x for x in (doing, str(where) if where else "") if x)
    return f"{head}: {reason}" if head else reason
