"""The command line (``kohyo``) and the preview server: thin commands over ``generator.pipeline``."""
