#!/usr/bin/env bash
# The main job: install what is needed, simulate the classic runner-chaser story, print its
# timeline and outcome, tell it in plain words and write a picture to out/classic.png.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
mkdir -p out
.venv/bin/twinflames simulate classic --seed 1 --plot out/classic.png --out out/classic.json
echo
.venv/bin/twinflames explain classic --seed 1
echo
echo "What if the chaser follows the article's advice? The same 1000 dyads, both ways:"
.venv/bin/twinflames compare classic --vs b=anxious --vs b=guided --runs 1000 --dt 24 --quiet \
  | sed -n '1,12p'
echo
echo "Picture: out/classic.png   Data: out/classic.json"
