"""The seven datasets' canonical schemas, declared once: readers, validation, templates and exports use them."""
from __future__ import annotations

from dataclasses import dataclass

AREAS = {
    "economic": "Economic, Trade and Technological Cooperation",
    "security": "Security and Defence",
    "regional": "Regional Initiatives",
    "energy": "Energy and Environment",
    "european": "European Integration",
    "political": "Bilateral and Multilateral Political Cooperation",
    "people": "People-to-People Ties",
}
# The road map's process steps are tracked as a further group beside the seven areas.
PROCESS_AREA = "process"

FLOWS = ("us_to_serbia", "serbia_to_us", "total", "balance")
DIRECTIONAL_FLOWS = ("us_to_serbia", "serbia_to_us")
CURRENCIES = ("USD", "EUR", "RSD")
DATE_PRECISIONS = ("day", "month", "year")
EXERCISE_FORMATS = ("bilateral", "multinational", "training", "cyber", "police_training", "unspecified")
EXERCISE_STATUSES = ("held", "planned", "cancelled")
US_PARTICIPATION = ("yes", "no", "unclear")
AGREEMENT_CATEGORIES = (
    "defence", "economic", "energy", "tax", "finance", "trade", "education", "culture",
    "political", "other",
)
AGREEMENT_STATUSES = ("signed", "in_force", "planned", "terminated")
GROUP_STATES = ("active", "paused", "closed")
SIDES = ("us", "serbia", "joint")
ACTION_STATES = ("planned", "in_progress", "done", "delayed", "dropped")
COMMITMENT_STATES = ("open", "kept", "partly_kept", "not_kept", "dropped")
EVENT_KINDS = (
    "milestone_achieved",      # evidence that a milestone target is met
    "progress",                # a step toward a milestone target
    "inaugural_meeting",       # the dialogue's first meeting (sets the start date)
    "annual_meeting",          # annual high-level meeting (road-map step IX)
    "quarterly_report",        # step VIII
    "annual_report",           # step VIII
    "public_report",           # step VII
    "working_group_meeting",   # step VI (target_id = the group's group_id)
    "coordination_meeting",    # step VIII: the two sides' sector coordination meeting
    "diplomat_training",       # quantity = diplomats trained
    "visit",
    "context",                 # relevant, but evidence for no target
)


@dataclass(frozen=True)
class Column:
    name: str
    type: str                       # text | int | number | date | bool | enum
    required: bool = False
    values: tuple[str, ...] = ()    # for enum
    description: str = ""
    default: object = None


@dataclass(frozen=True)
class Dataset:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    description: str = ""

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


_COMMON_TAIL = (
    Column("source", "text", description="Where the figure or fact comes from (URL or citation)."),
    Column("note", "text", description="Free text: qualifiers, quotes, conflicts."),
    Column("publishable", "bool", default=True,
           description="yes = may appear in the public progress report (default yes)."),
    Column("synthetic", "bool", default=False,
           description="yes = synthetic demo figure, not a real one (default no)."),
)

TRADE = Dataset(
    "trade",
    (
        Column("reporter", "text", True, description='Whose statistics, e.g. "US Census", "Serbia RZS", "UN Comtrade (Serbia)".'),
        Column("year", "int", True, description="Calendar year, 1990-2100."),
        Column("month", "int", description="1-12; empty for an annual figure."),
        Column("flow", "enum", True, FLOWS, "Direction of goods: us_to_serbia, serbia_to_us; or a reported total / balance that cannot be split."),
        Column("value", "number", True, description="Amount in whole currency units (a sheet in millions is scaled on the way in)."),
        Column("currency", "enum", True, CURRENCIES, "USD, EUR or RSD."),
        Column("product_code", "text", description="Product classification code (HS, SITC), optional."),
        Column("product", "text", description="Product description, optional."),
        Column("flow_as_reported", "text", description="The source's own wording of the flow, e.g. us_exports_to_serbia."),
        *_COMMON_TAIL,
    ),
    key=("reporter", "year", "month", "flow", "currency", "product_code"),
    description="Goods trade between the US and Serbia, one row per figure.",
)

EXERCISES = Dataset(
    "exercises",
    (
        Column("name", "text", True, description="Exercise name as published."),
        Column("start_date", "date", True, description="First day (for a year-only date, 1 January with date_precision = year)."),
        Column("end_date", "date", description="Last day, optional."),
        Column("date_precision", "enum", False, DATE_PRECISIONS, "day (default), month or year.", "day"),
        Column("location", "text"),
        Column("host_country", "text"),
        Column("format", "enum", True, EXERCISE_FORMATS, "bilateral, multinational, training, cyber, police_training, or unspecified when the source does not say."),
        Column("us_participation", "enum", True, US_PARTICIPATION, "Did US forces take part together with Serbian forces: yes, no or unclear."),
        Column("status", "enum", True, EXERCISE_STATUSES, "held, planned or cancelled."),
        Column("participants", "text", description="Units and countries taking part."),
        *_COMMON_TAIL,
    ),
    key=("name", "start_date"),
    description="Military exercises and joint training with US participation.",
)

AGREEMENTS = Dataset(
    "agreements",
    (
        Column("title", "text", True),
        Column("date_signed", "date", True),
        Column("date_precision", "enum", False, DATE_PRECISIONS, "day (default), month or year.", "day"),
        Column("us_party", "text"),
        Column("serbian_party", "text"),
        Column("category", "enum", True, AGREEMENT_CATEGORIES, "defence, economic, energy, tax, finance, trade, education, culture, political or other."),
        Column("area", "enum", True, tuple(AREAS), "Framework area: " + ", ".join(AREAS) + "."),
        Column("value", "number", description="Contract value, optional."),
        Column("currency", "enum", False, CURRENCIES, "Currency of the value."),
        Column("status", "enum", True, AGREEMENT_STATUSES, "signed, in_force, planned or terminated."),
        Column("target_id", "text", description="Target this agreement is evidence for, optional (see data/targets.toml)."),
        *_COMMON_TAIL,
    ),
    key=("title", "date_signed"),
    description="Agreements signed between US and Serbian parties.",
)

EVENTS = Dataset(
    "events",
    (
        Column("date", "date", True),
        Column("date_precision", "enum", False, DATE_PRECISIONS, "day (default), month or year.", "day"),
        Column("kind", "enum", True, EVENT_KINDS, ", ".join(EVENT_KINDS) + "."),
        Column("target_id", "text", description="Target the event counts toward, optional; for a "
               "working_group_meeting, the group_id of the working group that met."),
        Column("title", "text", True),
        Column("quantity", "number", description="e.g. 3 diplomats trained, optional."),
        Column("area", "enum", False, (*AREAS, PROCESS_AREA), "Framework area, optional."),
        Column("parties", "text"),
        *_COMMON_TAIL,
    ),
    key=("date", "kind", "title"),
    description="Dated evidence of milestones and of the dialogue's process.",
)

WORKING_GROUPS = Dataset(
    "working_groups",
    (
        Column("group_id", "text", True, description="Short unique id of the group, e.g. wg-trade; events and actions name it."),
        Column("name", "text", True, description="Name in English."),
        Column("name_sr", "text", description="Name in Serbian (Latin or Cyrillic)."),
        Column("area", "enum", True, tuple(AREAS), "Framework area: " + ", ".join(AREAS) + "."),
        Column("us_cochair", "text", description="US co-chair institution."),
        Column("serbian_cochair", "text", description="Serbian co-chair institution."),
        Column("established", "date", description="Date the group was formed."),
        Column("state", "enum", True, GROUP_STATES, "active, paused or closed."),
        *_COMMON_TAIL,
    ),
    key=("group_id",),
    description="Working groups of the dialogue (road-map steps V-VI), one row per group.",
)

ACTIONS = Dataset(
    "actions",
    (
        Column("action_id", "text", True, description="Short unique id of the action, e.g. A-TR-01."),
        Column("group_id", "text", True, description="The working group whose action plan holds it (working_groups.group_id)."),
        Column("target_id", "text", description="Target the action serves, optional (see data/targets.toml)."),
        Column("title", "text", True, description="What is to be done."),
        Column("lead_side", "enum", True, SIDES, "Who leads: us, serbia or joint."),
        Column("owner", "text", description="Institution or office that owns the action."),
        Column("start_date", "date", description="When work starts, optional."),
        Column("due_date", "date", description="When it is due, optional."),
        Column("state", "enum", True, ACTION_STATES, "planned, in_progress, done, delayed or dropped."),
        Column("progress", "number", description="Percent done, 0-100, optional."),
        Column("last_update", "date", description="Date of the latest news on the action."),
        *_COMMON_TAIL,
    ),
    key=("action_id",),
    description="The working groups' action plans (road-map step V): one row per action.",
)

COMMITMENTS = Dataset(
    "commitments",
    (
        Column("commitment_id", "text", True, description="Short unique id, e.g. C-2026-01."),
        Column("made_at", "date", True, description="Date of the meeting or statement that made it."),
        Column("meeting", "text", True, description="Title of that meeting or joint statement."),
        Column("text", "text", True, description="What was promised."),
        Column("side", "enum", True, SIDES, "Who promised: us, serbia or joint."),
        Column("owner", "text", description="Institution or office that owns it."),
        Column("due_date", "date", description="When it is due, optional."),
        Column("state", "enum", True, COMMITMENT_STATES, "open, kept, partly_kept, not_kept or dropped."),
        Column("action_ids", "text", description="Linked action ids, separated by semicolons, optional."),
        Column("target_id", "text", description="Target it serves, optional (see data/targets.toml)."),
        *_COMMON_TAIL,
    ),
    key=("commitment_id",),
    description="Commitments from joint statements and meeting communiqués, one row per commitment.",
)

# The region's partners of US goods trade (issue 17), by ISO 3166 alpha-2 code (XK for Kosovo, as the EU and
# the IMF write it); Croatia is kept for reference, as an EU member.
PEER_PARTNERS = ("AL", "BA", "XK", "ME", "MK", "RS", "HR")
PEER_FLOWS = ("us_exports", "us_imports", "partner_exports", "partner_imports")

PEER_TRADE = Dataset(
    "peer_trade",
    (
        Column("reporter", "text", True, description='Whose statistics, e.g. "US Census", "UN Comtrade (USA)".'),
        Column("partner", "enum", True, PEER_PARTNERS,
               "The US's trade partner: AL Albania, BA Bosnia and Herzegovina, XK Kosovo, ME Montenegro, "
               "MK North Macedonia, RS Serbia, HR Croatia (EU member, for reference)."),
        Column("year", "int", True, description="Calendar year, 1990-2100."),
        Column("month", "int", description="1-12; empty for an annual figure."),
        Column("flow", "enum", True, PEER_FLOWS,
               "us_exports / us_imports as the US reports them; partner_exports / partner_imports as the partner "
               "reports its trade with the US."),
        Column("value", "number", True, description="Amount in whole currency units (a sheet in millions is scaled on the way in)."),
        Column("currency", "enum", True, CURRENCIES, "USD, EUR or RSD."),
        *_COMMON_TAIL,
    ),
    key=("reporter", "partner", "year", "month", "flow", "currency"),
    description="US goods trade with Serbia and its neighbours, for comparison only: never a target's series.",
)

DATASETS: dict[str, Dataset] = {d.name: d for d in (TRADE, EXERCISES, AGREEMENTS, EVENTS, WORKING_GROUPS,
                                                    ACTIONS, COMMITMENTS, PEER_TRADE)}
# The delivery datasets (issue 14): the reference workspace has none of them, since no working group
# of the dialogue is publicly known to exist yet.
DELIVERY_DATASETS = ("working_groups", "actions", "commitments")
