"""The BAT review: emails brought in as rounds, their safe preview data, personas, test sends.

- ``snapshot``: reading an .html, .eml or .zip into an :class:`~.snapshot.EmailSnapshot`
  (refusing traversal, bombs and oversized files) and neutralising active content for preview.
- ``rounds``: BAT 1, BAT 2… of a campaign: snapshots stored content-addressed in the
  workspace, findings at import, feedback, the decision, the comparison of two rounds.
- ``personas``: the ESPs' personalisation tags and the sample recipients that fill them.
- ``diff``: what changed between two rounds (visible text, links).
- ``message``: the MIME message of a test send.
"""
