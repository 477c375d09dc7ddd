-- demo/rules_at_work.sql -- each statement below breaks a rule declared in
-- demo/rules.sql, and the database refuses it, naming the rule.
\pset footer off
\set VERBOSITY default
\set ON_ERROR_STOP 0
\echo
\echo '=== The rules at work: each of these statements is refused ==='
\echo
\echo '--- Ninh Bình''s national plan (3,2 tỷ) is fully allocated: one more tỷ breaks allocation_within_plan.'
\set ECHO queries
INSERT INTO allocation (plan_id, project_id, amount, allocated_on)
SELECT fp.id, p.id, '1 tỷ', '2022-06-01'
FROM fund_plan fp JOIN project p ON p.code = 'KC-2022-NB-NA-1'
WHERE fp.year = 2022 AND fp.province_code = 'NB' AND fp.source = 'national';
\set ECHO none
\echo
\echo '--- A demonstration model supported at 31% of its cost: Circular 28/2018/TT-BTC allows 30%.'
\set ECHO queries
INSERT INTO project (code, title, year, province_code, category, source, approved_on, cost, support)
VALUES ('KC-2022-NB-DEMO', 'Mô hình trình diễn kỹ thuật', 2022, 'NB', 'demonstration_model', 'local',
        '2022-06-01', '3 tỷ', '930 triệu');
\set ECHO none
\echo
\echo '--- 2022 is settled and closed; its plans stop changing.'
\set ECHO queries
SELECT kc_close_year(2022, 'Quyết toán kinh phí khuyến công năm 2022 đã được phê duyệt');
UPDATE fund_plan SET approved = approved + '1 triệu'::kc_money
WHERE year = 2022 AND province_code = 'NB' AND source = 'local';
\set ECHO none
\echo
\echo '--- The declared rules:'
\set ECHO queries
SELECT rule_name, child_table, amount_column, parent_table, limit_column FROM kc_caps ORDER BY rule_name;
\set ECHO none
\set ON_ERROR_STOP 1
