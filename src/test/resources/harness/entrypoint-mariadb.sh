#!/usr/bin/env bash
# Stand-in for the official MariaDB image's entrypoint (docker-entrypoint.sh), made of Debian's
# packages: the harness runs it for a container that has no command of its own, as the image would.
# It does what the pod relies on the image for, and nothing of the cluster's own bootstrap (users,
# grants, replication belong to the project's scripts):
#   - an empty datadir (no mysql/ inside) is initialised: mariadb-install-db, then on a temporary
#     server without networking, with the binary log off for the session: root@localhost and root@'%'
#     get MARIADB_ROOT_PASSWORD, the other root and anonymous accounts go, and MARIADB_DATABASE /
#     MARIADB_USER / MARIADB_PASSWORD are created when set;
#   - then the server is exec'd, reading the pod's conf.d through the image's /etc/mysql/my.cnf (the
#     harness's image-my.cnf, not the host's), with datadir, socket, pid file and bind address on the
#     command line.
set -euo pipefail

datadir=/var/lib/mysql
socket=/run/mysqld/mysqld.sock
pidfile=/run/mysqld/mysqld.pid

say() { printf '%s [entrypoint %s] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "${HOSTNAME:-?}" "$*" >&2; }

sql_string() {
  local s=${1//\\/\\\\}
  printf "'%s'" "${s//\'/\'\'}"
}

initialise() {
  [[ -n ${MARIADB_ROOT_PASSWORD:-} ]] || { say "MARIADB_ROOT_PASSWORD is not set"; exit 1; }
  say "initialising an empty datadir"
  mariadb-install-db --datadir="$datadir" --auth-root-authentication-method=normal --skip-test-db \
    --skip-log-bin --skip-name-resolve >/dev/null
  local init_socket=/run/mysqld/init.sock
  mariadbd --datadir="$datadir" --socket="$init_socket" --pid-file=/run/mysqld/init.pid --skip-networking \
    --skip-slave-start --expire-logs-days=0 &
  local pid=$!
  for _ in $(seq 60); do
    [[ -S $init_socket ]] && mariadb --no-defaults --socket="$init_socket" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
    sleep 0.5
  done
  local root_password
  root_password=$(sql_string "$MARIADB_ROOT_PASSWORD")
  {
    printf 'SET @@SESSION.sql_log_bin = 0;\n'
    printf "DELETE FROM mysql.global_priv WHERE User = '' OR (User = 'root' AND Host <> 'localhost');\n"
    printf "DELETE FROM mysql.proxies_priv WHERE Host <> 'localhost';\n"
    printf 'FLUSH PRIVILEGES;\n'
    printf "ALTER USER 'root'@'localhost' IDENTIFIED BY %s;\n" "$root_password"
    printf "CREATE USER 'root'@'%%' IDENTIFIED BY %s;\n" "$root_password"
    printf "GRANT ALL ON *.* TO 'root'@'%%' WITH GRANT OPTION;\n"
    printf "GRANT PROXY ON ''@'%%' TO 'root'@'%%' WITH GRANT OPTION;\n"
    if [[ -n ${MARIADB_DATABASE:-} ]]; then
      printf "CREATE DATABASE IF NOT EXISTS \`%s\`;\n" "$MARIADB_DATABASE"
    fi
    if [[ -n ${MARIADB_USER:-} && -n ${MARIADB_PASSWORD:-} ]]; then
      printf "CREATE USER '%s'@'%%' IDENTIFIED BY %s;\n" "$MARIADB_USER" "$(sql_string "$MARIADB_PASSWORD")"
      if [[ -n ${MARIADB_DATABASE:-} ]]; then
        printf "GRANT ALL ON \`%s\`.* TO '%s'@'%%';\n" "$MARIADB_DATABASE" "$MARIADB_USER"
      fi
    fi
  } | mariadb --no-defaults --socket="$init_socket" -uroot
  kill "$pid"
  wait "$pid"
  say "datadir initialised"
}

# The image's CMD is "mariadbd"; further arguments go to the server.
if [[ ${1:-} == mariadbd ]]; then
  shift
fi
if [[ ! -d $datadir/mysql ]]; then
  initialise
fi
exec mariadbd --datadir="$datadir" --socket="$socket" --pid-file="$pidfile" --bind-address=0.0.0.0 "$@"
