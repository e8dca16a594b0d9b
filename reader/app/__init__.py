"""Start-up of the desktop app: command line, QApplication, the main window."""
