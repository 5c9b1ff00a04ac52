#!/usr/bin/env bash
# Stand-in for the official prom/mysqld-exporter image's entrypoint, /bin/mysqld_exporter (its Dockerfile:
# ENTRYPOINT ["/bin/mysqld_exporter"], no CMD): Debian's build of the same program, run with the
# container's arguments, as the image would run its own binary.
exec /usr/bin/prometheus-mysqld-exporter "$@"
