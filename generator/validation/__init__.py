"""Stage 2, validate: records through the model into located bilingual findings; the glossary's
terms; the project (root, content/, settings).
"""
