"""The demo's A4 "printer" (simulated hardware): `python -m kiosk.cli.demo_printer DIR`
reads a PDF on stdin, as CUPS `lp` does, and saves it in DIR for the person trying the
demo to open. Only the demo uses it; its documents hold demo data, never a real NIK."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from kiosk.private_files import FileRefused, Refusal, ensure_private_dir, write_new_file


def save(folder: Path, pdf: bytes) -> Path:
    """Write `pdf` to a new file in `folder` (0700; the file 0600), never over an older
    one nor through a link."""
    ensure_private_dir(folder)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for number in range(1, 1000):
        target = folder / f"document-{stamp}-{number}.pdf"
        try:
            write_new_file(target, pdf)
        except FileRefused as refused:
            if refused.reason is Refusal.UNWRITABLE:
                raise
            continue
        return target
    raise RuntimeError(f"no free file name in {folder}")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m kiosk.cli.demo_printer FOLDER < document.pdf", file=sys.stderr)
        return 2
    pdf = sys.stdin.buffer.read()
    if not pdf.startswith(b"%PDF"):
        print("demo printer: that is not a PDF", file=sys.stderr)
        return 1
    target = save(Path(argv[0]), pdf)
    print(f"request id is demo ({target.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
