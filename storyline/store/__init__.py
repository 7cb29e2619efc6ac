from storyline.store.sqlite import Store

__all__ = ["Store"]
