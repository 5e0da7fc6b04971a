"""Kept for existing loads; the definition lives in //tools/build:host_only.bzl."""

load("//tools/build:host_only.bzl", _HOST_ONLY = "HOST_ONLY")

HOST_ONLY = _HOST_ONLY
