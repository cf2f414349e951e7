"""Charts of strength over time, laid out in pure Python: terminal cells and SVG."""
