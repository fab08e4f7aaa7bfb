#!/usr/bin/env bash
# mixserve against a real llama-server over HTTP, side by side, with the same client (wrk) and the
# same requests: streamed completions of 128 tokens, greedy, token counts from the usage chunk.
#
#   bash bench/llm/scripts/vs-llama-server.sh [LLAMA_SERVER_BINARY]
#
# Without a binary it builds one (~15 min on 2 cores) from the llama.cpp source that the npm
# package node-llama-cpp ships as a git bundle: no other source of llama-server is reachable from
# this project's machines. That is a newer llama.cpp than the one inside de.kherud:llama, so the
# same-build comparison stays `./mixserve bench llm` (the binding runs llama-server's own loop).
# Needs wrk, cmake, a C++ compiler, npm; the model is stories260K from ../shared.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
here="$root/bench/llm/scripts"
model="${MODEL:-$root/../shared/models/llm/stories260K.gguf}"
work="${XDG_CACHE_HOME:-$HOME/.cache}/mixserve/bench/llama-server"
seconds="${SECONDS_EACH:-8}"
rounds="${ROUNDS:-3}"
server="${1:-}"

if [ -z "$server" ]; then
  server="$work/llama.cpp/build/bin/llama-server"
  if [ ! -x "$server" ]; then
    mkdir -p "$work" && cd "$work"
    npm pack node-llama-cpp@3.22.1 >/dev/null
    tar xzf node-llama-cpp-3.22.1.tgz package/llama/gitRelease.bundle
    rm -rf llama.cpp && git clone -q package/llama/gitRelease.bundle llama.cpp
    cmake -S llama.cpp -B llama.cpp/build -DCMAKE_BUILD_TYPE=Release -DLLAMA_CURL=OFF \
      -DLLAMA_OPENSSL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF >/dev/null
    cmake --build llama.cpp/build --target llama-server -j"$(nproc)" >/dev/null
  fi
fi
export LD_LIBRARY_PATH="$(dirname "$server")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

config="$(mktemp --suffix=.yaml)"
cat >"$config" <<YAML
server: {host: 127.0.0.1, port: 18077}
deployments:
  - name: llm
    task: chat
    engine: {kind: llama-cpp, model: "$model", options: {threads: 1, parallel: 4, context_size: 512}}
    limits: {max_ongoing_requests: 64, timeout: 600s}
YAML
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -f "$config"' EXIT
# One slot is llama-server at its best for one stream (with more it keeps old answers in the cache).
"$server" -m "$model" -t 1 -tb 1 -np 1 -c 512 --host 127.0.0.1 --port 18091 >/dev/null 2>&1 &
pids+=($!)
"$server" -m "$model" -t 1 -tb 1 -np 4 -c 2048 --host 127.0.0.1 --port 18092 >/dev/null 2>&1 &
pids+=($!)
"$root/mixserve" serve --config "$config" >/dev/null 2>&1 &
pids+=($!)
# Ready means a completion answers 200: both servers say 503 while their model loads.
for url in 18091/v1/completions 18092/v1/completions 18077/llm/v1/completions; do
  for _ in $(seq 1 300); do
    curl -sf --noproxy '*' -o /dev/null -H 'Content-Type: application/json' \
      -d '{"prompt": "a", "max_tokens": 1}' "http://127.0.0.1:$url" && break
    sleep 1
  done
done

run() { # NAME CONNECTIONS URL
  printf '%-26s c%s  ' "$1" "$2"
  wrk -t1 -c"$2" -d"${seconds}s" -s "$here/tokens.lua" "$3" | grep TOKENS
}
for url in 18091/v1/completions 18092/v1/completions 18077/llm/v1/completions; do
  wrk -t1 -c4 -d3s -s "$here/tokens.lua" "http://127.0.0.1:$url" >/dev/null # warm-up
done
for r in $(seq 1 "$rounds"); do
  echo "round $r"
  run "llama-server, 1 slot" 1 http://127.0.0.1:18091/v1/completions
  run "mixserve" 1 http://127.0.0.1:18077/llm/v1/completions
  run "llama-server, 4 slots" 4 http://127.0.0.1:18092/v1/completions
  run "mixserve" 4 http://127.0.0.1:18077/llm/v1/completions
done
