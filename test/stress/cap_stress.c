/*
 * cap_stress.c -- concurrent stress run of a kc_ext cap rule through libpq.
 *
 * Usage: cap_stress [seconds [clients]]   (connection from PG* variables)
 *
 * Sets up st_plan (a few parents) and st_alloc (children) with the rule
 * "allocations within the plan", then runs `clients` connections for
 * `seconds`: single and multi-row inserts, moves to another parent, amount
 * changes, deletes, transactions with savepoints that are rolled back or
 * released, limit changes, at READ COMMITTED, REPEATABLE READ and
 * SERIALIZABLE.  The parents are kept near their limits.  Meanwhile the
 * main thread checks, over and over, that no parent is above its limit.
 * Afterwards it checks that no parent is above its limit, that the parents
 * did fill up, that the rule refused work (it really pushed against the
 * limits), that every error was an expected one, and that every kept total
 * equals the real sum.  Last line: "N passed, M failed".
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libpq-fe.h"

#define NPARENTS 4
#define LIMIT 100000

enum
{
	OP_INSERT, OP_INSERT_MANY, OP_MOVE, OP_AMOUNT, OP_DELETE, OP_SAVEPOINT,
	OP_LIMIT, NOPS
};
static const char *const op_names[NOPS] = {
	"insert", "insert 5 rows", "move to another plan", "change amount",
	"delete", "transaction with savepoints", "change a limit"
};

enum
{
	R_OK, R_CAP, R_SERIALIZATION, R_DEADLOCK, R_OTHER, NRESULTS
};
static const char *const result_names[NRESULTS] = {
	"committed", "refused by the cap rule (23514)",
	"serialization failure (40001)", "deadlock (40P01)", "unexpected error"
};

static atomic_long counts[NOPS][NRESULTS];
static atomic_long max_id;
static atomic_int stop;
static atomic_int unexpected_printed;

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static PGconn *
connect_or_die(void)
{
	PGconn	   *c = PQconnectdb("");

	if (PQstatus(c) != CONNECTION_OK)
	{
		fprintf(stderr, "connection failed: %s", PQerrorMessage(c));
		exit(2);
	}
	return c;
}

static void
exec_or_die(PGconn *c, const char *sql)
{
	PGresult   *r = PQexec(c, sql);

	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
	{
		fprintf(stderr, "failed: %s\n%s", sql, PQerrorMessage(c));
		exit(2);
	}
	PQclear(r);
}

/* Run one statement; on error returns the result class and sets *failed. */
static int
run(PGconn *c, const char *sql, int nparams, const char *const *params, int *failed,
	long *id_out)
{
	PGresult   *r;
	int			res = R_OK;

	if (*failed)
		return R_OK;
	r = PQexecParams(c, sql, nparams, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK)
	{
		if (id_out && PQntuples(r) > 0)
			*id_out = atol(PQgetvalue(r, 0, 0));
	}
	else
	{
		const char *st = PQresultErrorField(r, PG_DIAG_SQLSTATE);

		if (st && strcmp(st, "23514") == 0)
			res = R_CAP;
		else if (st && strcmp(st, "40001") == 0)
			res = R_SERIALIZATION;
		else if (st && strcmp(st, "40P01") == 0)
			res = R_DEADLOCK;
		else
		{
			res = R_OTHER;
			if (atomic_fetch_add(&unexpected_printed, 1) < 5)
				fprintf(stderr, "unexpected error in \"%s\": %s", sql, PQerrorMessage(c));
		}
		*failed = 1;
	}
	PQclear(r);
	return res;
}

typedef struct Worker
{
	int			no;
	unsigned int seed;
} Worker;

static int
rnd(Worker *w, int n)
{
	return rand_r(&w->seed) % n;
}

static void *
worker_main(void *arg)
{
	Worker	   *w = arg;
	PGconn	   *c = connect_or_die();
	static const char *const levels[3] = {
		"BEGIN", "BEGIN ISOLATION LEVEL REPEATABLE READ",
		"BEGIN ISOLATION LEVEL SERIALIZABLE"
	};

	exec_or_die(c, "SET deadlock_timeout = '50ms'");
	while (!atomic_load(&stop))
	{
		int			pick = rnd(w, 100);
		int			op = pick < 40 ? OP_INSERT : pick < 50 ? OP_INSERT_MANY :
			pick < 62 ? OP_MOVE : pick < 72 ? OP_AMOUNT : pick < 82 ? OP_DELETE :
			pick < 96 ? OP_SAVEPOINT : OP_LIMIT;
		int			failed = 0;
		int			res = R_OK;
		int			r;
		char		p1[32],
					p2[32],
					p3[32];
		const char *params[3] = {p1, p2, p3};
		long		id = 0;
		long		top = atomic_load(&max_id);

		r = run(c, levels[rnd(w, 3)], 0, NULL, &failed, NULL);
		snprintf(p1, sizeof p1, "%d", 1 + rnd(w, NPARENTS));
		snprintf(p2, sizeof p2, "%d", 1 + rnd(w, 2000));
		snprintf(p3, sizeof p3, "%ld", top > 0 ? 1 + (long) (rand_r(&w->seed) % top) : 1);
		switch (op)
		{
			case OP_INSERT:
				res = run(c, "INSERT INTO st_alloc (plan_id, amount) VALUES ($1, $2) RETURNING id",
						  2, params, &failed, &id);
				break;
			case OP_INSERT_MANY:
				res = run(c, "INSERT INTO st_alloc (plan_id, amount)"
						  " SELECT $1::int, ($2::bigint * g) % 1500 + 1 FROM generate_series(1, 5) g RETURNING id",
						  2, params, &failed, &id);
				break;
			case OP_MOVE:
				res = run(c, "UPDATE st_alloc SET plan_id = $1 WHERE id = "
						  "(SELECT id FROM st_alloc WHERE id >= $3 ORDER BY id LIMIT 1) AND $2::int > 0",
						  3, params, &failed, NULL);
				break;
			case OP_AMOUNT:
				res = run(c, "UPDATE st_alloc SET amount = $2 WHERE id = "
						  "(SELECT id FROM st_alloc WHERE id >= $3 ORDER BY id LIMIT 1) AND $1::int > 0",
						  3, params, &failed, NULL);
				break;
			case OP_DELETE:
				res = run(c, "DELETE FROM st_alloc WHERE id = "
						  "(SELECT id FROM st_alloc WHERE id >= $3 ORDER BY id LIMIT 1) AND $1::int > 0 AND $2::int > 0",
						  3, params, &failed, NULL);
				break;
			case OP_SAVEPOINT:
				{
					int			n = 1 + rnd(w, 4);

					res = run(c, "INSERT INTO st_alloc (plan_id, amount) VALUES ($1, $2) RETURNING id",
							  2, params, &failed, &id);
					for (int i = 0; i < n && !failed; i++)
					{
						int			sub = 0;
						int			sres;

						run(c, "SAVEPOINT s", 0, NULL, &failed, NULL);
						snprintf(p1, sizeof p1, "%d", 1 + rnd(w, NPARENTS));
						snprintf(p2, sizeof p2, "%d", 1 + rnd(w, 2000));
						sres = run(c, i % 2 ? "UPDATE st_alloc SET plan_id = $1 WHERE id = "
								   "(SELECT id FROM st_alloc WHERE id >= $3 ORDER BY id LIMIT 1) AND $2::int > 0"
								   : "INSERT INTO st_alloc (plan_id, amount) VALUES ($1, $2)",
								   i % 2 ? 3 : 2, params, &sub, NULL);
						if (sres == R_OTHER || sres == R_SERIALIZATION || sres == R_DEADLOCK)
						{
							res = sres;
							failed = 1;
							break;
						}
						run(c, (sub || rnd(w, 2)) ? "ROLLBACK TO SAVEPOINT s" : "RELEASE SAVEPOINT s",
							0, NULL, &failed, NULL);
					}
				}
				break;
			case OP_LIMIT:
				snprintf(p2, sizeof p2, "%d", LIMIT - 2000 + rnd(w, 4001));
				res = run(c, "UPDATE st_plan SET approved = $2 WHERE id = $1", 2, params, &failed, NULL);
				break;
		}
		if (!failed)
		{
			r = run(c, "COMMIT", 0, NULL, &failed, NULL);
			if (failed)
				res = r;
		}
		if (failed)
		{
			if (PQtransactionStatus(c) != PQTRANS_IDLE)
				PQclear(PQexec(c, "ROLLBACK"));
			if (res == R_OK)
				res = R_OTHER;
		}
		else if (id > top)
		{
			long		cur = atomic_load(&max_id);

			while (id > cur && !atomic_compare_exchange_weak(&max_id, &cur, id))
				;
		}
		atomic_fetch_add(&counts[op][res], 1);
	}
	PQfinish(c);
	return NULL;
}

static long
scalar(PGconn *c, const char *sql)
{
	PGresult   *r = PQexec(c, sql);
	long		v;

	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
	{
		fprintf(stderr, "check failed: %s\n%s", sql, PQerrorMessage(c));
		PQclear(r);
		return -1;
	}
	v = atol(PQgetvalue(r, 0, 0));
	PQclear(r);
	return v;
}

static const char *const over_limit_sql =
"SELECT count(*) FROM st_plan p WHERE coalesce(p.approved::numeric, 0) < "
"(SELECT coalesce(sum(a.amount::numeric), 0) FROM st_alloc a WHERE a.plan_id = p.id)";

int
main(int argc, char **argv)
{
	int			seconds = argc > 1 ? atoi(argv[1]) : 20;
	int			clients = argc > 2 ? atoi(argv[2]) : 16;
	PGconn	   *c = connect_or_die();
	pthread_t  *threads;
	Worker	   *workers;
	double		start,
				end;
	long		checks = 0,
				over_seen = 0;
	int			passed = 0,
				failed = 0;
	long		total_ops = 0,
				by_result[NRESULTS] = {0};
	PGresult   *r;

	exec_or_die(c, "SET client_min_messages = warning");
	exec_or_die(c, "DROP TABLE IF EXISTS st_alloc, st_plan");
	exec_or_die(c, "SELECT kc_drop_cap(rule_name) FROM kc_cap_rule WHERE rule_name = 'st_cap'");
	exec_or_die(c, "CREATE TABLE st_plan (id int PRIMARY KEY, approved kc_money)");
	exec_or_die(c, "CREATE TABLE st_alloc (id bigserial PRIMARY KEY,"
				" plan_id int REFERENCES st_plan, amount kc_money)");
	exec_or_die(c, "CREATE INDEX ON st_alloc (plan_id)");
	{
		char		sql[200];

		snprintf(sql, sizeof sql, "INSERT INTO st_plan SELECT g, %d FROM generate_series(1, %d) g",
				 LIMIT, NPARENTS);
		exec_or_die(c, sql);
	}
	exec_or_die(c, "SELECT kc_enforce_cap('st_cap', 'st_alloc', '{plan_id}', 'amount',"
				" 'st_plan', '{id}', 'approved')");

	printf("cap stress: %d clients for %d s, %d plans with limit %d đồng each (limits move between %d and %d)\n",
		   clients, seconds, NPARENTS, LIMIT, LIMIT - 2000, LIMIT + 2000);
	fflush(stdout);
	threads = calloc(clients, sizeof(pthread_t));
	workers = calloc(clients, sizeof(Worker));
	start = now_s();
	for (int i = 0; i < clients; i++)
	{
		workers[i].no = i;
		workers[i].seed = 12345u + 7919u * i;
		pthread_create(&threads[i], NULL, worker_main, &workers[i]);
	}
	/* meanwhile: no committed state ever has a plan above its limit */
	while (now_s() - start < seconds)
	{
		long		n = scalar(c, over_limit_sql);

		checks++;
		if (n != 0)
			over_seen++;
		struct timespec ts = {0, 100 * 1000 * 1000};

		nanosleep(&ts, NULL);
	}
	atomic_store(&stop, 1);
	for (int i = 0; i < clients; i++)
		pthread_join(threads[i], NULL);
	end = now_s();

	printf("\n%-30s %10s %10s %10s %10s %10s\n", "operation", "committed", "cap 23514",
		   "ser 40001", "dl 40P01", "other");
	for (int op = 0; op < NOPS; op++)
	{
		printf("%-30s", op_names[op]);
		for (int res = 0; res < NRESULTS; res++)
		{
			long		n = atomic_load(&counts[op][res]);

			printf(" %10ld", n);
			by_result[res] += n;
			total_ops += n;
		}
		printf("\n");
	}
	printf("%ld transactions in %.1f s (%.0f per second)\n", total_ops, end - start,
		   total_ops / (end - start));
	for (int res = 0; res < NRESULTS; res++)
		printf("  %-34s %ld\n", result_names[res], by_result[res]);

	r = PQexec(c, "SELECT p.id, p.approved, coalesce(s.real, 0), coalesce(t.total, 0),"
			   " round(100 * coalesce(s.real, 0) / p.approved::numeric, 2)"
			   " FROM st_plan p"
			   " LEFT JOIN (SELECT plan_id, sum(amount::numeric) AS real FROM st_alloc GROUP BY 1) s ON s.plan_id = p.id"
			   " LEFT JOIN kc_cap_total t ON t.rule_name = 'st_cap' AND t.parent_key = ARRAY[p.id::text]"
			   " ORDER BY p.id");
	printf("\nplan      limit   real sum   kept total   filled %%\n");
	for (int i = 0; i < PQntuples(r); i++)
		printf("%4s %10s %10s %12s %10s\n", PQgetvalue(r, i, 0), PQgetvalue(r, i, 1),
			   PQgetvalue(r, i, 2), PQgetvalue(r, i, 3), PQgetvalue(r, i, 4));
	PQclear(r);
	printf("\n");

#define CHECK(cond, ...) do { \
		if (cond) { passed++; printf("ok:     "); } else { failed++; printf("FAILED: "); } \
		printf(__VA_ARGS__); printf("\n"); } while (0)

	CHECK(over_seen == 0, "no plan above its limit in %ld checks during the run (%ld seen)",
		  checks, over_seen);
	{
		long		n = scalar(c, over_limit_sql);

		CHECK(n == 0, "no plan above its limit at the end (%ld above)", n);
	}
	{
		long		n = scalar(c, "SELECT count(*) FROM st_plan p WHERE 100 * "
							   "(SELECT coalesce(sum(a.amount::numeric), 0) FROM st_alloc a WHERE a.plan_id = p.id)"
							   " < 90 * p.approved::numeric");

		CHECK(n == 0, "every plan filled to at least 90%% of its limit (%ld below)", n);
	}
	CHECK(by_result[R_CAP] >= 100, "the rule refused work: %ld transactions refused with 23514",
		  by_result[R_CAP]);
	CHECK(by_result[R_OK] >= 1000, "the run did work: %ld transactions committed", by_result[R_OK]);
	CHECK(by_result[R_OTHER] == 0, "no unexpected errors (%ld)", by_result[R_OTHER]);
	{
		long		n = scalar(c, "SELECT count(*) FROM"
							   " (SELECT parent_key, total FROM kc_cap_total WHERE rule_name = 'st_cap') t"
							   " FULL JOIN (SELECT ARRAY[plan_id::text] AS k, sum(amount::numeric) AS real"
							   "  FROM st_alloc WHERE plan_id IS NOT NULL GROUP BY 1) s ON s.k = t.parent_key"
							   " WHERE coalesce(t.total, 0) <> coalesce(s.real, 0)");

		CHECK(n == 0, "every kept total equals the real sum (%ld differ)", n);
	}
	PQfinish(c);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
