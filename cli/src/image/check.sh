#!/usr/bin/env bash
# Runs the built image without a container runtime and asks each CPU engine once: its layers are
# unpacked into a root that is mounted read-only, with tmpfs on /tmp and the cache, and the image's
# entrypoint runs there as uid 65532, as the pods run it. Needs root (mount and chroot in a private
# mount namespace) and a GGUF model for the chat engine (default: ../shared/models/llm/stories260K.gguf).
#   usage: check.sh [IMAGE.tar] [MODEL.gguf] [PORT]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
image="$(realpath "${1:-$here/../../target/mixserve-image.tar}")"
model="$(realpath "${2:-$here/../../../../shared/models/llm/stories260K.gguf}")"
port="${3:-18080}"
work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir "$work/img" "$work/root"
tar -xf "$image" -C "$work/img"
for layer in $(python3 -c "import json,sys; print(' '.join(json.load(open(sys.argv[1]))[0]['Layers']))" "$work/img/manifest.json"); do
  tar -xzf "$work/img/$layer" -C "$work/root" 2>/dev/null
done
entry="$(python3 -c "import json,sys,shlex; m=json.load(open(sys.argv[1]+'/manifest.json'))[0]; c=json.load(open(sys.argv[1]+'/'+m['Config']))['config']; print(shlex.join(c['Entrypoint']))" "$work/img")"
mkdir -p "$work/root/models"
r="$work/root"
unshare --mount --pid --fork sh -c "
  mount --bind $r $r && mount -t proc proc $r/proc && mount --rbind /dev $r/dev &&
  mount -t tmpfs -o mode=1777 tmpfs $r/tmp &&
  mount -t tmpfs -o uid=65532,gid=65532 tmpfs $r/var/cache/mixserve &&
  mount --bind $(dirname "$model") $r/models && mount -o remount,bind,ro $r &&
  cd $r && exec chroot --userspec=65532:65532 . env -i HOME=/var/cache/mixserve PATH=/usr/bin:/bin \
    sh -c 'cd /var/cache/mixserve && ! touch /written 2>/dev/null &&
      exec $entry serve --port $port --llm /models/$(basename "$model")'" >"$work/log" 2>&1 &
pid=$!
for _ in $(seq 1 90); do
  curl -sf "localhost:$port/-/ready" >/dev/null && break
  curl -s "localhost:$port/-/healthz" | grep -q '"status":"ok"' && break
  sleep 2
done
u="localhost:$port"
fail=0
check() { if eval "$2" | grep -q "$3"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }
case "$(curl -s -o /dev/null -w '%{http_code}' "$u/-/ready")" in
  200) echo "ok   ready" ;;
  404) echo "skip ready: this build has no /-/ready" ;;
  *) echo "FAIL ready"; fail=1 ;;
esac
check chat "curl -s $u/llm/v1/chat/completions -H 'Content-Type: application/json' -d '{\"messages\":[{\"role\":\"user\",\"content\":\"Once\"}],\"max_tokens\":8}'" '"content"'
check embeddings "curl -s $u/embeddings/v1/embeddings -H 'Content-Type: application/json' -d '{\"input\":\"hi\"}'" '"embedding"'
curl -s "$u/tts/v1/audio/speech" -H 'Content-Type: application/json' -d '{"input":"hello world"}' -o "$work/s.mp3" || true
check speech+transcription "curl -s $u/whisper/v1/audio/transcriptions -F file=@$work/s.mp3" '"text"'
[ "$fail" = 0 ] || { tail -20 "$work/log"; exit 1; }
