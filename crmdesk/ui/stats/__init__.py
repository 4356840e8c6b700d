"""The stats window of a campaign and of a client, and the matplotlib charts it embeds."""
