#!/usr/bin/env bash
# Installs the Debian packages the build, the server and the tests need, and only those that are missing.
# Usage: scripts/install-deps.sh [run|test]   ("test" adds PostgreSQL, the benchmark tools and clang-format)
set -euo pipefail
mode=${1:-run}

packages=(
  build-essential cmake pkg-config ccache
  librestinio-dev libasio-dev libfmt-dev nlohmann-json3-dev libcli11-dev libspdlog-dev
  libsoci-dev libboost-dev libsqlite3-dev libpq-dev  # SOCI's headers include Boost's, but the package does not pull them in
  libargon2-dev libsodium-dev libssl-dev libyaml-cpp-dev libcurl4-openssl-dev
  libxlsxwriter-dev libexpat1-dev zlib1g-dev  # the catalogue's XLSX export and import
  libicu-dev libgumbo-dev  # text normalisation for search; the HTML parser behind the rich-text sanitizer
  libgoogle-perftools-dev  # tcmalloc, the optimised build's allocator
)
# Node.js builds the web front end; the machine's own Node 20 is used when present, else Debian's.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
if [ "$mode" = test ]; then
  packages+=(libgtest-dev libgmock-dev clang-format postgresql-15 postgresql-client-15 wrk nginx-light curl)
  packages+=(libxapian-dev)  # the search benchmark's baseline
  packages+=(chromium fonts-wqy-microhei)  # browser tests; the font, or Chinese renders as boxes
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "missing Debian packages: ${missing[*]}" >&2
  echo "run as root, or install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
