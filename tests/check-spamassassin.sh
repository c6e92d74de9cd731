#!/bin/sh
# check-spamassassin.sh: SpamAssassin's local rules (no network tests) on an
# .eml; fails when a rule about the HTML (HTML_*) scores points.
#
#   tests/check-spamassassin.sh MESSAGE.eml
#
# HTML_MESSAGE (any message with HTML) and HTML_IMAGE_RATIO_* (the ratio of
# text to the area of the pictures, which depends on the content)
# score nothing in SpamAssassin 4 and are listed, not failed. TAP; skips
# without spamassassin (Debian: apt install spamassassin).
set -u

if ! command -v spamassassin >/dev/null 2>&1; then
  echo "1..0 # SKIP spamassassin is not installed"
  exit 0
fi

echo "1..1"
report=$(spamassassin -L -t <"$1" 2>/dev/null | sed -n '/^Content analysis details/,$p')
scored=$(printf '%s\n' "$report" | awk '$2 ~ /^HTML_/ && $1 + 0 != 0')
printf '%s\n' "$report" | sed 's/^/# /'
if [ -n "$scored" ]; then
  echo "not ok 1 - HTML rules score points on $1"
  exit 1
fi
echo "ok 1 - no HTML rule scores points on $1"
