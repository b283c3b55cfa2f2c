# Sourced by the releng scripts: selects a JDK 21+ for the build when JAVA_HOME is unset or older.
jdk_ok() { [ -n "${1:-}" ] && [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; }
if ! jdk_ok "${JAVA_HOME:-}"; then
  for jdk in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    if jdk_ok "$jdk"; then export JAVA_HOME=$jdk; break; fi
  done
fi
if ! jdk_ok "${JAVA_HOME:-}"; then
  echo "Mapwright needs a JDK 21 or newer to build (found none under /usr/lib/jvm); install one and set JAVA_HOME." >&2
  exit 2
fi
