# Crash safety of the cap rules and the year lock: test/t/060_crash.pl, a TAP
# test on PostgreSQL::Test::Cluster (a durable server of its own, killed
# with SIGKILL three times under load).  About 45 seconds.
bash test/t/prove.sh test/t/060_crash.pl
