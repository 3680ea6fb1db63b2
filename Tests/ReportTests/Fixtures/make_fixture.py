#!/usr/bin/env python3
"""Writes the hand-made published/ fixture of the report tests (month 2020-12).

The values are invented; the files follow OUTPUTS.md (names, columns, labels, grids, Danish
number format) and contain every presentation case the report must handle: `*`, `.`, `NaN`,
empty jobsamtaler shares, and counts with a thousands separator (`1.234`). Run it again only
to change the fixture on purpose: `python3 make_fixture.py` (writes ./published/).
"""
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "published")
AK = ["3F-A", "BUPL-A", "Dansk Metal-A", "FOA-A", "FTF-A", "HK-A", "MA-A", "Min-A", "SL-A", "I alt"]
MONTHS = ["2020M09", "2020M10", "2020M11", "2020M12"]
M = "2020M12"


def write(name, header, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write(";".join(header) + "\n")
        for r in rows:
            f.write(";".join(str(x) for x in r) + "\n")


def dk(n):
    """Danish integer: thousands separator `.`."""
    return f"{n:,}".replace(",", ".")


def cell(n, zero="."):
    """A count as published in the Måling tables: 0 -> zero symbol, 1-2 -> `*`."""
    if n == 0:
        return zero
    if n <= 2:
        return "*"
    return dk(n)


def counts(seed, i, j):
    """Deterministic invented count for a-kasse i, month j (some 0, 1-2 and >= 1000)."""
    v = (seed * 37 + i * 53 + j * 29) % 97
    if i == 1:
        return [0, 1, 2, 4][j % 4]  # BUPL-A: small counts -> `.` and `*`
    return v * (11 if i == 0 else 1)


def series(name, seed, share=True, with_total_month=True):
    rows = []
    months = MONTHS + (["I alt"] if with_total_month else [])
    for j, m in enumerate(months):
        if m == "I alt":
            per = [sum(counts(seed, i, k) for k in range(len(MONTHS))) for i in range(9)]
        else:
            per = [counts(seed, i, j) for i in range(9)]
        tot = sum(per)
        for i, a in enumerate(AK):
            n = tot if a == "I alt" else per[i]
            row = [m, a, cell(n)]
            if share:
                row.append("." if tot == 0 else ("*" if tot <= 2 else str(round(100 * n / tot))))
            rows.append(row)
    return rows


def main():
    write("status.csv",
          ["maaned", "akasse", "omfattet_sidste_uge", "paabegyndte", "afsluttede", "unikke_samtaler",
           "personer_paabegyndt_tilbud", "tilbud_vejledning_opkvalificering", "tilbud_virksomhedspraktik",
           "gns_unikke_samtaler_fuld_periode"],
          [[M, a, dk(25034) if a == "I alt" else dk(1000 + 97 * i) if i != 1 else "*",
            dk(1690) if a == "I alt" else str(20 + 3 * i) if i != 1 else "0",
            dk(1987) if a == "I alt" else str(30 + 5 * i) if i != 1 else "*",
            dk(4385) if a == "I alt" else str(200 + 11 * i),
            "431" if a == "I alt" else str(10 + i) if i != 1 else "*",
            "331" if a == "I alt" else str(7 + i) if i != 1 else "0",
            "100" if a == "I alt" else str(3 + i) if i != 1 else "*",
            "3,3" if a == "I alt" else "*" if i == 1 else f"{2 + i / 10:.1f}".replace(".", ",")]
           for i, a in enumerate(AK)])
    write("m1_1_paabegyndte.csv", ["maaned", "akasse", "antal", "andel"], series("1.1", 1))
    rows = []
    aarsager = ["Behov for tidlig indsats", "Behov for uddannelsespålæg", "Forsøgsperiode afsluttet",
                "Kommune ej i forsøg", "Optjent ny dagpengeret", "Udmeldt af a-kasse i forsøg", "I alt"]
    for j, m in enumerate(MONTHS + ["I alt"]):
        for i, a in enumerate(AK):
            for k, aa in enumerate(aarsager):
                n = (i * 7 + j * 13 + k * 17) % 23 if aa != "I alt" else 60 + i
                if aa == "Kommune ej i forsøg":
                    n = 0
                if aa == "Optjent ny dagpengeret":
                    n = 1 + (i % 2)
                rows.append([m, a, aa, cell(n), "." if n == 0 else "*" if n <= 2 else str(n % 40)])
    write("m1_2_afsluttede.csv", ["maaned", "akasse", "aarsag", "antal", "andel"], rows)
    write("m1_3_omfattede.csv", ["maaned", "akasse", "antal", "andel"], series("1.3", 3, with_total_month=False))
    rows = []
    for j, m in enumerate(MONTHS + ["I alt"]):
        for i, a in enumerate(AK):
            for k, s in enumerate(["0", "1", "2", "3+"]):
                if j < 2:  # no FA forløb in the first two months: empty denominators
                    rows.append([m, a, s, ".", "."])
                elif i == 1:
                    rows.append([m, a, s, "*", "*"])
                else:
                    n = 3 + (i + k * 5 + j) % 40
                    rows.append([m, a, s, str(n), str([10, 20, 30, 40][k])])
    write("m2_1_samtaler_per_deltager.csv", ["maaned", "akasse", "samtaler", "antal", "andel"], rows)
    rows = []
    for j, m in enumerate(MONTHS + ["I alt"]):
        for i, a in enumerate(AK):
            g = "." if j < 2 else "*" if i == 1 else f"{2 + (i + j) / 10:.1f}".replace(".", ",")
            rows.append([m, a, g])
    write("m2_1_gennemsnit.csv", ["maaned", "akasse", "gennemsnit"], rows)
    rows = []
    for j, m in enumerate(MONTHS + ["Gennemsnit"]):
        for i, a in enumerate(AK):
            if j < 2:
                rows.append([m, a, ".", ".", "."])
            elif i == 1:
                rows.append([m, a, "*", ".", "*"])
            elif m == "Gennemsnit":
                rows.append([m, a, dk(400 + 300 * i), str(30 + i), str(80 + i)])
            else:
                rows.append([m, a, str(100 + 40 * i + j), str(10 + i), str(78 + i + j)])
    write("m2_2_fokusmaal.csv", ["maaned", "akasse", "ja", "nej", "andel"], rows)
    rows = []
    types = ["CV samtale", "Fælles jobsamtale", "Jobsamtale", "Rådighedssamtale", "I alt unik"]
    for j, m in enumerate(MONTHS + ["I alt"]):
        for i, a in enumerate(AK):
            for k, t in enumerate(types):
                n = 0 if (t == "Fælles jobsamtale" and j % 2 == 0) else (1 if i == 1 else 100 * (i + 1) + 10 * j + k)
                if a == "I alt":
                    n = 1000 + 123 * k + j
                rows.append([m, a, t, "0" if n == 0 else cell(n)])
    write("m2_3_samtaler.csv", ["maaned", "akasse", "samtaletype", "antal"], rows)
    rows = []
    for j, m in enumerate(MONTHS + ["I alt"]):
        for i, a in enumerate(AK):
            rows.append([m, a, "*" if i == 1 else "100", "NaN" if j % 2 == 0 else "*" if i == 1 else "0"])
    write("m2_3_sammen.csv", ["maaned", "akasse", "andel_jobsamtaler", "andel_faelles_jobsamtaler"], rows)
    rows = []
    kat = ["Vejledning og opkvalificering", "6 ugers jobrettet uddannelse", "Virksomhedspraktik", "Løntilskud",
           "Rådighedsafprøvende tilbud", "I alt"]
    for j, m in enumerate(MONTHS + ["I alt"]):
        for i, a in enumerate(AK):
            vals = [0 if i == 1 else 5 + (i * 3 + j * 7 + k) % 30 for k in range(5)]
            vals[4] = 0
            vals[3] = 2 if i != 1 else 0
            tot = sum(vals)
            for k, c in enumerate(kat):
                n = tot - 1 if c == "I alt" and tot > 3 else (tot if c == "I alt" else vals[k])
                share = "100" if c == "I alt" and tot > 2 else ("." if tot == 0 else ("*" if tot <= 2 else str(round(100 * n / tot))))
                rows.append([m, a, c, cell(n), share])
    write("m3_1_tilbud.csv", ["maaned", "akasse", "kategori", "personer", "andel"], rows)
    rows = []
    for pop, size, drop in [("Forsøg", 7268, 2.4), ("Ikke-forsøg", 25015, 2.0)]:
        for w in range(27):
            v = 100.0 if w == 0 else max(20.0, 100 - drop * w - (w % 3) * 0.35)
            rows.append(["2020K1", pop, str(w), dk(size), f"{v:.1f}".replace(".", ",")])
    write("m4_1_afgang.csv", ["kvartal", "population", "uge", "kohorte", "andel_paa_dagpenge"], rows)
    rows = []
    for pop, vals in [("Forsøg", [44.6, 31.2, 14.0, 10.2]), ("Ikke-forsøg", [41.0, 33.8, 15.1, 10.1])]:
        for s, v in zip(["Beskæftigelse", "Dagpenge", "Anden offentlig forsørgelse", "Øvrige"], vals):
            rows.append(["2020K1", pop, s, f"{v:.1f}".replace(".", ",")])
    write("m4_2_status.csv", ["kvartal", "population", "status", "andel"], rows)
    # Bilag: a few kommuner (Danish order, Aa as Å) with their permitted a-kasser, then I alt.
    kommuner = [("Albertslund", ["3F-A", "FOA-A", "HK-A"]), ("Ærø", ["3F-A", "FTF-A"]),
                ("Aarhus", AK[:9]), ("København", AK[:9])]
    rows, rows_a, rows_f = [], [], []
    tot = {a: 0 for a in AK}
    for ki, (k, allowed) in enumerate(kommuner):
        ks = 0
        for i, a in enumerate(AK[:9]):
            if a in allowed:
                n = (ki * 5 + i * 3) % 9 if k != "København" else 10 + 200 * i
                ks += n
                tot[a] += n
                rows.append([k, a, "0" if n == 0 else cell(n)])
        rows.append([k, "I alt", "0" if ks == 0 else cell(ks)])
        tot["I alt"] += ks
        for g in ["Behov for tidlig indsats", "Forsøgsperiode afsluttet", "Øvrige", "I alt"]:
            for a in allowed + ["I alt"]:
                n = 0 if g == "Behov for tidlig indsats" else (AK.index(a) + ki) % 5
                rows_a.append([k, a, g, "0" if n == 0 else cell(n)])
        for s in ["Ja", "Nej", "I alt"]:
            for a in allowed + ["I alt"]:
                n = {"Ja": 1200, "Nej": 1, "I alt": 1201}[s] if k == "København" else {"Ja": 4, "Nej": 0, "I alt": 4}[s]
                rows_f.append([k, a, s, "0" if n == 0 else cell(n)])
    for a in AK:
        rows.append(["I alt", a, "0" if tot[a] == 0 else cell(tot[a])])
        for g in ["Behov for tidlig indsats", "Forsøgsperiode afsluttet", "Øvrige", "I alt"]:
            rows_a.append(["I alt", a, g, "0" if g == "Behov for tidlig indsats" else str(5 + AK.index(a))])
        for s, n in [("Ja", 1208), ("Nej", 7), ("I alt", 1215)]:
            rows_f.append(["I alt", a, s, dk(n)])
    write("bilag1_paabegyndte.csv", ["kommune", "akasse", "antal"], rows)
    write("bilag1_afsluttede.csv", ["kommune", "akasse", "aarsagsgruppe", "antal"], rows_a)
    write("bilag2_fokus.csv", ["kommune", "akasse", "svar", "antal"], rows_f)
    rows = []
    for tabel, months in [("3a", MONTHS), ("3b", MONTHS)]:
        for j, m in enumerate(months + ["I alt"]):
            for i, a in enumerate(AK):
                if j < 2:
                    rows.append([tabel, m, a, "*", "*", "*"])
                else:
                    ja, nej = (1, 0) if i == 1 else (130 + i + j, 18 + i)
                    if a == "I alt":
                        ja, nej = 1001, 141
                    rows.append([tabel, m, a, cell(ja, "*"), cell(nej, "*"), cell(ja + nej, "*")])
    write("bilag3_fokus.csv", ["tabel", "maaned", "akasse", "ja", "nej", "i_alt"], rows)
    # Jobsamtaler (Part A, undiscretised): the country and three kommuner, two groups.
    varighed = ["Under 1 måned"] + ["1 måned"] + [f"{n} måneder" for n in range(2, 12)] + \
        ["12 måneder og derover", "Under 12 måneder", "1 – 2 år", "3 – 5 år", "6 – 9 år", "10 + år", "I alt"]
    rows = []
    for kommune in ["101", "751", "825", "I alt"]:
        for g in ["A-dagpenge", "Kontanthjælp", "I alt"]:
            for vi, v in enumerate(varighed):
                base = (vi * 7 + len(g) + int(kommune) if kommune != "I alt" else vi * 7 + len(g)) % 13
                s = [base + 2, base + 1, base, 3, 2, 1] if kommune != "I alt" else [1200 + vi, 900, 800, 700, 600, 500]
                if kommune == "825" and v == "12 måneder og derover" and g != "A-dagpenge":
                    s = [0] * 6
                p = sum(s)
                f = sum(s[:4])
                andel = "" if p == 0 else f"{100 * f / p:.2f}".replace(".", ",")
                rows.append(["2020M12", kommune, g, v] + [dk(x) for x in s] + [dk(p), dk(f), andel, str(vi % 4)])
    write("jobsamtaler.csv", ["maaned", "kommune", "ydelsesgruppe", "varighed", "samtaler_0", "samtaler_1",
                              "samtaler_2", "samtaler_3", "samtaler_4", "samtaler_5plus", "personer",
                              "faerre_end_4", "andel_faerre_end_4", "fritagne"], rows)
    write("jobsamtaler_fokus.csv", ["periode", "kommune", "ydelsesgruppe", "andel_faerre_end_4_gns"],
          [["2020M01-2020M12", "101", "I alt", "81,25"], ["2020M01-2020M12", "751", "I alt", "90,03"],
           ["2020M01-2020M12", "825", "I alt", ""], ["2020M01-2020M12", "I alt", "I alt", "84,99"]])


if __name__ == "__main__":
    main()
