"""The owner's desk: the studio's figures for a period, each traceable to its clients."""
