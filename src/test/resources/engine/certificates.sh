#!/usr/bin/env bash
# Writes the certificates and keys of a test control plane into DIR (made if missing), with openssl:
#   ca.crt, ca.key            the cluster's CA (2 days), which signs the two below
#   apiserver.crt, .key       the API server's serving certificate, for 127.0.0.1 and localhost
#   admin.crt, admin.key      a client in system:masters (the suite, controller-manager, scheduler, kwok)
#   sa.key, sa.pub            the service-account token signing key pair
# and, for each NAME after DIR, NAME.crt and NAME.key: a client certificate for the user NAME, in no group (for
# the RBAC tests). Keys are P-256 ECDSA (fast to make), mode 600.
#   certificates.sh DIR [USER...]
set -euo pipefail

[[ $# -ge 1 ]] || { echo "usage: certificates.sh DIR [USER...]" >&2; exit 2; }
dir=$1
shift
mkdir -p "$dir"
cd "$dir"
umask 077

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# Signs a certificate for KEY with the CA: sign NAME SUBJECT [EXTENSIONS...]
sign() {
  local name=$1 subject=$2 extensions
  shift 2
  extensions=$(mktemp)
  printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" "$@" >"$extensions"
  key "$name.key"
  openssl req -new -key "$name.key" -subj "$subject" -out "$name.csr" 2>/dev/null
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile "$extensions" \
    -out "$name.crt" 2>/dev/null
  rm -f "$name.csr" "$extensions"
}

key ca.key
openssl req -x509 -new -key ca.key -subj /CN=mysql-cluster-test-ca -days 2 -out ca.crt \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
sign apiserver /CN=kube-apiserver "extendedKeyUsage=serverAuth" \
  "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc"
sign admin "/O=system:masters/CN=admin" "extendedKeyUsage=clientAuth"
for user in "$@"; do
  sign "$user" "/CN=$user" "extendedKeyUsage=clientAuth"
done
key sa.key
openssl pkey -in sa.key -pubout -out sa.pub
rm -f ca.srl
chmod 600 ./*.key
