"""tidemark hardware-in-the-loop rig, host side (see docs/hil.md)."""
