"""Per-process memo of what pages derive from cached page data (chart specs), keyed by the inputs' identity.

Page data is cached with st.cache_resource, so a warm run gets the very same frames back: keying on
their identity skips hashing every frame on every run, and each key holds its inputs, so their ids
cannot be reused while the entry lives. Values are shared between sessions: never mutate them.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Callable

_HASHABLE = (str, int, float, bool, bytes, type(None))


def _part(value: Any):
    """A key part: the value itself when it is hashable, else its identity."""
    if isinstance(value, _HASHABLE):
        return value
    if isinstance(value, tuple):
        return tuple(_part(v) for v in value)
    try:
        hash(value)
    except TypeError:
        return _Id(value)
    return value


class _Id:
    """Stands for an unhashable input in a key: equal only to a stand-in for the very same object."""

    __slots__ = ("obj",)

    def __init__(self, obj):
        self.obj = obj                   # holding the object keeps its id from being reused

    def __hash__(self):
        return id(self.obj)

    def __eq__(self, other):
        return isinstance(other, _Id) and other.obj is self.obj


class IdentityMemo:
    """An LRU of `make()` results keyed by (name, identity-or-value of each input).

    One maker per key at a time: a session that asks for a value another session is making waits for it
    instead of making it again (after an upload, every session's next view would otherwise recompute the
    same page data at once, each slowing the others).
    """

    def __init__(self, size: int = 512):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._making: dict = {}              # key -> threading.Event set when its maker has finished
        self._lock = threading.Lock()

    def get(self, name: str, inputs: tuple, make: Callable[[], Any]):
        key = (name, tuple(_part(v) for v in inputs))
        while True:
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    return self._items[key]
                making = self._making.get(key)
                if making is None:
                    making = self._making[key] = threading.Event()
                    break
            making.wait()                    # made (the loop finds it) or failed (the loop makes it)
        try:
            value = make()
            with self._lock:
                self._items[key] = value
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
            return value
        finally:
            with self._lock:
                del self._making[key]
            making.set()

    def peek(self, name: str, inputs: tuple):
        """The value made for these inputs, or None when there is none (nothing is made, nothing moves)."""
        with self._lock:
            return self._items.get((name, tuple(_part(v) for v in inputs)))

    def recent(self, name: str) -> list[tuple]:
        """The inputs of every entry made under `name`, the most recently used first."""
        with self._lock:
            return [inputs for key_name, inputs in reversed(self._items) if key_name == name]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


SPECS = IdentityMemo()


def _arrow_datasets(spec: dict) -> dict:
    """The spec with its inline datasets as Arrow IPC bytes, which st.vega_lite_chart passes through as is."""
    from streamlit import dataframe_util

    datasets = spec.get("datasets")
    if not datasets:
        return spec
    spec = dict(spec)
    spec["datasets"] = {name: values if isinstance(values, bytes) else dataframe_util.convert_anything_to_arrow_bytes(values)
                        for name, values in datasets.items()}
    return spec


SPECS_BY_CONTENT = IdentityMemo(256)


def chart_spec(builder: str, args: tuple, kwargs: dict) -> dict:
    """charts.<builder>(*args, **kwargs).to_dict() with Arrow-ready data: built and validated once per input.

    Looked up by the inputs' identity (no hashing on a warm run), then by their content: after an upload the
    pages' data are new objects, but a chart whose figures did not change is not built again.
    """
    from dialogue import charts

    items = tuple(sorted(kwargs.items()))
    inputs = (*args, *items)

    def build() -> dict:
        _unchecked_parts()
        return _arrow_datasets(_to_dict(getattr(charts, builder)(*args, **dict(items))))

    def by_content() -> dict:
        content = _content(inputs)
        return build() if content is None else SPECS_BY_CONTENT.get(builder, content, build)

    spec = SPECS.get(builder, inputs, by_content)
    _drawn(builder, args, items)
    return spec


_DRAWN: OrderedDict = OrderedDict()      # the charts drawn lately: (builder, key) -> (builder, args, kwargs items)
DRAWN_AT_MOST = 96
_DRAWN_LOCK = threading.Lock()


def _drawn(builder: str, args: tuple, items: tuple) -> None:
    key = (builder, tuple(_part(v) for v in (*args, *items)))
    with _DRAWN_LOCK:
        _DRAWN[key] = (builder, args, items)
        _DRAWN.move_to_end(key)
        while len(_DRAWN) > DRAWN_AT_MOST:
            _DRAWN.popitem(last=False)


def drawn_lately() -> list[tuple[str, tuple, tuple]]:
    """(builder, args, kwargs items) of the charts drawn lately, the most recent first."""
    with _DRAWN_LOCK:
        return list(reversed(_DRAWN.values()))


def pair_frames(old, new, pairs: dict, depth: int = 0) -> None:
    """Record in `pairs` (id(old frame) -> (old frame, new frame)) the frames that hold the same place in two
    page data values of one view (fields of a dataclass, items of a tuple, list or dict)."""
    import dataclasses

    import pandas as pd

    if old is new or depth > 4:
        return
    if isinstance(old, pd.DataFrame) and isinstance(new, pd.DataFrame):
        pairs[id(old)] = (old, new)
    elif dataclasses.is_dataclass(old) and type(old) is type(new):
        for field in dataclasses.fields(old):
            pair_frames(getattr(old, field.name), getattr(new, field.name), pairs, depth + 1)
    elif isinstance(old, (tuple, list)) and type(old) is type(new) and len(old) == len(new):
        for a, b in zip(old, new):
            pair_frames(a, b, pairs, depth + 1)
    elif isinstance(old, dict) and isinstance(new, dict):
        for k, a in old.items():
            if k in new:
                pair_frames(a, new[k], pairs, depth + 1)


def redraw_with(pairs: dict, stop: Callable[[], bool] = lambda: False) -> int:
    """Build the specs of the charts drawn lately again with their frames' counterparts in `pairs` (a chart with a
    frame not in `pairs` is left to its next reader); stops when stop() says so. Returns how many were built."""
    import pandas as pd

    built = 0
    for builder, args, items in drawn_lately():
        if stop():
            break
        values = [*args, *(v for _, v in items)]
        frames = [v for v in values if isinstance(v, pd.DataFrame)]
        if not frames or not all(id(f) in pairs and pairs[id(f)][0] is f for f in frames):
            continue

        def swap(v):
            return pairs[id(v)][1] if isinstance(v, pd.DataFrame) else v

        chart_spec(builder, tuple(swap(a) for a in args), {k: swap(v) for k, v in items})
        built += 1
    return built


def _content(inputs: tuple) -> tuple | None:
    """A key that equals another only for equal inputs: frames by their columns, types, index and every value;
    None when an input cannot be keyed by content (it is then built by identity alone)."""
    import pandas as pd

    key = []
    for value in inputs:
        if isinstance(value, pd.DataFrame):
            try:
                cells = pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes()
            except TypeError:                   # unhashable cells (lists, dicts)
                return None
            key.append(("frame", repr(list(value.columns)), repr(list(value.index.names)), tuple(map(str, value.dtypes)),
                        repr(value.attrs), cells))
        elif isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str):
            inner = _content((value[1],))      # a keyword argument (name, value)
            if inner is None:
                return None
            key.append((value[0], inner))
        else:
            try:
                hash(value)
            except TypeError:
                return None
            key.append((type(value).__name__, value))      # 1, 1.0 and True are equal keys, not equal charts
    return tuple(key)


def _unchecked_parts() -> None:
    """Altair checks every part of a chart against the schema as it is made ("debug mode", on by default): in this
    process charts are built on the interpreter lock every session shares, and the tests check every builder's
    whole spec (to_dict() validates), so the parts are not checked again here (0.50 -> 0.43 CPU-s to build the
    demo's twelve page charts)."""
    from altair.utils import schemapi

    schemapi.disable_debug_mode()


def _to_dict(chart) -> dict:
    """chart.to_dict() without Altair's 5,000-row limit (as st.altair_chart does): the data goes as Arrow.

    Not checked against the Vega-Lite schema here: that check was half of the cost (0.21 of 0.47 CPU-s for
    the demo's twelve page charts), paid on the server's one interpreter lock for every chart an upload
    changes. The tests check every builder's output against the schema (tests/test_charts.py and others call
    to_dict(), which validates), and a builder's spec depends on its figures' values, not on their number.
    """
    import altair as alt

    with _ALTAIR_OPTIONS, alt.data_transformers.enable("default", max_rows=None):   # a global setting: one at a time
        return chart.to_dict(validate=False)


_ALTAIR_OPTIONS = threading.Lock()


TABLES = IdentityMemo()


def derived(name: str, frame, key: tuple, make: Callable[[], Any]):
    """make() (a frame derived from `frame`), once per (frame identity, key): the result keeps its identity too."""
    return TABLES.get(name, (frame, *key), make)


def arrow(name: str, frame, prepare: Callable[[Any], Any]):
    """The Arrow table st.table / st.dataframe would make of prepare(frame), made once per frame identity."""
    from streamlit import dataframe_util

    return TABLES.get(name, (frame,), lambda: dataframe_util.convert_pandas_df_to_arrow_table(prepare(frame)))
