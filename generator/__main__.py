from __future__ import annotations

import logging
import os
import sys

from generator.cli import main

code = main()
# Exit without tearing the interpreter down: after a library build it holds the project and MkDocs'
# pages, and freeing them one by one took seconds (issue 29: a rebuild's last tenth). What the
# teardown would still do that matters is flushing: the logs and the standard streams.
logging.shutdown()
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
