#!/bin/bash
# generate-large.sh DIR: writes DIR/too-large.tidings, an otherwise valid
# issue whose article body is a single 10,000,000-byte value, so the file is
# larger than the 8 MiB limit (TD_ISSUE_MAX_FILE_SIZE). It is generated at
# test time instead of being committed; too-large.tidings.expected, beside
# this script, holds the diagnostic it must produce.
set -euo pipefail

dir=${1:?usage: generate-large.sh DIR}
out=$dir/too-large.tidings

{
  printf '{\n  "format": "tidings-issue",\n  "version": 1,\n'
  printf '  "practice": {\n    "name": "Rachel Richards"\n  },\n'
  printf '  "issue": {\n    "title": "News: August 2023"\n  },\n'
  printf '  "sections": [\n    {\n      "id": "hamstrings",\n      "type": "article",\n'
  printf '      "title": "Why Your Hamstrings Are Always Tight",\n      "body": "'
  head -c 10000000 /dev/zero | tr '\0' 'a'
  printf '"\n    }\n  ]\n}\n'
} > "$out"
