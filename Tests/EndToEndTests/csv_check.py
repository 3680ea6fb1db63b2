"""Reads a rejects file (rejects/SOURCE.csv) with Python's csv module and with pyarrow's CSV
reader, and prints what each read as JSON: {"csv": [[...], ...], "pyarrow": [[...], ...]}
(rows including the header). Used by Tests/EndToEndTests/RejectsFileTests.swift.

    python csv_check.py FILE
"""
import csv
import json
import sys

import pyarrow.csv as pacsv

path = sys.argv[1]
with open(path, newline="", encoding="utf-8") as f:
    by_csv = [row for row in csv.reader(f, delimiter=";")]

table = pacsv.read_csv(
    path,
    parse_options=pacsv.ParseOptions(delimiter=";", newlines_in_values=True),
    convert_options=pacsv.ConvertOptions(column_types={n: "string" for n in by_csv[0]}, strings_can_be_null=False),
)
by_arrow = [table.column_names] + [list(r) for r in zip(*[table.column(i).to_pylist() for i in range(table.num_columns)])]
json.dump({"csv": by_csv, "pyarrow": by_arrow}, sys.stdout, ensure_ascii=False)
