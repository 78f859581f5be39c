#!/usr/bin/env bash
# Install everything the pipeline needs on a fresh Debian machine (root), skipping what is already there,
# then run one job: `demo` (the main job) or `test` (the whole suite). Usage: bash scripts/setup.sh demo|test|install
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JOB=${1:-demo}
shift || true
log() { printf '[setup] %s\n' "$*" >&2; }

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# 1. Debian packages ------------------------------------------------------------------------------
APT_PKGS=(libreoffice-writer-nogui fonts-dejavu-core fonts-thai-tlwg fonts-tlwg-laksaman poppler-utils tesseract-ocr
          tesseract-ocr-tha fontconfig python3-venv npm postgresql
          chromium pandoc)  # chromium: browser tests and the Chromium-PDF generator (never `playwright install`); pandoc: DOCX generator
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm may come from elsewhere (nodesource); python venv from pyenv: only ask apt when the tool is absent.
filtered=()
for p in "${missing[@]}"; do
  case "$p" in
    npm) command -v npm >/dev/null 2>&1 || filtered+=("$p") ;;
    python3-venv) python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || filtered+=("$p") ;;
    *) filtered+=("$p") ;;
  esac
done
if [ ${#filtered[@]} -gt 0 ]; then
  log "installing Debian packages: ${filtered[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${filtered[@]}"
else
  log "Debian packages: all present"
fi

# 2. TH Sarabun New (SIPA) from the npm registry, with TH SarabunPSK resolving to it -------------------
FONT_DIR=/usr/local/share/fonts/th-sarabun-new
if ! ls "$FONT_DIR"/*.ttf >/dev/null 2>&1; then
  log "installing TH Sarabun New from npm package font-th-sarabun-new"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent font-th-sarabun-new >/dev/null 2>&1 && tar xzf font-th-sarabun-new-*.tgz)
  $SUDO mkdir -p "$FONT_DIR"
  find "$tmp/package" -iname '*.ttf' -exec $SUDO cp {} "$FONT_DIR"/ \;
  rm -rf "$tmp"
  ls "$FONT_DIR"/*.ttf >/dev/null 2>&1 || { log "ERROR: no TTF found in font-th-sarabun-new"; exit 1; }
fi
ALIAS=/etc/fonts/conf.d/65-th-sarabunpsk-alias.conf
if [ ! -f "$ALIAS" ] || ! cmp -s "$ROOT/scripts/fontconfig-sarabun.conf" "$ALIAS"; then
  $SUDO cp "$ROOT/scripts/fontconfig-sarabun.conf" "$ALIAS"
  log "fontconfig alias TH SarabunPSK -> TH Sarabun New installed"
  $SUDO fc-cache -f >/dev/null
elif ! fc-list | grep -q "TH Sarabun New"; then
  $SUDO fc-cache -f >/dev/null
fi

# 3. The virtual environment and the package ----------------------------------------------------------
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  log "creating .venv"
  "$PY" -m venv .venv
fi
STAMP=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$STAMP" ]; then
  log "installing the package into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev]"
  rm -f .venv/.installed-*
  touch "$STAMP"
fi

# 4. The job ------------------------------------------------------------------------------------------------
case "$JOB" in
  demo) exec .venv/bin/python -m pipeline demo "$@" ;;
  test)
    log "checking the layers (import-linter) and the style (ruff)"
    .venv/bin/lint-imports --no-cache >/dev/null || { .venv/bin/lint-imports --no-cache; exit 1; }
    .venv/bin/ruff check pipeline tests bench scripts
    # Two workers (the 2 cores CI has). A module whose tests share a costly module fixture runs on one worker
    # (tests/conftest.py groups it); every other test goes to whichever worker is free. The slowest tests are
    # listed at the end, so a slow CI says where its time went.
    exec .venv/bin/python -m pytest -q -n 2 --dist loadgroup --durations=50 "$@" ;;
  install) log "installed" ;;
  *) log "unknown job '$JOB' (use demo, test or install)"; exit 2 ;;
esac
