"""results.json: the whole RunResult, machine-readable."""

import json


def write_json(run, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(run.to_dict(), f, indent=2, sort_keys=True, default=str)
        f.write("\n")
