#!/usr/bin/env bash
# Builds the image's base from Debian packages, with no registry and no Docker daemon: mmdebstrap
# lays a Debian root (glibc, the C++ and OpenMP runtimes the bundled natives link against, CA
# certificates, PocketSphinx and espeak-ng for the CPU speech engines) and this script wraps it
# as a one-layer `docker save` archive, which Jib takes as `tar://` base. SOURCE_DATE_EPOCH makes
# the layer the same bytes for the same package versions.
#   usage: base.sh tar://OUT.tar [SUITE]  (needs: mmdebstrap, python3; root or unprivileged user
#                                          namespaces; a Debian mirror)
# Any other base (a registry image) is Jib's to pull, and this script does nothing; an OUT.tar
# that exists is reused (delete it to take newer packages).
set -euo pipefail
case "$1" in
  tar://*) out="$(realpath -m "${1#tar://}")" ;;
  *) exit 0 ;;
esac
[ -s "$out" ] && { echo "base image: reusing $out" >&2; exit 0; }
mkdir -p "$(dirname "$out")"
suite="${2:-bookworm}"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1700000000}"
command -v mmdebstrap >/dev/null || { echo "base.sh needs mmdebstrap (apt-get install mmdebstrap)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mode=root
[ "$(id -u)" = 0 ] || mode=unshare
# The user the pods run as (runAsNonRoot needs a numeric uid); its home is the cache volume.
hook='echo "mixserve:x:65532:65532:mixserve:/var/cache/mixserve:/usr/sbin/nologin" >> "$1/etc/passwd";
echo "mixserve:x:65532:" >> "$1/etc/group";
mkdir -p "$1/var/cache/mixserve" "$1/etc/mixserve";
chown 65532:65532 "$1/var/cache/mixserve";
rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/*'
mmdebstrap --mode="$mode" --variant=essential --format=tar \
  --include=ca-certificates,libgomp1,libstdc++6,zlib1g,libpocketsphinx3,pocketsphinx-en-us,espeak-ng \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --customize-hook="$hook" \
  "$suite" "$work/layer.tar"
python3 - "$work" "$out" "$suite" <<'PY'
import hashlib, json, os, sys, tarfile
work, out, suite = sys.argv[1:]
layer = os.path.join(work, "layer.tar")
h = hashlib.sha256()
with open(layer, "rb") as f:
    for block in iter(lambda: f.read(1 << 20), b""):
        h.update(block)
diff_id = "sha256:" + h.hexdigest()
created = __import__("datetime").datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), __import__("datetime").timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
config = {
    "architecture": "amd64", "os": "linux", "created": created,
    "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]},
    "rootfs": {"type": "layers", "diff_ids": [diff_id]},
    "history": [{"created": created, "created_by": "mmdebstrap " + suite + " (cli/src/image/base.sh)"}],
}
config_bytes = json.dumps(config, sort_keys=True).encode()
config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
manifest = json.dumps([{"Config": config_name, "RepoTags": ["mixserve-base:" + suite], "Layers": ["layer.tar"]}]).encode()
with open(os.path.join(work, config_name), "wb") as f:
    f.write(config_bytes)
with open(os.path.join(work, "manifest.json"), "wb") as f:
    f.write(manifest)
epoch = int(os.environ["SOURCE_DATE_EPOCH"])
with tarfile.open(out, "w", format=tarfile.PAX_FORMAT) as t:
    for name in ("manifest.json", config_name, "layer.tar"):
        info = t.gettarinfo(os.path.join(work, name), arcname=name)
        info.mtime, info.uid, info.gid, info.uname, info.gname = epoch, 0, 0, "", ""
        with open(os.path.join(work, name), "rb") as f:
            t.addfile(info, f)
print(out, diff_id)
PY
