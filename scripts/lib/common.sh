# Shared by scripts/setup, scripts/test and scripts/demo. Source it; it defines functions only.

omu_root() { cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd; }

omu_log() { printf '[omupgrade] %s\n' "$*" >&2; }

# Debian packages the project needs to build, test, package and run its demo.
OMU_PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-psql libqt6sql6-mysql
    libyaml-cpp-dev libssl-dev libmariadb-dev libpq-dev
    mariadb-server mariadb-client
    postgresql postgresql-client
    dpkg-dev file time fonts-dejavu-core python3
    chromium  # the support report rendered in a real browser (test_report_browser)
)

# Installs whatever of OMU_PACKAGES is missing. Uses sudo when not root.
omu_install_packages() {
    local missing=() pkg
    for pkg in "${OMU_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    omu_log "installing: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null || return 1
}

# Configures and builds into $1 (default build/).
omu_build() {
    local build_dir=${1:-"$(omu_root)/build"}
    local generator=()
    command -v ninja >/dev/null && generator=(-G Ninja)
    # ccache, where installed, makes rebuilds of other checkouts of the same tree cheap.
    command -v ccache >/dev/null && generator+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    if [ ! -f "$build_dir/CMakeCache.txt" ]; then
        cmake -S "$(omu_root)" -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
            >/dev/null || return 1
    fi
    cmake --build "$build_dir" --parallel "$(nproc)" || return 1
}
