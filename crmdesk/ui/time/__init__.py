"""Time spent and budgets: the status-bar timer, entries, the week of entries, budgets."""
