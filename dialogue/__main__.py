"""Entry point for `python -m dialogue`."""
import sys

from dialogue.cli import main

sys.exit(main())
