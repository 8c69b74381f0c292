#!/bin/sh
# Used by the Dockerfile (and runnable by hand to inspect an image's contents): lays out what
# each deployable's image holds, from a built checkout (the current directory).
#   $1: per-workspace production node_modules, as <dir>/<workspace>/node_modules
#   $2: output; <dir>/<workspace>/ becomes the image's /app
# A service gets its production dependencies, its package.json and dist, and the built
# runtime and contracts packages that its node_modules link to; nothing else.
set -eu
deps=$1
apps=$2
for workspace in services/router services/selector services/executor services/critic services/ledger tools/provider-sim; do
  app="$apps/$workspace"
  mkdir -p "$app/$workspace"
  cp -a "$deps/$workspace/node_modules" "$app/node_modules"
  cp "$workspace/package.json" "$app/$workspace/"
  cp -r "$workspace/dist" "$app/$workspace/dist"
  case "$workspace" in
    services/*)
      for package in packages/contracts packages/runtime; do
        mkdir -p "$app/$package"
        cp "$package/package.json" "$app/$package/"
        cp -r "$package/dist" "$app/$package/dist"
      done
      ;;
  esac
done
