"""A py_test <name>.py of the stack analysis on one fixture image's
stack_usage_files (stack_files), with the params reader and //tools/stack."""

def image_test(name, stack_files, data = []):
    native.py_test(
        name = name,
        size = "small",
        srcs = [name + ".py"],
        data = [stack_files] + data,
        python_version = "PY3",
        deps = [
            ":stack_params",
            "//tools/stack:stack_lib",
        ],
    )
