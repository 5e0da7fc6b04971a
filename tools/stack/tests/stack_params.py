"""Reads a stack_usage_files params file (--elf, --objdump, --su..., --ci...)
into a dict; --su and --ci are lists. Shared by the image-fixture tests."""


def load(path):
    with open(path, encoding="utf-8") as f:
        words = f.read().split()
    args = {"--su": [], "--ci": []}
    for flag, value in zip(words[::2], words[1::2]):
        if flag in args:
            args[flag].append(value)
        else:
            args[flag] = value
    return args
