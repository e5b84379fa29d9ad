"""Stage 3, link: references, legal citations and cross-links into the frozen ``Site``; the
consistency checks over the linked site; the translator.
"""
