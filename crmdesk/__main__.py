"""``python -m crmdesk`` runs the same entry point as the ``crmdesk`` command."""

import sys

from crmdesk.app import main

sys.exit(main())
