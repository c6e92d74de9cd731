#!/usr/bin/env python3
"""Runs a validator and fails on its errors *and* warnings.

    run-validator.py --what DESCRIPTION -- COMMAND [ARG...]

desktop-file-validate and glib-compile-schemas exit 0 on mere warnings; the
project wants none, so any output line mentioning "warning" or "error" fails
the check too (desktop-file-validate's "hint:" lines are shown, not failed).
"""
import argparse
import re
import shutil
import subprocess
import sys

PROBLEM = re.compile(r'\b(warning|error)\b', re.IGNORECASE)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--what', required=True)
    parser.add_argument('command', nargs=argparse.REMAINDER)
    options = parser.parse_args()
    command = options.command[1:] if options.command[:1] == ['--'] else options.command

    print(f'Checking {options.what} with: {" ".join(command)}')
    if shutil.which(command[0]) is None:
        print(f'FAIL: {command[0]} is not installed (build-aux/setup test installs it)')
        return 1

    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    output = result.stdout.strip()
    if output:
        print(output)

    problems = [line for line in output.splitlines() if PROBLEM.search(line)]
    if result.returncode != 0:
        print(f'FAIL: {command[0]} exited with status {result.returncode}')
        return 1
    if problems:
        print(f'FAIL: {command[0]} reported {len(problems)} warning(s) or error(s); '
              'the project allows none')
        return 1

    print(f'OK: {options.what} passes {command[0]} with no warnings')
    return 0


if __name__ == '__main__':
    sys.exit(main())
