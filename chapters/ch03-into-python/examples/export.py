"""Export three rows as CSV. The book shows this script's output."""

from decimal import Decimal

from ch03_into_python import export_csv

# ANCHOR: export
rows = [
    {"item": "Tea", "price": Decimal("3.5"), "note": None},
    {"item": 'Cake, "chocolate"', "price": 4.25, "note": "for two"},
    {"item": "Refund", "price": -1, "note": ""},
]
data = export_csv(rows, "EUR")
print(type(data).__name__, len(data))
for record in data.split(b"\r\n"):  # every record ends with CR LF
    print(record)
# ANCHOR_END: export
