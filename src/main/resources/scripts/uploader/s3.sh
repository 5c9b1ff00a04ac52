# shellcheck shell=sh
# Sourced by the uploader image's scripts (busybox sh): the bucket as rclone's remote "store", and log lines.
# The keys come from files (S3_KEYS_DIR/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: the mounted Secret of an
# ObjectBucketClaim, or the platform's), into an rclone config file only this user can read: never an argument or
# an environment variable. Needs S3_ENDPOINT, S3_BUCKET and S3_PREFIX; S3_REGION optional.

log() {
  printf '%s [%s] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "${0##*/}" "$*" >&2
}

fail() {
  log "ERROR: $*"
  exit 1
}

# s3_setup: writes the rclone config (into a private temporary directory, removed on exit) and points rclone at it.
s3_setup() {
  : "${S3_ENDPOINT:?}" "${S3_BUCKET:?}" "${S3_PREFIX?}" "${S3_KEYS_DIR:?}"
  S3_TMP=$(mktemp -d /tmp/s3.XXXXXX)
  trap 'rm -rf "$S3_TMP"' EXIT
  chmod 700 "$S3_TMP"
  if [ ! -r "$S3_KEYS_DIR/AWS_ACCESS_KEY_ID" ] || [ ! -r "$S3_KEYS_DIR/AWS_SECRET_ACCESS_KEY" ]; then
    fail "no S3 keys in $S3_KEYS_DIR (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)"
  fi
  umask 077
  {
    printf '[store]\ntype = s3\nprovider = Other\nendpoint = %s\nregion = %s\n' "$S3_ENDPOINT" "${S3_REGION:-us-east-1}"
    printf 'access_key_id = %s\n' "$(cat "$S3_KEYS_DIR/AWS_ACCESS_KEY_ID")"
    printf 'secret_access_key = %s\n' "$(cat "$S3_KEYS_DIR/AWS_SECRET_ACCESS_KEY")"
  } >"$S3_TMP/rclone.conf"
  RCLONE_CONFIG=$S3_TMP/rclone.conf
  export RCLONE_CONFIG
}

# s3_path REL: the remote path of REL under the cluster's prefix.
s3_path() {
  printf 'store:%s/%s%s\n' "$S3_BUCKET" "${S3_PREFIX:+$S3_PREFIX/}" "$1"
}
