#!/bin/bash
# Runs every test suite: the xunit tests, then the hardware-in-the-loop rig. Each suite says
# "<suite>: E expected, P passed, F failed, R retried" (E: the checks it declares it runs); this
# script ends with their sum, a missing or extra check counting as failed:
#   "P passed, F failed"   where F = sum of F + max(0, E - P - F) + (1 if P + F > E)
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
results=build/test-results
rm -rf "$results"
project=tests/StageBox.Tests/StageBox.Tests.csproj
. tests/suites.sh

# xunit declares what it runs by the tests it discovers (each theory row is one); a test that
# did not run (a crashed or hung host) then counts as failed. "excused retry:" lines are attempts
# a fault test played again because its stall probe witnessed a stall of the machine.
xunit() {
  local started=$SECONDS expected=0 passed=0 failed=0 retried=0 status
  if dotnet build "$project" -c Release --nologo -v quiet; then
    expected=$(dotnet test "$project" -c Release --no-build --nologo --list-tests 2>/dev/null \
      | sed -n '/^The following Tests are available:$/,$p' | grep -c '^    ')
  fi
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=unit.trx" --logger "console;verbosity=minimal" --results-directory "$results"
  status=$?
  local trx="$results/unit.trx"
  if [ -f "$trx" ]; then
    local counters; counters=$(grep -o '<Counters [^>]*>' "$trx")
    passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<< "$counters")
    failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<< "$counters")
    retried=$(grep -o 'excused retry:' "$trx" | wc -l)
  fi
  # Nothing discovered means nothing built: one check, failed. A failing run that counted no failure failed anyway.
  if [ "$expected" -eq 0 ]; then echo "xunit: no tests discovered (the build failed?)"; expected=1; fi
  if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ] && [ "${passed:-0}" -ge "$expected" ]; then
    echo "xunit: dotnet test exited $status with no test failed (the test host crashed?)"; failed=1
  fi
  echo "xunit: wall time $((SECONDS - started)) s"
  echo "xunit: $expected expected, ${passed:-0} passed, ${failed:-0} failed, $retried retried"
}

xunit 2>&1 | tee build/xunit.log

# The hardware-in-the-loop rig: the firmware on a real kernel under QEMU, with its own suite line.
started=$SECONDS
tests/rig/rig.sh 2>&1 | tee build/rig.log
echo "rig: wall time $((SECONDS - started)) s"

# The sum of both suites' lines (tests/suites.sh).
for suite in xunit rig; do sum_suite "$suite" "build/$suite.log"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
