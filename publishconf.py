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

# Pre-compressed copies (.gz and .br) beside every text file, which the server configurations in deploy/
# serve as they are. pelican-precompress runs after every other plugin (on its own "compress" signal);
# the subsites leave it to the main site, which finishes last and compresses every language once.
PLUGINS = [*PLUGINS, "pelican.plugins.precompress"]
PRECOMPRESS_GZIP = True
PRECOMPRESS_BROTLI = True
PRECOMPRESS_ZSTANDARD = False
PRECOMPRESS_MIN_SIZE = 256
# Besides the plugin's own list (HTML, CSS, scripts, JSON, XML, feeds, text): drawings, the open data's
# CSV (31 KB, 5 KB with Brotli), the contact cards and the captions.
PRECOMPRESS_TEXT_EXTENSIONS = {".atom", ".css", ".htm", ".html", ".js", ".json", ".rss", ".txt", ".xml", ".xsl",
                               ".svg", ".csv", ".vcf", ".vtt"}
