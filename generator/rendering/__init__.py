"""Stage 4, render: the blocks and Markdown of one page (the generic form walk, the assessment
document, summaries, facts, statistics) and the Jinja environments with typed page contexts.
"""
