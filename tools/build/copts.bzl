"""Compiler flags shared by tidemark's own targets (host and Cortex-M)."""

# C sources: C11, every warning an error.
C_COPTS = ["-std=c11", "-Wall", "-Wextra", "-Werror"]

# C++ test sources (GoogleTest): same warnings.
TEST_COPTS = ["-std=c++17", "-Wall", "-Wextra", "-Werror"]
