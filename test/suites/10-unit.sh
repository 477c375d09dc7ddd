# Unit tests of the PostgreSQL-free core (src/core).
set -euo pipefail
mkdir -p tmp
cc -std=c11 -O1 -g -Wall -Wextra -fsanitize=address,undefined -fno-sanitize-recover=all \
	-Isrc/core -o tmp/kc_core_test test/unit/kc_core_test.c src/core/*.c
./tmp/kc_core_test
