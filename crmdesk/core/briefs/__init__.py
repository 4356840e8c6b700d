"""Briefs: what the client asks for a campaign, structured, versioned and searchable."""
