#!/usr/bin/env python3
"""pyarrow side of the StagesTests checkpoint tests.

  arrow_dump.py FILE...   for every FILE: open it with pyarrow.ipc.open_file, run
                          validate(full=True) on the table and on every record
                          batch, and print one JSON object per line:
                          {"file", "num_rows", "num_record_batches", "schema":
                           [{"name","type","nullable"}], "metadata", "columns":
                           [{"name","null_count","crc32","head","tail"}]}

Every column is digested as CRC-32 (zlib) of the UTF-8 text of its values, one
value per line ("\\n" after each): null as "\\x00", strings as they are, dates as
ISO YYYY-MM-DD, integers in decimal, doubles as the decimal unsigned 64-bit
pattern of the IEEE value, booleans as true/false. The Swift test computes the
same digest from ArrowFileReader's table and from tables computed in memory.
`head`/`tail` hold the first/last 3 values in the same text form.

Exit status 3 with a message on stderr when pyarrow is missing.
"""
import datetime
import json
import struct
import sys
import zlib

try:
    import pyarrow as pa
    import pyarrow.ipc as ipc
except ImportError as e:  # pragma: no cover
    print(f"pyarrow is not installed ({e}); run `make deps`", file=sys.stderr)
    sys.exit(3)


def text(v):
    if v is None:
        return "\x00"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return str(struct.unpack("<Q", struct.pack("<d", v))[0])
    if isinstance(v, datetime.date):
        return v.isoformat()
    return str(v)


def dump(path):
    reader = ipc.open_file(path)
    for i in range(reader.num_record_batches):
        reader.get_batch(i).validate(full=True)
    table = reader.read_all()
    table.validate(full=True)
    meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    cols = []
    for field, col in zip(table.schema, table.columns):
        values = [text(v) for v in col.to_pylist()]
        blob = "".join(v + "\n" for v in values).encode("utf-8")
        cols.append({
            "name": field.name,
            "null_count": col.null_count,
            "crc32": zlib.crc32(blob),
            "head": values[:3],
            "tail": values[-3:] if len(values) > 3 else [],
        })
    return {
        "file": path,
        "pyarrow": pa.__version__,
        "num_rows": table.num_rows,
        "num_record_batches": reader.num_record_batches,
        "schema": [{"name": f.name, "type": str(f.type), "nullable": f.nullable} for f in table.schema],
        "metadata": meta,
        "columns": cols,
    }


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    for path in sys.argv[1:]:
        print(json.dumps(dump(path), ensure_ascii=False))


if __name__ == "__main__":
    main()
