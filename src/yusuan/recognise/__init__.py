"""Recognition: tables by meaning, columns by header, narrative statements.

The stages keep memo caches of pure functions (placements of a row's figures, header paths to
roles, narrative subjects to fact keys): documents of one template repeat them. `clear_caches`
empties them, for benchmarks that measure a cold start."""


def clear_caches() -> None:
    from yusuan.recognise import align, header, narrative
    from yusuan.reference import tables

    align._CACHE.clear()
    header._match_value.cache_clear()
    narrative.subject_key.cache_clear()
    narrative._clean_subject.cache_clear()
    header._exact_index.cache_clear()
    header._map_header.cache_clear()
    tables.normalise_header.cache_clear()
