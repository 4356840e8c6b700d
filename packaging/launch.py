"""The packaged app's entry script: the same ``main`` as the ``crmdesk`` command.

PyInstaller runs this file as ``__main__`` inside the frozen interpreter; it lives outside the
``crmdesk`` package so that the package's own folder is never put on ``sys.path``.
"""

import sys

from crmdesk.app import main

if __name__ == "__main__":
    sys.exit(main())
