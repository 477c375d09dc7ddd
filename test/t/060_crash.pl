# Crash safety of the cap rules and the year lock: SIGKILL of the server in
# the middle of a stream of allocations, restart, and check.
#
# A durable server of its own (PostgreSQL::Test::Cluster; fsync,
# synchronous_commit and full_page_writes on; commit_delay widens the window
# between a transaction's last writes, the kept totals just before commit,
# and its commit record reaching disk) holding the reference schema
# (demo/schema.sql, demo/data_2022.sql) plus test/crash/setup.sql: a closed
# year 2021 with rows, 2023 plans with little headroom, the rules
# allocation_within_plan and payment_within_allocation, and the year lock on
# fund_plan and project.  test/crash/crash_load.c runs concurrent clients:
# single-row allocations, allocations in savepoints, bulk allocations by
# INSERT ... SELECT and by COPY, payments, limit changes, writes to the
# closed year; each client records the rows of a transaction only after
# its COMMIT returned, and keeps apart the rows of transactions whose COMMIT
# got no answer (in doubt) or that the crash cut off before COMMIT.
#
# The postmaster and all its children are killed with SIGKILL three times
# (the postmaster stopped first, its children killed, then the postmaster by
# the framework's kill9): the first time with two prepared transactions
# (PREPARE TRANSACTION) in flight, the second in the middle of a CHECKPOINT.
# After each restart (crash recovery) and at the end (test/crash/check.sql):
#   - no plan above its approved amount, no allocation paid beyond its
#     amount (sums recomputed from the child tables);
#   - every kept total in kc_cap_total equals the real sum;
#   - the closed year's rows are unchanged (checksum taken before the load);
#   - every row a client saw committed is there, unchanged;
#   - amcheck finds the indexes and heaps of the tables consistent.
# Also: crash recovery really ran; the prepared transactions survived, and
# one committed and one rolled back after the restart leave the totals
# right; the load committed work between the kills; in-doubt transactions
# are all there or not at all; cut-off ones left nothing; the rules refused
# work (the stream pushed against the limits); no unexpected error; the
# rules still refuse an over-limit allocation after the last crash.
#
# Environment: KC_CRASH_CLIENTS (4), KC_CRASH_SEED (random; printed, to
# repeat a run's choices).  (Was test/suites/60-crash.sh with
# test/crash/cluster.sh: every check carried over, same names.)
use strict;
use warnings;
use POSIX ();
use Time::HiRes qw(sleep time);
use File::Path qw(make_path);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;
use FindBin;
use lib $FindBin::RealBin;
use KcTap;

# initdb refuses root (make installcheck as root: run it as an ordinary user;
# the test command's test/t/prove.sh runs it as postgres)
plan skip_all => 'initdb refuses root: run the TAP tests as an ordinary user' if $> == 0;

my $db = 'kc_crash';
my $out = "$PostgreSQL::Test::Utils::tmp_check/crash";
make_path($out);
my $load_max_seconds = 300;    # the load stops when told to; this only bounds a lost run
my $clients = $ENV{KC_CRASH_CLIENTS} || 4;
my $seed = $ENV{KC_CRASH_SEED} // (time() % 100000);
$seed = int($seed);
my $kills = 3;
my $suite_start = time();
sub elapsed { return sprintf('%.2f', time() - $suite_start); }

sub touch { open my $fh, '>>', $_[0] or die "$_[0]: $!"; close $fh; }
sub slurp { open my $fh, '<', $_[0] or return ''; local $/; return scalar <$fh>; }
sub spew { open my $fh, '>', $_[0] or die "$_[0]: $!"; print $fh $_[1]; close $fh; }
sub cat_files { return join('', map { slurp($_) } sort glob($_[0])); }

# The load program.
my $pg_config = $ENV{PG_CONFIG} || 'pg_config';
chomp(my $incdir = `$pg_config --includedir`);
chomp(my $libdir = `$pg_config --libdir`);
my $cc_out;
my $built = IPC::Run::run([ 'cc', '-O2', '-Wall', '-Wextra', '-Werror', '-pthread', "-I$incdir",
		'-o', "$out/crash_load", 'test/crash/crash_load.c', "-L$libdir", '-lpq' ], '>&', \$cc_out);
ok($built, 'crash_load built') or BAIL_OUT("crash_load does not build: $cc_out");

# The durable server and the database.
my $node = PostgreSQL::Test::Cluster->new('crash');
kc_init($node);
$node->append_conf('postgresql.conf', <<'CONF');
max_connections = 40
max_prepared_transactions = 10
shared_buffers = 64MB
fsync = on
synchronous_commit = on
full_page_writes = on
wal_level = replica
max_wal_senders = 10
wal_sync_method = fdatasync
commit_delay = 5000
commit_siblings = 1
checkpoint_timeout = 30s
deadlock_timeout = 100ms
log_min_messages = warning
log_checkpoints = on
restart_after_crash = on
CONF
ok($node->start(fail_ok => 1), 'durable cluster started on port ' . $node->port)
  or BAIL_OUT('the cluster did not start');
my $logfile = $node->logfile;

# psql against the database (a statement that waits two minutes means
# something hangs: fail instead); returns (exit status, stdout, stderr).
sub q_run
{
	my @args = @_;
	my ($in, $o, $e) = ('', '', '');
	$in = ${ shift @args } if @args && ref $args[0] eq 'SCALAR';
	local $ENV{PGOPTIONS} = '-c statement_timeout=120s';
	IPC::Run::run([ 'psql', '-X', '-h', '127.0.0.1', '-p', $node->port, '-U', 'postgres',
			'-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', $db, @args ], '<', \$in, '>', \$o, '2>', \$e);
	my $rc = $? >> 8;
	chomp $o;
	return ($rc, $o, $e);
}
sub run_q { my ($rc, $o, $e) = q_run(@_); diag($e) if $rc != 0; return $rc == 0 ? $o : undef; }

my $durable = $node->safe_psql('postgres', "SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) FROM pg_settings
	WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')");
is($durable, 'fsync=on full_page_writes=on synchronous_commit=on', "it is durable: $durable");
$node->safe_psql('postgres', "CREATE DATABASE $db");
my ($rc, $o, $e) = q_run('-c', 'SET client_min_messages = warning', '-c', 'CREATE EXTENSION kc_ext',
	'-c', 'CREATE EXTENSION amcheck', '-f', 'demo/schema.sql', '-f', 'demo/data_2022.sql',
	'-f', 'test/crash/setup.sql');
ok($rc == 0, 'reference schema, 2022 data, closed year 2021, 2023 plans and the rules set up')
  or BAIL_OUT("setting up the database: $o$e");
note(qc("SELECT format('%s plans (%s of 2023), %s allocations, %s payments; rules: %s; closed: %s',
	(SELECT count(*) FROM fund_plan), (SELECT count(*) FROM fund_plan WHERE year = 2023),
	(SELECT count(*) FROM allocation), (SELECT count(*) FROM payment),
	(SELECT string_agg(rule_name, ', ' ORDER BY rule_name) FROM kc_caps),
	(SELECT string_agg(year::text, ', ') FROM kc_closed_year))") // '');
# run_q takes psql arguments; qc one SQL command
sub qc { return run_q('-c', @_); }

my $sum2021 = qc("SELECT md5(string_agg(r, E'\\n' ORDER BY r)) FROM crash_closed_2021");
note("closed year 2021 checksum before the load: $sum2021");

# run_checks(LABEL, FILE): test/crash/check.sql over the rows in FILE, and amcheck.
sub run_checks
{
	my ($label, $file) = @_;
	my ($rc, $o, $e) = q_run('-v', "sum2021=$sum2021",
		'-c', 'CREATE TEMP TABLE crash_recorded (kind text, id bigint, ref bigint, amount bigint, txn bigint)',
		'-c', "\\copy crash_recorded FROM '$file'",
		'-f', 'test/crash/check.sql');
	if ($rc != 0)
	{
		ok(0, "$label: the checks could not run (psql exit $rc)") or diag("$o$e");
		return;
	}
	foreach my $line (split /\n/, $o)
	{
		my ($pass, $what, $detail) = split /\|/, $line, 3;
		next unless defined $pass && $pass ne '';
		ok($pass eq 't', "$label: $what ($detail)");
	}
	($rc, $o, $e) = q_run('-c', "
SELECT count(*) FROM (
	SELECT bt_index_check(c.oid, true)
	FROM pg_index i
	JOIN pg_class c ON c.oid = i.indexrelid
	JOIN pg_am am ON am.oid = c.relam
	JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE am.amname = 'btree' AND n.nspname = 'public') x",
		'-c', "SELECT count(*) FROM (VALUES ('fund_plan'), ('project'), ('allocation'), ('payment'), ('kc_cap_total')) t(r),
	LATERAL verify_heapam(t.r::regclass)");
	my ($nidx, $nheap) = split /\n/, $o;
	ok($rc == 0 && defined $nheap && $nheap eq '0',
		"$label: amcheck: " . ($nidx // '?') . ' btree indexes (with heapallindexed) and 5 heaps consistent')
	  or diag("$o$e");
}

# prepare_xact(NAME, SLOT1, SLOT2): a transaction that raises two 2023
# plans' limits, allocates into them (one row, and 50 rows by INSERT ...
# SELECT), pays part of the new allocation, and is left prepared (two-phase
# commit: it must survive the crash with its kept-total changes).  Its rows
# go to $out/prepared.NAME.  Retried when it meets a deadlock with the load.
sub prepare_xact
{
	my ($name, $s1, $s2) = @_;
	my $sql = <<SQL;
BEGIN;
UPDATE fund_plan SET approved = (approved::bigint + 20000000)::kc_money
WHERE id = (SELECT plan_id FROM crash_target WHERE slot = $s1);
UPDATE fund_plan SET approved = (approved::bigint + 5000000)::kc_money
WHERE id = (SELECT plan_id FROM crash_target WHERE slot = $s2);
INSERT INTO allocation (plan_id, project_id, amount, allocated_on)
SELECT plan_id, project_id, '20 triệu', date '2023-06-30' FROM crash_target WHERE slot = $s1
RETURNING id AS new_id \\gset
SELECT 'a', id, plan_id, amount::bigint FROM allocation WHERE id = :new_id;
INSERT INTO allocation (plan_id, project_id, amount, allocated_on)
SELECT plan_id, project_id, '100 nghìn', date '2023-06-30'
FROM crash_target, generate_series(1, 50) WHERE slot = $s2
RETURNING 'a', id, plan_id, amount::bigint;
INSERT INTO payment (allocation_id, kind, amount, paid_on)
VALUES (:new_id, 'advance', '7 triệu', date '2023-07-01')
RETURNING 'p', id, allocation_id, amount::bigint;
PREPARE TRANSACTION '$name';
SQL
	my $txn = $name eq 'crash_commit' ? -1 : -2;
	foreach my $try (1 .. 3)
	{
		my ($rc, $o, $e) = q_run(\$sql, '-F', "\t");
		if ($rc == 0)
		{
			spew("$out/prepared.$name", join('', map { "$_\t$txn\n" } split /\n/, $o));
			return 1;
		}
		note("preparing $name, try $try: " . join("\n", (split /\n/, "$o$e")[ 0 .. 2 ]));
	}
	return 0;
}

# The postmaster's pid, from postmaster.pid, when that process is alive and
# is the postmaster of this node (never a pid reused by something else).
sub postmaster_pid
{
	my ($pm) = split /\n/, slurp($node->data_dir . '/postmaster.pid');
	return undef unless $pm && -r "/proc/$pm/cmdline";
	my $cmd = slurp("/proc/$pm/cmdline");
	my $dd = $node->data_dir;
	return index($cmd, $dd) >= 0 ? $pm : undef;
}

sub children_of
{
	my ($pm) = @_;
	my $list = `ps -o pid= --ppid $pm`;
	return grep { /^\d+$/ } map { s/\s//gr } split /\n/, $list;
}

# SIGKILL to the postmaster and every child of it, then wait until all of
# them are gone (a child left attached to the shared memory would keep the
# new postmaster from starting).  The postmaster is stopped (SIGSTOP)
# first, so that it can neither fork a child between the listing of its
# children and the kill nor react to their deaths; the children die first,
# then the postmaster, by the framework's kill9.
sub crash_kill
{
	my $pm = postmaster_pid();
	return 0 unless $pm;
	kill 'STOP', $pm;
	my @children = children_of($pm);
	kill 'KILL', @children if @children;
	$node->kill9;
	my @pids = (@children, $pm);
	foreach (1 .. 200)
	{
		# also until reaped: a new postmaster refuses to start while the
		# old one's pid exists, even as a zombie
		return 1 unless grep { kill 0, $_ } @pids;
		sleep 0.05;
	}
	diag("processes still alive after SIGKILL: @pids");
	return 0;
}

sub wc_l { my $n = () = slurp($_[0]) =~ /\n/g; return $n; }
sub recoveries
{
	my $n = () = slurp($logfile) =~ /database system was not properly shut down; automatic recovery in progress/g;
	return $n;
}

# The load, with the kills.
touch("$out/gate");
note("load: $clients clients, seed $seed");
# lock_timeout: a client that waits behind one of the prepared transactions
# (which keep their locks until resolved after the next kill) gives up, as a
# clerk with the recommended lock_timeout would, instead of holding the
# locks it has and blocking the next PREPARE for good.  timeout(1) ends a
# load that hangs.
my $load_pid = fork() // die "fork: $!";
if ($load_pid == 0)
{
	$ENV{PGOPTIONS} = '-c lock_timeout=3s';
	$ENV{PGHOST} = '127.0.0.1';
	$ENV{PGPORT} = $node->port;
	$ENV{PGUSER} = 'postgres';
	$ENV{PGDATABASE} = $db;
	open STDOUT, '>', "$out/load.log" or POSIX::_exit(2);
	open STDERR, '>', "$out/load.err" or POSIX::_exit(2);
	exec('timeout', '-k', '5', $load_max_seconds + 30, "$out/crash_load", $out,
		$load_max_seconds, $clients, $seed) or POSIX::_exit(2);
}
END { kill 'TERM', $load_pid if $load_pid; }
srand($seed);
my $prev_lines = 0;
my $recoveries_before = recoveries();
foreach my $k (1 .. $kills)
{
	sleep(7 + int(rand(3)) + int(rand(10)) / 10);
	if (waitpid($load_pid, POSIX::WNOHANG()) != 0)
	{
		ok(0, "kill $k: the load ended before the kill");
		$load_pid = undef;
		last;
	}
	my $ckpt_pid;
	if ($k == 2)
	{
		# the second kill lands in the middle of a checkpoint
		$ckpt_pid = fork() // die "fork: $!";
		if ($ckpt_pid == 0)
		{
			open STDOUT, '>', '/dev/null';
			open STDERR, '>', '/dev/null';
			exec('psql', '-X', '-h', '127.0.0.1', '-p', $node->port, '-U', 'postgres', '-d', $db,
				'-c', 'CHECKPOINT') or POSIX::_exit(2);
		}
		sleep((2 + int(rand(5))) / 10);
	}
	unlink("$out/gate");
	if ($k == 1)
	{
		# two prepared transactions are in flight at the first kill
		ok( prepare_xact('crash_commit', $seed % 18, ($seed + 1) % 18)
			  && prepare_xact('crash_rollback', ($seed + 2) % 18, ($seed + 3) % 18),
			"kill $k: two transactions prepared (PREPARE TRANSACTION) before the kill");
	}
	note('at the kill: ' . (qc("SELECT format('%s statements running (%s bulk INSERT ... SELECT, %s COPY, %s COMMIT; %s waiting for a lock), %s sessions idle in transaction',
		count(*) FILTER (WHERE state = 'active'),
		count(*) FILTER (WHERE state = 'active' AND query LIKE '%generate_series%'),
		count(*) FILTER (WHERE state = 'active' AND query LIKE 'COPY%'),
		count(*) FILTER (WHERE state = 'active' AND query = 'COMMIT'),
		count(*) FILTER (WHERE state = 'active' AND wait_event_type = 'Lock'),
		count(*) FILTER (WHERE state LIKE 'idle in transaction%'))
		FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()") // ''));
	my $pm = postmaster_pid();
	my $nchildren = $pm ? scalar(children_of($pm)) : 0;
	my $at = elapsed();
	ok(crash_kill(), "kill $k: SIGKILL to the postmaster and its $nchildren children at ${at}s, under load")
	  or BAIL_OUT("kill $k: could not kill the server");
	waitpid($ckpt_pid, 0) if $ckpt_pid;
	spew("$out/recorded.$k", cat_files("$out/committed.*"));
	my $lines = wc_l("$out/recorded.$k");
	ok($lines > $prev_lines,
		"kill $k: the clients committed rows since the previous kill (" . ($lines - $prev_lines) . " rows, $lines in all)");
	$prev_lines = $lines;
	my $t0 = time();
	ok($node->start(fail_ok => 1), sprintf('kill %d: server restarted, crash recovery took %.2fs', $k, time() - $t0))
	  or BAIL_OUT("kill $k: the server did not restart");
	my @redo = grep { /redo done at|redo starts at/ } split /\n/, slurp($logfile);
	my $redo = @redo ? $redo[-1] =~ s/.*LOG: *//r : '';
	is(recoveries(), $recoveries_before + $k, "kill $k: the server log shows crash recovery ($redo)");
	run_checks("after kill $k", "$out/recorded.$k");
	if ($k == 1)
	{
		is(qc("SELECT string_agg(gid, ' ' ORDER BY gid) FROM pg_prepared_xacts"), 'crash_commit crash_rollback',
			"kill $k: both prepared transactions survived the crash");
		if (defined run_q('-c', "COMMIT PREPARED 'crash_commit'", '-c', "ROLLBACK PREPARED 'crash_rollback'"))
		{
			ok(1, "kill $k: COMMIT PREPARED crash_commit, ROLLBACK PREPARED crash_rollback");
			# committed now: the later checks look for its rows
			spew("$out/committed.prepared", slurp("$out/prepared.crash_commit"));
		}
		else
		{
			ok(0, "kill $k: resolving the prepared transactions");
		}
		spew("$out/rolledback", slurp("$out/prepared.crash_rollback"));
		is( run_q('-c', 'CREATE TEMP TABLE d (kind text, id bigint, ref bigint, amount bigint, txn bigint)',
				'-c', "\\copy d FROM '$out/rolledback'",
				'-c', "SELECT count(*) FROM d WHERE EXISTS (SELECT FROM allocation a WHERE d.kind = 'a' AND a.id = d.id)
					OR EXISTS (SELECT FROM payment p WHERE d.kind = 'p' AND p.id = d.id)"),
			'0',
			"kill $k: the rolled-back prepared transaction left no row (" . wc_l("$out/rolledback") . ' rows looked for)');
		run_checks('after the prepared transactions', "$out/prepared.crash_commit");
	}
	touch("$out/gate");
}

# a few more seconds of load after the last restart, then stop it
my $load_rc = -1;
if ($load_pid)
{
	sleep 4;
	touch("$out/stop");
	waitpid($load_pid, 0);
	$load_rc = $? >> 8;
	$load_pid = undef;
}
my $summary_text = slurp("$out/load.log");
note($summary_text);
my @err = (split /\n/, slurp("$out/load.err"))[ 0 .. 19 ];
note(join("\n", grep { defined } @err));
is($load_rc, 0, "the load program finished (exit $load_rc)");
my ($summary) = grep { /^crash_load:/ } split /\n/, $summary_text;
$summary //= '';
sub val { my ($k) = @_; return $summary =~ / \Q$k\E=(\d+)/ ? $1 : ''; }
is(val('unexpected'), '0', 'no unexpected error in the load (' . val('unexpected') . ')');
ok(val('refused_year') ne '' && val('refused_year') > 0 && val('closed_year_accepted') eq '0',
	'the closed year refused every write (' . val('refused_year') . ' refused, ' . val('closed_year_accepted') . ' accepted)');
ok(val('refused_cap') ne '' && val('refused_cap') > 0,
	'the cap rules refused work: the stream pushed against the limits (' . val('refused_cap') . ' refused)');
spew("$out/recorded.final", cat_files("$out/committed.*"));
spew("$out/indoubt.all", cat_files("$out/indoubt.*"));
run_checks('at the end', "$out/recorded.final");

# rows_present(FILE): per transaction of FILE, how many of its rows are there
# and how many it wrote ([txn, present, written] per transaction).  A row
# is matched by id, reference and amount, not by id alone: ids come from
# sequences, and a sequence value handed to a transaction that never
# committed may be handed out again after a crash (PostgreSQL logs
# sequences ahead, and a crash can lose an unflushed log record), so a
# later row can carry the id of a row that is gone.
sub rows_present
{
	my ($file) = @_;
	my $o = run_q('-F', ' ', '-c', 'CREATE TEMP TABLE d (kind text, id bigint, ref bigint, amount bigint, txn bigint)',
		'-c', "\\copy d FROM '$file'",
		'-c', "SELECT txn, count(*) FILTER (WHERE a.id IS NOT NULL OR p.id IS NOT NULL), count(*)
			FROM d LEFT JOIN allocation a ON d.kind = 'a' AND a.id = d.id
				AND a.plan_id = d.ref AND a.amount::bigint = d.amount
			LEFT JOIN payment p ON d.kind = 'p' AND p.id = d.id
				AND p.allocation_id = d.ref AND p.amount::bigint = d.amount
			GROUP BY txn ORDER BY txn");
	return undef unless defined $o;
	return [ map { [ split / / ] } grep { /\S/ } split /\n/, $o ];
}
spew("$out/lost.all", cat_files("$out/lost.*"));
my $indoubt = rows_present("$out/indoubt.all");
my $lost = rows_present("$out/lost.all");
{
	my ($n, $c, $a, $partly) = (0, 0, 0, 0);
	foreach my $t (@{ $indoubt // [] })
	{
		$n++;
		if ($t->[1] == $t->[2]) { $c++ }
		elsif ($t->[1] == 0) { $a++ }
		else { $partly++ }
	}
	ok(defined $indoubt && $partly == 0,
		"transactions whose COMMIT was in flight at a kill are all or nothing ($n transactions: $c committed, $a not, $partly partly)");
}
{
	my ($n, $r, $p, $bad) = (0, 0, 0, 0);
	foreach my $t (@{ $lost // [] })
	{
		$n++;
		$r += $t->[2];
		$p += $t->[1];
		$bad++ if $t->[1] != 0;
	}
	ok(defined $lost && $bad == 0,
		"rows written by transactions the crash cut off before COMMIT are gone ($n transactions, $r rows, $p of them present)");
}

my (undef, $ro, $re) = q_run('-c', "INSERT INTO allocation (plan_id, project_id, amount)
		SELECT plan_id, project_id, (fp.approved::bigint + 1)::kc_money
		FROM crash_target t JOIN fund_plan fp ON fp.id = t.plan_id WHERE slot = 0");
my $refused = "$ro$re";
note((split /\n/, $refused)[0] // '');
like($refused, qr/violating cap rule "allocation_within_plan"/,
	'after the crashes the rule still refuses an allocation above the plan');
is( run_q('-c', "UPDATE fund_plan SET approved = (approved::bigint + 5000000)::kc_money
		WHERE id = (SELECT plan_id FROM crash_target WHERE slot = 0)",
		'-c', "INSERT INTO allocation (plan_id, project_id, amount)
		SELECT plan_id, project_id, '5 triệu' FROM crash_target WHERE slot = 0",
		'-c', "SELECT t.total = (SELECT sum(amount::bigint::numeric) FROM allocation a WHERE a.plan_id = c.plan_id)
		FROM crash_target c JOIN kc_cap_total t ON t.rule_name = 'allocation_within_plan'
		 AND t.parent_key = ARRAY[c.plan_id::text] WHERE c.slot = 0"),
	't', 'and the kept total still follows a fitting allocation');
note('suite time ' . elapsed() . 's');
$node->stop('immediate');
done_testing();
