#!/usr/bin/env bash
# A Bazel HTTP remote cache for a team: Debian's nginx with WebDAV PUT,
# run in the foreground as the calling user (Ctrl-C stops it).
#
#   tools/cache/cache_server.sh [LISTEN] [DIR]
#     LISTEN  address:port to listen on (default 127.0.0.1:8080; a LAN
#             address, e.g. 192.0.2.10:8080, serves the team)
#     DIR     where blobs, logs and the generated config live (default
#             ~/.cache/tidemark/remote-cache; as root
#             /var/cache/tidemark/remote-cache, as nginx's workers then run
#             as www-data, which must reach it)
#
# Clients put the URL in user.bazelrc and build with --config=remote-cache:
#   echo 'build:remote-cache --remote_cache=http://ADDRESS:PORT' >> user.bazelrc
#   bazel build --config=remote-cache //...
# No authentication: serve only networks you trust.
set -euo pipefail

listen=${1:-127.0.0.1:8080}
if [ "$(id -u)" -eq 0 ]; then
    dir=${2:-/var/cache/tidemark/remote-cache}
else
    dir=${2:-${XDG_CACHE_HOME:-$HOME/.cache}/tidemark/remote-cache}
fi
here=$(cd "$(dirname "$0")" && pwd)
# /usr/sbin is not on every user's PATH.
nginx=$(PATH="$PATH:/usr/sbin" command -v nginx) || {
    echo "cache_server: nginx missing: apt-get install -y nginx-light" >&2
    exit 2
}
mkdir -p "$dir/blobs" "$dir/tmp"
dir=$(cd "$dir" && pwd)
# Started as root, nginx runs its workers as www-data (Debian's web user),
# which must then own the blobs; started as anyone else, as that user.
user_line=""
if [ "$(id -u)" -eq 0 ]; then
    user_line="user www-data www-data;"
    chown -R www-data:www-data "$dir/blobs" "$dir/tmp"
    if ! setpriv --reuid=www-data --regid=www-data --clear-groups test -w "$dir/blobs"; then
        echo "cache_server: www-data cannot write $dir/blobs (is a directory above it private?):" \
             "choose a DIR every user can reach, e.g. under /var/cache" >&2
        exit 2
    fi
fi
sed -e "s|@DIR@|$dir|g" -e "s|@LISTEN@|$listen|g" -e "s|@USER@|$user_line|" \
    "$here/nginx.conf.in" > "$dir/nginx.conf"
"$nginx" -t -q -p "$dir" -c "$dir/nginx.conf"
echo "cache_server: http://$listen/ (blobs in $dir/blobs); clients:" >&2
echo "  build:remote-cache --remote_cache=http://$listen" >&2
exec "$nginx" -p "$dir" -c "$dir/nginx.conf"
