"""The toolkit's version (read by the build and written into provenance)."""

__version__ = "0.1.0"
