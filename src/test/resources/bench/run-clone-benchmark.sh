#!/usr/bin/env bash
# Builds the test classes and runs the clone benchmark of issue 11 (mysqlcluster.bootstrap.CloneBenchmark):
#   src/test/resources/bench/run-clone-benchmark.sh [--engine=mysql-9.7,mariadb-11.8] [--sizes=1,2]
#       [--runs=5] [--warmups=1] [--logical-runs=N] [--logical-warmups=N]
#       [--writer=true|false] [--alter=true|false] [--load-runs=1] [--out=FILE]
# --engine: any of mysql-9.7, mariadb-11.8, mariadb-10.11 (the harness's image roots); --sizes in GiB,
# fractions allowed for a short trial (--sizes=0.25 --runs=1 --warmups=0).
# Needs root, JDK 17, Maven, the harness's tools (iproute2, util-linux, mmdebstrap for the image roots) and
# the host's tar and socat (the transport floor); every database binary runs inside the image root.
# On a machine shared with the scenario tests run it under their lock: flock /tmp/harness.lock <this script>.
# BUILD_DIR (default /tmp/bench-target) is Maven's build directory; the report is printed and written to
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
