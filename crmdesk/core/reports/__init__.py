"""What the client sees of the operator's work: the data of the campaign recap, the quarterly
review and the brief sheet, gathered from the workspace. Qt-free: ``crmdesk.render`` turns it
into HTML and PDF, for the window and the CLI alike."""
