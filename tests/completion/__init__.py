"""TAB completion: the protocol's replies (test_protocol, test_extends), real bash, zsh and
fish under tmux (shells.py, test_shells), and data files whose names attack the shell
(test_hostile)."""
