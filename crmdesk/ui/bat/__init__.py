"""The BAT review screens: the email preview, its rounds, feedback and decision."""
