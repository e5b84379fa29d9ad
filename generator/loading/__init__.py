"""Stage 1, load: the strict, line-aware YAML loader, its error messages, the personal-data guard,
the translation memory and the original-document reader.
"""
