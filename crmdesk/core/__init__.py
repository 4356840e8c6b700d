"""The Qt-free domain of crmdesk: models, migrations and services, usable from the CLI and tests."""
