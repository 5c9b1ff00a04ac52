#!/usr/bin/env bash
# Builds the test classes and runs one of the benchmarks, NAME:
#   clone   the clone benchmark of issue 11 (mysqlcluster.bootstrap.CloneBenchmark):
#           [--engine=mysql-9.7,mariadb-11.8] [--sizes=1,2] [--runs=5] [--warmups=1] [--logical-runs=N]
#           [--logical-warmups=N] [--writer=true|false] [--alter=true|false] [--load-runs=1]
#           [--out=/tmp/work/bench-table.md]
#           the host's tar and socat carry its transport floor;
#   backup  the backup benchmark of issue 24 (mysqlcluster.bootstrap.BackupBenchmark):
#           [--engine=mysql-9.7,mariadb-11.8] [--sizes=1,4] [--runs=3] [--warmups=1] [--restore-runs=N]
#           [--writer-rate=200] [--writer-seconds=120] [--rpo-minutes=1] [--out=/tmp/work/backup-bench-table.md]
#           its object store keeps the objects in memory: about 3.5 times the largest size.
#   src/test/resources/bench/run-benchmark.sh NAME [OPTION...]
# --engine: any of mysql-9.7, mariadb-11.8, mariadb-10.11 (the harness's image roots); --sizes in GiB, fractions
# allowed for a short trial (--sizes=0.25 --runs=1 --warmups=0).
# Needs root, JDK 17, Maven and the harness's tools (iproute2, util-linux, mmdebstrap for the image roots); every
# database binary runs inside the image root.
# On a machine shared with the scenario tests run it under their lock: flock /tmp/harness.lock <this script>.
# BUILD_DIR (default /tmp/bench-target) is Maven's build directory; the report is printed and written to --out.
set -euo pipefail

case ${1:-} in
  clone) main=mysqlcluster.bootstrap.CloneBenchmark ;;
  backup) main=mysqlcluster.bootstrap.BackupBenchmark ;;
  *)
    echo "usage: run-benchmark.sh clone|backup [--name=value...]" >&2
    exit 2
    ;;
esac
shift

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
build_dir=${BUILD_DIR:-/tmp/bench-target}

cd "$repo"
mvn -q -Dbuild.dir="$build_dir" test-compile dependency:build-classpath \
  -Dmdep.outputFile="$build_dir/cp.txt"
# The harness reads the stack files relative to the working directory: run from the repository root.
exec java -cp "$(<"$build_dir/cp.txt"):$build_dir/test-classes:$build_dir/classes" "$main" "$@"
