/*
 * crash_load.c -- the allocation stream that test/suites/60-crash.sh kills
 * the server under.
 *
 * Usage: crash_load DIR SECONDS CLIENTS SEED   (connection from PG* vars)
 *
 * CLIENTS threads, each with its own libpq connection, run transactions
 * against the database of test/crash/setup.sql until the file DIR/stop
 * exists, or for at most SECONDS:
 *	- a single-row allocation;
 *	- several single-row allocations in one transaction, each inside a
 *	  savepoint (refused ones, and some that fit, are rolled back to it);
 *	- a bulk allocation, INSERT ... SELECT of 20-400 rows over several plans;
 *	- a bulk allocation by COPY FROM STDIN, 20-400 rows, amounts in plain
 *	  digits and in Vietnamese notation ('1,25 triệu');
 *	- a payment under an allocation this client committed;
 *	- raising or lowering a 2023 plan's limit (lowering may be refused);
 *	- writing a row of the closed year 2021 (must be refused with 55000);
 * at READ COMMITTED and, one in five, REPEATABLE READ.  The plans have
 * little headroom, so many allocations are refused (23514).
 *
 * Crash protocol: a client connects only while the file DIR/gate exists,
 * to the port in DIR/port when that file exists (the server may come back
 * on another port).
 * The test removes the gate, kills the server, restarts it, checks, and
 * creates the gate again.  A client whose connection breaks forgets its
 * transaction and waits for the gate.
 *
 * What was committed: only after COMMIT returned with command tag COMMIT
 * does a client append the rows it wrote to DIR/committed.N, one line per
 * row, tab-separated: "a <id> <plan_id> <amount> <txn>" (allocation) or
 * "p <id> <allocation_id> <amount> <txn>" (payment), amounts in đồng, txn
 * numbering the client's transactions (client * 10^9 + n), then fflush.
 * A transaction whose COMMIT was sent but not answered (the server died) is
 * in doubt: its rows go to DIR/indoubt.N instead; all of them or none must
 * be there after the restart.  The rows a transaction had written when the
 * server died before its COMMIT go to DIR/lost.N: none may be there.
 *
 * Output: counts per kind of transaction and result, then a last line
 * "crash_load: key=value ..." that the suite reads.  Exit status 0, or 2
 * when it could not start.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "libpq-fe.h"

enum
{
	OP_SINGLE, OP_MULTI, OP_BULK, OP_COPY, OP_PAYMENT, OP_RAISE, OP_LOWER, OP_CLOSED,
	NOPS
};
static const char *const op_names[NOPS] = {
	"single-row allocation", "allocations in savepoints", "bulk allocation (INSERT ... SELECT)",
	"bulk allocation (COPY FROM STDIN)", "payment", "raise a plan's limit", "lower a plan's limit", "write to closed year 2021"
};

enum
{
	R_COMMITTED, R_CAP, R_YEAR, R_SERIALIZATION, R_DEADLOCK, R_LOCKTIMEOUT, R_LOST, R_INDOUBT, R_OTHER,
	NRESULTS
};
static const char *const result_names[NRESULTS] = {
	"committed", "refused by a cap rule (23514)", "refused by the year lock (55000)",
	"serialization failure (40001)", "deadlock (40P01)", "lock wait timeout (55P03)",
	"connection lost before COMMIT",
	"COMMIT in doubt (server died)", "unexpected"
};

static atomic_long counts[NOPS][NRESULTS];
static atomic_long rows_committed[2];	/* allocations, payments */
static atomic_long rows_indoubt;
static atomic_long rows_lost;
static atomic_long reconnects;
static atomic_long closed_year_accepted;
static atomic_int unexpected_printed;

static const char *dir;
static double deadline;
static int	nslots;
static long *slot_plan;			/* crash_target, by slot */
static long *slot_project;

/* one row written by the current transaction */
typedef struct Row
{
	char		kind;			/* 'a' or 'p' */
	long		id;
	long		ref;
	long		amount;
	long		txn;
} Row;

typedef struct Client
{
	int			no;
	uint64_t	rng;
	PGconn	   *conn;
	FILE	   *committed;
	FILE	   *indoubt;
	FILE	   *lost;
	long		txn;			/* number of the current transaction */
	Row		   *rows;			/* this transaction's rows */
	int			nrows;
	int			maxrows;
	/* recent allocations this client committed, for payments */
	long		mine_id[64];
	long		mine_amount[64];
	int			nmine;
} Client;

/* the outcome of a statement */
typedef enum
{
	S_OK, S_ERROR, S_LOST
} Status;

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

static uint64_t
rnd(Client *c)
{
	/* xorshift64* */
	c->rng ^= c->rng >> 12;
	c->rng ^= c->rng << 25;
	c->rng ^= c->rng >> 27;
	return c->rng * 2685821657736338717ULL;
}

static long
rnd_range(Client *c, long lo, long hi)
{
	return lo + (long) (rnd(c) % (uint64_t) (hi - lo + 1));
}

/* "port=N" from DIR/port, or "" (the environment's) */
static const char *
port_conninfo(void)
{
	static __thread char conninfo[64];
	char		path[4096];
	FILE	   *f;
	int			port = 0;

	conninfo[0] = '\0';
	snprintf(path, sizeof(path), "%s/port", dir);
	if ((f = fopen(path, "r")) != NULL)
	{
		if (fscanf(f, "%d", &port) == 1 && port > 0 && port < 65536)
			snprintf(conninfo, sizeof(conninfo), "port=%d", port);
		fclose(f);
	}
	return conninfo;
}

static int
stop_requested(void)
{
	char		path[4096];

	snprintf(path, sizeof(path), "%s/stop", dir);
	return access(path, F_OK) == 0;
}

static int
gate_open(void)
{
	char		path[4096];

	snprintf(path, sizeof(path), "%s/gate", dir);
	return access(path, F_OK) == 0;
}

static void
add_row(Client *c, char kind, long id, long ref, long amount)
{
	if (c->nrows == c->maxrows)
	{
		c->maxrows = c->maxrows ? 2 * c->maxrows : 512;
		c->rows = realloc(c->rows, c->maxrows * sizeof(Row));
		if (!c->rows)
		{
			perror("realloc");
			exit(2);
		}
	}
	c->rows[c->nrows].kind = kind;
	c->rows[c->nrows].id = id;
	c->rows[c->nrows].ref = ref;
	c->rows[c->nrows].amount = amount;
	c->rows[c->nrows].txn = c->txn;
	c->nrows++;
}

static void
write_rows(Client *c, FILE *f)
{
	for (int i = 0; i < c->nrows; i++)
		fprintf(f, "%c\t%ld\t%ld\t%ld\t%ld\n", c->rows[i].kind, c->rows[i].id,
				c->rows[i].ref, c->rows[i].amount, c->rows[i].txn);
	fflush(f);
}

static void
drop_connection(Client *c)
{
	PQfinish(c->conn);
	c->conn = NULL;
}

static const char *
sqlstate_of(PGresult *r)
{
	const char *s = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;

	return s ? s : "";
}

/*
 * Run one statement.  *res gets the result (caller clears) when S_OK.  On
 * an error, `state` gets the SQLSTATE; a broken connection is S_LOST.
 */
static Status
run(Client *c, const char *sql, int nparams, const char *const *params,
	PGresult **res, char state[6])
{
	PGresult   *r = nparams ? PQexecParams(c->conn, sql, nparams, NULL, params, NULL, NULL, 0)
		: PQexec(c->conn, sql);
	ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;

	state[0] = '\0';
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
	{
		if (res)
			*res = r;
		else
			PQclear(r);
		return S_OK;
	}
	if (PQstatus(c->conn) == CONNECTION_BAD)
	{
		PQclear(r);
		return S_LOST;
	}
	strncpy(state, sqlstate_of(r), 5);
	state[5] = '\0';
	if (strcmp(state, "23514") != 0 && strcmp(state, "55000") != 0 &&
		strcmp(state, "40001") != 0 && strcmp(state, "40P01") != 0 &&
		strcmp(state, "55P03") != 0 &&
		atomic_fetch_add(&unexpected_printed, 1) < 10)
		fprintf(stderr, "client %d: unexpected error %s in \"%.60s\": %s", c->no, state, sql,
				PQerrorMessage(c->conn));
	PQclear(r);
	return S_ERROR;
}

static int
result_of_state(const char *state)
{
	if (strcmp(state, "23514") == 0)
		return R_CAP;
	if (strcmp(state, "55000") == 0)
		return R_YEAR;
	if (strcmp(state, "40001") == 0)
		return R_SERIALIZATION;
	if (strcmp(state, "40P01") == 0)
		return R_DEADLOCK;
	if (strcmp(state, "55P03") == 0)
		return R_LOCKTIMEOUT;
	return R_OTHER;
}

/* ROLLBACK after an error; false when the connection is gone */
static int
rollback(Client *c)
{
	char		state[6];

	return run(c, "ROLLBACK", 0, NULL, NULL, state) != S_LOST;
}

/*
 * COMMIT and record.  Returns the result code for the counts.  The rows go
 * to the committed file only when the server answered COMMIT.
 */
static int
commit(Client *c)
{
	PGresult   *r = NULL;
	char		state[6];
	Status		s = run(c, "COMMIT", 0, NULL, &r, state);

	if (s == S_OK)
	{
		int			ok = strcmp(PQcmdStatus(r), "COMMIT") == 0;

		PQclear(r);
		if (!ok)
		{
			/* the transaction had failed: COMMIT rolled it back */
			if (atomic_fetch_add(&unexpected_printed, 1) < 10)
				fprintf(stderr, "client %d: COMMIT answered ROLLBACK\n", c->no);
			return R_OTHER;
		}
		write_rows(c, c->committed);
		for (int i = 0; i < c->nrows; i++)
		{
			atomic_fetch_add(&rows_committed[c->rows[i].kind == 'p'], 1);
			if (c->rows[i].kind == 'a')
			{
				int			k = c->nmine < 64 ? c->nmine++ : (int) (rnd(c) % 64);

				c->mine_id[k] = c->rows[i].id;
				c->mine_amount[k] = c->rows[i].amount;
			}
		}
		return R_COMMITTED;
	}
	if (s == S_LOST)
	{
		write_rows(c, c->indoubt);
		atomic_fetch_add(&rows_indoubt, c->nrows);
		drop_connection(c);
		return R_INDOUBT;
	}
	return result_of_state(state);
}

/* collect "id, ref, amount" rows of a RETURNING result */
static void
collect(Client *c, PGresult *r, char kind)
{
	for (int i = 0; i < PQntuples(r); i++)
		add_row(c, kind, atol(PQgetvalue(r, i, 0)), atol(PQgetvalue(r, i, 1)),
				atol(PQgetvalue(r, i, 2)));
}

#define INSERT_ONE \
	"INSERT INTO allocation (plan_id, project_id, amount, allocated_on)" \
	" SELECT plan_id, project_id, $2::bigint::kc_money, date '2023-03-01'" \
	" FROM crash_target WHERE slot = $1" \
	" RETURNING id, plan_id, amount::bigint"

#define INSERT_BULK \
	"INSERT INTO allocation (plan_id, project_id, amount, allocated_on)" \
	" SELECT t.plan_id, t.project_id, (1 + floor(random() * $4))::bigint::kc_money," \
	"        date '2023-03-01' + (g % 200)" \
	" FROM generate_series(1, $1::int) g" \
	" JOIN crash_target t ON t.slot = ($2::int + g % $3::int) % " \
	"      (SELECT count(*) FROM crash_target)" \
	" RETURNING id, plan_id, amount::bigint"

/* one transaction of kind `op`; returns the result code */
static int
transaction(Client *c, int op)
{
	char		state[6];
	char		a1[32],
				a2[32],
				a3[32],
				a4[32];
	const char *p[4] = {a1, a2, a3, a4};
	PGresult   *r = NULL;
	Status		s;
	const char *begin = (rnd(c) % 5 == 0) ? "BEGIN ISOLATION LEVEL REPEATABLE READ" : "BEGIN";

	c->nrows = 0;
	c->txn++;
	s = run(c, begin, 0, NULL, NULL, state);
	if (s != S_OK)
		goto failed;

	switch (op)
	{
		case OP_SINGLE:
			snprintf(a1, sizeof(a1), "%ld", rnd_range(c, 0, nslots - 1));
			snprintf(a2, sizeof(a2), "%ld", rnd_range(c, 1000000, 40000000));
			s = run(c, INSERT_ONE, 2, p, &r, state);
			if (s != S_OK)
				goto failed;
			collect(c, r, 'a');
			PQclear(r);
			break;

		case OP_MULTI:
			{
				int			n = (int) rnd_range(c, 2, 6);

				for (int i = 0; i < n; i++)
				{
					int			before = c->nrows;

					if ((s = run(c, "SAVEPOINT s", 0, NULL, NULL, state)) != S_OK)
						goto failed;
					snprintf(a1, sizeof(a1), "%ld", rnd_range(c, 0, nslots - 1));
					snprintf(a2, sizeof(a2), "%ld", rnd_range(c, 1000000, 30000000));
					s = run(c, INSERT_ONE, 2, p, &r, state);
					if (s == S_LOST)
						goto failed;
					if (s == S_ERROR && strcmp(state, "23514") != 0)
						goto failed;
					if (s == S_OK)
					{
						collect(c, r, 'a');
						PQclear(r);
					}
					/* refused, or one in four that fit: roll back to the savepoint */
					if (s == S_ERROR || rnd(c) % 4 == 0)
					{
						c->nrows = before;
						s = run(c, "ROLLBACK TO SAVEPOINT s", 0, NULL, NULL, state);
					}
					else
						s = run(c, "RELEASE SAVEPOINT s", 0, NULL, NULL, state);
					if (s != S_OK)
						goto failed;
				}
			}
			break;

		case OP_BULK:
			snprintf(a1, sizeof(a1), "%ld", rnd_range(c, 20, 400));
			snprintf(a2, sizeof(a2), "%ld", rnd_range(c, 0, nslots - 1));
			snprintf(a3, sizeof(a3), "%ld", rnd_range(c, 1, 6));
			snprintf(a4, sizeof(a4), "%ld", rnd_range(c, 100000, 3000000));
			s = run(c, INSERT_BULK, 4, p, &r, state);
			if (s != S_OK)
				goto failed;
			collect(c, r, 'a');
			PQclear(r);
			break;

		case OP_COPY:
			{
				int			n = (int) rnd_range(c, 20, 400);
				int			first = (int) rnd_range(c, 0, nslots - 1);
				int			spread = (int) rnd_range(c, 1, 6);
				long		maxamt = rnd_range(c, 100000, 3000000);
				char		line[256];
				int			len;

				r = PQexec(c->conn, "COPY allocation (plan_id, project_id, amount, allocated_on)"
						   " FROM STDIN");
				if (PQresultStatus(r) != PGRES_COPY_IN)
				{
					s = PQstatus(c->conn) == CONNECTION_BAD ? S_LOST : S_ERROR;
					strncpy(state, sqlstate_of(r), 5);
					state[5] = '\0';
					if (s == S_ERROR && atomic_fetch_add(&unexpected_printed, 1) < 10)
						fprintf(stderr, "client %d: COPY did not start: %s", c->no,
								PQerrorMessage(c->conn));
					PQclear(r);
					goto failed;
				}
				PQclear(r);
				for (int i = 0; i < n; i++)
				{
					int			slot = (first + i % spread) % nslots;
					long		amt = rnd_range(c, 1, maxamt);

					/* every third amount as a report writes it: '1,25 triệu' */
					if (i % 3 == 0 && amt >= 10000)
					{
						amt -= amt % 10000;
						len = snprintf(line, sizeof(line), "%ld\t%ld\t%ld,%02ld triệu\t2023-04-%02d\n",
									   slot_plan[slot], slot_project[slot], amt / 1000000,
									   (amt / 10000) % 100, 1 + i % 28);
					}
					else
						len = snprintf(line, sizeof(line), "%ld\t%ld\t%ld\t2023-04-%02d\n",
									   slot_plan[slot], slot_project[slot], amt, 1 + i % 28);
					if (PQputCopyData(c->conn, line, len) != 1)
						break;
				}
				if (PQputCopyEnd(c->conn, NULL) != 1)
				{
					s = S_LOST;
					goto failed;
				}
				s = S_OK;
				while ((r = PQgetResult(c->conn)) != NULL)
				{
					if (PQresultStatus(r) != PGRES_COMMAND_OK)
					{
						s = PQstatus(c->conn) == CONNECTION_BAD ? S_LOST : S_ERROR;
						strncpy(state, sqlstate_of(r), 5);
						state[5] = '\0';
						if (s == S_ERROR && strcmp(state, "23514") != 0 &&
							strcmp(state, "40001") != 0 && strcmp(state, "40P01") != 0 &&
							strcmp(state, "55P03") != 0 &&
							atomic_fetch_add(&unexpected_printed, 1) < 10)
							fprintf(stderr, "client %d: unexpected error %s in COPY: %s", c->no,
									state, PQresultErrorMessage(r));
					}
					PQclear(r);
				}
				if (PQstatus(c->conn) == CONNECTION_BAD)
					s = S_LOST;
				if (s != S_OK)
					goto failed;
				/* the rows this transaction wrote (no subtransactions here) */
				s = run(c, "SELECT id, plan_id, amount::bigint FROM allocation"
						" WHERE xmin = pg_current_xact_id()::xid", 0, NULL, &r, state);
				if (s != S_OK)
					goto failed;
				if (PQntuples(r) != n)
				{
					if (atomic_fetch_add(&unexpected_printed, 1) < 10)
						fprintf(stderr, "client %d: COPY of %d rows, %d found\n", c->no, n,
								PQntuples(r));
					PQclear(r);
					if (!rollback(c))
						drop_connection(c);
					return R_OTHER;
				}
				collect(c, r, 'a');
				PQclear(r);
			}
			break;

		case OP_PAYMENT:
			{
				int			k;
				long		amt;

				if (c->nmine == 0)
				{
					rollback(c);
					return -1;
				}
				k = (int) (rnd(c) % c->nmine);
				amt = rnd_range(c, 1, c->mine_amount[k] * 6 / 10 + 1);
				snprintf(a1, sizeof(a1), "%ld", c->mine_id[k]);
				snprintf(a2, sizeof(a2), "%ld", amt);
				s = run(c,
						"INSERT INTO payment (allocation_id, kind, amount, paid_on)"
						" VALUES ($1, 'advance', $2::bigint::kc_money, date '2023-05-01')"
						" RETURNING id, allocation_id, amount::bigint", 2, p, &r, state);
				if (s != S_OK)
					goto failed;
				collect(c, r, 'p');
				PQclear(r);
			}
			break;

		case OP_RAISE:
		case OP_LOWER:
			snprintf(a1, sizeof(a1), "%ld", rnd_range(c, 0, nslots - 1));
			snprintf(a2, sizeof(a2), "%ld",
					 (op == OP_RAISE ? 1 : -1) * rnd_range(c, 20000000, 150000000));
			s = run(c,
					"UPDATE fund_plan SET approved = greatest(approved::bigint + $2::bigint, 0)::kc_money"
					" WHERE id = (SELECT plan_id FROM crash_target WHERE slot = $1)",
					2, p, NULL, state);
			if (s != S_OK)
				goto failed;
			break;

		case OP_CLOSED:
			s = (rnd(c) % 2)
				? run(c, "UPDATE fund_plan SET approved = (approved::bigint + 1)::kc_money"
					  " WHERE year = 2021 AND province_code = 'NB'", 0, NULL, NULL, state)
				: run(c, "UPDATE project SET title = title || ' (sửa)'"
					  " WHERE year = 2021 AND province_code = 'HN'", 0, NULL, NULL, state);
			if (s == S_OK)
			{
				/* the year lock let it through: never commit it */
				atomic_fetch_add(&closed_year_accepted, 1);
				rollback(c);
				return R_OTHER;
			}
			goto failed;
	}
	return commit(c);

failed:
	if (s == S_LOST)
	{
		write_rows(c, c->lost);
		atomic_fetch_add(&rows_lost, c->nrows);
		drop_connection(c);
		return R_LOST;
	}
	if (!rollback(c))
		drop_connection(c);
	return result_of_state(state);
}

static void *
client_main(void *arg)
{
	Client	   *c = arg;
	char		path[4096];

	snprintf(path, sizeof(path), "%s/committed.%d", dir, c->no);
	c->committed = fopen(path, "a");
	snprintf(path, sizeof(path), "%s/indoubt.%d", dir, c->no);
	c->indoubt = fopen(path, "a");
	snprintf(path, sizeof(path), "%s/lost.%d", dir, c->no);
	c->lost = fopen(path, "a");
	c->txn = (long) c->no * 1000000000L;
	if (!c->committed || !c->indoubt || !c->lost)
	{
		perror(path);
		exit(2);
	}

	while (now_s() < deadline && !stop_requested())
	{
		int			op,
					res;
		uint64_t	pick;

		if (c->conn == NULL)
		{
			if (!gate_open())
			{
				sleep_ms(20);
				continue;
			}
			c->conn = PQconnectdb(port_conninfo());
			if (PQstatus(c->conn) != CONNECTION_OK)
			{
				drop_connection(c);
				sleep_ms(50);
				continue;
			}
			atomic_fetch_add(&reconnects, 1);
		}

		pick = rnd(c) % 100;
		op = pick < 28 ? OP_SINGLE : pick < 42 ? OP_MULTI : pick < 58 ? OP_BULK : pick < 68 ? OP_COPY :
			pick < 80 ? OP_PAYMENT : pick < 91 ? OP_RAISE : pick < 97 ? OP_LOWER : OP_CLOSED;
		res = transaction(c, op);
		if (res >= 0)
			atomic_fetch_add(&counts[op][res], 1);
	}
	if (c->conn)
		drop_connection(c);
	fclose(c->committed);
	fclose(c->indoubt);
	fclose(c->lost);
	return NULL;
}

int
main(int argc, char **argv)
{
	int			seconds,
				nclients;
	unsigned long seed;
	pthread_t  *threads;
	Client	   *clients;
	PGconn	   *conn;
	PGresult   *r;
	long		unexpected = 0;

	if (argc != 5)
	{
		fprintf(stderr, "usage: crash_load DIR SECONDS CLIENTS SEED\n");
		return 2;
	}
	dir = argv[1];
	seconds = atoi(argv[2]);
	nclients = atoi(argv[3]);
	seed = strtoul(argv[4], NULL, 10);

	conn = PQconnectdb("");
	if (PQstatus(conn) != CONNECTION_OK)
	{
		fprintf(stderr, "crash_load: %s", PQerrorMessage(conn));
		return 2;
	}
	r = PQexec(conn, "SELECT plan_id, project_id FROM crash_target ORDER BY slot");
	if (PQresultStatus(r) != PGRES_TUPLES_OK || (nslots = PQntuples(r)) < 1)
	{
		fprintf(stderr, "crash_load: no crash_target rows: %s", PQerrorMessage(conn));
		return 2;
	}
	slot_plan = calloc(nslots, sizeof(long));
	slot_project = calloc(nslots, sizeof(long));
	for (int i = 0; i < nslots; i++)
	{
		slot_plan[i] = atol(PQgetvalue(r, i, 0));
		slot_project[i] = atol(PQgetvalue(r, i, 1));
	}
	PQclear(r);
	PQfinish(conn);

	deadline = now_s() + seconds;
	threads = calloc(nclients, sizeof(pthread_t));
	clients = calloc(nclients, sizeof(Client));
	for (int i = 0; i < nclients; i++)
	{
		clients[i].no = i;
		clients[i].rng = (seed + 1) * 0x9E3779B97F4A7C15ULL + (uint64_t) i * 0xD1B54A32D192ED03ULL;
		if (clients[i].rng == 0)
			clients[i].rng = 1;
		if (pthread_create(&threads[i], NULL, client_main, &clients[i]) != 0)
		{
			fprintf(stderr, "crash_load: pthread_create failed\n");
			return 2;
		}
	}
	for (int i = 0; i < nclients; i++)
		pthread_join(threads[i], NULL);

	printf("%-40s", "transaction");
	for (int j = 0; j < NRESULTS; j++)
		printf(" | %s", result_names[j]);
	printf("\n");
	for (int i = 0; i < NOPS; i++)
	{
		printf("%-40s", op_names[i]);
		for (int j = 0; j < NRESULTS; j++)
			printf(" | %ld", (long) counts[i][j]);
		printf("\n");
		unexpected += counts[i][R_OTHER];
	}
	printf("crash_load: committed_allocations=%ld committed_payments=%ld"
		   " refused_cap=%ld refused_year=%ld indoubt_commits=%ld indoubt_rows=%ld lost_rows=%ld"
		   " lost=%ld connections=%ld closed_year_accepted=%ld unexpected=%ld\n",
		   (long) rows_committed[0], (long) rows_committed[1],
		   (long) (counts[OP_SINGLE][R_CAP] + counts[OP_MULTI][R_CAP] + counts[OP_BULK][R_CAP] +
				   counts[OP_COPY][R_CAP] + counts[OP_PAYMENT][R_CAP] + counts[OP_LOWER][R_CAP]),
		   (long) counts[OP_CLOSED][R_YEAR],
		   (long) (counts[OP_SINGLE][R_INDOUBT] + counts[OP_MULTI][R_INDOUBT] +
				   counts[OP_BULK][R_INDOUBT] + counts[OP_COPY][R_INDOUBT] + counts[OP_PAYMENT][R_INDOUBT] +
				   counts[OP_RAISE][R_INDOUBT] + counts[OP_LOWER][R_INDOUBT]),
		   (long) rows_indoubt, (long) rows_lost,
		   (long) (counts[OP_SINGLE][R_LOST] + counts[OP_MULTI][R_LOST] + counts[OP_BULK][R_LOST] +
				   counts[OP_COPY][R_LOST] + counts[OP_PAYMENT][R_LOST] + counts[OP_RAISE][R_LOST] +
				   counts[OP_LOWER][R_LOST] + counts[OP_CLOSED][R_LOST]),
		   (long) reconnects, (long) closed_year_accepted, unexpected);
	return 0;
}
