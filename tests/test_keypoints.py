from briefing.compose.keypoints import key_points
from briefing.model import Options
from briefing.run.pipeline import summarize_all


def test_key_points_spread_over_articles_in_source_order(seed_articles, seed_texts):
    summaries = summarize_all(seed_articles, Options())
    points = key_points(summaries, 4)
    assert len(points) == 4
    ids = [a.id for a in seed_articles]
    sources = [ids.index(p.sentence.article_id) for p in points]
    assert len(set(sources)) == 4
    assert sources == sorted(sources)
    chosen = {(s.article_id, s.index) for summary in summaries for s in summary.sentences}
    for p in points:
        assert (p.sentence.article_id, p.sentence.index) in chosen
        assert p.sentence.text in seed_texts[p.sentence.article_id]


def test_key_points_off_and_ranked(seed_articles):
    summaries = summarize_all(seed_articles, Options())
    assert key_points(summaries, 0) == ()
    ranked = key_points(summaries, 3, ranked=True)
    in_order = key_points(summaries, 3)
    assert set(ranked) == set(in_order) and len(ranked) == 3
    ids = [a.id for a in seed_articles]
    assert [ids.index(p.sentence.article_id) for p in in_order] == sorted(
        ids.index(p.sentence.article_id) for p in ranked
    )


def test_more_points_than_articles_takes_second_sentences(seed_articles):
    summaries = summarize_all(seed_articles[:2], Options())
    points = key_points(summaries, 4)
    assert len(points) == 4
    assert {p.sentence.article_id for p in points} == {a.id for a in seed_articles[:2]}


def test_key_points_avoid_sentences_that_lean_on_context(seed_articles):
    points = key_points(summarize_all(seed_articles, Options()), 4)
    starts = ("He ", "She ", "It ", "They ", "This ", "That ", "But ", "And ")
    assert not [p.sentence.text for p in points if p.sentence.text.lstrip('"“').startswith(starts)]
