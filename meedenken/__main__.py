from meedenken.cli import main

raise SystemExit(main())
