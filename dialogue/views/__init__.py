"""What each dashboard page shows, as plain data: one module per page (pages draw, views shape; SQL stays in queries/)."""
# Each page's module is imported before its function of the same name is bound here, so
# `views.trade` is the function (what pages ask for by name) and `dialogue.views.trade` the module.
from dialogue.views.common import (  # noqa: F401
    _URL,
    AREA_ORDER,
    AREA_PAGES,
    AREA_RECORDS_SHOWN,
    ROMAN,
    TIMELINE_SHOWN,
    UNMEASURED_AREAS,
    _known,
    events_done_per_year,
    millions,
    scorecard,
    split_source,
    start_date,
    status_frame,
    target,
    targets_book,
    with_links,
)
from dialogue.views.data import (  # noqa: F401
    ENCODINGS,
    area_targets,
    browse,
    browse_page,
    encoding_choices,
    encoding_sample,
    export_bytes,
    history_frame,
    history_page,
    history_table,
    preview_frame,
    problems_frame,
    refusal_text,
    rollback_candidates,
    rollback_question,
    template_bytes,
)
from dialogue.views.delivery import (  # noqa: F401
    AssessmentForm,
    DeliveryView,
    action_table,
    area_assessments,
    assessment_drafts,
    assessment_form,
    delivery,
    linked_actions,
)
from dialogue.views.history import held_text, status_strip  # noqa: F401
from dialogue.views.method import MethodView, method, method_page  # noqa: F401
from dialogue.views.overview import (  # noqa: F401
    AreaBlock,
    Overview,
    area_records,
    figure_only,
    overview,
    previous_quarter_end,
)
from dialogue.views.political import Milestone, PoliticalView, evidence, political  # noqa: F401
from dialogue.views.region import RegionView, region  # noqa: F401
from dialogue.views.roadmap import RoadmapView, _unit, roadmap, wrap  # noqa: F401
from dialogue.views.security import SecurityView, _end_date, security  # noqa: F401
from dialogue.views.trade import (  # noqa: F401
    TradeView,
    WhatIf,
    _annual_turnover,
    _base_year,
    _flows,
    _mirror,
    _rank,
    _side,
    _ytd,
    mirror_pair,
    series_label,
    trade,
    trade_what_if,
)
