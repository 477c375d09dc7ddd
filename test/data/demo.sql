-- The kc_ext demo: amounts typed in Vietnamese notation, read and written back.
\pset footer off
CREATE EXTENSION kc_ext;
\echo
\echo 'Amounts as the 2022 report writes them, stored as exact đồng and written back:'
SELECT input,
       input::kc_money AS dong,
       kc_format(input::kc_money, 'tỷ') AS in_ty,
       kc_format(input::kc_money) AS auto
FROM (VALUES ('345,5 tỷ'), ('323 tỷ đồng'), ('140 tỷ'), ('205,5 tỷ'),
             ('8,198 tỷ đồng'), ('8,08 tỷ'), ('1.169 triệu'), ('500 nghìn'),
             ('1.234.567 đồng')) AS t(input);
