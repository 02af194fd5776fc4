# Loom setup, step 3: a Docker engine that answers. Sourced by provision/setup.sh (which
# sets STATE and DEFAULT_SOCK and sources provision/lib.sh); leaves DOCKER_HOST exported
# to exactly the engine it checked, and DOCKER_ENDPOINT set.
#
# DOCKER_HOST set: that engine must answer (never starts one). Otherwise the default
# socket; as root, installs docker.io and starts a private dockerd when none answers.
DOCKERD_PIDFILE="$STATE/dockerd.pid"
DOCKERD_LOG="$STATE/dockerd.log"

ping_socket() {  # ping_socket PATH: does a Docker engine answer /_ping there?
  [ -S "$1" ] || return 1
  if command -v curl >/dev/null; then
    [ "$(curl -s --max-time 3 --unix-socket "$1" http://localhost/_ping 2>/dev/null)" = OK ]
  else
    command -v docker >/dev/null &&
      DOCKER_HOST="unix://$1" timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
  fi
}

# pid_is_dockerd PID: alive and a dockerd.
pid_is_dockerd() { [ -n "$1" ] && [ -r "/proc/$1/comm" ] && [ "$(cat "/proc/$1/comm" 2>/dev/null)" = dockerd ]; }

# serves_default_socket PID: a dockerd with no -H/--host, or one of them the default socket.
serves_default_socket() {
  local args=() a next=0 any=0
  mapfile -d "" -t args 2>/dev/null <"/proc/$1/cmdline" || return 1
  for a in "${args[@]:1}"; do
    if (( next )); then
      next=0
      case "$a" in fd://*|unix:///var/run/docker.sock|unix:///run/docker.sock) return 0 ;; esac
      continue
    fi
    case "$a" in
      -H|--host) any=1; next=1 ;;
      -H=*|--host=*) any=1
        case "${a#*=}" in fd://*|unix:///var/run/docker.sock|unix:///run/docker.sock) return 0 ;; esac ;;
      -Hfd://*|-Hunix:///var/run/docker.sock|-Hunix:///run/docker.sock) return 0 ;;
      -H?*) any=1 ;;
    esac
  done
  (( any == 0 ))
}

# A dockerd that should (eventually) answer on the default socket: ours from the
# pidfile, else any other dockerd serving the default socket.
find_dockerd() {
  local pid
  pid="$(cat "$DOCKERD_PIDFILE" 2>/dev/null || true)"
  if pid_is_dockerd "$pid"; then echo "$pid"; return 0; fi
  command -v pgrep >/dev/null || return 1
  for pid in $(pgrep -x dockerd || true); do
    if serves_default_socket "$pid"; then echo "$pid"; return 0; fi
  done
  return 1
}

# overlay2 needs overlayfs mounts on the data-root's filesystem (fails e.g. when
# /var/lib/docker itself sits on overlayfs inside another container). Probe it.
pick_storage_driver() {
  if [ -n "${LOOM_DOCKER_STORAGE_DRIVER:-}" ]; then echo "$LOOM_DOCKER_STORAGE_DRIVER"; return; fi
  local root=/var/lib/docker probe ok=1
  mkdir -p "$root" && chmod 0711 "$root"
  probe="$(mktemp -d "$root/loom-overlay-probe.XXXXXX")"
  mkdir "$probe/lower" "$probe/upper" "$probe/work" "$probe/merged"
  echo lower >"$probe/lower/f"
  if mount -t overlay overlay -o "lowerdir=$probe/lower,upperdir=$probe/upper,workdir=$probe/work" "$probe/merged" 2>/dev/null; then
    { echo merged >"$probe/merged/f" && [ "$(cat "$probe/upper/f")" = merged ]; } 2>/dev/null || ok=0
    umount "$probe/merged" 2>/dev/null || umount -l "$probe/merged" 2>/dev/null || true
  else
    ok=0
  fi
  rm -rf --one-file-system "$probe"
  if (( ok )); then echo overlay2
  elif command -v fuse-overlayfs >/dev/null && [ -e /dev/fuse ]; then echo fuse-overlayfs
  else echo vfs
  fi
}

# start_dockerd: launch a detached dockerd; sets dockerd_pid.
start_dockerd() {
  local driver args key kv
  driver="$(pick_storage_driver)"
  # Flags must not repeat keys set in /etc/docker/daemon.json (dockerd refuses to start).
  local conf=/etc/docker/daemon.json
  args=()
  for kv in bridge=none iptables=false ip-masq=false ip-forward=false "storage-driver=$driver" "pidfile=$DOCKERD_PIDFILE"; do
    key="${kv%%=*}"
    if [ -f "$conf" ] && grep -q "\"$key\"" "$conf"; then continue; fi
    args+=("--$kv")
  done
  say "starting dockerd (${args[*]}; log .loom/dockerd.log)"
  {
    echo "=== $(date -u +%FT%TZ) provision/setup.sh: dockerd ${args[*]}"
  } >>"$DOCKERD_LOG"
  (
    # Hold nothing of the caller's: no stdin/stdout, no inherited fds (the setup
    # lock, CI pipes), own session so it survives the script and its terminal.
    for fd in /proc/"$BASHPID"/fd/*; do
      fd="${fd##*/}"
      if [[ "$fd" =~ ^[0-9]+$ ]] && (( fd > 2 )); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec setsid nohup dockerd "${args[@]}" </dev/null >>"$DOCKERD_LOG" 2>&1
  ) &
  dockerd_pid=$!
}

if [ -n "${DOCKER_HOST:-}" ]; then
  command -v docker >/dev/null ||
    die "docker CLI is not installed" "install it (Debian: apt-get install -y docker.io, or docker-ce-cli from Docker's repo)"
  docker_server="$(timeout 20 docker version --format '{{.Server.Version}}' 2>&1)" ||
    die "no Docker engine answers at DOCKER_HOST=$DOCKER_HOST: $(last_line "$docker_server")" \
        "start that engine, fix DOCKER_HOST, or unset DOCKER_HOST to use (or, as root, start) the local engine at $DEFAULT_SOCK"
  DOCKER_ENDPOINT="$DOCKER_HOST"
  say "docker: engine $docker_server answers at DOCKER_HOST=$DOCKER_HOST"
else
  DOCKER_ENDPOINT="unix://$DEFAULT_SOCK"
  if ping_socket "$DEFAULT_SOCK"; then
    docker_note="answers"
  else
    if [ -S "$DEFAULT_SOCK" ] && [ ! -w "$DEFAULT_SOCK" ]; then
      die "no permission to use $DEFAULT_SOCK" \
          "add yourself to the docker group (sudo usermod -aG docker \$USER, then log in again), or run as root, or set DOCKER_HOST"
    fi
    if dockerd_pid="$(find_dockerd)"; then
      say "dockerd (pid $dockerd_pid) is running but $DEFAULT_SOCK does not answer yet; waiting up to 60 s"
      docker_note="answers (dockerd pid $dockerd_pid, already running)"
    else
      is_root ||
        die "no Docker engine answers at $DEFAULT_SOCK" \
            "start Docker (sudo systemctl start docker / sudo service docker start / Docker Desktop)" \
            "or set DOCKER_HOST=unix:///path/to/docker.sock (or tcp://host:2375)" \
            "or run this setup once as root (sudo bash provision/setup.sh) to install docker.io and start a private dockerd"
      if ! command -v dockerd >/dev/null; then
        command -v apt-get >/dev/null ||
          die "no Docker engine answers at $DEFAULT_SOCK and dockerd is not installed (no apt-get to install it)" \
              "install Docker Engine for your distribution and start it, or set DOCKER_HOST"
        apt_install docker.io
        hash -r
        command -v dockerd >/dev/null || die "apt-get installed docker.io but dockerd is still not on PATH" "check .loom/apt.log"
        # On systemd hosts the package starts docker.service itself.
        for _ in 1 2 3 4 5 6 7 8 9 10; do ping_socket "$DEFAULT_SOCK" && break; sleep 0.5; done
      fi
      if ping_socket "$DEFAULT_SOCK"; then
        dockerd_pid=""
        docker_note="answers (started by the docker.io package)"
      elif dockerd_pid="$(find_dockerd)"; then
        docker_note="answers (dockerd pid $dockerd_pid, already running)"
      else
        start_dockerd
        docker_note="answers (dockerd pid $dockerd_pid, started by setup)"
      fi
    fi
    waited=0
    until ping_socket "$DEFAULT_SOCK"; do
      if [ -n "${dockerd_pid:-}" ] && ! kill -0 "$dockerd_pid" 2>/dev/null; then
        tail_log "$DOCKERD_LOG"
        die "dockerd (pid $dockerd_pid) exited without serving $DEFAULT_SOCK (log: .loom/dockerd.log)" \
            "read .loom/dockerd.log; a storage-driver problem can be worked around with LOOM_DOCKER_STORAGE_DRIVER=vfs"
      fi
      if (( waited >= 120 )); then
        tail_log "$DOCKERD_LOG"
        die "dockerd${dockerd_pid:+ (pid $dockerd_pid)} did not answer on $DEFAULT_SOCK within 60 s" \
            "read .loom/dockerd.log (or the system's docker logs); stop the stuck dockerd yourself and re-run"
      fi
      sleep 0.5
      waited=$((waited + 1))
    done
  fi
  command -v docker >/dev/null ||
    die "a Docker engine answers at $DEFAULT_SOCK but the docker CLI is not installed" \
        "install it (Debian: apt-get install -y docker.io, or docker-ce-cli from Docker's repo)"
  # Talk to exactly the engine we checked (dockerode uses it too), whatever CLI context is active.
  export DOCKER_HOST="$DOCKER_ENDPOINT"
  unset DOCKER_CONTEXT
  docker_server="$(timeout 20 docker version --format '{{.Server.Version}}' 2>&1)" ||
    die "docker CLI cannot talk to $DEFAULT_SOCK: $(last_line "$docker_server")" "check the docker CLI install and socket permissions"
  docker_driver="$(timeout 20 docker info --format '{{.Driver}}' 2>/dev/null || echo '?')"
  say "docker: engine $docker_server $docker_note at $DEFAULT_SOCK (storage driver $docker_driver)"
fi
