"""Pure report functions: entries in, frozen dataclasses out. No I/O, no clock, no Rich."""
