// kc_ext through node-postgres (`pg`, pinned by package-lock.json).
//
// Connects with libpq's environment (PGHOST, PGPORT, PGUSER) to the database
// KC_DB that test/suites/80-clients.sh prepared.  KC_REPORT_SQL is
// demo/report.sql, KC_REPORT_REF psql's unaligned output of its queries
// with a line "---" after each.  Checks reads, parameters and the error's
// constraint field; every write is rolled back.  The last line is
// "N passed, M failed"; a check that cannot run yet prints "skip: ...".
'use strict';

const fs = require('fs');
const assert = require('assert');
const pg = require('pg');

const CAP_RULE = 'allocation_within_plan';
let passed = 0;
let failed = 0;

function check(what, ok, got) {
  if (ok) {
    passed++;
    console.log('ok: ' + what);
  } else {
    failed++;
    console.log('FAIL: ' + what + ' (got: ' + show(got) + ')');
  }
}

function show(v) {
  try {
    return JSON.stringify(v, (k, x) => (typeof x === 'bigint' ? x.toString() + 'n' : x));
  } catch (e) {
    return String(v);
  }
}

function checkEq(what, expected, got) {
  let ok = true;
  try {
    assert.deepStrictEqual(got, expected);
  } catch (e) {
    ok = false;
  }
  check(what + ' = ' + show(expected), ok, got);
}

function skip(what) {
  console.log('skip: ' + what);
}

async function expectError(client, what, sqlstate, text, values) {
  try {
    await client.query(text, values);
    check(what + ' raises', false, 'no error');
    return null;
  } catch (e) {
    checkEq(what + ': code', sqlstate, e.code);
    return e;
  }
}

function reportQueries(path) {
  const kept = fs.readFileSync(path, 'utf8').split('\n')
    .filter((l) => !l.trim().startsWith('\\') && !l.trim().startsWith('--'));
  return kept.join('\n').split(';').map((q) => q.trim()).filter((q) => q.length > 0);
}

function referenceBlocks(path) {
  const blocks = [];
  let cur = [];
  for (const line of fs.readFileSync(path, 'utf8').split('\n')) {
    if (line === '---') {
      blocks.push(cur);
      cur = [];
    } else if (line !== '') {
      cur.push(line);
    }
  }
  return blocks;
}

async function testReport(client) {
  const queries = reportQueries(process.env.KC_REPORT_SQL || 'demo/report.sql');
  const ref = referenceBlocks(process.env.KC_REPORT_REF || 'tmp/clients/report.ref');
  checkEq('demo/report.sql has as many queries as psql ran', ref.length, queries.length);
  const byLabel = {};
  for (let i = 0; i < queries.length; i++) {
    const res = await client.query({ text: queries[i], rowMode: 'array' });
    const rows = res.rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join('|'));
    check('report query ' + (i + 1) + ': ' + rows.length + " rows equal to psql's",
      i < ref.length && JSON.stringify(rows) === JSON.stringify(ref[i]), rows);
    for (const r of rows) byLabel[(i + 1) + ':' + r.split('|')[0]] = r;
  }
  checkEq('whole country, as the 2022 report prints it',
    'Tổng cộng cả nước|345,5 tỷ đồng|323 tỷ đồng|93,48%', byLabel['1:Tổng cộng cả nước']);
  checkEq('national source', 'Khuyến công quốc gia|140 tỷ đồng|136 tỷ đồng|97,14%',
    byLabel['1:Khuyến công quốc gia']);
  checkEq('local sources', 'Khuyến công địa phương|205,5 tỷ đồng|187 tỷ đồng|90,99%',
    byLabel['1:Khuyến công địa phương']);
  checkEq('Ninh Bình', 'Ninh Bình|8,198 tỷ đồng|8,08 tỷ đồng|98,6%', byLabel['3:Ninh Bình']);

  // The BI view: numeric arrives as a string (pg's default), exact.
  const v = await client.query(
    'SELECT source, planned_dong, actual_dong, fulfilment_pct FROM report_by_source ' +
    'WHERE year = 2022 ORDER BY source');
  checkEq('report_by_source', [
    { source: 'local', planned_dong: '205500000000', actual_dong: '187000000000', fulfilment_pct: '90.99' },
    { source: 'national', planned_dong: '140000000000', actual_dong: '136000000000', fulfilment_pct: '97.14' },
    { source: null, planned_dong: '345500000000', actual_dong: '323000000000', fulfilment_pct: '93.48' },
  ], v.rows);
}

async function testReads(client) {
  const q = "SELECT approved, kc_plan(approved, '1.234.567 đồng') AS plan, " +
    "'-9223372036854775808'::kc_money AS lowest FROM fund_plan " +
    "WHERE year = 2022 AND province_code = 'NB' AND source = 'national'";
  let res = await client.query(q);
  checkEq('kc_money read as its text (plain digits)', '3200000000', res.rows[0].approved);
  checkEq('kc_money text -> BigInt', 3200000000n, BigInt(res.rows[0].approved));
  checkEq('kc_plan read as text', '(3200000000,1234567)', res.rows[0].plan);
  checkEq('kc_money minimum read as text', '-9223372036854775808', res.rows[0].lowest);
  const oid = (await client.query("SELECT 'kc_money'::regtype::oid AS oid")).rows[0].oid;
  checkEq("result field dataTypeID is kc_money's oid", oid, res.fields[0].dataTypeID);

  // A type parser per connection, keyed by kc_money's oid (it differs per
  // database): kc_money becomes BigInt, exact over the whole int64 range.
  const types = {
    getTypeParser: (typeOid, format) =>
      (typeOid === oid ? (s) => BigInt(s) : pg.types.getTypeParser(typeOid, format)),
  };
  res = await client.query({ text: q, types });
  checkEq('kc_money with a BigInt type parser', 3200000000n, res.rows[0].approved);
  checkEq('kc_money minimum with a BigInt type parser', -9223372036854775808n, res.rows[0].lowest);
  // The same query prepared by name (extended protocol, reused plan).
  for (let round = 1; round <= 2; round++) {
    res = await client.query({ name: 'kc_read', text: q, types });
    checkEq('named prepared statement, execution ' + round, 3200000000n, res.rows[0].approved);
  }
}

async function testParameters(client) {
  const q = "SELECT $1::kc_money::text AS m, kc_format($1::kc_money, 'tỷ') AS f";
  checkEq("string parameter '345,5 tỷ'", { m: '345500000000', f: '345,5 tỷ đồng' },
    (await client.query(q, ['345,5 tỷ'])).rows[0]);
  checkEq('number parameter 8198000000', { m: '8198000000', f: '8,198 tỷ đồng' },
    (await client.query(q, [8198000000])).rows[0]);
  checkEq('BigInt parameter', { m: '9223372036854775807', f: '9.223.372.036,854775807 tỷ đồng' },
    (await client.query(q, [9223372036854775807n])).rows[0]);
  const e = await expectError(client, "'1,5 đồng' refused", '22P02', 'SELECT $1::kc_money', ['1,5 đồng']);
  if (e) {
    check("'1,5 đồng': the message names the value", e.message.includes('1,5 đồng'), e.message);
    check("'1,5 đồng': there is a hint", Boolean(e.hint), e.hint);
  }
  await expectError(client, 'a number with a fraction (1.5) refused', '22P02', 'SELECT $1::kc_money', [1.5]);
  await expectError(client, 'out of range refused', '22003', 'SELECT $1::kc_money', ['9223372036854775808']);

  // Into a kc_money column, no cast in the SQL: pg sends every parameter as
  // untyped text, so the column's type reads it.
  await client.query('BEGIN');
  try {
    const a = (await client.query('SELECT plan_id, project_id FROM allocation ORDER BY id LIMIT 1')).rows[0];
    const got = [];
    for (const v of ['4 nghìn', 5000, '6.000 đồng']) {
      const r = await client.query(
        'INSERT INTO payment (allocation_id, kind, amount) VALUES ' +
        '((SELECT min(id) FROM allocation WHERE plan_id = $1 AND project_id = $2), $3, $4) ' +
        'RETURNING amount::bigint::text AS amount', [a.plan_id, a.project_id, 'advance', v]);
      got.push(r.rows[0].amount);
    }
    checkEq('INSERT amount from a string, a number, a string with a unit', ['4000', '5000', '6000'], got);
  } finally {
    await client.query('ROLLBACK');
  }
}

// Issue 12: pg sends a JS number as untyped text ('12.345'): never misread.
async function testMachineDecimals(client) {
  const a = (await client.query('SELECT plan_id, project_id FROM allocation ORDER BY id LIMIT 1')).rows[0];
  const ins = 'INSERT INTO payment (allocation_id, kind, amount) VALUES ' +
    '((SELECT min(id) FROM allocation WHERE plan_id = $1 AND project_id = $2), $3, $4) ' +
    'RETURNING amount::bigint::text AS amount';
  const insert = async (what, sqlstate, v) => {
    await client.query('BEGIN');
    try {
      if (sqlstate) return await expectError(client, what, sqlstate, ins, [a.plan_id, a.project_id, 'advance', v]);
      return (await client.query(ins, [a.plan_id, a.project_id, 'advance', v])).rows[0].amount;
    } finally {
      await client.query('ROLLBACK');
    }
  };
  let e = await insert('INSERT the number 12.345 (sent as "12.345") refused', '22P02', 12.345);
  if (e) {
    check('12.345: the message names the value and says ambiguous',
      e.message.includes('12.345') && e.message.includes('ambiguous'), e.message);
    check('12.345: the hint says how to write it', String(e.hint).includes('12.345 đồng'), e.hint);
  }
  e = await insert('INSERT the number 2.5 refused', '22P02', 2.5);
  if (e) {
    check('2.5: not a whole number of đồng, nothing about thousands dots',
      e.message.includes('not a whole number') && !String(e.hint).includes('thousand') &&
      !String(e.detail).includes('thousand'), [e.message, e.detail, e.hint]);
  }
  checkEq("INSERT '12.345 đồng'", '12345', await insert("INSERT '12.345 đồng'", null, '12.345 đồng'));
  checkEq("INSERT '1.234.567'", '1234567', await insert("INSERT '1.234.567'", null, '1.234.567'));
  // numeric bounds against kc_money (42883 under 1.0), exact
  const want = (await client.query(
    'SELECT count(*)::int AS n FROM fund_plan WHERE approved::numeric > 1000000000.5')).rows[0].n;
  checkEq('WHERE approved > $1::numeric with 1000000000.5', want, (await client.query(
    'SELECT count(*)::int AS n FROM fund_plan WHERE approved > $1::numeric', [1000000000.5])).rows[0].n);
  checkEq('WHERE approved > 1000000000.5 (literal)', want, (await client.query(
    'SELECT count(*)::int AS n FROM fund_plan WHERE approved > 1000000000.5')).rows[0].n);
  checkEq("kc_in_unit('3,2 tỷ', 'tỷ')", '3.2',
    (await client.query("SELECT kc_in_unit('3,2 tỷ', 'tỷ') AS v")).rows[0].v);
}

async function testCap(client) {
  const has = (await client.query(
    "SELECT to_regprocedure('kc_enforce_cap(text,regclass,text[],text,regclass,text[],text)') IS NOT NULL AS has"
  )).rows[0].has;
  if (!has) {
    skip('cap violation (code 23514, constraint ' + CAP_RULE +
      '): kc_enforce_cap(text,regclass,text[],text,regclass,text[],text) is not installed');
    return;
  }
  const p = (await client.query(
    'SELECT fp.id AS plan_id, p.id AS project_id, fp.approved::text AS approved ' +
    'FROM fund_plan fp JOIN project p ON p.province_code = fp.province_code ' +
    'AND p.source = fp.source AND p.year = fp.year ' +
    "WHERE fp.year = 2022 AND fp.province_code = 'NB' AND fp.source = 'national' " +
    'ORDER BY p.id LIMIT 1')).rows[0];
  await client.query('BEGIN');
  try {
    await client.query('INSERT INTO allocation (plan_id, project_id, amount) VALUES ($1, $2, $3)',
      [p.plan_id, p.project_id, '1']);
    await client.query('INSERT INTO allocation (plan_id, project_id, amount) VALUES ($1, $2, $3)',
      [p.plan_id, p.project_id, p.approved]);
    check('an allocation over the plan raises', false, 'no error');
  } catch (e) {
    checkEq('error code', '23514', e.code);
    checkEq('error constraint', CAP_RULE, e.constraint);
    checkEq('error table', 'allocation', e.table);
    check('error message names the rule', String(e.message).includes(CAP_RULE), e.message);
    check('error detail is given', Boolean(e.detail), e.detail);
  } finally {
    await client.query('ROLLBACK');
  }
  checkEq('the connection is usable after the error', [{ one: 1 }],
    (await client.query('SELECT 1 AS one')).rows);
}

async function main() {
  const client = new pg.Client({ database: process.env.KC_DB || 'kc_clients' });
  // a server that goes away (a backend crash) is a failure, not an
  // unhandled event that kills the test before it prints its result
  client.on('error', (e) => check('connection stays up', false, String(e)));
  try {
    await client.connect();
    const pkg = JSON.parse(fs.readFileSync(require.resolve('pg/package.json'), 'utf8'));
    console.log('node-postgres ' + pkg.version + ' on node ' + process.version);
    for (const t of [testReport, testReads, testParameters, testMachineDecimals, testCap]) {
      try {
        await t(client);
      } catch (e) {
        check(t.name + ' ran to the end', false, String(e && e.stack));
        if (client._ending) break;
      }
    }
  } catch (e) {
    check('connect', false, String(e));
  } finally {
    await client.end().catch(() => {});
  }
  console.log(passed + ' passed, ' + failed + ' failed');
  process.exitCode = failed === 0 ? 0 : 1;
}

main();
