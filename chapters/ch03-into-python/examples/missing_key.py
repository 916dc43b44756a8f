"""A row without one of the header's keys. The book shows the traceback."""

from decimal import Decimal

from ch03_into_python import export_csv

# ANCHOR: missing_key
rows = [
    {"item": "Tea", "price": Decimal("3.5")},
    {"item": "Cake"},
]
export_csv(rows, "EUR")
# ANCHOR_END: missing_key
