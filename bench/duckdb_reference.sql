-- The DuckDB reference for `make bench` (issue 11): benefit spells and durations for
-- reporting month M, computed from the raw deliveries the way a data engineer would
-- write it in SQL (read the gzip files, keep the latest version of keyed records,
-- gaps-and-islands for spells, a calendar expansion for AD hours and dead days).
-- bench/bench.py fills the placeholders in braces (file lists of the deliveries <= M, first(M),
-- last(M)) and runs the statements in order on 2 threads; the last one returns
-- (spells, measured spells, sum of durations) so every result is materialised.
--
-- What it computes (RULES.md):
--   SPELL-1 dagpengeperioder from taeller (next foerste_dag cuts the period);
--   DUR-2/DUR-3 FLEUR net hours per (pnr, type, fra, til) for types 01-05, spread over
--     the record's weekdays in proportion to 1/wd(month) (R cancels), or all on
--     periode_til when the record has no weekday; DUR-4/DUR-5 AD duration = hours on
--     non-dead days from foerste_dag to E, E = last paid day in M;
--   SPELL-2 SDP: ksd rows merged when start2 <= slut1 - 1 (same start always merges);
--   SPELL-3 municipal groups (KH, UH, SHO, REV incl. FREV, RES, JAF, LED): a new spell
--     when a whole calendar month without G lies between p and d, or (SPELL-4) another
--     benefit (AD payment, SDP, another ky group, SHOP, FTP) falls on a day in between;
--   DUR-1 days from start to E minus dead days; DEAD-1 corona 2020-03-01..2020-06-30 and
--     fravaer codes 1 and 90; CONV-10 only facts dated <= last(M).
-- Not modelled (they change few rows and no cost class): SPELL-5 SHO absorption,
-- SPELL-7/8 (2025-07 conversion and kontaktgruppe shift), POP-1..4 selection, Skema 1
-- labels. Keyed records: the last occurrence wins, in file order (the file lists are in
-- month order) then line order (`row_number() OVER ()` over the scan, which keeps the
-- insertion order; read_csv has no line numbers).

SET threads TO 2;

-- ---------------------------------------------------------------- raw deliveries
CREATE OR REPLACE TEMP TABLE taeller AS
SELECT pnr, foerste_dag, sidste_dag, forsikring
FROM (SELECT *, row_number() OVER () AS ordinal FROM read_csv({taeller_files}, delim=';', header=true, null_padding=true, ignore_errors=true,
              compression='gzip',
              columns={{'pnr': 'VARCHAR', 'periode_id': 'VARCHAR', 'foerste_dag': 'DATE', 'sidste_dag': 'DATE',
                        'forsikring': 'VARCHAR'}}))
WHERE pnr <> '*EOF*' AND foerste_dag <= DATE '{last_m}'
QUALIFY row_number() OVER (PARTITION BY periode_id ORDER BY ordinal DESC) = 1;

CREATE OR REPLACE TEMP TABLE ksd AS
SELECT pnr, "start", slut
FROM (SELECT *, row_number() OVER () AS ordinal FROM read_csv({ksd_files}, delim=';', header=true, null_padding=true, ignore_errors=true,
              compression='gzip',
              columns={{'pnr': 'VARCHAR', 'forloeb_id': 'VARCHAR', 'start': 'DATE', 'slut': 'DATE', 'kommune': 'VARCHAR'}}))
WHERE pnr <> '*EOF*' AND "start" <= DATE '{last_m}'
QUALIFY row_number() OVER (PARTITION BY forloeb_id ORDER BY ordinal DESC) = 1;

CREATE OR REPLACE TEMP TABLE fravaer AS
SELECT pnr, fra, LEAST(COALESCE(til, DATE '{last_m}'), DATE '{last_m}') AS til
FROM (SELECT *, row_number() OVER () AS ordinal FROM read_csv({fravaer_files}, delim=';', header=true, null_padding=true, ignore_errors=true,
              compression='gzip',
              columns={{'pnr': 'VARCHAR', 'fravaer_id': 'VARCHAR', 'kode': 'INTEGER', 'fra': 'DATE', 'til': 'DATE'}}))
WHERE pnr <> '*EOF*' AND fra <= DATE '{last_m}'
QUALIFY row_number() OVER (PARTITION BY fravaer_id ORDER BY ordinal DESC) = 1 AND kode IN (1, 90);

-- ky has no key: every line counts, cut at last(M) (CONV-10).
CREATE OR REPLACE TEMP TABLE ky AS
SELECT pnr,
       CASE ydelse WHEN 'FREV' THEN 'REV' ELSE ydelse END AS ydelse,
       fra, LEAST(til, DATE '{last_m}') AS til
FROM read_csv({ky_files}, delim=';', header=true, null_padding=true, ignore_errors=true, compression='gzip',
              columns={{'pnr': 'VARCHAR', 'ydelse': 'VARCHAR', 'sats': 'VARCHAR', 'fra': 'DATE', 'til': 'DATE',
                        'kommune': 'VARCHAR', 'loentilskud': 'VARCHAR'}})
WHERE pnr <> '*EOF*' AND fra <= DATE '{last_m}';

-- FLEUR: fixed width, data records only; DUR-2 net hours per record group, types 01-05.
CREATE OR REPLACE TEMP TABLE fleur AS
SELECT pnr, ydelsestype, fra, til, SUM(sign * (timer - fradrag)) / 100.0 AS net
FROM (
    SELECT substr(l, 5, 10) AS pnr, substr(l, 33, 2) AS ydelsestype,
           strptime(substr(l, 17, 8), '%Y%m%d')::DATE AS fra, strptime(substr(l, 25, 8), '%Y%m%d')::DATE AS til,
           substr(l, 35, 7)::BIGINT AS timer, substr(l, 42, 7)::BIGINT AS fradrag,
           CASE substr(l, 61, 1) WHEN '-' THEN -1 ELSE 1 END AS sign
    FROM read_csv({fleur_files}, delim='\x01', header=false, columns={{'l': 'VARCHAR'}}, compression='gzip')
    WHERE substr(l, 1, 4) = '1001'
)
WHERE ydelsestype IN ('01', '02', '03', '04', '05')
GROUP BY pnr, ydelsestype, fra, til
HAVING SUM(sign * (timer - fradrag)) > 0;

-- ---------------------------------------------------------------- calendar and dead days
CREATE OR REPLACE TEMP TABLE weekdays_in_month AS
SELECT date_trunc('month', d)::DATE AS m, count(*) FILTER (WHERE isodow(d) <= 5) AS wd
FROM (SELECT unnest(generate_series(DATE '2000-01-01', DATE '2040-12-31', INTERVAL 1 DAY))::DATE AS d)
GROUP BY 1;

-- DEAD-1 (b): the distinct days covered by fravaer 1/90, outside the corona period (counted apart).
CREATE OR REPLACE TEMP TABLE dead_days AS
SELECT DISTINCT pnr, unnest(generate_series(fra, til, INTERVAL 1 DAY))::DATE AS d
FROM fravaer WHERE til >= fra;
DELETE FROM dead_days WHERE d BETWEEN DATE '2020-03-01' AND DATE '2020-06-30';

-- ---------------------------------------------------------------- AD (SPELL-1, DUR-3..5)
CREATE OR REPLACE TEMP TABLE ad_spells AS
SELECT pnr, foerste_dag AS "start",
       LEAST(COALESCE(sidste_dag, DATE '9999-12-31'),
             COALESCE(lead(foerste_dag) OVER (PARTITION BY pnr ORDER BY foerste_dag) - 1, DATE '9999-12-31')) AS slut,
       forsikring
FROM taeller;

-- DUR-5: the spells measured in M and E = the last day in M covered by one of their paid records.
CREATE OR REPLACE TEMP TABLE ad_measured AS
SELECT s.pnr, s."start", s.slut, max(LEAST(f.til, s.slut, DATE '{last_m}')) AS e
FROM ad_spells s JOIN fleur f ON f.pnr = s.pnr AND f.fra <= LEAST(s.slut, DATE '{last_m}')
                             AND f.til >= GREATEST(s."start", DATE '{first_m}')
GROUP BY s.pnr, s."start", s.slut;

-- Hours per day of every paid record of those spells up to E:
-- h(d) = H * (1/wd(m(d))) / sum of 1/wd over the record's weekdays.
CREATE OR REPLACE TEMP TABLE ad_days AS
WITH records AS (
    SELECT DISTINCT f.* FROM fleur f JOIN ad_measured m
        ON f.pnr = m.pnr AND f.til >= m."start" AND f.fra <= m.e
), days AS (
    SELECT pnr, ydelsestype, fra, til, net, unnest(generate_series(fra, til, INTERVAL 1 DAY))::DATE AS d FROM records
), weighted AS (
    SELECT days.*, CASE WHEN isodow(d) <= 5 THEN 1.0 / w.wd ELSE 0 END AS weight
    FROM days JOIN weekdays_in_month w ON w.m = date_trunc('month', days.d)
), shares AS (
    SELECT *, SUM(weight) OVER (PARTITION BY pnr, ydelsestype, fra, til) AS total FROM weighted
)
SELECT pnr, d,
       CASE WHEN total > 0 THEN net * weight / total WHEN d = til THEN net ELSE 0 END AS h
FROM shares;

CREATE OR REPLACE TEMP TABLE ad_durations AS
SELECT m.pnr, 'AD' AS gruppe, m."start", m.e,
       round(COALESCE(SUM(x.h) FILTER (WHERE x.d NOT BETWEEN DATE '2020-03-01' AND DATE '2020-06-30'
                                         AND dd.d IS NULL), 0), 2) AS varighed
FROM ad_measured m
JOIN ad_days x ON x.pnr = m.pnr AND x.d BETWEEN m."start" AND m.e
LEFT JOIN dead_days dd ON dd.pnr = x.pnr AND dd.d = x.d
GROUP BY m.pnr, m."start", m.e;

-- ---------------------------------------------------------------- SDP (SPELL-2, DUR-1)
CREATE OR REPLACE TEMP TABLE sdp_spells AS
WITH ordered AS (
    SELECT pnr, "start", COALESCE(slut, DATE '9999-12-31') AS slut,
           max(COALESCE(slut, DATE '9999-12-31')) OVER (PARTITION BY pnr ORDER BY "start", slut DESC NULLS FIRST
                                                         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach,
           lag("start") OVER (PARTITION BY pnr ORDER BY "start", slut DESC NULLS FIRST) AS prev_start
    FROM ksd
), islands AS (
    SELECT *, SUM(CASE WHEN reach IS NULL THEN 1
                       WHEN "start" = prev_start OR "start" <= reach - 1 THEN 0 ELSE 1 END)
              OVER (PARTITION BY pnr ORDER BY "start", slut DESC ROWS UNBOUNDED PRECEDING) AS island
    FROM ordered
)
SELECT pnr, min("start") AS "start", max(slut) AS slut FROM islands GROUP BY pnr, island;

-- ---------------------------------------------------------------- municipal groups (SPELL-3, SPELL-4)
-- Other benefits for SPELL-4: AD payments, SDP spells, ky lines of any ydelse (incl. SHOP, FTP).
CREATE OR REPLACE TEMP TABLE other_benefit AS
SELECT pnr, 'AD' AS g, fra, LEAST(til, DATE '{last_m}') AS til FROM fleur
UNION ALL SELECT pnr, 'SDP', "start", LEAST(slut, DATE '{last_m}') FROM sdp_spells
UNION ALL SELECT pnr, ydelse, fra, til FROM ky WHERE ydelse <> 'SKH';

CREATE OR REPLACE TEMP TABLE municipal_spells AS
WITH lines AS (
    SELECT pnr, ydelse AS g, fra, til,
           max(til) OVER (PARTITION BY pnr, ydelse ORDER BY fra, til
                          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS p
    FROM ky WHERE ydelse IN ('KH', 'UH', 'SHO', 'REV', 'RES', 'JAF', 'LED') AND til >= fra
), switched AS (
    -- (c) SPELL-4: another benefit on a day strictly between p and d (only gaps need the check).
    SELECT DISTINCT l.pnr, l.g, l.fra, l.til
    FROM lines l JOIN other_benefit o
      ON o.pnr = l.pnr AND o.g <> l.g AND o.fra <= l.fra - 1 AND o.til >= l.p + 1
    WHERE l.fra > l.p + 1 AND l.fra < date_trunc('month', l.p) + INTERVAL 2 MONTH
), gaps AS (
    -- (b) a whole calendar month strictly between p and d <=> d >= first day of month(p) + 2 months.
    SELECT l.*,
           CASE WHEN p IS NULL THEN 1
                WHEN fra >= date_trunc('month', p) + INTERVAL 2 MONTH THEN 1
                WHEN s.pnr IS NOT NULL THEN 1
                ELSE 0 END AS breaks
    FROM lines l LEFT JOIN (SELECT DISTINCT * FROM switched) s USING (pnr, g, fra, til)
), islands AS (
    SELECT *, SUM(breaks) OVER (PARTITION BY pnr, g ORDER BY fra, til ROWS UNBOUNDED PRECEDING) AS island FROM gaps
)
SELECT pnr, g, min(fra) AS "start", max(til) AS slut,
       max(til) FILTER (WHERE fra <= DATE '{last_m}' AND til >= DATE '{first_m}') AS e
FROM islands GROUP BY pnr, g, island;

-- ---------------------------------------------------------------- day durations (DUR-1, DEAD-1)
CREATE OR REPLACE TEMP TABLE day_durations AS
WITH measured AS (
    SELECT pnr, 'SDP' AS gruppe, "start", LEAST(slut, DATE '{last_m}') AS e FROM sdp_spells
    WHERE "start" <= DATE '{last_m}' AND slut >= DATE '{first_m}'
    UNION ALL
    SELECT pnr, g, "start", e FROM municipal_spells WHERE e IS NOT NULL
)
SELECT m.pnr, m.gruppe, m."start", m.e,
       (m.e - m."start" + 1)
       - GREATEST(0, LEAST(m.e, DATE '2020-06-30') - GREATEST(m."start", DATE '2020-03-01') + 1)
       - (SELECT count(*) FROM dead_days dd WHERE dd.pnr = m.pnr AND dd.d BETWEEN m."start" AND m.e) AS varighed
FROM measured m;

-- ---------------------------------------------------------------- result
SELECT (SELECT count(*) FROM ad_spells) + (SELECT count(*) FROM sdp_spells)
       + (SELECT count(*) FROM municipal_spells) AS spells,
       (SELECT count(*) FROM ad_durations) + (SELECT count(*) FROM day_durations) AS measured,
       (SELECT COALESCE(SUM(varighed), 0) FROM ad_durations) + (SELECT COALESCE(SUM(varighed), 0) FROM day_durations) AS total;
