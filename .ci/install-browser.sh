#!/usr/bin/env bash
# Installs Debian's Chromium and its WebDriver for metrics-service's dashboard test
# (DashboardBrowserTest) when they are missing. Idempotent; the CI entry point calls it.
#   /usr/bin/chromium      (package chromium)
#   /usr/bin/chromedriver  (package chromium-driver)
# The test never downloads a browser of its own; without these it fails with a clear message
# unless run with -Dreportflow.browser.tests=false.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "install-browser: chromium and chromedriver already present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-browser: not root and no sudo; install the packages chromium and chromium-driver" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
/usr/bin/chromium --version 2>/dev/null | head -1 || true
/usr/bin/chromedriver --version | head -1
echo "install-browser: done"
