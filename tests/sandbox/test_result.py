"""The strict parser of the result channel: only well-formed numbers get through."""
import json
import math

import numpy as np
import pytest

from sandbox.result import ChannelError, parse


def message(probes=None, errors=None, status="OK", error=""):
    return json.dumps({"status": status, "error": error, "probes": probes or {},
                       "probe_errors": errors or {}}).encode()


def test_arrays_scalars_tuples_and_non_finite():
    data = message({"a": {"shape": [2, 2], "data": [1, 2.5, "nan", "-inf"]},
                    "s": {"shape": [], "data": [3]},
                    "t": {"tuple": [{"shape": [1], "data": [1.0]}, {"shape": [0, 3], "data": []}]}},
                   {"e": "NameError: x"})
    r = parse(data, {"a", "s", "t", "e"})
    assert r.status == "OK" and r.probe_errors == {"e": "NameError: x"}
    assert r.values["a"].dtype == np.float64 and r.values["a"].shape == (2, 2)
    assert math.isnan(r.values["a"][1, 0]) and r.values["a"][1, 1] == -np.inf
    assert r.values["s"].shape == () and r.values["s"] == 3.0
    assert isinstance(r.values["t"], tuple) and r.values["t"][1].shape == (0, 3)


def test_child_may_report_its_own_failures():
    for status in ("CE", "RE", "MLE"):
        assert parse(message(status=status, error="boom"), set()).status == status


@pytest.mark.parametrize("data", [
    b"",
    b"not json",
    message(status="AC"),                                                  # a verdict is not the child's to give
    message({"g": {"shape": [2], "data": [1.0]}}),                         # data does not fill the shape
    message({"g": {"shape": [-1], "data": []}}),
    message({"g": {"shape": [1.5], "data": [1]}}),
    message({"g": {"shape": [1], "data": ["1"]}}),                         # strings only for nan/inf
    message({"g": {"shape": [1], "data": [True]}}),
    message({"g": {"shape": [1], "data": [[1]]}}),
    message({"g": {"shape": [1], "data": [1], "dtype": "f8"}}),            # extra key
    message({"other": {"shape": [], "data": [1]}}),                        # a probe nobody asked for
    message({"g": {"tuple": []}}),
    message({"g": {"shape": [], "data": [1]}}, {"g": "also an error"}),
    message({"g": {"shape": [], "data": [1]}}).replace(b"}}", b"}}, \"x\": 1", 1),
    b'{"status":"OK","status":"OK","error":"","probes":{},"probe_errors":{}}',  # duplicate key
    message({"g": {"shape": [], "data": [1]}}).replace(b"[1]", b"[NaN]"),
    message({"g": {"shape": [], "data": [1]}}).replace(b"[1]", b"[Infinity]"),
    message({"g": {"shape": [], "data": [1]}}).replace(b"[1]", b"[" + b"9" * 400 + b"]"),
    message({"g": {"shape": [0, 2**63 - 1, 2**63 - 1], "data": []}}),      # numpy refuses the shape
    message({"g": {"shape": [1] * 65, "data": [1]}}),                      # over numpy's 64 dims
    b"[" * 50_000 + b"]" * 50_000,
    "{\"status\":\"OK\",\"error\":\"\u00e9\",\"probes\":{},\"probe_errors\":{}}".encode(),  # not ASCII
], ids=lambda d: d[:30].decode("latin-1"))
def test_malformed_channels_are_refused(data):
    with pytest.raises(ChannelError):
        parse(data, {"g"})


def test_error_texts_are_capped():
    r = parse(message(status="RE", error="x" * 10**6), set())
    assert len(r.error) <= 20_000


def test_error_texts_with_lone_surrogates_stay_writable():
    """NameError("boom \\ud800") reaches the judge as an escape it can print and write to CSV."""
    r = parse(message(status="RE", error="NameError: boom \ud800"), set())
    assert r.error == "NameError: boom \\ud800"
    r.error.encode("utf-8")


def test_arrays_may_have_as_many_dimensions_as_numpy_allows():
    r = parse(message({"g": {"shape": [1] * 40, "data": [2.0]}}), {"g"})
    assert r.values["g"].ndim == 40
