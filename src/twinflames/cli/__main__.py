"""``python -m twinflames.cli``."""

from . import main

main()
