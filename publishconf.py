"""Settings for publishing: only what differs from pelicanconf.py."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# The public address; override with the SITEURL environment variable for a staging host.
SITEURL = os.environ.get("SITEURL", "https://www.nts-mekong.com").rstrip("/")
SITE_ORIGIN = FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
