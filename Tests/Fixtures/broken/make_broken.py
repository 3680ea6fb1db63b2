#!/usr/bin/env python3
"""Writes the deliberately broken deliveries (deterministic: gzip mtime 0). Run from this folder."""
import gzip, io, os, shutil

def gz(data: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as f:
        f.write(data)
    return buf.getvalue()

def write(case, source, month, ext, text, raw=None):
    d = os.path.join(case, source)
    os.makedirs(d, exist_ok=True)
    data = text.encode("utf-8") if raw is None else raw
    with open(os.path.join(d, f"{source}_{month}.{ext}.gz"), "wb") as f:
        f.write(gz(data))

def write_bytes(case, source, month, ext, blob):
    d = os.path.join(case, source)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"{source}_{month}.{ext}.gz"), "wb") as f:
        f.write(blob)

KY = "pnr;ydelse;sats;fra;til;kommune;loentilskud\n"
GOOD_KY = "0000000001;KH;;2021-01-01;2021-01-31;751;N\n"
def ky(case, bad, month="202101"):
    write(case, "ky", month, "csv", KY + GOOD_KY + bad + "\n*EOF*;2\n")

def fleur_rec(pnr="0000000001", timer="0016033", fra="20210101", til="20210131"):
    r = "1001" + pnr + "03" + fra + til + "01" + timer + "0000000" + "H" + "751" + "20210131" + "+"
    return r.ljust(80)
START = "0001FLEUR20210120210131".ljust(80)
def trailer(n): return ("9999" + str(n).zfill(10)).ljust(80)

for c in [x for x in os.listdir(".") if os.path.isdir(x)]:
    shutil.rmtree(c)

# --- rejects: the delivery is read, the bad line goes to rejects ---
ky("reject-field-count", "0000000002;KH;;2021-01-01;2021-01-31;751")
write("reject-record-length", "fleur", "202101", "dat",
      "\n".join([START, fleur_rec(), fleur_rec("0000000002")[:79], trailer(2)]) + "\n")
ky("reject-bad-date", "0000000002;KH;;2021-02-30;2021-02-28;751;N")
write("reject-bad-number", "eindkomst", "202101", "csv",
      "pnr;maaned;loentimer\n0000000001;2020-12;120,50\n0000000002;2020-12;12x,50\n*EOF*;2\n")
write("reject-bad-number-fleur", "fleur", "202101", "dat",
      "\n".join([START, fleur_rec(), fleur_rec("0000000002", timer="00A6033"), trailer(2)]) + "\n")
ky("reject-bad-pnr", "12345;KH;;2021-01-01;2021-01-31;751;N")
ky("reject-unknown-code", "0000000002;XX;;2021-01-01;2021-01-31;751;N")
write("reject-end-before-start", "ksd", "202101", "csv",
      "pnr;forloeb_id;start;slut;kommune\n0000000001;K1;2021-01-04;2021-01-20;751\n0000000002;K2;2021-01-20;2021-01-04;751\n*EOF*;2\n")
head = "pnr;samtale_id;dato;type;kontaktform;afholder;individuel;kommune;akasse\n".encode()
write("reject-invalid-utf8", "samtale", "202101", "csv", None,
      raw=head + b"0000000001;S1;2021-01-11;JOB;P;JC;J;751;\n0000000002;S\xff\xfe2;2021-01-12;JOB;P;JC;J;751;\n*EOF*;2\n")
ky("reject-missing-value", "0000000002;KH;;;2021-01-31;751;N")
write("reject-uh-after-2025", "ky", "202507", "csv",
      KY + "0000000001;KH;G;2025-07-01;2025-07-31;751;N\n0000000002;UH;;2025-07-01;2025-07-31;751;N\n*EOF*;2\n")

# --- refusals: the whole delivery is refused ---
write("refuse-missing-trailer", "ky", "202101", "csv", KY + GOOD_KY)
write("refuse-wrong-trailer-count", "ky", "202101", "csv", KY + GOOD_KY + "*EOF*;5\n")
write("refuse-wrong-header", "taeller", "202101", "csv",
      "pnr;periode_id;sidste_dag;foerste_dag;forsikring\n0000000001;T1;2021-01-04;;H\n*EOF*;1\n")
full = gz((KY + GOOD_KY * 400 + "*EOF*;400\n").encode())
write_bytes("refuse-truncated-gzip", "ky", "202101", "csv", full[: len(full) // 2])
corrupt = bytearray(full)
for i in range(20, 40):
    corrupt[i] ^= 0x5A
write_bytes("refuse-corrupt-gzip", "ky", "202101", "csv", bytes(corrupt))
write("refuse-fleur-missing-start", "fleur", "202101", "dat", "\n".join([fleur_rec(), trailer(1)]) + "\n")
write("refuse-fleur-missing-trailer", "fleur", "202101", "dat", "\n".join([START, fleur_rec()]) + "\n")
write("refuse-fleur-wrong-trailer-count", "fleur", "202101", "dat", "\n".join([START, fleur_rec(), trailer(3)]) + "\n")
