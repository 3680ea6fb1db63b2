#!/usr/bin/env python3
"""pyarrow side of the ArrowIPC tests.

  pyarrow_check.py read FILE    open FILE with pyarrow.ipc.open_file, run
                                table.validate(full=True) and print the table
                                as JSON (see dump(); doubles as repr
                                strings, dates as ISO strings, binary as hex),
                                with "compression": the codec named in the
                                first record batch's header, read by
                                pyarrow.ipc.read_message (null if none).
  pyarrow_check.py write FILE   write a fixture file with pyarrow (several
                                record batches, nulls, int8 and int32
                                dictionary indices, unicode) and print it as
                                JSON the same way.
  pyarrow_check.py write-zstd FILE
                                the same fixture written with pyarrow's
                                buffer compression (codec ZSTD).
  pyarrow_check.py write-lz4 FILE
                                the fixture with codec LZ4_FRAME, which
                                ydelse does not read.
  pyarrow_check.py write-unsupported FILE
                                write a file with a float32 column "f32",
                                which ydelse does not support.
  pyarrow_check.py write-wide-dictionary FILE
                                a dictionary column "code" of 200 values
                                (int16 indices), more than ydelse's 8-bit
                                dictionaries hold.

Exit status 3 with a message on stderr when pyarrow is missing.
"""
import datetime
import json
import sys

try:
    import pyarrow as pa
    import pyarrow.feather as feather
    import pyarrow.ipc as ipc
except ImportError as e:  # pragma: no cover
    print(f"pyarrow is not installed ({e}); run `make deps`", file=sys.stderr)
    sys.exit(3)


def py(v):
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, float):
        # repr is the shortest text that round-trips; JSON number parsers may round.
        return repr(v)
    return v


def dump(path):
    reader = ipc.open_file(path)
    table = reader.read_all()
    table.validate(full=True)
    # Feather V2 is the Arrow IPC file format: its reader must agree.
    if not feather.read_table(path).equals(table):
        raise SystemExit("pyarrow.feather.read_table disagrees with pyarrow.ipc.open_file")
    for i in range(reader.num_record_batches):
        reader.get_batch(i).validate(full=True)
    meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    return {
        "compression": batch_compression(path),
        "pyarrow": pa.__version__,
        "num_rows": table.num_rows,
        "num_record_batches": reader.num_record_batches,
        "schema": [{"name": f.name, "type": str(f.type), "nullable": f.nullable} for f in table.schema],
        "metadata": meta,
        "columns": [[py(v) for v in col.to_pylist()] for col in table.columns],
    }


def batch_compression(path):
    """The codec of the first record batch of an IPC file, from its flatbuffer header.

    pyarrow exposes no per-batch compression in its reader API, so the message
    metadata is decoded here: Message.header (slot 2, a table), then
    RecordBatch.compression (slot 3, a table), then BodyCompression.codec
    (slot 0, a byte: 0 LZ4_FRAME, 1 ZSTD)."""
    import struct
    with open(path, "rb") as f:
        data = f.read()
    footer_len = struct.unpack_from("<i", data, len(data) - 10)[0]
    footer = data[len(data) - 10 - footer_len:len(data) - 10]

    def table(buf, pos):
        vt = pos - struct.unpack_from("<i", buf, pos)[0]
        vt_len = struct.unpack_from("<H", buf, vt)[0]

        def field(slot):
            o = 4 + 2 * slot
            return struct.unpack_from("<H", buf, vt + o)[0] if o < vt_len else 0
        return field

    def ref(buf, pos):
        return pos + struct.unpack_from("<I", buf, pos)[0]

    root = ref(footer, 0)
    f = table(footer, root)
    if not f(3):
        return None
    vec = ref(footer, root + f(3))
    if struct.unpack_from("<I", footer, vec)[0] == 0:
        return None
    offset, meta_len = struct.unpack_from("<qi", footer, vec + 4)
    msg = ipc.read_message(pa.BufferReader(data[offset:]))
    meta = msg.metadata.to_pybytes()
    m = ref(meta, 0)
    mf = table(meta, m)
    header = ref(meta, m + mf(2))
    hf = table(meta, header)
    if not hf(3):
        return None
    comp = ref(meta, header + hf(3))
    cf = table(meta, comp)
    codec = meta[comp + cf(0)] if cf(0) else 0
    return {0: "LZ4_FRAME", 1: "ZSTD"}[codec]


def write_fixture(path, compression=None):
    schema = pa.schema(
        [
            pa.field("i32", pa.int32()),
            pa.field("i64", pa.int64(), nullable=False),
            pa.field("f64", pa.float64()),
            pa.field("day", pa.date32()),
            pa.field("flag", pa.bool_()),
            pa.field("name", pa.string()),
            pa.field("kommune", pa.dictionary(pa.int32(), pa.string())),
            pa.field("code", pa.dictionary(pa.int8(), pa.string())),
        ],
        metadata={"stage": "pyarrow-fixture", "note": "Ærø"},
    )
    d = datetime.date
    kommuner = ["København", "Ærø", "Høje-Taastrup"]
    codes = ["A", "B"]

    def batch(i32, i64, f64, day, flag, name, kom, code):
        return pa.record_batch(
            [
                pa.array(i32, pa.int32()),
                pa.array(i64, pa.int64()),
                pa.array(f64, pa.float64()),
                pa.array(day, pa.date32()),
                pa.array(flag, pa.bool_()),
                pa.array(name, pa.string()),
                pa.DictionaryArray.from_arrays(pa.array(kom, pa.int32()), pa.array(kommuner)),
                pa.DictionaryArray.from_arrays(pa.array(code, pa.int8()), pa.array(codes)),
            ],
            schema=schema,
        )

    b1 = batch(
        [1, None, -3, 2147483647, -2147483648],
        [0, -1, 9007199254740993, -9223372036854775807, 42],
        [1.5, None, -0.0, 1e300, 0.1],
        [d(1970, 1, 1), d(2023, 6, 30), None, d(1899, 12, 31), d(2024, 2, 29)],
        [True, False, None, True, True],
        ["Ærø", None, "", "Høje-Taastrup", "plain"],
        [1, None, 2, 0, 1],
        [0, 1, None, 1, 0],
    )
    b2 = batch(
        [7, 8, 9, None],
        [5, 6, 7, 8],
        [2.25, 3.0, None, -7.5],
        [d(2000, 1, 1), None, d(2000, 1, 3), d(2000, 1, 4)],
        [None, False, True, False],
        ["a", "bb", None, "ccc"],
        [2, 2, None, 0],
        [1, None, 0, 0],
    )
    # A slice, so pyarrow has to rewrite offsets and bitmaps that do not start at 0.
    b3 = b1.slice(1, 3)
    options = ipc.IpcWriteOptions(compression=compression)
    with ipc.new_file(path, schema, options=options) as w:
        w.write_batch(b1)
        w.write_batch(b2)
        w.write_batch(b3)


def write_unsupported(path):
    t = pa.table({"ok": pa.array([1, 2], pa.int64()), "f32": pa.array([1.0, 2.0], pa.float32())})
    with ipc.new_file(path, t.schema) as w:
        w.write_table(t)


def write_wide_dictionary(path):
    # 200 values with int16 indices: more than our 8-bit dictionaries hold.
    values = pa.array([f"v{i}" for i in range(200)])
    t = pa.table({"code": pa.DictionaryArray.from_arrays(pa.array([0, 199, 5], pa.int16()), values)})
    with ipc.new_file(path, t.schema) as w:
        w.write_table(t)


def main():
    modes = ("read", "write", "write-zstd", "write-lz4", "write-unsupported", "write-wide-dictionary")
    if len(sys.argv) != 3 or sys.argv[1] not in modes:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "write":
        write_fixture(path)
    if mode == "write-zstd":
        write_fixture(path, "zstd")
    if mode == "write-lz4":
        write_fixture(path, "lz4")
    if mode == "write-unsupported":
        write_unsupported(path)
    if mode == "write-wide-dictionary":
        write_wide_dictionary(path)
    print(json.dumps(dump(path), ensure_ascii=False))


if __name__ == "__main__":
    main()
