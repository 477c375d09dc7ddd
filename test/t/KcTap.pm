# test/t/KcTap.pm -- small helpers shared by kc_ext's TAP tests (test/t/*.pl),
# on top of PostgreSQL::Test::Cluster and PostgreSQL::Test::Utils.
package KcTap;

use strict;
use warnings;
use Exporter 'import';
use IPC::Run;

our @EXPORT = qw(kc_init kc_psql kc_psql_ok);

# A node initialized as the test command's clusters always were: UTF8 with
# the C.UTF-8 locale (Vietnamese text in and out), listening on 127.0.0.1
# as well as on the framework's socket directory (clients such as pgJDBC
# connect by TCP), with the settings the old hand-written extra clusters
# had (allows_streaming's 1MB of shared_buffers and 10 connections are
# raised again; the framework's fsync = off stays).  %params go to init()
# (allows_streaming => 1 ...); a test appends its own settings after these.
sub kc_init
{
	my ($node, %params) = @_;
	$node->init(%params, extra => [ '--encoding=UTF8', '--locale=C.UTF-8' ]);
	$node->append_conf('postgresql.conf', <<'CONF');
# kc_ext's TAP tests (test/t/KcTap.pm)
listen_addresses = '127.0.0.1'
max_connections = 60
shared_buffers = 64MB
max_prepared_transactions = 10
max_worker_processes = 8
max_parallel_workers = 4
synchronous_commit = off
log_statement = none
log_min_messages = warning
CONF
	return $node;
}

# kc_psql($node, $db, @psql_args): runs psql -X against the node and
# returns (exit status, stdout and stderr together), in that order, like
# the old suites' "psql ... >file 2>&1".  PGOPTIONS and the like come from
# %ENV (callers localize it).
sub kc_psql
{
	my ($node, $db, @args) = @_;
	my $out = '';
	my $in = '';
	if (@args && ref $args[0] eq 'SCALAR')
	{
		$in = ${ shift @args };
	}
	IPC::Run::run(
		[
			'psql', '-X', '-h', $node->host, '-p', $node->port,
			'-U', 'postgres', '-d', $db, @args
		],
		'<', \$in, '>&', \$out);
	return ($? >> 8, $out);
}

# kc_psql_ok: the output of a psql run that must succeed (-q -A -t,
# ON_ERROR_STOP), trailing newline removed; undef when psql failed (its
# output is then shown as a diagnostic).
sub kc_psql_ok
{
	my ($node, $db, @args) = @_;
	my ($rc, $out) =
	  kc_psql($node, $db, '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', @args);
	if ($rc != 0)
	{
		Test::More::diag("psql exited $rc: $out");
		return undef;
	}
	chomp $out;
	return $out;
}

1;
