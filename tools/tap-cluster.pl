# tools/tap-cluster.pl INFO_FILE -- the test command's throwaway cluster when
# PG_CONFIG names a server that is not a Debian package (a private tree,
# where pg_virtualenv, which only knows /usr/lib/postgresql/NN, cannot go):
# PostgreSQL's own TAP framework (PostgreSQL::Test::Cluster) makes it,
# with the binaries first in PATH.  Run as the cluster's owner (never
# root), with TESTDIR set to a directory it owns, by tools/lib.sh
# (kc_with_cluster).  Writes "PORT" to INFO_FILE once the server accepts
# connections, then waits until its standard input closes (the caller
# exited, however), stops the server and removes its data.
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
max_connections = 120
shared_buffers = 512MB
max_prepared_transactions = 10
max_worker_processes = 8
max_parallel_workers = 4
fsync = off
synchronous_commit = off
full_page_writes = off
log_min_messages = warning
CONF
$node->start;
open my $fh, '>', "$info.new" or die "$info.new: $!";
print $fh $node->port, "\n";
close $fh;
rename "$info.new", $info or die "$info: $!";

1 while defined(my $line = <STDIN>);

$node->stop('immediate');
ok(1, 'throwaway cluster served the command');
done_testing();
