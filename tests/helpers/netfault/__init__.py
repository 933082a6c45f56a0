"""A fault-injecting HTTP/1.1 proxy process on loopback, for sync tests and slow-link benchmarks.

It sits between the kiosk's `requests` session and a real server, forwards keep-alive
connections request by request, and on command drops, delays, stalls, duplicates,
truncates or answers a request itself; it can also shape the whole line (bandwidth,
latency, simulated loss: see `shaping`). Modules: `http_framing` (where a message ends),
`rules` (what to do to which request), `answers` (made-up answers), `shaping` (the line),
`proxy` (the connections), `control` (the line-JSON control port), `stats`, `handle`
(`FaultyProxy`, the child process), `__main__` (the command line).

From a test (the server is any real HTTP/1.1 server on loopback)::

    from tests.helpers.netfault import FaultyProxy, Rule

    with FaultyProxy(f"127.0.0.1:{server_port}") as proxy:
        proxy.add(Rule("drop_after", method="POST", path="/v1/applications/batch"))
        proxy.add(Rule("respond", path="/v1/", status=503, headers={"Retry-After": "2"}))
        proxy.add(Rule("delay", path="/v1/time", seconds=3, times="always"))
        client = Client(base_url=proxy.url)          # talks to the proxy, not the server
        ...
        assert proxy.stats().requests_forwarded == 2
        proxy.kill(); proxy.start()                   # a crash, then back on the same port

Rules are tried in order; the first that matches (method, path prefix) and has uses left
(`times`, default 1, or "always"; `skip` lets that many matching requests through first)
takes the request. `proxy.rules()` shows what is left, `proxy.log()` what happened
(method, path without query, action). `stats().in_flight` is the number of requests being
served right now: wait for 0 before trusting the counters after a `delay` or `stall`.
Rules and counters live in the process: after `kill()` and `start()` they are gone.
What the client sees: `drop_before`, `drop_after` and a `truncate` inside the head raise
`requests.ConnectionError`; a `truncate` inside the body raises
`requests.exceptions.ChunkedEncodingError`; `delay` and `stall` beyond the read timeout
raise `requests.Timeout` (a delayed request still reaches the server, late).

From a benchmark (a slow village line: 64 kbit/s, 300 ms round trip, 1 % loss)::

    slow = Shape(rate_up=64_000, rate_down=64_000, latency=0.150, loss=0.01)
    with FaultyProxy(upstream, shape=slow, seed=11) as proxy:
        started = time.perf_counter(); send_everything(proxy.url)
        seconds = time.perf_counter() - started
        stats = proxy.stats()   # bytes_in / bytes_out: payload bytes on the kiosk's side

On such a line a server's keep-alive timeout (uvicorn: 5 s) can close a connection while
the next request is still on its way, as on a real line: the client then sees a
ConnectionError for a request the server never got. Stats count payload bytes; the line
also charges 40 header bytes per 1460-byte segment for its timing.

From a shell: `python -m tests.helpers.netfault --upstream 127.0.0.1:8000 --rate 64000
--latency 0.15 --loss 0.01 --seed 11` prints `{"listen": ..., "control": ..., "pid": ...}`.
"""

from tests.helpers.netfault.handle import FaultyProxy, ProxyError
from tests.helpers.netfault.rules import Rule, RuleError
from tests.helpers.netfault.shaping import Shape
from tests.helpers.netfault.stats import Stats

__all__ = ["FaultyProxy", "ProxyError", "Rule", "RuleError", "Shape", "Stats"]
