'use strict';
// The client matrix, node-postgres side: `pg` as pinned by
// test/clients/node/package-lock.json (installed there by npm ci), run by
// test/suites/82-client-matrix.sh against the database KC_DB (libpq's
// PGHOST, PGPORT, PGUSER).  The same five cells as matrix.py, one line each:
//
//     cell<TAB>node-postgres<TAB>check<TAB>ok|FAIL<TAB>what was seen
//
// node-postgres returns numeric as a string unless the application
// registers a parser for its OID (1700), which is what Node BI code does;
// this client registers Number for numeric.  Such a parser can only be
// registered for built-in OIDs: kc_money's OID differs from database to
// database, which is why BI tools read the *_bi views.  Every write is
// rolled back.
const path = require('path');
const pg = require(path.join(__dirname, '..', 'node', 'node_modules', 'pg'));

const DB = process.env.KC_DB || 'kc_matrix';
const DRIVER = 'node-postgres';
const CAP_RULE = 'allocation_within_plan';
const PLANNED_2022 = 345500000000;
const PAID_2022 = 323000000000;
const NUMERIC_OID = 1700;
const NUMERIC_20_0_TYPMOD = ((20 << 16) | 0) + 4;  // how PostgreSQL encodes numeric(20,0)
const AMOUNT_COLUMNS = [
  ['fund_plan_bi', 'approved'], ['project_bi', 'cost'], ['project_bi', 'support'],
  ['allocation_bi', 'amount'], ['payment_bi', 'amount'],
  ['plan_fulfilment_bi', 'planned'], ['plan_fulfilment_bi', 'actual'],
  ['report_by_source', 'planned_dong'], ['report_by_province', 'actual_dong'],
];

function emit(check, bad, seen) {
  const status = bad.length === 0 ? 'ok' : 'FAIL';
  const detail = (bad.length === 0 ? seen : bad).join('; ').replace(/\n/g, ' ');
  console.log(['cell', DRIVER, check, status, detail].join('\t'));
}

async function cell(check, fn) {
  const bad = [];
  const seen = [];
  const need = (what, ok, got) => { if (!ok) bad.push(`${what} (got ${JSON.stringify(got)})`); };
  try {
    await fn(need, (t) => seen.push(t));
  } catch (e) {
    bad.push(`no exception (got ${e.code || ''} ${e.message})`);
  }
  emit(check, bad, seen);
}

async function main() {
  const types = {
    getTypeParser: (oid, format) => (oid === NUMERIC_OID && format !== 'binary')
      ? Number : pg.types.getTypeParser(oid, format),
  };
  const client = new pg.Client({ database: DB, types });
  await client.connect();
  const one = async (sql, params) => (await client.query(sql, params)).rows[0];

  await cell('types', async (need, note) => {
    for (const [view, col] of AMOUNT_COLUMNS) {
      const r = await client.query(`SELECT ${col} FROM ${view} LIMIT 1`);
      const f = r.fields[0];
      need(`${view}.${col} has the numeric OID`, f.dataTypeID === NUMERIC_OID, f.dataTypeID);
      if (view.endsWith('_bi')) {
        need(`${view}.${col} is numeric(20,0)`, f.dataTypeModifier === NUMERIC_20_0_TYPMOD, f.dataTypeModifier);
      }
      const v = r.rows[0][col];
      need(`${view}.${col} is a number`, typeof v === 'number', typeof v);
    }
    note('number (OID 1700, typmod numeric(20,0))');
  });

  await cell('sums', async (need, note) => {
    const s = await one('SELECT (SELECT sum(approved) FROM fund_plan_bi WHERE year = 2022) AS planned, ' +
      '(SELECT sum(amount) FROM payment_bi) AS paid');
    need('sum(approved) 2022', s.planned === PLANNED_2022, s.planned);
    need('sum(payment)', s.paid === PAID_2022, s.paid);
    const rows = (await client.query('SELECT amount FROM payment_bi')).rows;
    const total = rows.reduce((a, r) => a + r.amount, 0);
    need('client-side sum', total === PAID_2022, total);
    note(`server ${s.planned}, client ${total}`);
  });

  await cell('filter', async (need, note) => {
    const expected = Number((await one(
      'SELECT count(*) AS n FROM allocation_bi WHERE amount > 1000000000')).n);
    const got = Number((await one(
      'SELECT count(*) AS n FROM allocation WHERE amount > $1::numeric', [1000000000.0])).n);
    need('amount > $1::numeric (a JS number)', got === expected, got);
    const got2 = Number((await one(
      'SELECT count(*) AS n FROM allocation WHERE amount > $1::numeric', ['1000000000.0'])).n);
    need("amount > $1::numeric ('1000000000.0')", got2 === expected, got2);
    const lit = Number((await one(
      'SELECT count(*) AS n FROM allocation WHERE amount > 1000000000.0')).n);
    need('amount > 1000000000.0 literal', lit === expected, lit);
    note(`${got} rows (numeric param)`);
  });

  await cell('write 12.345', async (need, note) => {
    const alloc = (await one('SELECT min(id) AS id FROM allocation')).id;
    // node-postgres sends both the string and the JS number 12.345 as
    // untyped text "12.345": both must be refused, never stored as 12345
    for (const value of ['12.345', 12.345]) {
      await client.query('BEGIN');
      try {
        await client.query("INSERT INTO payment (allocation_id, kind, amount) VALUES ($1, 'advance', $2)",
          [alloc, value]);
        need(`${typeof value} 12.345 refused`, false, 'stored');
      } catch (e) {
        need(`${typeof value} 12.345: SQLSTATE 22P02`, e.code === '22P02', e.code);
      }
      await client.query('ROLLBACK');
    }
    const n = Number((await one('SELECT count(*) AS n FROM payment WHERE amount = 12345')).n);
    need('nothing stored as 12345', n === 0, n);
    note('22P02 for the string and the number');
  });

  await cell('cap 23514', async (need, note) => {
    const a = await one('SELECT plan_id, project_id FROM allocation ORDER BY id LIMIT 1');
    await client.query('BEGIN');
    try {
      await client.query('INSERT INTO allocation (plan_id, project_id, amount) VALUES ($1, $2, $3)',
        [a.plan_id, a.project_id, '1000000000000']);
      need('over the plan refused', false, 'stored');
    } catch (e) {
      need('SQLSTATE 23514', e.code === '23514', e.code);
      need('constraint name', e.constraint === CAP_RULE, e.constraint);
      note(`${e.code} constraint ${e.constraint}`);
    }
    await client.query('ROLLBACK');
  });

  await client.end();
}

main().catch((e) => {
  console.log(`node-postgres could not run: ${e.message}`);
  for (const check of ['types', 'sums', 'filter', 'write 12.345', 'cap 23514']) {
    emit(check, [`${e.code || ''} ${e.message}`], []);
  }
  process.exitCode = 1;
});
