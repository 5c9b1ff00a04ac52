#!/usr/bin/env bash
# Stand-in for the official MySQL image's entrypoint (docker-entrypoint.sh), made of Debian's
# packages: the harness runs it for a container that has no command of its own, as the image would.
# It does what the pod relies on the image for, and nothing of the cluster's own bootstrap (users,
# grants, replication belong to the project's scripts):
#   - an empty datadir (no mysql/ inside) is initialised: mysqld --initialize-insecure with the pod's
#     configuration, then on a temporary server without networking, on a socket of its own and with
#     the binary log off for the session: the time zone tables are loaded (when the root has
#     /usr/share/zoneinfo and MYSQL_INITDB_SKIP_TZINFO is empty), root@localhost gets
#     MYSQL_ROOT_PASSWORD, root@MYSQL_ROOT_HOST (default '%') is created with it, and MYSQL_DATABASE /
#     MYSQL_USER / MYSQL_PASSWORD are created when set;
#   - then the server is exec'd, reading the pod's conf.d through the image's /etc/mysql/my.cnf (the
#     harness's image-my.cnf, not the host's), with datadir, socket, pid file and bind address on the
#     command line, followed by the container's arguments.
# Like the official entrypoint, a datadir that holds mysql/ counts as initialised, whatever state it
# is in: an initialisation cut short is not repaired here (the next start either runs the server on
# the half-made datadir or has --initialize refuse a non-empty one).
set -euo pipefail

datadir=/var/lib/mysql
socket=/run/mysqld/mysqld.sock
pidfile=/run/mysqld/mysqld.pid

say() { printf '%s [entrypoint %s] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "${HOSTNAME:-?}" "$*" >&2; }

# A MySQL string literal (backslash and quote escaped; the session clears NO_BACKSLASH_ESCAPES).
sql_string() {
  local s=${1//\\/\\\\}
  s=${s//$'\n'/\\n}
  printf "'%s'" "${s//\'/\\\'}"
}

# A MySQL quoted identifier.
sql_name() {
  local q='`'
  printf '%s%s%s' "$q" "${1//$q/$q$q}" "$q"
}

initialise() {
  [[ -n ${MYSQL_ROOT_PASSWORD:-} ]] || { say "MYSQL_ROOT_PASSWORD is not set"; exit 1; }
  [[ ${MYSQL_USER:-} != root ]] || { say "MYSQL_USER must not be root"; exit 1; }
  local root_host=${MYSQL_ROOT_HOST:-%}
  local started=$SECONDS

  say "initialising an empty datadir"
  mysqld --initialize-insecure --default-time-zone=SYSTEM --datadir="$datadir" "$@"

  local init_socket=/run/mysqld/init.sock
  local client=(mysql --no-defaults --protocol=socket --socket="$init_socket" -uroot)
  mysqld --datadir="$datadir" --socket="$init_socket" --pid-file=/run/mysqld/init.pid \
    --skip-networking --mysqlx=OFF --default-time-zone=SYSTEM "$@" &
  local pid=$!
  local waited=0
  until "${client[@]}" -e 'SELECT 1' >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" || true; say "the temporary server exited"; exit 1; }
    ((waited++ < 240)) || { kill "$pid"; wait "$pid" || true; say "the temporary server did not start"; exit 1; }
    sleep 0.5
  done

  local root_password
  root_password=$(sql_string "$MYSQL_ROOT_PASSWORD")
  {
    printf 'SET autocommit = 1;\n'
    printf 'SET @@SESSION.sql_log_bin = 0;\n'
    printf "SET @@SESSION.sql_mode = REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', '');\n"
    if [[ -z ${MYSQL_INITDB_SKIP_TZINFO:-} && -d /usr/share/zoneinfo ]]; then
      printf 'USE mysql;\n'
      mysql_tzinfo_to_sql /usr/share/zoneinfo 2>/dev/null
    fi
    printf "ALTER USER 'root'@'localhost' IDENTIFIED BY %s;\n" "$root_password"
    if [[ $root_host != localhost ]]; then
      printf 'CREATE USER %s@%s IDENTIFIED BY %s;\n' "$(sql_string root)" "$(sql_string "$root_host")" "$root_password"
      printf 'GRANT ALL ON *.* TO %s@%s WITH GRANT OPTION;\n' "$(sql_string root)" "$(sql_string "$root_host")"
    fi
    if [[ -n ${MYSQL_DATABASE:-} ]]; then
      printf 'CREATE DATABASE IF NOT EXISTS %s;\n' "$(sql_name "$MYSQL_DATABASE")"
    fi
    if [[ -n ${MYSQL_USER:-} && -n ${MYSQL_PASSWORD:-} ]]; then
      printf "CREATE USER %s@'%%' IDENTIFIED BY %s;\n" "$(sql_string "$MYSQL_USER")" "$(sql_string "$MYSQL_PASSWORD")"
      if [[ -n ${MYSQL_DATABASE:-} ]]; then
        # The official entrypoint escapes _ so that the grant names this schema only.
        printf "GRANT ALL ON %s.* TO %s@'%%';\n" "$(sql_name "${MYSQL_DATABASE//_/\\_}")" "$(sql_string "$MYSQL_USER")"
      fi
    fi
  } | "${client[@]}" --binary-mode
  kill "$pid"
  wait "$pid"
  say "datadir initialised in $((SECONDS - started)) s"
}

# The image's CMD is "mysqld"; an argument list starting with an option also goes to the server.
if [[ ${1:-} == mysqld ]]; then
  shift
fi
if [[ ! -d $datadir/mysql ]]; then
  initialise "$@"
fi
exec mysqld --datadir="$datadir" --socket="$socket" --pid-file="$pidfile" --bind-address='*' "$@"
