"""A blog's images, brought home: the URL model, the references in a blog, the media store.

Rules:

- ``imageurls`` is pure (no I/O): one identity (*key*) per Blogger image, whatever its size
  variant, shard, scheme, query or fragment; candidate URLs original size first; an image on
  another http(s) host is keyed by its URL (scheme and fragment dropped, query kept); references
  that must not be fetched (``data:``, other schemes) are ``skipped`` in the manifest.
- ``references`` walks the model once and parses each body once (lxml), never with regular
  expressions; it only reads.
- ``manifest`` is the one reader and writer of ``MEDIA_DIR/manifest.jsonl`` (a journal during a
  run, compacted deterministically at its end) and its JSON Schema.
- Only ``blogport media`` (``media.command`` and the fetching modules it imports) opens network
  connections, and only when the ``blogport[media]`` extra (httpx) is installed; the rest of
  blogport, this package's model modules included, stays offline.
- A failed image never aborts a run; nothing is written outside ``MEDIA_DIR``; files move into
  place atomically.
"""
