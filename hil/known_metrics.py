"""Which metric names a case of each command can have, so a limit on a metric
no answer carries (a typo) is a usage error when the suite loads instead of a
failed check at run time.

Each command's entry in the registry (hil/commands.py) knows its metrics:
scalars from the result layouts in hil/mailbox_protocol.py, derived ones from
decode_results() and the command's after() hook. Per-stack metrics are
"stack.<tag>.<field>" for whatever tags the agent reports, so they are
matched by shape.
"""

from hil.commands import command


def known_metrics(name):
    """The exact metric names a `name` case can be judged on."""
    return command(name).known_metrics()


def is_known_metric(name, metric):
    return command(name).is_known_metric(metric)
