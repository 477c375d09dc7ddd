#!/usr/bin/python3
"""The client matrix, Python side: psycopg 3, psqlODBC through pyodbc, and
SQLAlchemy with pandas (over psycopg2), all Debian packages, run with
/usr/bin/python3 by test/suites/82-client-matrix.sh.

Connects with libpq's environment (PGHOST, PGPORT, PGUSER) to the database
KC_DB that the suite prepared: demo/schema.sql, demo/data_2022.sql and
demo/rules.sql.  For each driver it checks the five cells of the matrix
(see CHECKS) and prints one line per cell:

    cell<TAB>driver<TAB>check<TAB>ok|FAIL<TAB>what was seen

The suite draws the table and counts each cell as one check.  Every write
is rolled back.
"""

import os
import sys
import traceback
import warnings
from decimal import Decimal

DB = os.environ.get("KC_DB", "kc_matrix")
HOST = os.environ.get("PGHOST", "127.0.0.1")
PORT = os.environ.get("PGPORT", "5432")
USER = os.environ.get("PGUSER", "postgres")
ODBC_DRIVER = os.environ.get("KC_ODBC_DRIVER", "/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so")

CAP_RULE = "allocation_within_plan"
# The 2022 report's totals (DESIGN.md): what the BI views must sum to.
PLANNED_2022 = 345500000000
PAID_2022 = 323000000000
# The queries every driver asks.
AMOUNT_COLUMNS = [  # (view, column): every kc_money column, through its _bi view
    ("fund_plan_bi", "approved"), ("project_bi", "cost"), ("project_bi", "support"),
    ("allocation_bi", "amount"), ("payment_bi", "amount"),
    ("plan_fulfilment_bi", "planned"), ("plan_fulfilment_bi", "actual"),
    ("report_by_source", "planned_dong"), ("report_by_province", "actual_dong"),
]
SUM_SQL = ("SELECT (SELECT sum(approved) FROM fund_plan_bi WHERE year = 2022) AS planned, "
           "(SELECT sum(amount) FROM payment_bi) AS paid")
FILTER_THRESHOLD = Decimal("1000000000.0")
FILTER_EXPECTED_SQL = "SELECT count(*) FROM allocation_bi WHERE amount > 1000000000"
FILTER_LITERAL_SQL = "SELECT count(*) FROM allocation WHERE amount > 1000000000.0"
STORED_12345_SQL = "SELECT count(*) FROM payment WHERE amount = 12345"
# one payment under the first allocation; an allocation of 1000 tỷ more
# than any plan
FIRST_ALLOCATION_SQL = "SELECT min(id) FROM allocation"
FIRST_PLAN_PROJECT_SQL = "SELECT plan_id, project_id FROM allocation ORDER BY id LIMIT 1"
OVER_CAP = Decimal("1000000000000")

NUMBER_TYPES = (int, float, Decimal)


def is_number(v):
    return isinstance(v, NUMBER_TYPES) and not isinstance(v, bool)


class Cell:
    """One cell: every assertion inside must hold."""

    def __init__(self, driver, check):
        self.driver, self.check = driver, check
        self.bad = []
        self.seen = []

    def need(self, what, ok, got=None):
        if not ok:
            self.bad.append("%s (got %r)" % (what, got))

    def note(self, text):
        self.seen.append(text)

    def emit(self):
        status = "ok" if not self.bad else "FAIL"
        detail = "; ".join(self.bad) if self.bad else "; ".join(self.seen)
        print("cell\t%s\t%s\t%s\t%s" % (self.driver, self.check, status, detail.replace("\n", " ")))
        sys.stdout.flush()


def run_cell(driver, check, fn):
    cell = Cell(driver, check)
    try:
        fn(cell)
    except Exception as e:  # a cell that crashes is a failed cell
        cell.need("no exception", False, "%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))
        traceback.print_exc(file=sys.stdout)
    cell.emit()


# --- psycopg 3 ------------------------------------------------------------

def psycopg_cells():
    import psycopg

    conn = psycopg.connect(dbname=DB)
    d = "psycopg3"

    def types(cell):
        for view, col in AMOUNT_COLUMNS:
            cur = conn.execute("SELECT %s FROM %s LIMIT 1" % (col, view))
            v = cur.fetchone()[0]
            cell.need("%s.%s is a number" % (view, col), is_number(v), type(v).__name__)
            oid = cur.description[0].type_code
            cell.need("%s.%s has the numeric OID" % (view, col), oid == 1700, oid)
        cell.note("Decimal, OID 1700 (numeric)")

    def sums(cell):
        planned, paid = conn.execute(SUM_SQL).fetchone()
        cell.need("sum(approved) 2022", planned == PLANNED_2022 and is_number(planned), planned)
        cell.need("sum(payment)", paid == PAID_2022 and is_number(paid), paid)
        rows = conn.execute("SELECT amount FROM payment_bi").fetchall()
        s = sum(r[0] for r in rows)
        cell.need("client-side sum", s == PAID_2022, s)
        cell.note("server %s, client %s" % (planned, s))

    def filt(cell):
        expected = conn.execute(FILTER_EXPECTED_SQL).fetchone()[0]
        got = conn.execute("SELECT count(*) FROM allocation WHERE amount > %s", [FILTER_THRESHOLD]).fetchone()[0]
        cell.need("amount > Decimal param", got == expected, got)
        got_f = conn.execute("SELECT count(*) FROM allocation WHERE amount > %s::numeric", [1e9]).fetchone()[0]
        cell.need("amount > float param cast to numeric", got_f == expected, got_f)
        lit = conn.execute(FILTER_LITERAL_SQL).fetchone()[0]
        cell.need("amount > 1000000000.0 literal", lit == expected, lit)
        cell.note("%d rows (Decimal param)" % got)

    def write(cell):
        alloc = conn.execute(FIRST_ALLOCATION_SQL).fetchone()[0]
        try:
            conn.execute("INSERT INTO payment (allocation_id, kind, amount) VALUES (%s, 'advance', %s)",
                         [alloc, "12.345"])
            cell.need("'12.345' refused", False, "stored")
        except psycopg.Error as e:
            cell.need("SQLSTATE 22P02", e.sqlstate == "22P02", e.sqlstate)
            cell.note("%s %s" % (e.sqlstate, e.diag.message_primary))
        conn.rollback()
        n = conn.execute(STORED_12345_SQL).fetchone()[0]
        cell.need("nothing stored as 12345", n == 0, n)
        conn.rollback()

    def cap(cell):
        plan, project = conn.execute(FIRST_PLAN_PROJECT_SQL).fetchone()
        try:
            conn.execute("INSERT INTO allocation (plan_id, project_id, amount) VALUES (%s, %s, %s)",
                         [plan, project, OVER_CAP])
            cell.need("over the plan refused", False, "stored")
        except psycopg.Error as e:
            cell.need("SQLSTATE 23514", e.sqlstate == "23514", e.sqlstate)
            cell.need("constraint name", e.diag.constraint_name == CAP_RULE, e.diag.constraint_name)
            cell.note("%s constraint %s" % (e.sqlstate, e.diag.constraint_name))
        conn.rollback()

    for check, fn in CELLS(types, sums, filt, write, cap):
        run_cell(d, check, fn)
    conn.close()


# --- psqlODBC through pyodbc ----------------------------------------------

def odbc_cells():
    import pyodbc

    # DSN-less: the driver by its path, no odbc.ini needed.
    conn = pyodbc.connect("Driver=%s;Servername=%s;Port=%s;Database=%s;Username=%s;Password=;"
                          % (ODBC_DRIVER, HOST, PORT, DB, USER), autocommit=False)
    d = "psqlODBC"
    cur = conn.cursor()

    def types(cell):
        for view, col in AMOUNT_COLUMNS:
            cur.execute("SELECT %s FROM %s LIMIT 1" % (col, view))
            desc = cur.description[0]
            v = cur.fetchone()[0]
            cell.need("%s.%s is a number" % (view, col), is_number(v), type(v).__name__)
            # (name, type_code, display_size, internal_size, precision, scale, null_ok)
            cell.need("%s.%s described as Decimal" % (view, col), desc[1] is Decimal, desc[1])
            if view.endswith("_bi"):
                cell.need("%s.%s precision 20, scale 0" % (view, col), (desc[4], desc[5]) == (20, 0),
                          (desc[4], desc[5]))
        cols = {c.column_name: c for c in cur.columns(table="allocation_bi")}
        a = cols.get("amount")
        cell.need("SQLColumns: allocation_bi.amount numeric(20,0)",
                  a is not None and (a.type_name, a.column_size, a.decimal_digits) == ("numeric", 20, 0),
                  a and (a.type_name, a.column_size, a.decimal_digits))
        cell.note("Decimal, SQL_NUMERIC precision 20 scale 0")

    def sums(cell):
        cur.execute(SUM_SQL)
        planned, paid = cur.fetchone()
        cell.need("sum(approved) 2022", planned == PLANNED_2022 and is_number(planned), planned)
        cell.need("sum(payment)", paid == PAID_2022 and is_number(paid), paid)
        s = sum(r[0] for r in cur.execute("SELECT amount FROM payment_bi").fetchall())
        cell.need("client-side sum", s == PAID_2022, s)
        cell.note("server %s, client %s" % (planned, s))

    def filt(cell):
        expected = cur.execute(FILTER_EXPECTED_SQL).fetchone()[0]
        got = cur.execute("SELECT count(*) FROM allocation WHERE amount > ?", FILTER_THRESHOLD).fetchone()[0]
        cell.need("amount > ? (Decimal)", got == expected, got)
        lit = cur.execute(FILTER_LITERAL_SQL).fetchone()[0]
        cell.need("amount > 1000000000.0 literal", lit == expected, lit)
        cell.note("%d rows (Decimal param)" % got)

    def write(cell):
        alloc = cur.execute(FIRST_ALLOCATION_SQL).fetchone()[0]
        try:
            cur.execute("INSERT INTO payment (allocation_id, kind, amount) VALUES (?, 'advance', ?)",
                        alloc, "12.345")
            cell.need("'12.345' refused", False, "stored")
        except pyodbc.Error as e:
            cell.need("SQLSTATE 22P02", e.args[0] == "22P02", e.args[0])
            cell.note("%s (SQLSTATE in the exception)" % e.args[0])
        conn.rollback()
        n = cur.execute(STORED_12345_SQL).fetchone()[0]
        cell.need("nothing stored as 12345", n == 0, n)
        conn.rollback()

    def cap(cell):
        plan, project = cur.execute(FIRST_PLAN_PROJECT_SQL).fetchone()
        try:
            cur.execute("INSERT INTO allocation (plan_id, project_id, amount) VALUES (?, ?, ?)",
                        plan, project, OVER_CAP)
            cell.need("over the plan refused", False, "stored")
        except pyodbc.Error as e:
            cell.need("SQLSTATE 23514", e.args[0] == "23514", e.args[0])
            # ODBC has no constraint-name field: the rule is named in the message
            cell.need("rule named in the message", ('"%s"' % CAP_RULE) in e.args[1], e.args[1])
            cell.note("%s, message names %s" % (e.args[0], CAP_RULE))
        conn.rollback()

    for check, fn in CELLS(types, sums, filt, write, cap):
        run_cell(d, check, fn)
    conn.close()


# --- SQLAlchemy with pandas (psycopg2) ------------------------------------

def sqlalchemy_cells():
    import pandas as pd
    import sqlalchemy as sa
    from sqlalchemy import exc

    # libpq reads PGHOST/PGPORT/PGUSER; a socket directory works as well
    engine = sa.create_engine("postgresql+psycopg2:///%s" % DB)
    d = "SQLAlchemy+pandas"

    def types(cell):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            insp = sa.inspect(engine)
            for view, col in AMOUNT_COLUMNS:
                cols = {c["name"]: c["type"] for c in insp.get_columns(view)}
                t = cols.get(col)
                cell.need("%s.%s reflected as NUMERIC" % (view, col), isinstance(t, sa.Numeric), repr(t))
                if view.endswith("_bi"):
                    cell.need("%s.%s NUMERIC(20, 0)" % (view, col),
                              t is not None and (t.precision, t.scale) == (20, 0), repr(t))
            cell.need("no reflection warning", not [x for x in w if "reflect" in str(x.message).lower()
                                                    or "did not recognize" in str(x.message)],
                      [str(x.message) for x in w])
        with engine.connect() as c:
            for view, col in AMOUNT_COLUMNS:
                df = pd.read_sql("SELECT %s FROM %s" % (col, view), c)
                cell.need("%s.%s numeric dtype" % (view, col),
                          pd.api.types.is_numeric_dtype(df[col]), str(df[col].dtype))
        cell.note("NUMERIC(20, 0), pandas %s" % pd.read_sql("SELECT amount FROM allocation_bi", engine)["amount"].dtype)

    def sums(cell):
        with engine.connect() as c:
            df = pd.read_sql(SUM_SQL, c)
            planned, paid = df["planned"][0], df["paid"][0]
            cell.need("sum(approved) 2022", planned == PLANNED_2022 and is_number(planned.item()), planned)
            cell.need("sum(payment)", paid == PAID_2022, paid)
            s = pd.read_sql("SELECT amount FROM payment_bi", c)["amount"].sum()
            cell.need("DataFrame .sum()", not isinstance(s, str) and s == PAID_2022, s)
            fp = pd.read_sql("SELECT source, approved FROM fund_plan_bi WHERE year = 2022", c)
            g = fp.groupby("source")["approved"].sum().to_dict()
            cell.need("groupby sum by source", g == {"national": 140000000000, "local": 205500000000}, g)
            cell.note("server %.0f, DataFrame %.0f" % (planned, s))

    def filt(cell):
        with engine.connect() as c:
            expected = c.execute(sa.text(FILTER_EXPECTED_SQL)).scalar()
            got = c.execute(sa.text("SELECT count(*) FROM allocation WHERE amount > :t"),
                            {"t": FILTER_THRESHOLD}).scalar()
            cell.need("amount > :t (Decimal)", got == expected, got)
            # the ORM way: a Table reflected from the base table, a Decimal bound
            alloc = sa.Table("allocation", sa.MetaData(), sa.Column("id", sa.BigInteger),
                             sa.Column("amount", sa.Numeric))
            got2 = c.execute(sa.select(sa.func.count()).select_from(alloc)
                             .where(alloc.c.amount > FILTER_THRESHOLD)).scalar()
            cell.need("Core select, amount > Decimal", got2 == expected, got2)
            df = pd.read_sql(sa.text("SELECT id FROM allocation WHERE amount > :t"), c,
                             params={"t": FILTER_THRESHOLD})
            cell.need("pandas read_sql with params", len(df) == expected, len(df))
            cell.note("%d rows (Decimal param)" % got)

    def write(cell):
        # (a lookup, then a fresh connection for the write: SQLAlchemy 2.0,
        # Debian 13's, begins a transaction on the first statement)
        with engine.connect() as c:
            alloc = c.execute(sa.text(FIRST_ALLOCATION_SQL)).scalar()
        with engine.connect() as c:
            trans = c.begin()
            try:
                pd.DataFrame({"allocation_id": [alloc], "kind": ["advance"], "amount": ["12.345"]}) \
                    .to_sql("payment", c, if_exists="append", index=False)
                cell.need("'12.345' refused", False, "stored")
            except exc.DBAPIError as e:
                cell.need("SQLSTATE 22P02", e.orig.pgcode == "22P02", e.orig.pgcode)
                cell.note("DataFrame.to_sql: %s" % e.orig.pgcode)
            trans.rollback()
            n = c.execute(sa.text(STORED_12345_SQL)).scalar()
            cell.need("nothing stored as 12345", n == 0, n)

    def cap(cell):
        with engine.connect() as c:
            plan, project = c.execute(sa.text(FIRST_PLAN_PROJECT_SQL)).one()
        with engine.connect() as c:
            trans = c.begin()
            try:
                c.execute(sa.text("INSERT INTO allocation (plan_id, project_id, amount) VALUES (:p, :j, :a)"),
                          {"p": plan, "j": project, "a": OVER_CAP})
                cell.need("over the plan refused", False, "stored")
            except exc.IntegrityError as e:
                cell.need("SQLSTATE 23514", e.orig.pgcode == "23514", e.orig.pgcode)
                cn = e.orig.diag.constraint_name
                cell.need("constraint name", cn == CAP_RULE, cn)
                cell.note("IntegrityError %s constraint %s" % (e.orig.pgcode, cn))
            trans.rollback()

    for check, fn in CELLS(types, sums, filt, write, cap):
        run_cell(d, check, fn)
    engine.dispose()


def CELLS(types, sums, filt, write, cap):
    return [("types", types), ("sums", sums), ("filter", filt), ("write 12.345", write), ("cap 23514", cap)]


DRIVERS = {"psycopg3": psycopg_cells, "psqlODBC": odbc_cells, "SQLAlchemy+pandas": sqlalchemy_cells}

if __name__ == "__main__":
    names = sys.argv[1:] or list(DRIVERS)
    for name in names:
        try:
            DRIVERS[name]()
        except Exception as e:  # the driver could not even connect
            traceback.print_exc(file=sys.stdout)
            for check in ("types", "sums", "filter", "write 12.345", "cap 23514"):
                print("cell\t%s\t%s\tFAIL\t%s: %s" % (name, check, type(e).__name__, str(e).splitlines()[0]))
