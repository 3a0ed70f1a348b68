"""Loyalty and relationship care: post-trip surveys, referral rewards, loyalty tiers, the
studio's events, and ideas for a client drawn from the studio's own completed trips.

Every write goes through the studio's write path (journaled, so it syncs); the agenda's reminders
these bring are the sources of :mod:`studio.services.loyalty.reminders`.
"""
