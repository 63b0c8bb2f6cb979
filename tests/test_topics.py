import pytest

from briefing.compose.topics import relevance, suggest, topic_section
from briefing.ingest.sources import parse
from briefing.model import Options, Sentence
from briefing.nlp.stems import topic_terms
from briefing.nlp.text import OfflineTokenizer


@pytest.mark.parametrize(
    ("topic", "terms"),
    [
        ("intelligence sharing", ("intellig", "share")),
        ("Manchester Arena", ("manchest", "arena")),
        ("the MI5", ("mi5",)),
        ("IS", ("=IS",)),
        ("US and UK", ("=US", "uk")),
        ("who", ("who",)),
        ("Sharing shared shares", ("share",)),
    ],
)
def test_topic_terms(topic, terms):
    assert topic_terms(topic) == terms


def S(text, i=0, article="a", section=0):
    return Sentence(text, article, i, section)


def test_relevance_needs_the_rarer_term_and_stems():
    sentences = [
        S("Intelligence will be shared with councils.", 0),
        S("Officials shared a statement.", 1),
        S("They share an office.", 2),
        S("Nothing here about it.", 3),
    ]
    scores = relevance(sentences, topic_terms("intelligence sharing"))
    assert set(scores) == {sentences[0]}
    assert scores[sentences[0]] == 1.0


def test_acronym_topic_does_not_match_the_verb():
    sentences = [S("It is what it is.", 0), S("Fighters joined IS in Syria.", 1)]
    assert set(relevance(sentences, topic_terms("IS"))) == {sentences[1]}


def test_live_item_headline_counts_for_its_sentences():
    sentences = [
        S("Islamic State fighters were in Syria.", 0, section=1),
        S("Unrelated words.", 1, section=2),
    ]
    headings = {("a", 1): "Cameron vows to stop people joining IS", ("a", 2): "Weather"}
    scores = relevance(sentences, topic_terms("IS"), headings=headings)
    assert scores == {sentences[0]: 0.5}


def test_topic_sections_are_on_topic_and_cited(seed_articles):
    topic = topic_section("Manchester Arena", seed_articles, Options(), 5)
    assert 0 < len(topic.sentences) <= 5
    ids = [a.id for a in seed_articles]
    keys = [(ids.index(t.sentence.article_id), t.sentence.index) for t in topic.sentences]
    assert keys[1:] == sorted(keys[1:])  # after the opening sentence, source order
    assert topic.sentences[0].score == max(t.score for t in topic.sentences)
    for t in topic.sentences:
        text = t.sentence.text.lower()
        assert "manchester" in text or "arena" in text


def test_topic_with_no_match(seed_articles):
    topic = topic_section("quantum computing", seed_articles, Options(), 5)
    assert topic.sentences == () and topic.matched == 0


def test_topic_duplicates_across_the_page_are_merged():
    page = (
        "Live updates\n\nFirst story about survivors\n\n"
        "The group wants better support for victims of terrorism across the country.\n\n"
        "Relatives of those killed met ministers on Monday.\n\n"
        "Second story about survivors\n\n"
        "Campaigners gathered outside Parliament in the rain.\n\n"
        "The group wants better support for victims of terrorism across the country.\n"
    )
    article = parse(page.encode(), "live.txt", "live", OfflineTokenizer())
    assert article.is_live_page
    topic = topic_section("better support", [article], Options(), 10)
    merged = [
        t for t in topic.sentences if t.sentence.text.startswith("The group wants better support")
    ]
    assert len(merged) == 1 and merged[0].also


def test_topic_sentences_stand_alone(seed_articles):
    """Read alone, a topic sentence may not lean on the one before it ("Its
    members want better support ..." twice on the seeds' live page)."""
    topic = topic_section("better support", seed_articles, Options(), 10)
    assert topic.matched >= 2
    assert not [t for t in topic.sentences if t.sentence.text.startswith("Its members")]


def test_suggested_topics(seed_articles):
    phrases = [t.phrase for t in suggest(seed_articles, 15)]
    assert "MI5" in phrases
    assert "Manchester Arena" in phrases
    assert "Counter Terrorism Policing" in phrases
    lowered = [p.lower() for p in phrases]
    assert len(set(lowered)) == len(lowered)
    for filler in ("said", "the", "year", "people"):
        assert filler not in lowered


def test_suggestions_on_the_seeds_are_pinned(seed_articles):
    """Exact phrases, counts and scores: counting in bulk (for speed) must
    not change what users are offered."""
    assert [(t.phrase, t.score, t.articles, t.mentions) for t in suggest(seed_articles, 6)] == [
        ("Counter Terrorism Policing", 35.3172, 4, 6),
        ("Police", 22.3324, 5, 27),
        ("Greater Manchester Police", 20.5067, 2, 3),
        ("MI5", 20.5056, 5, 19),
        ("Manchester Arena", 19.9288, 2, 7),
        ("Manchester", 16.9188, 3, 17),
    ]
    one = suggest(seed_articles[4:5], 3)
    assert all(t.articles == 1 for t in one) and len(one) == 3


def test_suggestions_are_ranked_and_limited(seed_articles):
    topics = suggest(seed_articles, 5)
    assert len(topics) == 5
    assert [t.score for t in topics] == sorted((t.score for t in topics), reverse=True)


def test_prefilter_finds_every_match(seed_articles, monkeypatch):
    """Scoring only sentences that hold a stem's prefix gives what scoring
    every sentence gives, for every content word of the seeds."""
    import briefing.compose.topics as topics
    from briefing.nlp import stems

    sentences = [s for a in seed_articles for s in a.sentences]
    words = sorted({w for s in sentences for w in stems.tokenizer.to_words(s.text)})[::7]
    words += ["dying", "lies", "tied", "IS", "US", "who"]
    fast = {w: relevance(sentences, topic_terms(w)) for w in words}
    monkeypatch.setattr(topics, "may_match", lambda text, keys: True)
    for w in words:
        assert relevance(sentences, topic_terms(w)) == fast[w], w
