import pytest

from briefing.compose.redundancy import DUPLICATE_COSINE, cosine, mmr, tfidf_vectors


def test_vectors_are_unit_length_and_cosine_is_symmetric():
    a, b, c = tfidf_vectors(
        [["mi5", "share", "data"], ["mi5", "share", "council"], ["weather", "leeds"]]
    )
    assert cosine(a, a) == pytest.approx(1.0)
    assert cosine(a, b) == pytest.approx(cosine(b, a))
    assert 0 < cosine(a, b) < 1
    assert cosine(a, c) == 0


def test_rare_terms_weigh_more():
    vecs = tfidf_vectors(
        [["police", "arena"], ["police", "leeds"], ["police", "court"], ["arena", "police"]]
    )
    # Sharing the rare "arena" makes 0 and 3 identical; sharing only "police" counts for little.
    assert cosine(vecs[0], vecs[3]) == pytest.approx(1.0)
    assert cosine(vecs[0], vecs[1]) < 0.3


def test_mmr_prefers_relevance_then_diversity_and_reports_duplicates():
    bags = [
        ["arena", "bomb", "inquiry"],
        ["arena", "bomb", "inquiry"],
        ["budget", "tax"],
        ["arena", "survivors"],
    ]
    vectors = tfidf_vectors(bags)
    dupes = []
    picked = mmr([1.0, 0.9, 0.5, 0.6], vectors, 3, on_duplicate=lambda k, d: dupes.append((k, d)))
    assert picked[0] == 0
    assert 1 not in picked and dupes == [(0, 1)]
    assert sorted(picked) == [0, 2, 3]


def test_mmr_ties_go_to_the_earlier_item():
    vectors = tfidf_vectors([["a"], ["b"], ["c"]])
    assert mmr([0.5, 0.5, 0.5], vectors, 2) == [0, 1]


def test_threshold_is_between_measured_bands():
    assert 0.2 < DUPLICATE_COSINE <= 0.56
