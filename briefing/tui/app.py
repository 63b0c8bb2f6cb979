"""The briefing app: articles and topics on the left, the live briefing,
the highlighted article and the options on the right.

All summarising happens in the core, called from thread workers that post
their results as messages (``messages.py``); exclusive worker groups drop stale
work, and a short debounce keeps fast typing from queueing any. Summaries
are cached per article and options, so choosing a topic or a title does not
summarise again; the article list shows before the suggested topics are
worked out.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar
from datetime import date
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    LoadingIndicator,
    Markdown,
    OptionList,
    Select,
    SelectionList,
    Static,
    TabbedContent,
    TabPane,
)

from briefing.model import (
    Article,
    Briefing,
    InputLimits,
    Plan,
    Problem,
    SuggestedTopic,
)
from briefing.printable import one_line
from briefing.summarizers.cache import SummaryCache
from briefing.tui.editing import PREVIEW_NOTE, EditingMixin
from briefing.tui.exporting import ExportMixin
from briefing.tui.loading import LoadingMixin
from briefing.tui.messages import (
    ArticlesLoaded,
)
from briefing.tui.navigation import NavigationMixin
from briefing.tui.palette import PaletteMixin
from briefing.tui.preview import PreviewMixin
from briefing.tui.reading import ReadingMixin
from briefing.tui.session import Session
from briefing.tui.stories import StoriesMixin
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.article_view import ArticleView
from briefing.tui.widgets.options_panel import OptionsPanel
from briefing.tui.widgets.topic_list import TopicList


if TYPE_CHECKING:
    from briefing.run.library import Choice


@dataclass(frozen=True)
class Settings:
    """How the app runs; what the briefing is lives in ``spec`` alone."""

    spec: Plan
    """The briefing as it starts: the plan opened, or one made from the
    command line's options (inputs, topics, title, marking, date, options)."""
    from_file: bool
    """``spec`` was read from the plan file (its choices hold: a plan that
    chose nothing chooses nothing); False: every article loaded is chosen."""
    today: date
    """The briefing's date when the spec gives none."""
    paths: tuple[str, ...] = ()
    """Inputs named on the command line (then the plan's inputs are not read)."""
    export_dir: Path = Path(".")
    limits: InputLimits = InputLimits()
    """Read from every input; the time limit holds in worker processes, where large
    inputs and PDF or Word files are read (see ``loading.HEAVY_BYTES``)."""
    plan_path: Path | None = None
    """Where the plan is saved as it changes (None: not saved)."""
    labels_from_plan: bool = True
    """Inputs named as the plan names them (relative to its folder); False:
    as given (the plan is the one kept in the state folder)."""
    allow_outside: bool = False
    """Read what the plan names outside its folder, and web pages on internal
    hosts (--allow-outside); always so for the plan kept in the state folder
    (the user's own)."""
    resume: Path | None = None
    """The last session's plan, offered at start (the app then exits with
    "resume" for the CLI to reopen it); its file is kept until answered."""
    library: Path | None = None
    """The reader's library: read when the spec's articles come from it."""
    choice: Choice | None = None
    """Which of the library's documents to list (None with a plan from the
    library: the ones it chose)."""
    templates: Path | None = None
    """The user's template folder (its templates override the bundled ones
    by name when exporting)."""
    export_format: str = "markdown"
    """The format the export dialog offers first (the settings' ``format``)."""


class BriefingApp(
    PreviewMixin,
    LoadingMixin,
    ExportMixin,
    EditingMixin,
    ReadingMixin,
    StoriesMixin,
    NavigationMixin,
    PaletteMixin,
    App[None],
):
    CSS_PATH = "app.tcss"
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-short"), (20, "-tall")]
    """Under 20 rows the highlighted article's details give their room to the list."""
    TITLE = "briefing"
    BINDINGS = [
        Binding("ctrl+s", "export", "Export", priority=True),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("slash", "focus_filter", "Filter", key_display="/"),
        Binding("t", "focus_topic", "Topic"),
        Binding("b", "tab('tab-briefing')", "Briefing", show=False),
        Binding("r", "tab('tab-article')", "Article", show=False),
        Binding("o", "tab('tab-options')", "Options", show=False),
        Binding("s", "tab('tab-stories')", "Stories", show=False),
        Binding("ctrl+t", "toggle_theme", "Light/dark", show=False),
        Binding("c", "note", "Note"),
        Binding("A", "assessment", "Assessment", key_display="A", show=False),
        Binding("ctrl+z", "undo", "Undo", show=False),
        Binding("S", "save_plan_as", "Save plan as", show=False, key_display="S"),
        Binding("escape", "leave_input", "Leave the field", show=False),
        Binding("1", "focus_pane('articles')", "Articles pane", show=False),
        Binding("2", "focus_pane('topics')", "Topics pane", show=False),
        Binding("3", "focus_pane('tabs')", "Right pane", show=False),
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.articles: list[Article] = []
        self.problems: list[Problem] = []
        self.session = Session(settings.spec, settings.from_file)
        """What the analyst decides: changed only through its methods."""
        self.suggested: list[SuggestedTopic] = []
        self.briefing: Briefing | None = None
        self.cache = SummaryCache()
        self._refresh_timer = None
        self._suggest_due = False
        self.loaded = False
        self._save_lock = threading.Lock()

    # -- layout ----------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="sidebar"):
                yield Input(placeholder="Filter articles  /", id="filter")
                yield ArticleList(id="articles")
                yield Static("", id="article-info")
                yield Label("Topics  (articles·mentions)", classes="section-title")
                yield TopicList(id="topics")
                yield Input(placeholder="Add a topic, Enter  t", id="new-topic")
            with TabbedContent(id="tabs", initial="tab-briefing"):
                with TabPane("Briefing", id="tab-briefing"):
                    with Horizontal(id="preview-bar"):
                        yield Static(PREVIEW_NOTE, id="preview-note")
                        yield Button(
                            "Export…  ctrl+s", id="export-button", compact=True, variant="primary"
                        )
                    yield LoadingIndicator(id="busy")
                    with VerticalScroll(id="preview-scroll"):
                        yield Markdown("Loading articles…", id="preview")
                with TabPane("Article", id="tab-article"):
                    yield ArticleView(id="article-view")
                with TabPane("Stories", id="tab-stories"):
                    yield Static("Finding stories…", id="stories-note", classes="dim")
                    yield OptionList(id="story-list", compact=True)
                with TabPane("Options", id="tab-options"):
                    spec = self.settings.spec
                    yield OptionsPanel(
                        spec.options,
                        spec.title,
                        spec.marking,
                        spec.day or self.settings.today,
                        key_points=spec.key_points,
                        stories=spec.stories,
                        id="options",
                    )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "loading…"
        if self.is_headless:
            for field in self.query(Input):
                field.cursor_blink = False
        self.load_articles()

    # -- loaded (see loading.py) -----------------------------------------

    def on_articles_loaded(self, message: ArticlesLoaded) -> None:
        articles, problems = message.articles, message.problems
        self.articles, self.problems = articles, [p for p in problems if p.skipped]
        self.loaded = True
        opened = self.session.open(articles, message.inputs)
        for line in opened.lost:
            self.notify(line, severity="warning", timeout=10)
        if opened.moved:
            many = opened.moved > 1
            self.notify(
                f"{opened.moved} edit{'s' if many else ''} followed {'their' if many else 'its'} "
                "sentence to a new place (the source changed).",
                timeout=6,
            )
        # An opened plan is what its file holds: nothing is written until something changes.
        self.session.saved(self.current_plan() if self.settings.from_file else None)
        self._show_articles()
        self._show_topics()
        self.find_stories(list(articles))
        for problem in problems:
            self.notify(
                f"{'Skipped ' if problem.skipped else ''}{problem.source}: {problem.reason}",
                severity="warning",
            )
        if self.settings.resume is not None:
            self._hold_save = True
            from briefing.tui.screens.export import ConfirmScreen

            self.push_screen(
                ConfirmScreen(
                    resume_question(self.settings.resume, bool(self.settings.paths)),
                    yes="Resume",
                    no="Start afresh",
                ),
                self._resume_answered,
            )
        if articles:
            self.query_one(ArticleList).focus()
            self.query_one("#preview", Markdown).update(f"Summarising {len(articles):,} articles…")
        self._suggest_due = True
        self.schedule_refresh(0)

    def _resume_answered(self, yes: bool) -> None:
        if yes:
            self.exit("resume")
            return
        self._hold_save = False
        self.schedule_refresh(0)

    # -- showing state ---------------------------------------------------

    def _show_articles(self) -> None:
        query = self.query_one("#filter", Input).value
        self.query_one(ArticleList).show(
            self.ordered(list(self.articles)), self.problems, self.selected, query
        )
        self.sub_title = self._count()

    def _count(self) -> str:
        chosen = sum(1 for a in self.articles if a.id in self.selected)
        noun = "article" if len(self.articles) == 1 else "articles"
        counted = f"{chosen:,} of {len(self.articles):,} {noun}"
        query = self.query_one("#filter", Input).value.strip()
        if query:  # how many the filter shows, so "no match" is never a blank list alone
            shown = len(self.query_one(ArticleList).visible_ids())
            counted += f" · {shown:,} match “{one_line(query)[:30]}”"
        return counted

    def _show_topics(self) -> None:
        suggested = [t for t in self.suggested if t.phrase not in self.dismissed]
        self.query_one(TopicList).show(self.own_topics, suggested, self.active_topics)

    # -- reacting to the user -------------------------------------------

    @on(Button.Pressed, "#export-button")
    def _export_pressed(self) -> None:
        self.action_export()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_one(ArticleView).query = event.value
        if self.loaded:  # (loading applies the filter typed meanwhile)
            self._show_articles()

    @on(SelectionList.SelectedChanged, "#articles")
    def _articles_changed(self, event: SelectionList.SelectedChanged) -> None:
        if not self.loaded:  # rows shown while the library's articles load
            return
        listed = event.selection_list
        visible = listed.visible_ids() if isinstance(listed, ArticleList) else set()
        now = (self.selected - visible) | set(listed.selected)
        if self.session.choose(now):
            self.sub_title = self._count()
            self._suggest_due = True
            self.schedule_refresh()

    @on(SelectionList.SelectionHighlighted, "#articles")
    def _article_highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        self._show_article(event.selection.value)

    @on(SelectionList.SelectedChanged, "#topics")
    def _topics_changed(self, event: SelectionList.SelectedChanged) -> None:
        shown = {
            event.selection_list.get_option_at_index(i).value
            for i in range(event.selection_list.option_count)
        }
        now = (self.active_topics - shown) | set(event.selection_list.selected)
        if self.session.choose_topics(now):
            self._show_topics()
            self.schedule_refresh()

    @on(TopicList.Removed)
    def _topic_removed(self, event: TopicList.Removed) -> None:
        """Delete: a topic of one's own goes; a suggestion is dismissed."""
        self.session.remove_topic(event.topic)
        self._show_topics()
        self.schedule_refresh()

    @on(Input.Submitted, "#new-topic")
    def _topic_added(self, event: Input.Submitted) -> None:
        typed, event.input.value = event.value, ""
        listed = [*self.own_topics, *(t.phrase for t in self.suggested)]
        if self.session.add_topic(typed, listed) is not None:
            self._show_topics()
            self.schedule_refresh()

    @on(Input.Changed, "#options Input")
    @on(Select.Changed, "#options Select")
    @on(Checkbox.Changed, "#options Checkbox")
    def _options_changed(self) -> None:
        self.schedule_refresh()

    # -- actions ----------------------------------------------------------

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.query_one(ArticleList).focus()


def resume_question(last: Path, paths_given: bool) -> str:
    """What resuming loads, said before it is chosen: the plan's date, its
    inputs and choices, when it was saved; and that starting afresh keeps it."""
    from datetime import datetime

    from briefing.output.plan import PlanError, read_plan
    from briefing.printable import one_line

    try:
        plan = read_plan(last)
        saved = datetime.fromtimestamp(last.stat().st_mtime).strftime("%d %b %Y %H:%M")
    except (PlanError, OSError):
        return f"Resume the briefing you were working on last time?\n({last})"
    names = [one_line(Path(i.path).name or i.path) for i in plan.inputs]
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    inputs = (
        f"{len(names)} input{'s' if len(names) != 1 else ''} ({shown})" if names else "no inputs"
    )
    dated = plan.day.isoformat() if plan.day else "undated"
    edits = len(plan.excluded) + len(plan.pinned)
    lines = [
        "Resume the briefing you were working on last time?",
        f"Saved {saved}: dated {dated}, {inputs}, {len(plan.articles)} chosen, "
        f"{edits} edit{'s' if edits != 1 else ''}.",
    ]
    if paths_given:
        lines.append("Resuming opens that plan's inputs, not the ones you named now.")
    lines.append("Starting afresh keeps it (the last 5 plans are kept).")
    return "\n".join(lines)
