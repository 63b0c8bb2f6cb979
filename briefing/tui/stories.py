"""The Stories tab: the loaded articles grouped into stories (each event
covered by two or more sources), found in a worker once the articles load;
choosing a story chooses its articles (undoable); the article view says
which story an article belongs to."""

from __future__ import annotations

from textual import work
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefing.model import Article
from briefing.printable import one_line
from briefing.tui.messages import StoriesFound

NO_STORIES = "No stories: no event is covered by two or more of the articles loaded."


class StoriesMixin:
    """The app's stories (see the module). Needs ``articles``, ``session``,
    ``settings``, ``_show_articles``, ``schedule_refresh``."""

    stories: tuple = ()
    """The stories found (``briefing.compose.stories.StoryGroup``), biggest first."""

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False,
          description="group the articles into stories")  # fmt: skip
    def find_stories(self, articles: list[Article]) -> None:
        from briefing.compose.stories import story_groups

        language = self.settings.spec.options.language  # type: ignore[attr-defined]
        found = story_groups(articles, language=language)
        self.post_message(StoriesFound(tuple(found)))  # type: ignore[attr-defined]

    def on_stories_found(self, message: StoriesFound) -> None:
        from briefing.tui.widgets.article_view import ArticleView

        self.stories = message.stories
        titles = {a.id: a.title for a in self.articles}  # type: ignore[attr-defined]
        listed = self.query_one("#story-list", OptionList)  # type: ignore[attr-defined]
        listed.clear_options()
        listed.add_options(
            Option(f"{len(s.sources)} source{'s' if len(s.sources) > 1 else ''} · "
                   f"{one_line(titles.get(s.headline_article, ''))}", id=s.id)
            for s in self.stories
        )  # fmt: skip
        listed.display = bool(self.stories)
        if self.stories:
            listed.highlighted = 0  # Enter chooses the first at once
        note = self.query_one("#stories-note", Static)  # type: ignore[attr-defined]
        note.update(
            "Enter chooses a story's articles (ctrl+z undoes it)." if self.stories else NO_STORIES
        )
        self.query_one(ArticleView).set_stories(  # type: ignore[attr-defined]
            {
                a: f"{one_line(titles.get(s.headline_article, ''))} ({len(s.sources)} sources)"
                for s in self.stories
                for a in s.articles
            }
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a story: its articles are the ones chosen."""
        if event.option_list.id != "story-list":
            return
        story = next((s for s in self.stories if s.id == event.option.id), None)
        if story is None:
            return
        if self.session.choose(set(story.articles)):  # type: ignore[attr-defined]
            self._show_articles()  # type: ignore[attr-defined]
            self.schedule_refresh()  # type: ignore[attr-defined]
        self.notify(  # type: ignore[attr-defined]
            f"Chose the {len(story.articles)} articles of this story", title="Story"
        )
