"""Foundations every layer may use: findings, escaping and text formatting, the vocabulary,
paths and URLs, the field states, worker pools. Nothing here imports a stage.
"""
