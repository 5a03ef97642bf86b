# Sourced by demo.sh and test.sh: installs the Debian packages bangfu needs, only those missing.
# apt-get runs as root, through sudo when not root; set BANGFU_NO_INSTALL=1 to only check.

BANGFU_PACKAGES=(build-essential cmake pkg-config ccache libboost-dev libboost-graph-dev rapidjson-dev
  libspdlog-dev catch2 libcli11-dev libicu-dev libopencc-dev opencc python3-jieba python3-networkx
  libreadline-dev libxml2-utils tmux sqlite3 libjemalloc-dev python3-distributed chromium fonts-noto-cjk
  libhowardhinnant-date-dev tzdata libre2-dev clang libfuzzer-14-dev)

# Node.js and npm, for the pinned npm packages (web/package.json: cytoscape and playwright-core for the
# HTML view; bench/package-lock.json: kuzu): installed only when there is no `npm` yet, so a Node.js from
# elsewhere (nodesource, nvm) is left alone.
BANGFU_NODE_PACKAGES=(nodejs npm)

bangfu_missing_packages() {
  local pkg
  for pkg in "${BANGFU_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

bangfu_install_deps() {
  local -a node=()
  command -v npm >/dev/null || node=("${BANGFU_NODE_PACKAGES[@]}")
  BANGFU_PACKAGES+=("${node[@]}")
  if ! command -v dpkg-query >/dev/null; then
    echo "bangfu: not a Debian system (no dpkg-query); install the equivalents of: ${BANGFU_PACKAGES[*]}" >&2
    return 0
  fi
  local missing
  missing=$(bangfu_missing_packages | tr '\n' ' ')
  if [ -z "${missing// /}" ]; then
    return 0
  fi
  echo "bangfu: installing missing packages: $missing" >&2
  if [ "${BANGFU_NO_INSTALL:-0}" = 1 ]; then
    echo "bangfu: BANGFU_NO_INSTALL=1, not installing; please install: $missing" >&2
    return 1
  fi
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    if ! command -v sudo >/dev/null; then
      echo "bangfu: need root or sudo to install: $missing" >&2
      return 1
    fi
    sudo=(sudo)
  fi
  # shellcheck disable=SC2086  # word splitting of the package list is wanted
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
}

# Parallel build jobs: BANGFU_JOBS, else every core.
bangfu_jobs() {
  echo "${BANGFU_JOBS:-$(nproc 2>/dev/null || echo 2)}"
}
