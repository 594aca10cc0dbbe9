import sys

from asri_desktop.cli import main

sys.exit(main())
