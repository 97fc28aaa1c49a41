# --help for cotscan and each subcommand, --version
$COTSCAN --help; echo "exit $?"
$COTSCAN tag --help; echo "exit $?"
$COTSCAN report -h; echo "exit $?"
$COTSCAN --version | sed 's/[0-9][0-9.]*/VERSION/'; echo "exit $?"
