"""workjournal: a private mood and trigger journal for the work between therapy sessions."""

__version__ = "0.1.0"
