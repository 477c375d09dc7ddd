# tools/tap-cluster.pl INFO_FILE -- the test command's throwaway cluster when
# PG_CONFIG names a server that is not a Debian package (a private tree,
# where pg_virtualenv, which only knows /usr/lib/postgresql/NN, cannot go):
# PostgreSQL's own TAP framework (PostgreSQL::Test::Cluster) makes it,
# with the binaries first in PATH.  Run as the cluster's owner (never
# root), with TESTDIR set to a directory it owns, by tools/lib.sh
# (kc_tap_cluster_start).  Writes the port and the server's log file to
# INFO_FILE once the server accepts connections, then waits until its
# standard input closes (the caller exited, however), stops the server and
# removes its data.  KC_TAP_CONF: more postgresql.conf lines;
# KC_TAP_SERVER_ENV: VAR=VALUE lines, the server's own environment (given
# to pg_ctl start only).
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $info = shift @ARGV or die "usage: tap-cluster.pl INFO_FILE\n";
my $node = PostgreSQL::Test::Cluster->new('main');
$node->init(extra => [ '--encoding=UTF8', '--locale=C.UTF-8' ]);
$node->append_conf('postgresql.conf', <<'CONF');
listen_addresses = '127.0.0.1'
log_statement = none
restart_after_crash = on
CONF
$node->append_conf('postgresql.conf', ($ENV{KC_TAP_CONF} // '') . "\n");
{
	local %ENV = %ENV;
	foreach (split /\n/, $ENV{KC_TAP_SERVER_ENV} // '')
	{
		$ENV{$1} = $2 if /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;
	}
	$node->start;
}
open my $fh, '>', "$info.new" or die "$info.new: $!";
print $fh $node->port, "\n", $node->logfile, "\n";
close $fh;
rename "$info.new", $info or die "$info: $!";

1 while defined(my $line = <STDIN>);

$node->stop('immediate');
ok(1, 'throwaway cluster served the command');
done_testing();
