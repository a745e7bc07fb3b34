#!/usr/bin/env bash
# deps.sh — installs the Debian packages loa needs to build, test and run,
# when they are missing (as root on Debian 12), and the browser-test driver
# from npm. Every package is listed here with why.
set -euo pipefail
cd "$(dirname "$0")/.."

PKGS=(
	build-essential        # C compiler and make
	pkg-config             # finds every library below
	libh2o-evloop-dev      # HTTP/1.1 and HTTP/2 server library (h2o, own event loop)
	libssl-dev             # TLS for h2o
	libsqlite3-dev         # embedded database (WAL mode)
	libgumbo-dev           # HTML5 parser under the allowlist sanitizer
	libutf8proc-dev        # Unicode normalization and Vietnamese folding
	libjansson-dev         # JSON parsing for `loa import`
	zlib1g-dev             # gzip of responses and of cached pages
	libsodium-dev          # argon2id passwords, keyed hashes, random tokens
	libvips-dev            # image decoding, resizing, WebP for the media library
	libxml2-dev            # streaming reader of WordPress export files (loa import --from wordpress)
	python3                # integration tests (standard library only)
	nodejs npm             # browser tests (playwright-core)
	chromium               # headless browser for the browser tests
	default-jre-headless   # Java for the Nu HTML Checker (npm vnu-jar) in tests/browser/html.test.mjs
	fonts-dejavu-core      # a font with Vietnamese glyphs for screenshots
	wrk nginx-light        # benchmarks (bench/): load generator and the reference server
	sqlite3                # the sqlite3 shell, for admins and benchmarks
	hunspell-vi            # Vietnamese syllable list: the long tail of the search benchmark's corpus
	systemd                # systemd-analyze verify checks the units in dist/systemd
	clang                  # libFuzzer builds of tests/fuzz (make fuzz)
)

# A program that is already on the PATH from elsewhere (Node.js from its own
# packages, a Python build) is used as it is: installing Debian's package
# beside it can conflict.
provides() {
	case "$1" in
	nodejs) command -v node >/dev/null ;;
	npm) command -v npm >/dev/null ;;
	python3) command -v python3 >/dev/null ;;
	default-jre-headless) command -v java >/dev/null ;;
	*) return 1 ;;
	esac
}

missing=()
for p in "${PKGS[@]}"; do
	provides "$p" && continue
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "deps.sh: missing packages: ${missing[*]} (run as root to install them)" >&2
		exit 1
	fi
	echo "deps.sh: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The browser tests' npm packages (tests/browser/package.json, pinned by its
# package-lock.json): playwright-core only drives the system chromium and
# downloads no browser; axe-core is injected into the pages; vnu-jar is the
# Nu HTML Checker's jar, run with Debian's Java. --ignore-scripts: vnu-jar's
# install script would download a Java runtime of its own.
for m in playwright-core axe-core vnu-jar; do
	if [ ! -d "tests/browser/node_modules/$m" ]; then
		(cd tests/browser && npm install --no-audit --no-fund --ignore-scripts --silent >/dev/null) ||
			echo "deps.sh: npm install in tests/browser failed; browser tests will fail" >&2
		break
	fi
done
