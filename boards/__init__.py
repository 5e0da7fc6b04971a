"""tidemark's board registry (boards.bzl), Python side: board_registry.py."""
