"""The reports from the windows: the PDF preview, sending a recap, the quarterly review's dialog
and the report settings (branding, the user's templates)."""
