# A read replica for dashboards: a primary holding the reference schema, the
# 2022 data and the cap rule (when kc_enforce_cap exists), a streaming
# standby made from a base backup (init_from_backup, has_streaming), and the
# demo's report (demo/report.sql), the report views and kc_ext aggregates
# asked of both: the results must be identical, also after a change
# streamed from the primary; the standby refuses writes; a multi-host JDBC
# URL reads from the standby (when javac and pgJDBC are there).
# (Was test/suites/85-replica.sh with test/extra_cluster.sh: every check
# carried over.)
use strict;
use warnings;
use File::Path qw(make_path);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use FindBin;
use lib $FindBin::RealBin;
use KcTap;

# initdb refuses root (make installcheck as root: run it as an ordinary user;
# the test command's test/t/prove.sh runs it as postgres)
plan skip_all => 'initdb refuses root: run the TAP tests as an ordinary user' if $> == 0;

my $db = 'kc_replica';
my $out = "$PostgreSQL::Test::Utils::tmp_check/replica";
make_path($out);

sub write_file
{
	my ($file, $text) = @_;
	open my $fh, '>', $file or die "$file: $!";
	print $fh $text;
	close $fh;
}

sub slurp
{
	my ($file) = @_;
	open my $fh, '<', $file or return '';
	local $/;
	return scalar <$fh>;
}

# The primary.
my $primary = PostgreSQL::Test::Cluster->new('replica_primary');
kc_init($primary, allows_streaming => 1);
$primary->append_conf('postgresql.conf', "synchronous_commit = on\n");
$primary->start;
ok(1, 'primary started on port ' . $primary->port);

my ($rc, $setup) = kc_psql($primary, 'postgres', '-q', '-v', 'ON_ERROR_STOP=1',
	'-c', "CREATE DATABASE $db");
if ($rc == 0)
{
	($rc, $setup) = kc_psql(
		$primary, $db, '-q', '-v', 'ON_ERROR_STOP=1',
		'-c', 'SET client_min_messages = warning',
		'-c', 'CREATE EXTENSION kc_ext',
		'-f', 'demo/schema.sql', '-f', 'demo/data_2022.sql');
}
ok($rc == 0, 'reference schema and 2022 data loaded on the primary')
  or BAIL_OUT("loading the reference schema on the primary: $setup");

my $cap = kc_psql_ok($primary, $db,
	'-c', "SELECT to_regprocedure('kc_enforce_cap(text,regclass,text[],text,regclass,text[],text)') IS NOT NULL");
SKIP:
{
	skip 'kc_enforce_cap is not installed: the replica runs without the cap rule', 1
	  unless defined $cap && $cap eq 't';
	($rc, $setup) = kc_psql($primary, $db, '-q', '-v', 'ON_ERROR_STOP=1',
		'-c', "SELECT kc_enforce_cap('allocation_within_plan', 'allocation', '{plan_id}', 'amount', 'fund_plan', '{id}', 'approved')");
	ok($rc == 0, 'cap rule allocation_within_plan installed on the primary')
	  or diag($setup);
}

# The standby: a base backup streamed from the primary; has_streaming
# writes primary_conninfo and standby.signal.
$primary->backup('base');
my $standby = PostgreSQL::Test::Cluster->new('replica_standby');
$standby->init_from_backup($primary, 'base', has_streaming => 1);
$standby->append_conf('postgresql.conf', "hot_standby = on\n");
$standby->start;
ok(1, 'standby from the base backup started on port ' . $standby->port);

# Waits until the standby has replayed everything the primary wrote.
sub wait_replay
{
	my $lsn = $primary->lsn('insert');
	return $standby->poll_query_until($db,
		"SELECT pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn");
}

ok(wait_replay(), 'the standby caught up with the primary')
  or BAIL_OUT('the standby did not catch up');
my $state = kc_psql_ok($standby, $db, '-c',
	"SELECT pg_is_in_recovery()::text || ' ' || coalesce((SELECT status FROM pg_stat_wal_receiver), 'none')");
is($state, 'true streaming', 'the standby is in recovery and streaming');

# What a dashboard asks: the report as psql prints it, the BI views, the
# kc_ext aggregates and formats over every table.
my $queries = "$out/queries.sql";
write_file($queries, <<'SQL');
\pset footer off
SELECT * FROM report_by_source ORDER BY year, source;
SELECT * FROM report_by_province ORDER BY year, province_code;
SELECT * FROM plan_fulfilment ORDER BY plan_id;
SELECT kind, count(*), sum(amount), avg(amount), min(amount), max(amount),
       kc_format(sum(amount), 'tỷ', 3), kc_format(sum(amount))
FROM payment GROUP BY ROLLUP (kind) ORDER BY kind;
SELECT source, sum(kc_plan(planned, actual)), kc_fulfilment(planned, actual),
       kc_pct(kc_fulfilment(planned, actual), 4, 'half_even'),
       kc_format_pct(kc_pct(kc_fulfilment(planned, actual), 2, 'trunc'))
FROM plan_fulfilment GROUP BY ROLLUP (source) ORDER BY source;
SELECT a.id, a.amount, sum(a.amount) OVER (PARTITION BY a.plan_id ORDER BY a.id
       ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM allocation a ORDER BY a.id;
SELECT md5(string_agg(t::text, ';' ORDER BY t::text)) FROM fund_plan t;
SELECT md5(string_agg(t::text, ';' ORDER BY t::text)) FROM project t;
SELECT md5(string_agg(t::text, ';' ORDER BY t::text)) FROM allocation t;
SELECT md5(string_agg(t::text, ';' ORDER BY t::text)) FROM payment t;
SQL

my %printed;
sub compare
{
	my ($what) = @_;
	my @q = ('-q', '-v', 'ON_ERROR_STOP=1');
	my (undef, $rp) = kc_psql($primary, $db, @q, '-f', 'demo/report.sql');
	my (undef, $rs) = kc_psql($standby, $db, @q, '-f', 'demo/report.sql');
	write_file("$out/report-primary-$what.out", $rp);
	write_file("$out/report-standby-$what.out", $rs);
	my $lines = () = $rp =~ /\n/g;
	ok( $rp =~ /Tổng cộng cả nước/ && $rp !~ /ERROR/ && $rp eq $rs,
		"demo/report.sql prints the same on both ($what, $lines lines)")
	  or diag("primary:\n$rp\nstandby:\n$rs");
	my (undef, $qp) = kc_psql($primary, $db, @q, '-f', $queries);
	my (undef, $qs) = kc_psql($standby, $db, @q, '-f', $queries);
	write_file("$out/queries-primary-$what.out", $qp);
	write_file("$out/queries-standby-$what.out", $qs);
	ok($qp !~ /ERROR/ && $qp eq $qs,
		"report views, aggregates and table checksums are the same on both ($what)")
	  or diag("primary:\n$qp\nstandby:\n$qs");
	$printed{"report-$what"} = $rs;
	$printed{"queries-$what"} = $qs;
}
compare('before');

# Read-only: a write on the standby fails with 25006.
my (undef, $st) = kc_psql($standby, $db, '-q', '-A', '-t',
	'-c', '\set VERBOSITY sqlstate',
	'-c', "INSERT INTO payment (allocation_id, kind, amount) SELECT min(id), 'advance', '1 triệu' FROM allocation");
like($st, qr/25006/, 'a write on the standby is refused with SQLSTATE 25006');

# Parallel aggregation (combine functions, typed states) on the standby.
my @par = ('-c', 'SET max_parallel_workers_per_gather = 2', '-c', 'SET parallel_setup_cost = 0',
	'-c', 'SET parallel_tuple_cost = 0', '-c', 'SET min_parallel_table_scan_size = 0');
my $par = kc_psql_ok($standby, $db, @par,
	'-c', "SELECT sum(amount)::text || '|' || avg(amount)::text || '|' || kc_fulfilment(amount, amount)::text FROM payment");
my $plan = kc_psql_ok($standby, $db, @par,
	'-c', 'EXPLAIN (COSTS OFF) SELECT sum(amount), avg(amount), kc_fulfilment(amount, amount) FROM payment');
my $ser = kc_psql_ok($primary, $db, '-c', 'SET max_parallel_workers_per_gather = 0',
	'-c', "SELECT sum(amount)::text || '|' || avg(amount)::text || '|' || kc_fulfilment(amount, amount)::text FROM payment");
$ser //= '';
ok( defined $plan && $plan =~ /Partial Aggregate/
	  && $ser ne '' && defined $par && $par eq $ser,
	"parallel sum/avg/kc_fulfilment on the standby = serial on the primary ($ser)")
  or diag("plan:\n" . ($plan // '') . "\nparallel: " . ($par // '') . "\nserial: $ser");

# A change on the primary reaches the standby by streaming: a 2023 plan
# line and a 10 triệu payment in Ninh Bình (2022 done: 8,08 -> 8,09 tỷ).
($rc, $setup) = kc_psql($primary, $db, '-q', '-v', 'ON_ERROR_STOP=1',
	'-c', "INSERT INTO fund_plan (year, province_code, source, approved, approved_on)
	VALUES (2023, 'NB', 'national', '3,5 tỷ', '2023-01-16')",
	'-c', "INSERT INTO payment (allocation_id, kind, amount, paid_on)
	SELECT a.id, 'payment', '10 triệu', '2022-12-30' FROM allocation a
	JOIN fund_plan fp ON fp.id = a.plan_id WHERE fp.province_code = 'NB' ORDER BY a.id LIMIT 1");
ok($rc == 0 && wait_replay(),
	'a plan line and a payment made on the primary were replayed on the standby')
  or diag($setup);
compare('after');
ok( $printed{'report-after'} =~ /Ninh Bình .*\| 8,09 tỷ đồng /
	  && $printed{'queries-after'} =~ /2023 \| NB /,
	"the standby's report and views show the streamed changes");

# A BI tool's multi-host JDBC URL: preferSecondary reads from the standby.
my $jar = '/usr/share/java/postgresql.jar';
SKIP:
{
	skip "pgJDBC ($jar) or javac missing: no JDBC read from the standby", 1
	  unless -f $jar && system('command -v javac >/dev/null 2>&1') == 0;
	my ($jout, $jerr);
	my $built = IPC::Run::run([ 'javac', '-encoding', 'UTF-8', '-cp', $jar, '-d', "$out/java",
			'test/clients/java/KcReplicaRead.java' ], '>&', \$jerr);
	ok($built, 'javac test/clients/java/KcReplicaRead.java') or diag($jerr);
	last SKIP unless $built;
	local $ENV{PGUSER} = 'postgres';
	IPC::Run::run([ 'java', '-Dfile.encoding=UTF-8', '-cp', "$jar:$out/java", 'KcReplicaRead',
			$primary->port, $standby->port, $db ], '>&', \$jout);
	write_file("$out/jdbc.log", $jout);
	my $seen = 0;
	foreach my $line (split /\n/, $jout)
	{
		if ($line =~ /^ok: (.*)/) { ok(1, "JDBC: $1"); $seen++; }
		elsif ($line =~ /^FAIL: (.*)/) { ok(0, "JDBC: $1"); $seen++; }
	}
	ok($seen > 0 && $jout =~ /^\d+ passed, 0 failed$/m, 'KcReplicaRead ran to its result line: '
		  . (($jout =~ /^(\d+ passed, \d+ failed)$/m) ? $1 : 'none'))
	  or diag($jout);
}

$standby->stop;
$primary->stop;
done_testing();
