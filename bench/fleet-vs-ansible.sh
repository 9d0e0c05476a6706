#!/usr/bin/env bash
# Benchmark (not a test), issue 7: N test hosts (default 10), a new version of one service, all at once.
#   niso-fleet deploy --strategy all-at-once   (upload .niso by SFTP, niso activate --wait)
#   vs an Ansible playbook, forks=N            (copy the tarball, unpack, switch a symlink, restart the systemd
#                                                unit, poll the health URL until 200), gather_facts off.
# niso-fleet runs twice, each time to a version no host has: with min_healthy_time 0s (what the playbook checks:
# healthy once) and with 1s (niso then also holds each host healthy for a second, which the playbook does not).
# Same hosts, same run, same app (fleet-examples/apps/hello-api). Run as root after `mvn package -DskipTests`.
# Needs Debian's ansible-core. Prints wall times; tears the hosts down on exit.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
N=${1:-10}
command -v ansible-playbook >/dev/null || { echo "needs ansible-core (apt-get install ansible-core)" >&2; exit 2; }
[[ -x niso-node/target/dist/bin/niso && -x niso-fleet/target/dist/bin/niso-fleet ]] \
  || { echo "build first: mvn -q package -DskipTests" >&2; exit 2; }

inst=$(printf 'b%03x' $((RANDOM % 4096)))
work=$(mktemp -d /tmp/niso-bench-fleet.XXXXXX)
cleanup() {
  test-infra/bin/testhosts --instance "$inst" down >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
now() { date +%s.%N; }

test-infra/bin/prepare >/dev/null
test-infra/bin/testhosts --instance "$inst" up "$N" >/dev/null
hd=/var/tmp/niso-testhosts/$inst
mapfile -t hosts < <(test-infra/bin/testhosts --instance "$inst" status | awk '$1 ~ /^th[0-9]+$/ {print $1" "$2}')
ssh_() { ssh -F "$hd/ssh_config" "$@"; }

# --- niso side ------------------------------------------------------------------------------------------
mkdir -p "$work/fleet/packages" "$work/src"
{
  printf '[fleet]\nname = "bench"\nstack = "stack.toml"\n\n[ssh]\nidentity_files = ["%s"]\nknown_hosts = "%s"\n' \
    "$hd/id_ed25519" "$hd/known_hosts"
  printf 'max_concurrent_handshakes = 10\n\n'
  printf '[deploy]\nstrategy = "all-at-once"\nmin_healthy_time = "0s"\nhealthy_deadline = "1m"\nprogress_deadline = "5m"\n\n'
  printf '[environments.prod]\n\n'
  for h in "${hosts[@]}"; do
    set -- $h
    printf '[[environments.prod.host]]\nname = "%s"\naddress = "ssh://root@%s"\n\n' "$1" "$2"
  done
} > "$work/fleet/fleet.toml"
stack() { printf '[stack]\nname = "bench"\n\n[[service]]\nname = "api"\npackage = "hello-api:%s"\n' "$1" \
  > "$work/fleet/stack.toml"; }
niso-node/target/dist/bin/niso keygen --output "$work/keys" >/dev/null
for v in 1.0.0 2.0.0 3.0.0; do
  rm -rf "$work/src/$v"; cp -r fleet-examples/apps/hello-api "$work/src/$v"
  sed -i "s/^version = .*/version = \"$v\"/; s/^GREETING = .*/&\nAPP_VERSION = \"$v\"/" \
    "$work/src/$v/manifest.toml"
  niso-node/target/dist/bin/niso pack "$work/src/$v" --sign "$work/keys/niso-signing.key" \
    --output "$work/fleet/packages" >/dev/null
done
stack 1.0.0
fleet() { niso-fleet/target/dist/bin/niso-fleet "$@" -f "$work/fleet/fleet.toml"; }
fleet bootstrap prod --dist niso-node/target/dist >/dev/null
for h in "${hosts[@]}"; do
  set -- $h
  ( ssh_ "$1" 'mkdir -p /etc/niso/trusted-keys && cat > /etc/niso/trusted-keys/bench.pub' < "$work/keys/niso-signing.pub"
    ssh_ "$1" 'niso runtime add python3:3.11 --from /usr/bin/python3 >/dev/null' </dev/null ) &
done
wait
fleet deploy prod --yes >/dev/null

# --- Ansible side: the same app as a plain unit on port 8090 ------------------------------------------------
mkdir -p "$work/ans/art"
for v in 1.0.0 2.0.0; do tar -C "$work/src/$v" -czf "$work/ans/art/hello-$v.tar.gz" app.py; done
{
  echo "[web]"
  for h in "${hosts[@]}"; do set -- $h; echo "$1 ansible_host=$2"; done
  echo
  echo "[web:vars]"
  echo "ansible_user=root"
  echo "ansible_ssh_private_key_file=$hd/id_ed25519"
  echo "ansible_ssh_common_args='-o UserKnownHostsFile=$hd/known_hosts -o StrictHostKeyChecking=yes'"
  echo "ansible_python_interpreter=/usr/bin/python3"
} > "$work/ans/inventory"
cat > "$work/ans/ansible.cfg" <<EOF
[defaults]
inventory = $work/ans/inventory
forks = $N
host_key_checking = True
retry_files_enabled = False
[ssh_connection]
pipelining = True
EOF
cat > "$work/ans/deploy.yml" <<'EOF'
- hosts: web
  gather_facts: false
  vars: { release_dir: "/srv/hello/releases/{{ version }}" }
  tasks:
    - name: copy the artifact
      copy: { src: "art/hello-{{ version }}.tar.gz", dest: "/srv/hello/hello-{{ version }}.tar.gz" }
    - name: unpack
      file: { path: "{{ release_dir }}", state: directory }
    - unarchive: { src: "/srv/hello/hello-{{ version }}.tar.gz", dest: "{{ release_dir }}", remote_src: true }
    - name: switch
      file: { src: "{{ release_dir }}", dest: /srv/hello/current, state: link, force: true }
    - name: unit
      copy:
        dest: /etc/systemd/system/hello-ansible.service
        content: |
          [Service]
          Environment=PORT=8090 APP_VERSION={{ version }}
          ExecStart=/usr/bin/python3 /srv/hello/current/app.py
    - name: restart
      systemd: { name: hello-ansible.service, state: restarted, daemon_reload: true }
    - name: poll health
      uri: { url: "http://127.0.0.1:8090/health" }
      register: h
      until: h.status == 200
      retries: 60
      delay: 1
EOF
for h in "${hosts[@]}"; do set -- $h; ssh_ "$1" 'mkdir -p /srv/hello/releases' </dev/null; done
(cd "$work/ans" && ANSIBLE_CONFIG="$work/ans/ansible.cfg" ansible-playbook deploy.yml -e version=1.0.0 >/dev/null)

# --- measured: a new version, all hosts at once ---------------------------------------------------------------
# CPU the hosts spent during niso-fleet's run, by cgroup (cgroup2 cpu.stat is there without the cpu controller):
# ssh.service holds sshd and every `niso` it ran, niso-api.service the app, init.scope each host's systemd.
cg=/sys/fs/cgroup/unified/niso-testhosts/$inst
[[ -d $cg ]] || cg=/sys/fs/cgroup/niso-testhosts/$inst
cpu_snapshot() { find "$cg" -name cpu.stat | while read -r f; do
  printf '%s %s\n' "${f#"$cg"/}" "$(awk '$1 == "usage_usec" {print $2}' "$f")"; done; }
niso_deploy() { # $1 version, $2 min_healthy_time; sets $niso (seconds) and prints where the time went
  stack "$1"
  sed -i "s/^min_healthy_time = .*/min_healthy_time = \"$2\"/" "$work/fleet/fleet.toml"
  cpu_snapshot >"$work/cpu0"
  local t0 t1
  t0=$(now); NISO_TRACE_TIMINGS=1 NISO_FLEET_TRACE=1 fleet deploy prod --yes --json --strategy all-at-once >"$work/niso.out" 2>"$work/niso.trace"; t1=$(now)
  cpu_snapshot >"$work/cpu1"
  niso=$(echo "$t1 - $t0" | bc)
  cp "$work/niso.out" "${NISO_BENCH_KEEP:-/dev/null}" 2>/dev/null || true
  printf '\nniso-fleet deploy %s, min_healthy_time %s: %.1fs\n' "$1" "$2" "$niso"
  # The controller's own phases (ms from its process start): JVM start-up, lock, snapshot, plan, audit, release.
  { grep '^trace:' "$work/niso.trace" || true; } | tr '\n' ';' | sed 's/trace: //g; s/;$/\n/'
  python3 - "$work/cpu0" "$work/cpu1" <<'PY'
import collections, re, sys
before = dict(l.split() for l in open(sys.argv[1]))
spent = collections.Counter()
for path, usec in (l.split() for l in open(sys.argv[2])):
    if not re.match(r"th\d+/", path):
        continue  # the instance's own cgroup: the sum of the hosts again
    spent[re.sub(r"^th\d+/", "", path).removesuffix("cpu.stat").rstrip("/") or "all"] += int(usec) - int(before.get(path, 0))
# (The app's own cgroup is made anew at each restart, so its counter is not comparable across the run.)
print("host CPU during niso-fleet's run, summed over the hosts: " + ", ".join(
    "%s %.2fs" % (name, spent[k] / 1e6) for name, k in [("all", "all"), ("sshd + niso runs", "guest/system.slice/ssh.service"),
    ("systemd (PID 1)", "guest/init.scope")] if k in spent))
PY
  python3 - "$work/niso.out" "$t0" "$t1" <<'PY'
import json, sys
from datetime import datetime
t = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
ev = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
w = min(t(e["at"]) for e in ev if e.get("event") == "wave_started")
def last(kind, step=None):
    xs = [t(e["at"]) for e in ev if e.get("event") == kind and (step is None or e.get("step", "").startswith(step))]
    return max(xs) - w if xs else float("nan")
print("niso-fleet after the wave started: last upload %.2fs, last activate sent %.2fs, last host healthy %.2fs" % (
    last("host_step", "uploaded"), last("host_step", "activating"), last("host_converged")))
t0, t1 = float(sys.argv[2]), float(sys.argv[3])
print("niso-fleet outside the wave: %.2fs before it (JVM, lock, snapshot, plan), %.2fs after the last host (audit, lock release, exit)" % (
    w - t0, t1 - (w + last("host_converged"))))
PY
}
load0=$(cut -d' ' -f1-3 /proc/loadavg)
niso_deploy 2.0.0 0s; niso0=$niso
t2=$(now); (cd "$work/ans" && ANSIBLE_CONFIG="$work/ans/ansible.cfg" ansible-playbook deploy.yml -e version=2.0.0 \
  >"$work/ansible.out"); t3=$(now)
ans=$(echo "$t3 - $t2" | bc)
niso_deploy 3.0.0 1s; niso1=$niso
printf '\nhosts %d  ansible-playbook forks=%d %.1fs | niso-fleet all-at-once: min_healthy_time 0s %.1fs, ratio %.2f; 1s %.1fs, ratio %.2f | load %s → %s\n' \
  "$N" "$N" "$ans" "$niso0" "$(echo "$niso0 / $ans" | bc -l)" "$niso1" "$(echo "$niso1 / $ans" | bc -l)" \
  "$load0" "$(cut -d' ' -f1-3 /proc/loadavg)"
for h in "${hosts[@]}"; do
  set -- $h
  ssh_ "$1" 'curl -fsS http://127.0.0.1:8080/ | grep -q "\"version\": \"3.0.0\"" && curl -fsS http://127.0.0.1:8090/ | grep -q "\"version\": \"2.0.0\""' \
    </dev/null || { echo "BUG: $1 is not on 3.0.0 (niso) and 2.0.0 (Ansible)" >&2; exit 1; }
done
