"""argparse with the runner's exit code for usage errors.

argparse exits 2 on a bad flag, which is the runner's code for an
infrastructure error; here every command-line mistake exits 3 (EXIT_USAGE)
with a one-line "hil: usage error: ..." and the usage text, no traceback.
"""

import argparse
import sys

from hil.results import EXIT_USAGE


class UsageArgumentParser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        sys.stderr.write("hil: usage error: %s\n" % message)
        sys.exit(EXIT_USAGE)


def number(convert, what, minimum, above=False):
    """An argparse type: `convert`(text) that is at least `minimum` (more
    than it with `above`); the message says what was expected."""
    def parse(text):
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError("%r is not %s" % (text, what)) from None
        if value < minimum or (above and value == minimum):
            raise argparse.ArgumentTypeError("%r: must be %s %g" % (
                text, "more than" if above else "at least", minimum))
        return value
    return parse


SECONDS = number(float, "a number of seconds", 0)
POSITIVE_SECONDS = number(float, "a number of seconds", 0, above=True)
COUNT = number(int, "a whole number", 1)


def platform_entries(entries, suffix):
    """Split --firmware / --stack-bounds values: ({platform: path} from the
    PLATFORM=PATH entries, [the plain entries ending in `suffix`])."""
    plain, by_platform = [], {}
    for entry in entries:
        if "=" in entry:
            key, path = entry.split("=", 1)
            by_platform[key] = path
        elif entry.endswith(suffix):
            plain.append(entry)
    return by_platform, plain
