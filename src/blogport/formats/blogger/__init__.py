"""Blogger's own formats: the classic Atom export, the Google Takeout export and saved pages.

:mod:`.urls` holds Blogger's identities (ids, URL keys, hosts, avatars) and :mod:`.atom` what
the readers share; each reader is one module (:mod:`.classic`, :mod:`.takeout`) or, for saved
pages, one package split by stage (:mod:`.html`).
"""
