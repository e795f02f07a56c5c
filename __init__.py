"""tapecheck: check market narratives against the tape."""

__version__ = "0.1.0"
