from storyline.store.sqlite import ActorSummary, Counts, SearchHit, Store, StoredDocument, TimelineEntry

__all__ = ["ActorSummary", "Counts", "SearchHit", "Store", "StoredDocument", "TimelineEntry"]
