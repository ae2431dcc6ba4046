"""The command line: `entry` (the console script: the hook's fast path over known-clean files,
else the full command), `cli` (options and usage, click), `options` (every option in one frozen
`Options`, black's Mode), `report` (outcomes, the summary, the exit status), `progress`."""
