"""Pieces several feature windows share: formats (dates, sizes, the user's language) and styles
(colours, alert boxes, small icons). A feature package takes these from here, never from another
feature's window."""
