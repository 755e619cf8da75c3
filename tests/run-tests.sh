#!/bin/bash
# Runs every test suite and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
results=build/test-results
rm -rf "$results"
dotnet test tests/StageBox.Tests/StageBox.Tests.csproj -c Release --nologo \
  --logger "trx;LogFileName=unit.trx" --logger "console;verbosity=minimal" --results-directory "$results"
status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  passed=$((passed + $(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<< "$counters")))
  failed=$((failed + $(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<< "$counters")))
done
# A crashed or unbuildable suite leaves no counts: make sure it cannot pass silently.
[ $status -ne 0 ] && [ $failed -eq 0 ] && failed=1

# The hardware-in-the-loop rig: the firmware on a real kernel under QEMU, with its own summary line.
mkdir -p build
tests/rig/rig.sh 2>&1 | tee build/rig.log
rig=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' build/rig.log | tail -n 1)
if [ -n "$rig" ]; then
  passed=$((passed + ${rig%% passed*}))
  rig_failed=${rig#*, }; failed=$((failed + ${rig_failed%% failed}))
else
  echo "the rig ended without a summary"; failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
