-- demo/report.sql -- the 2022 khuyến công report, asked of the database.
-- psql echoes each query before its result (ECHO queries), so a reader sees
-- how to ask it.
\pset footer off
\echo
\echo '=== Kinh phí khuyến công năm 2022 — the report''s figures (provincial split invented) ==='
\echo
\echo '--- By funding source, GROUP BY ROLLUP (source) over kc_fulfilment.'
\echo '--- The report truncates to 2 decimals (93,48 and 90,99): the rounding mode is a parameter.'
\set ECHO queries
SELECT CASE WHEN grouping(source) = 1 THEN 'Tổng cộng cả nước'
            ELSE kc_source_label(source) END                           AS "Nguồn kinh phí",
       kc_format(kc_planned(kc_fulfilment(planned, actual)), 'tỷ')     AS "Kế hoạch",
       kc_format(kc_actual(kc_fulfilment(planned, actual)), 'tỷ')      AS "Thực hiện",
       kc_format_pct(kc_pct(kc_fulfilment(planned, actual), 2, 'trunc')) AS "Đạt (% kế hoạch)"
FROM plan_fulfilment
WHERE year = 2022
GROUP BY ROLLUP (source)
ORDER BY grouping(source), source;
\set ECHO none
\echo '--- Each source''s share of the whole plan ("chiếm X%"): kc_pct(part, whole).'
\set ECHO queries
SELECT kc_source_label(source)                                         AS "Nguồn kinh phí",
       kc_format_pct(kc_pct(sum(planned),
                            (SELECT sum(planned) FROM plan_fulfilment WHERE year = 2022))) AS "Chiếm (% tổng kế hoạch)"
FROM plan_fulfilment
WHERE year = 2022
GROUP BY source
ORDER BY source;
\set ECHO none
\echo '--- By province, all sources, sorted by fulfilment; one decimal half up, as the report prints Ninh Bình (98,6%).'
\set ECHO queries
SELECT pr.name                                   AS "Tỉnh, thành phố",
       kc_format(kc_planned(f), 'tỷ')            AS "Kế hoạch",
       kc_format(kc_actual(f), 'tỷ')             AS "Thực hiện",
       kc_format_pct(kc_pct(f, 1, 'half_up'))    AS "Đạt"
FROM (SELECT province_code, kc_fulfilment(planned, actual) AS f
      FROM plan_fulfilment
      WHERE year = 2022
      GROUP BY province_code) s
JOIN province pr ON pr.code = s.province_code
ORDER BY kc_pct(f, 6) DESC, pr.name;
\set ECHO none
