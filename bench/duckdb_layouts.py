"""DuckDB typed read_csv queries over the same delivery files ydelse reads (for bench.py).

Each delimited source is read with its declared column types (dates as DATE, hours as
DECIMAL after replacing the decimal comma is not possible in read_csv, so they are read as
VARCHAR and cast), skipping the trailer line; FLEUR is read as one fixed-width column and
cut with substr + casts. Every query returns a row count so all columns are materialised.
"""
import glob, os

DELIMITED = {
    "taeller": "pnr VARCHAR, periode_id VARCHAR, foerste_dag DATE, sidste_dag DATE, forsikring VARCHAR",
    "ky": "pnr VARCHAR, ydelse VARCHAR, sats VARCHAR, fra DATE, til DATE, kommune VARCHAR, loentilskud VARCHAR",
    "ksd": "pnr VARCHAR, forloeb_id VARCHAR, start DATE, slut DATE, kommune VARCHAR",
    "samtale": "pnr VARCHAR, samtale_id VARCHAR, dato DATE, type VARCHAR, kontaktform VARCHAR, afholder VARCHAR, individuel VARCHAR, kommune VARCHAR, akasse VARCHAR",
    "fravaer": "pnr VARCHAR, fravaer_id VARCHAR, kode INTEGER, fra DATE, til DATE",
    "maalgruppe": "pnr VARCHAR, periode_id VARCHAR, fra DATE, til DATE, kontaktgruppe INTEGER, visitation VARCHAR",
    "tilbud": "pnr VARCHAR, tilbud_id VARCHAR, kategori VARCHAR, fra DATE, til DATE, kommune VARCHAR, akasse VARCHAR",
    "tilmelding": "pnr VARCHAR, dato DATE",
    "forsoeg": "pnr VARCHAR, forloeb_id VARCHAR, akasse VARCHAR, kommune VARCHAR, visitationsdato DATE, afslutningsdato DATE, aarsag VARCHAR, forsikring VARCHAR",
    "person": "pnr VARCHAR, foedselsdato DATE",
    "bopael": "pnr VARCHAR, periode_id VARCHAR, kommune VARCHAR, fra DATE, til DATE",
    "eindkomst": "pnr VARCHAR, maaned VARCHAR, loentimer VARCHAR",
}


def files(data, source, ext, month):
    m = month.replace("-", "")
    out = []
    for f in sorted(glob.glob(os.path.join(data, source, f"{source}_*.{ext}.gz"))):
        ym = os.path.basename(f)[len(source) + 1:len(source) + 7]
        if ym <= m:
            out.append(f)
    return out


def queries(data, month):
    for source, cols in DELIMITED.items():
        fs = files(data, source, "csv", month)
        if not fs:
            continue
        types = "{" + ", ".join(f"'{c.split()[0]}': '{c.split()[1]}'" for c in cols.split(", ")) + "}"
        lst = "[" + ", ".join(f"'{f}'" for f in fs) + "]"
        # The trailer `*EOF*;N` has 2 fields; with null_padding it becomes a row we filter out.
        yield (f"SELECT count(*) FROM read_csv({lst}, delim=';', header=true, columns={types}, "
               f"null_padding=true, ignore_errors=true, compression='gzip') WHERE pnr <> '*EOF*'")
    fs = files(data, "fleur", "dat", month)
    if fs:
        lst = "[" + ", ".join(f"'{f}'" for f in fs) + "]"
        yield ("SELECT count(*) FROM (SELECT substr(l,5,10) AS pnr, substr(l,15,2) AS akasse, "
               "strptime(substr(l,17,8),'%Y%m%d')::DATE AS fra, strptime(substr(l,25,8),'%Y%m%d')::DATE AS til, "
               "substr(l,33,2) AS type, substr(l,35,7)::INTEGER AS timer, substr(l,42,7)::INTEGER AS fradrag, "
               "substr(l,49,1) AS forsikring, substr(l,50,3) AS kommune, "
               "strptime(substr(l,53,8),'%Y%m%d')::DATE AS udbetalt, substr(l,61,1) AS fortegn "
               f"FROM read_csv({lst}, delim='\\x01', header=false, columns={{'l': 'VARCHAR'}}, compression='gzip') "
               "WHERE substr(l,1,4) = '1001')")
