import io
import json
from datetime import date

import pytest

from ${{ values.packageName }}.__main__ import main
from ${{ values.packageName }}.pipeline import BadRecord, extract, run

CSV = """merchant_id,amount,currency,status,created_at
m-1,1000,eur,settled,2026-03-01T10:00:00
m-1,250,EUR,settled,2026-03-01T23:59:59
m-1,400,EUR,refunded,2026-03-01T12:00:00
m-1,999,EUR,failed,2026-03-01T12:00:00
m-2,700,GBP,settled,2026-03-01T08:30:00
m-2,5000,GBP,settled,2026-03-02T00:00:00
"""


def test_totals_per_merchant_and_currency_for_the_day():
    sink = io.StringIO()
    assert run(io.StringIO(CSV), sink, date(2026, 3, 1)) == 2
    records = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert records == [
        {
            "merchant_id": "m-1",
            "day": "2026-03-01",
            "currency": "EUR",
            "settled_amount": 1250,
            "settled_count": 2,
            "refunded_amount": 400,
        },
        {
            "merchant_id": "m-2",
            "day": "2026-03-01",
            "currency": "GBP",
            "settled_amount": 700,
            "settled_count": 1,
            "refunded_amount": 0,
        },
    ]


def test_a_day_without_transactions_writes_nothing():
    sink = io.StringIO()
    assert run(io.StringIO(CSV), sink, date(2026, 2, 28)) == 0
    assert sink.getvalue() == ""


def test_a_bad_row_names_its_line():
    bad = "merchant_id,amount,currency,status,created_at\nm-1,ten,EUR,settled,2026-03-01T10:00:00\n"
    with pytest.raises(BadRecord, match="line 2"):
        list(extract(io.StringIO(bad)))


def test_the_job_reads_and_writes_files(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(CSV, encoding="utf-8")
    target = tmp_path / "out.jsonl"
    args = ["--input", str(source), "--output", str(target), "--day", "2026-03-02"]
    assert main(args) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["settled_amount"] == 5000


def test_the_job_exits_2_on_bad_input(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("merchant_id,amount\nm-1,x\n", encoding="utf-8")
    args = ["--input", str(source), "--output", str(tmp_path / "o.jsonl")]
    assert main(args) == 2
