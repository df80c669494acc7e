#!/bin/sh
# Opposite failovers raced by two CLI processes on a real minimal lab pair, many tries with random delays: never two
# promotions; a loser refused by the claim names the holder (docs/colo-behaviour.md, "The claim").
#   src/bench/claim-race.sh [tries] [seed]
set -eu
cd "$(dirname "$0")/../.."
tries="${1:-30}"
seed="${2:-$(date +%s)}"
mvn -B -o test -Dtest=OppositeFailoverRaceCampaignTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dclaim.race.tries="$tries" -Dclaim.race.seed="$seed" | grep -E '^(claim race|try |  loser|  --to)|Tests run:'
