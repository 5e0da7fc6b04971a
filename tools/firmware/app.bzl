"""firmware_app: one demo application, everything an app gets in one call.

An app in apps/ is a cc_library (its main loop) plus the same four things:
the firmware for every board (firmware_for_boards), the worst-case stack
and memory budgets (firmware_budgets), and `<name>_qemu_test`, the
`<name>_qemu_test.py` script run against the emulated board's image and its
stack report (so it can check the painted high-water mark against the static
bound). This macro writes those out once; the app's BUILD states only what
differs: the library, its budgets and the test's Python deps.
"""

load("//tools/firmware:firmware.bzl", "firmware_for_boards")
load("//tools/stack:firmware_budgets.bzl", "firmware_budgets")

def firmware_app(name, lib, limits, max_stack_bytes, qemu_test_deps = []):
    """Firmware, budgets and the emulated-board test of app `name`.

    Args:
      name: the app; targets <name>_<board> (.elf/.bin/.hex/.map),
        <name>_<board>_stack_test / _memory_test and <name>_qemu_test.
      lib: the app's cc_library label.
      limits: memory budget per region name (firmware_budgets).
      max_stack_bytes: worst-case stack budget (firmware_budgets).
      qemu_test_deps: py_library deps of <name>_qemu_test.py.
    """
    firmware_for_boards(name = name, deps = [lib])
    firmware_budgets(
        name = name,
        limits = limits,
        max_stack_bytes = max_stack_bytes,
        report_boards = ["mps2_an500"],
    )
    image = ":%s_mps2_an500" % name
    report = ":%s_mps2_an500_stack_report" % name
    native.py_test(
        name = name + "_qemu_test",
        size = "small",
        srcs = [name + "_qemu_test.py"],
        args = ["$(rootpaths %s)" % image, "$(rootpaths %s)" % report],
        data = [image, report],
        python_version = "PY3",
        deps = qemu_test_deps,
    )
