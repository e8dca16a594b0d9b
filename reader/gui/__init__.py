"""The Qt user interface: main window, models, article view and background tasks."""
