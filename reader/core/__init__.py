"""The Qt-free core: reading posts, indexing them and searching the index."""
