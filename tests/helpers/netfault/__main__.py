"""`python -m tests.helpers.netfault --upstream HOST:PORT`: run the fault-injecting proxy.

Prints one JSON line on stdout once both ports listen:
`{"listen": PORT, "control": PORT, "pid": PID}`; then runs until SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys

from tests.helpers.netfault.control import MAX_LINE_BYTES, Control
from tests.helpers.netfault.proxy import Address, Proxy
from tests.helpers.netfault.rules import RuleBook
from tests.helpers.netfault.shaping import Line, Shape


def address(text: str) -> Address:
    host, colon, port = text.rpartition(":")
    if not colon or not host or not port.isdigit() or int(port) > 65535:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {text!r}")
    return host, int(port)


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.helpers.netfault",
        description="A fault-injecting HTTP/1.1 proxy on a simulated slow line. Prints "
        '{"listen": PORT, "control": PORT, "pid": PID} once it listens.',
    )
    where = "HOST:PORT"
    parser.add_argument("--upstream", type=address, metavar=where, required=True)
    parser.add_argument("--listen", type=address, metavar=where, default=("127.0.0.1", 0))
    parser.add_argument("--control", type=address, metavar=where, default=("127.0.0.1", 0))
    parser.add_argument("--rate", type=int, help="bit/s both ways (e.g. 64000)")
    parser.add_argument("--rate-up", type=int, help="bit/s client to server")
    parser.add_argument("--rate-down", type=int, help="bit/s server to client")
    parser.add_argument("--latency", type=float, default=0.0, help="one-way seconds")
    parser.add_argument("--loss", type=float, default=0.0, help="per-segment probability")
    parser.add_argument("--seed", type=int, default=0, help="for the simulated losses")
    return parser.parse_args(argv)


def shape_of(arguments: argparse.Namespace) -> Shape:
    return Shape(
        rate_up=arguments.rate_up or arguments.rate,
        rate_down=arguments.rate_down or arguments.rate,
        latency=arguments.latency,
        loss=arguments.loss,
    )


async def run(arguments: argparse.Namespace) -> None:
    proxy = Proxy(arguments.upstream, Line(shape_of(arguments), arguments.seed), RuleBook())
    control = Control(proxy)
    listening = await asyncio.start_server(proxy.serve, *arguments.listen)
    controlling = await asyncio.start_server(
        control.serve, *arguments.control, limit=MAX_LINE_BYTES
    )
    ports = {
        "listen": listening.sockets[0].getsockname()[1],
        "control": controlling.sockets[0].getsockname()[1],
        "pid": os.getpid(),
    }
    print(json.dumps(ports), flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    async with listening, controlling:
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    try:
        asyncio.run(run(parse_arguments(argv)))
    except ValueError as error:
        print(f"netfault: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
