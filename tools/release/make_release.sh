#!/usr/bin/env bash
# Writes the release archive of the committed HEAD:
#   OUT_DIR/tidemark-<VERSION>.tar.gz and OUT_DIR/tidemark-<VERSION>.tar.gz.sha256
# Usage: tools/release/make_release.sh OUT_DIR
#
# The archive is `git archive` of HEAD under the prefix tidemark-<VERSION>/
# (what http_archive's strip_prefix names), without the paths marked
# export-ignore in .gitattributes. It depends on nothing but the commit:
# every entry carries the commit's time as mtime, owner root/root, git's
# fixed modes and order, and the commit id in the pax header; gzip is run
# with -n (no name, no time stamp). So two builds of one commit are
# byte-identical, on any machine with the same git and gzip. Uncommitted
# changes are not in it: the script says so when the tree is dirty.
set -euo pipefail

out=${1:?usage: make_release.sh OUT_DIR}
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
version=$(tr -d ' \n' < "$root/VERSION")
case "$version" in
    "" | *[!0-9A-Za-z.+-]*) echo "make_release: VERSION holds '$version', not a version" >&2; exit 2 ;;
esac
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
    echo "make_release: note: uncommitted changes are not in the archive (it is HEAD's)" >&2
fi
mkdir -p "$out"
name="tidemark-$version"
archive="$out/$name.tar.gz"
git -C "$root" archive --format=tar --prefix="$name/" HEAD | gzip -9 -n > "$archive.tmp"
mv "$archive.tmp" "$archive"
sha=$(sha256sum "$archive" | cut -d' ' -f1)
printf '%s  %s\n' "$sha" "$name.tar.gz" > "$archive.sha256"
printf '%s %s\n' "$archive" "$sha"
