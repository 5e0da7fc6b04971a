#!/bin/sh
echo "tidemark: 'bazel coverage' needs Bazel's remote_coverage_tools, which cannot be fetched offline." >&2
exit 1
