"""Extract, transform, load: card transactions -> daily totals per merchant.

Amounts are integers in minor units (cents), so sums are exact.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Iterable, Iterator


@dataclass(frozen=True)
class Transaction:
    merchant_id: str
    amount: int
    currency: str
    status: str
    created_at: datetime


@dataclass(frozen=True)
class DailyTotal:
    merchant_id: str
    day: date
    currency: str
    settled_amount: int
    settled_count: int
    refunded_amount: int


class BadRecord(ValueError):
    """A source row that cannot be parsed; carries its line number."""


def extract(source: IO[str]) -> Iterator[Transaction]:
    """Parses CSV rows with merchant_id, amount, currency, status, created_at."""
    for line, row in enumerate(csv.DictReader(source), start=2):
        try:
            amount = int(row["amount"])
            created_at = datetime.fromisoformat(row["created_at"])
        except (KeyError, TypeError, ValueError) as error:
            raise BadRecord(f"line {line}: {error}") from error
        yield Transaction(
            merchant_id=row["merchant_id"],
            amount=amount,
            currency=row["currency"].upper(),
            status=row["status"],
            created_at=created_at,
        )


def transform(transactions: Iterable[Transaction], day: date) -> list[DailyTotal]:
    """Totals of one day per merchant and currency; failed payments are skipped."""
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for tx in transactions:
        if tx.created_at.date() != day:
            continue
        key = (tx.merchant_id, tx.currency)
        if tx.status == "settled":
            totals[key][0] += tx.amount
            totals[key][1] += 1
        elif tx.status == "refunded":
            totals[key][2] += tx.amount
    return [
        DailyTotal(merchant, day, currency, settled, count, refunded)
        for (merchant, currency), (settled, count, refunded) in sorted(totals.items())
    ]


def load(totals: Iterable[DailyTotal], sink: IO[str]) -> int:
    """Writes one JSON object per line; returns the number written."""
    written = 0
    for total in totals:
        record = {
            "merchant_id": total.merchant_id,
            "day": total.day.isoformat(),
            "currency": total.currency,
            "settled_amount": total.settled_amount,
            "settled_count": total.settled_count,
            "refunded_amount": total.refunded_amount,
        }
        sink.write(json.dumps(record, sort_keys=True) + "\n")
        written += 1
    return written


def run(source: IO[str], sink: IO[str], day: date) -> int:
    return load(transform(extract(source), day), sink)
