"""Integration Workbooks: shared library for the workbooks."""

__version__ = "0.1.0"
