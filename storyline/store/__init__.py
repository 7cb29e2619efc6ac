from storyline.store.sqlite import ActorSummary, Counts, SearchHit, Store, StoredDocument

__all__ = ["ActorSummary", "Counts", "SearchHit", "Store", "StoredDocument"]
