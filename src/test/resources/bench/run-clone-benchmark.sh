#!/usr/bin/env bash
# Builds the test classes and runs the clone benchmark of issue 8 (mysqlcluster.bootstrap.CloneBenchmark):
#   src/test/resources/bench/run-clone-benchmark.sh [--sizes=1,2] [--runs=3] [--warmups=1]
#       [--logical-runs=N] [--logical-warmups=N] [--writer=true|false] [--out=FILE]
# Needs root, JDK 17, Maven, mmdebstrap (the harness's image roots), and Debian's mariadb-server, mariadb-backup, socat, iproute2.
# BUILD_DIR (default /tmp/bench-target) is Maven's build directory; the table is printed and written to
# --out (default /tmp/work/bench-table.md).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
build_dir=${BUILD_DIR:-/tmp/bench-target}

cd "$repo"
mvn -q -Dbuild.dir="$build_dir" test-compile dependency:build-classpath \
  -Dmdep.outputFile="$build_dir/cp.txt"
# The harness reads the stack files relative to the working directory: run from the repository root.
exec java -cp "$(<"$build_dir/cp.txt"):$build_dir/test-classes:$build_dir/classes" \
  mysqlcluster.bootstrap.CloneBenchmark "$@"
