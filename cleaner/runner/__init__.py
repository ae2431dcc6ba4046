"""The runner: a batch of files through `clean()`. `session` (one run: discovery, configuration
per folder, reports), `batch` (files cleaned in worker processes, each outcome returned),
`files` (reading, decoding, atomic writes), `lookup` (the configuration file for a post: one
lookup for the run, the cache and the hook), `cache` (files known clean), `excludes`
(default excludes, `exclude`, `.gitignore`)."""
