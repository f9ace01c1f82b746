"""planpress: Korean local governments' policy plans as validated open data.

`register()` only connects signals; everything else happens in the generator, so an
error can never be swallowed at import time by Pelican's plugin loader.
"""


def register() -> None:
    from pelican import signals

    from .generator import get_generators

    signals.get_generators.connect(get_generators)
