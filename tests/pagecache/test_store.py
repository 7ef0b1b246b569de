"""The page store keeps recent pages within its byte budget."""

from __future__ import annotations

from app.pagecache.store import CachedPage, PageStore


def _page(size: int) -> CachedPage:
    return CachedPage(b"x" * size, "text/html")


def test_a_kept_page_is_returned_and_counted_as_a_hit():
    store = PageStore(1000)
    store.put("a", _page(10))
    assert store.get("a").body == b"x" * 10
    assert store.get("b") is None
    assert (store.hits, store.misses) == (1, 1)


def test_the_least_recently_used_pages_go_first_when_the_budget_is_passed():
    store = PageStore(100)
    store.put("a", _page(40))
    store.put("b", _page(40))
    store.get("a")  # "a" is now more recent than "b"
    store.put("c", _page(40))
    assert store.get("b") is None
    assert store.get("a") is not None and store.get("c") is not None
    assert store.size == 80 and len(store) == 2


def test_a_page_larger_than_the_budget_is_not_kept_and_evicts_nothing():
    store = PageStore(100)
    store.put("a", _page(50))
    store.put("huge", _page(101))
    assert store.get("huge") is None and store.get("a") is not None


def test_replacing_a_page_counts_its_bytes_once():
    store = PageStore(100)
    store.put("a", _page(60))
    store.put("a", _page(70))
    assert store.size == 70 and len(store) == 1
    store.clear()
    assert store.size == 0 and store.get("a") is None
