#!/usr/bin/env bash
# A single-node Kafka (KRaft, combined broker + controller) from the Apache Kafka jars,
# for tests and local runs on machines without Docker. See infra/kafka/README.md.
#
#   kafka.sh fetch                 resolve the jars into infra/kafka/lib (Maven)
#   kafka.sh start                 start a broker; prints KAFKA_BROKERS=… and KAFKA_VERSION=…
#   kafka.sh stop [--clean]        stop the broker of $KAFKA_DATA_DIR (--clean: delete the folder)
#   kafka.sh status                is the broker of $KAFKA_DATA_DIR running and answering?
#   kafka.sh version               the Kafka version this script runs
#
# Environment: KAFKA_DATA_DIR (start: default a new folder under the OS temp dir),
# KAFKA_PORT (default 9092), KAFKA_CONTROLLER_PORT (default KAFKA_PORT+1),
# KAFKA_HEAP (default -Xmx512m), KAFKA_JVM_OPTS (more JVM flags for the broker),
# KAFKA_START_TIMEOUT (seconds, default 60).
#
# Only the two result lines of `start` go to stdout, so callers can parse them; every
# other message goes to stderr.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SELF="$HERE/kafka.sh"
LIB="$HERE/lib"
POM="$HERE/pom.xml"
LOG_CONFIG="$HERE/log4j2.properties"
MARKER="$LIB/.fetched"
# A data folder this script made carries this file, so `stop --clean` never deletes a
# folder it did not create.
OWNER_MARK=".aid-ledger-kafka"

log() { printf 'kafka.sh: %s\n' "$*" >&2; }
die() {
  printf 'kafka.sh: error: %s\n' "$*" >&2
  exit 1
}

kafka_version() {
  local v
  v="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM" | head -n 1)"
  [[ -n "$v" ]] || die "cannot read <kafka.version> from $POM"
  printf '%s' "$v"
}

# The marker records the version and a checksum of the pom, so editing the pom (a new
# Kafka version, another logging binding) makes the next start fetch again.
expected_marker() {
  printf 'kafka=%s pom=%s\n' "$(kafka_version)" "$(cksum <"$POM" | cut -d' ' -f1)"
}

fetched() {
  [[ -f "$MARKER" ]] && [[ "$(cat "$MARKER")" == "$(expected_marker)" ]]
}

find_java() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    JAVA="$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    JAVA="$(command -v java)"
  else
    die "java not found: install a JDK 17+ (e.g. apt-get install openjdk-17-jre-headless) or set JAVA_HOME"
  fi
  local major
  major="$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)"
  if [[ -n "$major" && "$major" -lt 17 ]]; then
    die "Kafka $(kafka_version) needs Java 17 or newer; $JAVA is Java $major"
  fi
}

cmd_fetch() {
  if fetched; then
    log "Kafka $(kafka_version) jars already in $LIB"
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found: install Maven 3.8+ (e.g. apt-get install maven) to fetch the Kafka jars"
  find_java
  mkdir -p "$LIB"
  # Two starts at once (two test runs) must not both rewrite lib/.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$LIB/.fetch.lock"
    flock 9
    if fetched; then
      return 0
    fi
  fi
  log "fetching Kafka $(kafka_version) jars with Maven into $LIB (about 45 MB the first time)"
  rm -f "$MARKER" "$LIB"/*.jar
  local mvn_log="$LIB/.fetch.log"
  if ! (cd "$HERE" && mvn -B -Dstyle.color=never -f "$POM" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$LIB" >"$mvn_log" 2>&1); then
    grep -E 'ERROR|BUILD' "$mvn_log" | tail -n 20 >&2 || tail -n 20 "$mvn_log" >&2
    die "mvn could not resolve the Kafka jars (is Maven Central reachable? full log: $mvn_log)"
  fi
  ls "$LIB"/kafka_2.13-*.jar >/dev/null 2>&1 || die "mvn finished but $LIB holds no kafka_2.13 jar"
  expected_marker >"$MARKER"
  log "fetched $(find "$LIB" -name '*.jar' | wc -l | tr -d ' ') jars"
}

require_port() {
  local name="$1" value="$2"
  if ! [[ "$value" =~ ^[0-9]+$ ]] || ((value < 1 || value > 65535)); then
    die "$name must be a TCP port number, got '$value'"
  fi
}

# True when something accepts connections on 127.0.0.1:$1.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pid_file() { printf '%s/kafka.pid' "$KAFKA_DATA_DIR"; }

# kill -0 also succeeds on a zombie, and an orphaned broker can stay one for a while
# where PID 1 does not reap; a zombie counts as gone.
alive() {
  local pid="$1" state
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/stat" ]]; then
    state="$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -c1)"
    [[ "$state" != "Z" ]] || return 1
  fi
  return 0
}

# The pid in the pid file, if that process is alive and is a Kafka broker (a stale file
# may name a pid the system has since given to something else).
running_pid() {
  local file pid
  file="$(pid_file)"
  [[ -f "$file" ]] || return 1
  pid="$(tr -dc '0-9' <"$file")"
  [[ -n "$pid" ]] || return 1
  alive "$pid" || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'kafka\.Kafka' || return 1
  fi
  printf '%s' "$pid"
}

# Sends one Metadata request (v4, all topics) over bash's /dev/tcp and succeeds when the
# answer lists at least one broker. That only happens once the broker has registered with
# its controller and been unfenced, i.e. when clients can really use it. An open port
# alone proves little: the listener is bound long before requests are served.
metadata_ready() {
  local port="$1" bytes
  local -a b
  # shellcheck disable=SC2016 # the inner script expands $1 itself
  bytes="$(
    timeout 3 bash -c '
      exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
      # size 23 | api_key 3 | api_version 4 | correlation_id 1 | client_id "kafka.sh"
      # | topics -1 (all) | allow_auto_topic_creation false
      printf "\x00\x00\x00\x17\x00\x03\x00\x04\x00\x00\x00\x01\x00\x08kafka.sh\xff\xff\xff\xff\x00" >&3
      dd bs=4096 count=1 <&3 2>/dev/null | od -An -tu1 -N16 -v
    ' _ "$port" 2>/dev/null
  )" || return 1
  # size(4) correlation_id(4) throttle_time_ms(4) broker count(4)
  read -r -a b <<<"$(tr '\n' ' ' <<<"$bytes")"
  ((${#b[@]} == 16)) || return 1
  ((b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 1)) || return 1
  local brokers=$(((b[12] << 24) | (b[13] << 16) | (b[14] << 8) | b[15]))
  ((brokers > 0))
}

log_tail() {
  local logs="$KAFKA_DATA_DIR/logs" f
  for f in "$logs/kafka.out" "$logs/server.log"; do
    if [[ -s "$f" ]]; then
      printf -- '--- last lines of %s ---\n' "$f" >&2
      tail -n 40 "$f" >&2
    fi
  done
}

# A Kafka cluster id is 16 random bytes in URL-safe base64 without padding. One that
# starts with '-' would read as an option on a command line, so draw again.
new_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "$id" != -* && ${#id} -eq 22 ]] && break
  done
  printf '%s' "$id"
}

write_config() {
  local config="$1"
  cat >"$config" <<EOF
# Written by infra/kafka/kafka.sh; rewritten at every start.
node.id=1
process.roles=broker,controller
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_DATA_DIR/data

# One node: every replicated thing has exactly one replica.
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
remote.log.metadata.topic.replication.factor=1

# Small internal topics: fewer partitions to create and load on the first group join.
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=4
share.coordinator.state.topic.num.partitions=4

auto.create.topics.enable=true
num.partitions=3
# Tests start and stop many consumer groups; waiting 3 s for more members is wasted time.
group.initial.rebalance.delay.ms=0

# A throwaway broker: keep a day of data and look for expired segments often.
log.retention.hours=24
log.retention.check.interval.ms=60000
log.segment.bytes=67108864
num.io.threads=4
num.network.threads=2
EOF
}

cmd_start() {
  find_java
  fetched || cmd_fetch

  local explicit_port="${KAFKA_PORT:-}" explicit_controller="${KAFKA_CONTROLLER_PORT:-}"
  local existing_dir=false pid
  if [[ -n "${KAFKA_DATA_DIR:-}" && -d "$KAFKA_DATA_DIR" ]]; then
    existing_dir=true
    KAFKA_DATA_DIR="$(cd "$KAFKA_DATA_DIR" && pwd)"
    # Only an empty folder becomes ours; one with content must already be ours.
    if [[ ! -f "$KAFKA_DATA_DIR/$OWNER_MARK" && -n "$(ls -A "$KAFKA_DATA_DIR")" ]]; then
      die "$KAFKA_DATA_DIR is not empty and was not made by kafka.sh; pick another KAFKA_DATA_DIR"
    fi
    # A second broker on the same folder makes the first spin a core and ignore SIGTERM.
    if pid="$(running_pid)"; then
      die "a broker (pid $pid) is already running on $KAFKA_DATA_DIR; stop it first: KAFKA_DATA_DIR=$KAFKA_DATA_DIR $SELF stop"
    fi
    # Its pid file may be gone while it still runs: look for its command line too.
    if command -v pgrep >/dev/null 2>&1 &&
      pid="$(pgrep -f -- "kafka\.Kafka $KAFKA_DATA_DIR/server\.properties" | head -n 1)" && [[ -n "$pid" ]]; then
      die "a broker (pid $pid) is running on $KAFKA_DATA_DIR without a pid file; stop it with: kill $pid"
    fi
  fi

  # A restarted folder keeps its ports: the controller's address is written into the
  # metadata log when the storage is formatted.
  local saved_port="" saved_controller=""
  if $existing_dir && [[ -f "$KAFKA_DATA_DIR/ports" ]]; then
    read -r saved_port saved_controller <"$KAFKA_DATA_DIR/ports" || true
  fi
  KAFKA_PORT="${explicit_port:-${saved_port:-9092}}"
  require_port KAFKA_PORT "$KAFKA_PORT"
  KAFKA_CONTROLLER_PORT="${explicit_controller:-${saved_controller:-$((KAFKA_PORT + 1))}}"
  require_port KAFKA_CONTROLLER_PORT "$KAFKA_CONTROLLER_PORT"
  if [[ -n "$saved_controller" && "$KAFKA_CONTROLLER_PORT" != "$saved_controller" ]]; then
    die "$KAFKA_DATA_DIR was formatted with controller port $saved_controller; use KAFKA_CONTROLLER_PORT=$saved_controller or a new KAFKA_DATA_DIR"
  fi
  [[ "$KAFKA_PORT" != "$KAFKA_CONTROLLER_PORT" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"
  local p
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    if port_open "$p"; then
      die "port $p on 127.0.0.1 is in use; set KAFKA_PORT / KAFKA_CONTROLLER_PORT to free ports"
    fi
  done

  if [[ -z "${KAFKA_DATA_DIR:-}" ]]; then
    KAFKA_DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/aid-ledger-kafka.XXXXXX")"
  else
    mkdir -p "$KAFKA_DATA_DIR"
    KAFKA_DATA_DIR="$(cd "$KAFKA_DATA_DIR" && pwd)"
  fi
  touch "$KAFKA_DATA_DIR/$OWNER_MARK"
  export KAFKA_DATA_DIR
  local ports_file="$KAFKA_DATA_DIR/ports"

  local config="$KAFKA_DATA_DIR/server.properties"
  mkdir -p "$KAFKA_DATA_DIR/logs"
  write_config "$config"

  local cp="$LIB/*"
  if [[ ! -f "$KAFKA_DATA_DIR/data/meta.properties" ]]; then
    log "formatting storage in $KAFKA_DATA_DIR/data"
    # A one-shot tool: the quick JIT tier and a single-threaded GC start it fastest.
    if ! "$JAVA" -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlog4j2.configurationFile="$LOG_CONFIG" \
      -Dkafka.logs.dir="$KAFKA_DATA_DIR/logs" -cp "$cp" \
      kafka.tools.StorageTool format --standalone --ignore-formatted \
      --cluster-id "$(new_cluster_id)" --config "$config" >"$KAFKA_DATA_DIR/logs/format.out" 2>&1; then
      cat "$KAFKA_DATA_DIR/logs/format.out" >&2
      die "formatting the storage failed"
    fi
  fi
  printf '%s %s\n' "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" >"$ports_file"

  log "starting Kafka $(kafka_version) on 127.0.0.1:$KAFKA_PORT (controller $KAFKA_CONTROLLER_PORT), data in $KAFKA_DATA_DIR"
  local started_at=$SECONDS
  # Detached from this shell and from the caller's pipes: a caller that waits for our
  # stdout to close (Node's execFile) must not wait for the broker too.
  local detach=()
  command -v setsid >/dev/null 2>&1 && detach=(setsid)
  # shellcheck disable=SC2086
  "${detach[@]}" "$JAVA" ${KAFKA_HEAP:--Xmx512m} -Xms128m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 ${KAFKA_JVM_OPTS:-} \
    -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$LOG_CONFIG" -Dkafka.logs.dir="$KAFKA_DATA_DIR/logs" \
    -cp "$cp" kafka.Kafka "$config" \
    </dev/null >"$KAFKA_DATA_DIR/logs/kafka.out" 2>&1 &
  pid=$!
  printf '%s\n' "$pid" >"$(pid_file)"

  local timeout="${KAFKA_START_TIMEOUT:-60}"
  while :; do
    if ! alive "$pid"; then
      log_tail
      rm -f "$(pid_file)"
      die "the broker exited during start-up (logs in $KAFKA_DATA_DIR/logs)"
    fi
    if port_open "$KAFKA_PORT" && metadata_ready "$KAFKA_PORT"; then
      break
    fi
    if ((SECONDS - started_at >= timeout)); then
      log_tail
      stop_pid "$pid"
      rm -f "$(pid_file)"
      die "the broker did not answer within ${timeout}s (logs in $KAFKA_DATA_DIR/logs)"
    fi
    sleep 0.25
  done

  log "ready in $((SECONDS - started_at))s (pid $pid); stop with: KAFKA_DATA_DIR=$KAFKA_DATA_DIR $SELF stop --clean"
  printf 'KAFKA_BROKERS=127.0.0.1:%s\n' "$KAFKA_PORT"
  printf 'KAFKA_VERSION=%s\n' "$(kafka_version)"
}

# SIGTERM, then SIGKILL after 20 s: a broker left spinning holds 400 MB and a core.
stop_pid() {
  local pid="$1" waited=0
  kill -TERM "$pid" 2>/dev/null || return 0
  while alive "$pid"; do
    if ((waited >= 80)); then
      log "pid $pid ignored SIGTERM for 20s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      waited=0
      # SIGKILL is delivered asynchronously; give the kernel a moment to tear it down.
      while alive "$pid" && ((waited < 50)); do
        sleep 0.1
        waited=$((waited + 1))
      done
      return 0
    fi
    sleep 0.25
    waited=$((waited + 1))
  done
}

require_data_dir() {
  [[ -n "${KAFKA_DATA_DIR:-}" ]] || die "set KAFKA_DATA_DIR to the folder the broker was started with (start prints it on stderr)"
}

cmd_stop() {
  local clean=false
  for arg in "$@"; do
    case "$arg" in
      --clean) clean=true ;;
      *) die "stop: unknown option '$arg' (only --clean)" ;;
    esac
  done
  require_data_dir
  [[ -d "$KAFKA_DATA_DIR" ]] || {
    log "$KAFKA_DATA_DIR does not exist; nothing to stop"
    return 0
  }
  local pid
  if pid="$(running_pid)"; then
    log "stopping broker pid $pid"
    stop_pid "$pid"
    log "stopped"
  else
    log "no broker running on $KAFKA_DATA_DIR"
  fi
  rm -f "$(pid_file)"
  if $clean; then
    if [[ -f "$KAFKA_DATA_DIR/$OWNER_MARK" ]]; then
      rm -rf -- "$KAFKA_DATA_DIR"
      log "removed $KAFKA_DATA_DIR"
    else
      log "not removing $KAFKA_DATA_DIR: kafka.sh did not create it"
    fi
  fi
}

cmd_status() {
  require_data_dir
  local pid port=""
  if ! pid="$(running_pid)"; then
    echo "stopped ($KAFKA_DATA_DIR)"
    return 3
  fi
  [[ -f "$KAFKA_DATA_DIR/ports" ]] && read -r port _ <"$KAFKA_DATA_DIR/ports"
  if [[ -n "$port" ]] && metadata_ready "$port"; then
    echo "running: pid $pid, KAFKA_BROKERS=127.0.0.1:$port, data in $KAFKA_DATA_DIR"
  else
    echo "starting or unhealthy: pid $pid alive but 127.0.0.1:${port:-?} does not answer metadata requests"
    return 1
  fi
}

cmd_version() {
  local state="not fetched"
  fetched && state="jars in $LIB"
  kafka_version
  echo
  log "Kafka $(kafka_version) (kafka_2.13), $state"
}

usage() {
  # The header comment of this file, up to the first line of code.
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}" >&2
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    fetch) cmd_fetch ;;
    start) cmd_start ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status ;;
    version) cmd_version ;;
    -h | --help | help) usage ;;
    *)
      usage
      die "unknown command '${cmd}'"
      ;;
  esac
}

main "$@"
