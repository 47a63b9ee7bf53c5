"""Entry point of the scheduled job (the Kubernetes CronJob runs this module)."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import date, timedelta

from .pipeline import BadRecord, run

log = logging.getLogger("${{ values.name }}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", required=True, help="CSV file of transactions")
    parser.add_argument("--output", required=True, help="JSON-lines file to write")
    parser.add_argument(
        "--day",
        type=date.fromisoformat,
        default=date.today() - timedelta(days=1),
        help="the day to aggregate (default: yesterday)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    try:
        with open(args.input, encoding="utf-8") as source, open(
            args.output, "w", encoding="utf-8"
        ) as sink:
            written = run(source, sink, args.day)
    except BadRecord as error:
        log.error("bad input: %s", error)
        return 2
    log.info("wrote %d daily totals for %s", written, args.day.isoformat())
    return 0


if __name__ == "__main__":
    sys.exit(main())
