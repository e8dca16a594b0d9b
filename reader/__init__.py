"""Jianbao Reader (剪报阅读器): an offline reader for folders of article posts."""

__version__ = "0.1.0"
APP_NAME = "Jianbao Reader"
APP_ID = "io.github.jianbao.Reader"
