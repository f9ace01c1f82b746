"""Settings for `make publish`: the same relative-link site, plus the public address.

Links stay relative (the output still works under any subpath and from disk); the
public address only feeds canonical links, e.g. `make publish SITEURL=https://example.org/plans`.
`REPO_URL=https://github.com/org/planpress` adds each city page's edit and issue links.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: F403

PLANPRESS_PUBLIC_URL = os.environ.get("SITEURL", "").rstrip("/")
PLANPRESS_REPO_URL = os.environ.get("REPO_URL", "").strip()
RELATIVE_URLS = True
