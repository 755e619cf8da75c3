# Sourced by tests/run-tests.sh and .ci/run: every suite ends with its line
#   "<suite>: E expected, P passed, F failed, R retried"
# and sum_suite adds one suite's line from a log to the running totals (passed, failed, retried),
# a suite whose line is missing counting as one check failed, and a missing or extra check as failed:
#   F + max(0, E - P - F) + (1 if P + F > E)
suite_line='^([a-z0-9-]+): ([0-9]+) expected, ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) retried$'
passed=0; failed=0; retried=0

sum_suite(){ # SUITE LOG
  local line e p f r missing extra
  line=$(grep -E "$suite_line" "$2" | grep "^$1:" | tail -n 1)
  if [[ $line =~ $suite_line ]]; then
    e=${BASH_REMATCH[2]} p=${BASH_REMATCH[3]} f=${BASH_REMATCH[4]} r=${BASH_REMATCH[5]}
    missing=$(( e - p - f > 0 ? e - p - f : 0 )); extra=$(( p + f > e ? 1 : 0 ))
    echo "$line$( [ $missing -gt 0 ] && echo " ($missing did not report: failed)")$( [ $extra -gt 0 ] && echo " (more than expected: failed)")"
    passed=$((passed + p)); failed=$((failed + f + missing + extra)); retried=$((retried + r))
  else
    echo "$1: no summary line in $2; counted as 1 failed"
    failed=$((failed + 1))
  fi
}
