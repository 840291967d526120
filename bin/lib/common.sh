# Shared by the bin/ scripts: project root, messages, and the JDK 25 the project builds with.
# shellcheck shell=bash

LISTINGS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export LISTINGS_ROOT

# Maven 3.8 on JDK 25 warns about sun.misc.Unsafe on every run; the warning is not ours to fix.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"

say() { printf '%s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The major version of the java in $1 (a JDK home), or nothing.
java_major() {
  local home="$1" line
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  line=$("$home/bin/java" -version 2>&1 | head -n 1)
  line=${line#*version \"}
  printf '%s' "${line%%[.\"-]*}"
}

# Exports JAVA_HOME and PATH for a JDK 25 or newer, or stops with a clear message.
select_jdk25() {
  local candidate major
  for candidate in "${LISTINGS_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 \
                   /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/temurin-2[5-9]* /usr/lib/jvm/java-2[5-9]-*; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  die "no JDK 25 found. Listings needs JDK 25: install one (e.g. Temurin 25 in /usr/lib/jvm/temurin-25-jdk-amd64) or set LISTINGS_JAVA_HOME to its directory."
}

# Builds the service jar when it is missing or older than the sources (tests skipped).
build_if_needed() {
  local jar="$LISTINGS_ROOT/target/quarkus-app/quarkus-run.jar"
  if [ ! -f "$jar" ] || [ -n "$(cd "$LISTINGS_ROOT" && find pom.xml src/main -newer "$jar" -print -quit)" ]; then
    say "Building the service (mvn package, tests skipped: bin/test runs them)..."
    (cd "$LISTINGS_ROOT" && mvn -B -q -ntp package -DskipTests)
  fi
}

# promtool (from Debian's prometheus package, unpacked into .stack/tools: nothing is installed
# system-wide and no Prometheus server is started). Prints its path.
promtool_path() {
  local tools="$LISTINGS_ROOT/.stack/tools"
  if command -v promtool > /dev/null; then command -v promtool; return; fi
  if [ ! -x "$tools/promtool" ]; then
    say "Fetching promtool (Debian package prometheus)..."
    local download
    download=$(mktemp -d)
    (cd "$download" && apt-get download prometheus > /dev/null 2>&1) \
        || die "could not download Debian's prometheus package for promtool (apt-get download prometheus)"
    dpkg-deb -x "$download"/prometheus_*.deb "$download/x"
    mkdir -p "$tools"
    cp "$download/x/usr/bin/promtool" "$tools/promtool"
    rm -rf "$download"
  fi
  echo "$tools/promtool"
}
