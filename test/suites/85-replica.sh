# A read replica for dashboards: test/t/085_replica.pl, a TAP test on
# PostgreSQL::Test::Cluster (a primary and a streaming standby of its own).
bash test/t/prove.sh test/t/085_replica.pl
