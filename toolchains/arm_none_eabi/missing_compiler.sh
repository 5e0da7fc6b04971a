#!/bin/sh
echo "tidemark: arm-none-eabi-gcc not found: install the Debian packages gcc-arm-none-eabi and libnewlib-arm-none-eabi (or run ./rig test)" >&2
exit 1
