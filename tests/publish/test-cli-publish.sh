#!/bin/bash
# test-cli-publish.sh TIDINGS_CLI TESTS_SRCDIR PYTHON: "send-test" and
# "handoff" of tidings-cli against the local servers of publish/ (an SMTP
# server requiring STARTTLS and AUTH, the HTTPS API stand-in), as TAP.
set -uo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 TIDINGS_CLI TESTS_SRCDIR PYTHON" >&2
  exit 2
fi
cli=$1
srcdir=$(cd "$2" && pwd)
python=$3
here=$srcdir/publish

export LC_ALL=C.UTF-8
unset LANGUAGE TIDINGS_SMTP_PASSWORD TIDINGS_API_KEY
export SOURCE_DATE_EPOCH=1690000000
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tidings-test-cli-publish.XXXXXX")
pids=()
cleanup () {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
export XDG_DATA_HOME=$tmp/data-home

echo "1..21"
n=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () {
  n=$((n + 1)); echo "not ok $n - $1"; shift
  for line in "$@"; do printf '%s\n' "$line" | sed 's/^/# /'; done
}
check () {  # check NAME CONDITION-COMMAND...
  local name=$1; shift
  if "$@"; then ok "$name"; else not_ok "$name" "stdout: $(cat "$tmp/out")" "stderr: $(cat "$tmp/err")"; fi
}
run () { rc=0; "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?; }

# start SCRIPT ARGS...: starts a server of publish/ and sets port.
start () {
  local script=$1; shift
  local ready=$tmp/ready-$RANDOM
  "$python" "$here/$script" --ready "$ready" "$@" 2>>"$tmp/servers.log" &
  pids+=($!)
  for _ in $(seq 400); do [ -f "$ready" ] && break; sleep 0.05; done
  port=$(cat "$ready")
}

# The certificate, and the sample without its web address (pictures inside).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 2 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1
mkdir -p "$tmp/issue"
cp -r "$srcdir/../data/samples/august-2023/images" "$tmp/issue/"
"$python" - "$srcdir/../data/samples/august-2023/august-2023.tidings" "$tmp/issue/august.tidings" <<'PY'
import json, sys
issue = json.load(open(sys.argv[1]))
issue['issue']['public_base_url'] = ''
json.dump(issue, open(sys.argv[2], 'w'), ensure_ascii=False, indent=2)
PY
issue=$tmp/issue/august.tidings

# --- send-test ---------------------------------------------------------------

mkdir "$tmp/spool" "$tmp/plain-spool"
start smtp-server.py --spool "$tmp/spool" --cert "$tmp/cert.pem" --key "$tmp/key.pem" \
  --user rachel --password s3cret
smtp_port=$port
start smtp-server.py --spool "$tmp/plain-spool" --user rachel --password s3cret
plain_port=$port
smtp=smtp://127.0.0.1:$smtp_port

run "$cli" send-test "$issue" --smtp "$smtp"
check "send-test without --to is a usage error" test "$rc" = 2
run "$cli" send-test "$issue" --to me@example.com --smtp http://127.0.0.1:$smtp_port
check "send-test refuses a non-SMTP URL as a usage error" test "$rc" = 2
run "$cli" send-test "$issue" --to me@example.com --smtp "$smtp" --user rachel
check "send-test without \$TIDINGS_SMTP_PASSWORD is a usage error" \
  grep -q TIDINGS_SMTP_PASSWORD "$tmp/err"

TIDINGS_SMTP_PASSWORD=s3cret run "$cli" send-test "$issue" --to me@example.com \
  --smtp "$smtp" --user rachel --ca-file "$tmp/cert.pem"
check "send-test delivers over STARTTLS with AUTH" test "$rc" = 0 -a -f "$tmp/spool/1.eml"
"$cli" export --format=eml "$issue" --to me@example.com -o "$tmp/export.eml" 2>/dev/null
run "$python" "$here/check-sent-eml.py" "$tmp/spool/1.eml" "$tmp/export.eml"
check "the message received is the export: headers, parts, pictures" test "$rc" = 0
grep -q '"tls": true' "$tmp/spool/1.json" && grep -q '"authenticated": true' "$tmp/spool/1.json"
check "the message went encrypted and authenticated" test $? = 0

TIDINGS_SMTP_PASSWORD=wrong run "$cli" send-test "$issue" --to me@example.com \
  --smtp "$smtp" --user rachel --ca-file "$tmp/cert.pem"
check "a wrong password is refused with its message" \
  test "$rc" = 1 -a "$(grep -c 'user name or password was refused' "$tmp/err")" = 1
check "nothing more was delivered" test ! -e "$tmp/spool/2.eml"

TIDINGS_SMTP_PASSWORD=s3cret run "$cli" send-test "$issue" --to me@example.com \
  --smtp smtp://127.0.0.1:$plain_port --user rachel --ca-file "$tmp/cert.pem"
check "a server without STARTTLS is refused with its message" \
  test "$rc" = 1 -a "$(grep -c 'offers no encrypted connection' "$tmp/err")" = 1
check "the plain server received nothing" test -z "$(ls "$tmp/plain-spool")"

# --- handoff -----------------------------------------------------------------

start api-standin.py --log "$tmp/requests.jsonl" --cert "$tmp/cert.pem" --key "$tmp/key.pem" \
  --api-key k3y-us6
api=https://127.0.0.1:$port

TIDINGS_API_KEY=k3y-us6 run "$cli" handoff "$issue"
check "handoff without --service is a usage error" test "$rc" = 2
TIDINGS_API_KEY=k3y-us6 run "$cli" handoff --service=constantcontact "$issue"
check "handoff to an unknown service is a usage error" test "$rc" = 2
TIDINGS_API_KEY=k3y-us6 run "$cli" handoff --service=buttondown "$issue" --api-base http://api.example.com/v1
check "plain http:// is refused for a remote --api-base" test "$rc" = 2
run "$cli" handoff --service=buttondown "$issue" --api-base "$api/v1"
check "handoff without \$TIDINGS_API_KEY is a usage error" \
  test "$rc" = 2 -a "$(grep -c TIDINGS_API_KEY "$tmp/err")" = 1

TIDINGS_API_KEY=k3y-us6 run "$cli" handoff --service=mailchimp "$issue" --api-base "$api/3.0" \
  --ca-file "$tmp/cert.pem"
first_id=$(sed -n 1p "$tmp/out")
check "handoff to Mailchimp prints the draft's id and link" \
  test "$rc" = 0 -a -n "$first_id" -a "$(grep -c '^https://us6.admin.mailchimp.com/campaigns/show/?id=' "$tmp/out")" = 1
check "the progress names every picture" test "$(grep -c 'picture .* of 12' "$tmp/err")" = 12
run "$cli" validate "$issue"
check "the issue records the campaign and still validates" \
  test "$rc" = 0 -a "$(grep -c "\"id\": \"$first_id\"" "$issue")" = 1
TIDINGS_API_KEY=k3y-us6 run "$cli" handoff --service=mailchimp "$issue" --api-base "$api/3.0" \
  --ca-file "$tmp/cert.pem"
check "a second handoff updates the same campaign" \
  test "$rc" = 0 -a "$(sed -n 1p "$tmp/out")" = "$first_id"

TIDINGS_API_KEY=k3y-us6 run "$cli" handoff --service=buttondown "$issue" --api-base "$api/v1" \
  --ca-file "$tmp/cert.pem"
check "handoff to Buttondown prints the draft's id and link, and warns of *|UNSUB|*" \
  test "$rc" = 0 -a "$(grep -c '^https://buttondown.com/emails/' "$tmp/out")" = 1 \
    -a "$(grep -c 'warning: The unsubscribe link is “\*|UNSUB|\*”' "$tmp/err")" = 1
TIDINGS_API_KEY=wrong run "$cli" handoff --service=buttondown "$issue" --api-base "$api/v1" \
  --ca-file "$tmp/cert.pem"
check "a refused API key fails with its message" \
  test "$rc" = 1 -a "$(grep -c 'refused the API key' "$tmp/err")" = 1

run "$python" - "$tmp/requests.jsonl" <<'PY'
import json, sys
requests = [json.loads(line) for line in open(sys.argv[1])]
bad = [r for r in requests if r['violations']]
calls = [(r['method'], r['path'].split('?')[0]) for r in requests]
mailchimp = [c for c in calls if c[1].startswith('/3.0/campaigns')]
assert not bad, bad
assert [c[0] for c in mailchimp] == ['POST', 'PUT', 'GET', 'PATCH', 'PUT'], mailchimp
assert not any('/actions/' in c[1] for c in calls)
PY
check "every request matched the documented API; create, then update; never send" test "$rc" = 0

[ "$n" = 21 ] || echo "Bail out! planned 21 tests, ran $n"
