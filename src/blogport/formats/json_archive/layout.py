"""The names that mark a blogport JSON archive, shared by its reader and writer."""

FORMAT = "blogport-archive"
VERSION = 1
