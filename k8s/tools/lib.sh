# Shared by the scripts in k8s/tools: start packaged services the way a pod does (prod profile, a real
# non-dev signing key, JSON logs), wait for readiness, mint tokens for that key. Source it; needs
# openssl, curl, psql and the packaged jars (./mvnw -DskipTests package).

export PGOPTIONS="${PGOPTIONS:--c client_min_messages=warning}"
: "${DB_HOST:=127.0.0.1}" "${DB_PORT:=5432}" "${DB_USER:=postgres}"
export DB_HOST DB_PORT DB_USER

TOOLS_WORK=$(mktemp -d "${TMPDIR:-/tmp}/k8s-tools.XXXXXX")
TOOLS_ISSUER="https://idp.k8s-tools.invalid/realms/support"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$TOOLS_WORK/key.pem" 2>/dev/null
openssl pkey -in "$TOOLS_WORK/key.pem" -pubout -out "$TOOLS_WORK/public.pem"
STARTED_PIDS=()

stop_started() {
  for pid in "${STARTED_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED_PIDS[@]}"; do
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  STARTED_PIDS=()
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# token <role>: an RS256 token the started services accept (same claims as local-stack's DevTokens)
token() {
  local now header payload sig
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT","kid":"k8s-tools"}' | b64url)
  payload=$(printf '{"iss":"%s","sub":"k8s-tools","upn":"k8s-tools","groups":["%s"],"iat":%d,"exp":%d,"jti":"%s"}' \
    "$TOOLS_ISSUER" "$1" "$now" $((now + 3600)) "$(cat /proc/sys/kernel/random/uuid)" | b64url)
  sig=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$TOOLS_WORK/key.pem" | b64url)
  printf '%s.%s.%s' "$header" "$payload" "$sig"
}

recreate_db() {
  psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -qc "drop database if exists $1 with (force)"
  psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -qc "create database $1"
}

# start_service <service> <port> <database> <log> [java options...]: prints nothing, appends the pid to STARTED_PIDS
start_service() {
  local service=$1 port=$2 db=$3 log=$4
  shift 4
  env QUARKUS_HTTP_PORT="$port" DB_NAME="$db" JWT_ISSUER="$TOOLS_ISSUER" \
      JWT_PUBLIC_KEY_LOCATION="$TOOLS_WORK/public.pem" SMTP_HOST=127.0.0.1 SMTP_PORT=1 \
      ACK_LINK_SECRET="tools-only-ack-link-secret-$RANDOM-$RANDOM-$RANDOM" \
      ESCALATION_SERVICE_TOKEN="$(token service)" INCIDENT_SERVICE_TOKEN="$(token service)" \
      java "$@" -jar "$service/target/quarkus-app/quarkus-run.jar" >"$log" 2>&1 &
  STARTED_PIDS+=($!)
}

# wait_ready <port> <pid> <log>: polls readiness once a second for up to 180 s; fails if the process dies
wait_ready() {
  for _ in $(seq 1 180); do
    curl -fs -o /dev/null "http://127.0.0.1:$1/q/health/ready" && return 0
    kill -0 "$2" 2>/dev/null || { echo "process $2 exited before readiness:"; tail -20 "$3"; return 1; }
    sleep 1
  done
  echo "not ready on :$1 within 180 s:"; tail -20 "$3"; return 1
}

rss_mib() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
