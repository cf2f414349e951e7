from kfor_tui.cli import main

raise SystemExit(main())
