"""The provenance record (hil/provenance.py) as flat "a.b: value" pairs,
for JUnit properties and the report's header table."""


def flat_provenance(record, prefix="provenance"):
    """[(dotted key, value as text)] of every leaf of `record`, in order."""
    pairs = []
    for key, value in (record or {}).items():
        name = "%s.%s" % (prefix, key)
        if isinstance(value, dict):
            pairs.extend(flat_provenance(value, name))
        else:
            pairs.append((name, "-" if value is None else str(value)))
    return pairs
