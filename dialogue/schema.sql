-- The store. Dataset tables keep every version of every row: a row is current while valid_to is
-- null; valid_from / valid_to are upload ids, so "as known at" a moment is a filter, never a copy.
-- Created with "if not exists" on every connect; never run inside an upload transaction.
-- row_key is the md5 of the key columns as a JSON list, stored as a uuid (16 bytes, not 32 hex
-- characters; a uuid survives the Parquet backup). A database made before row_key became a uuid
-- (and row_hash went) needs `python -m dialogue init --force`.

create sequence if not exists upload_id_seq start 1;
create sequence if not exists note_id_seq start 1;
create sequence if not exists audit_id_seq start 1;
create sequence if not exists assessment_id_seq start 1;

create table if not exists meta (
    key varchar primary key,
    value varchar
);

create table if not exists uploads (
    upload_id integer primary key,
    dataset varchar not null,          -- trade | exercises | agreements | events | working_groups | actions | commitments
    file varchar,                      -- file name as uploaded (or "rollback of N")
    sha256 varchar,                    -- of the uploaded bytes
    "user" varchar not null,
    time timestamp not null,           -- UTC, when the upload committed
    mode varchar not null,             -- merge | replace | rollback
    layout varchar,                    -- which layout was recognised (template, census_page, ...)
    added integer not null default 0,
    updated integer not null default 0,
    unchanged integer not null default 0,
    removed integer not null default 0,
    rolls_back integer,                -- for mode = rollback: the upload it undid
    rolled_back_by integer             -- set when a later rollback undid this upload
);

-- What replaying an upload needs beyond the row versions it wrote (valid_from = its id): the keys
-- it held with the values already stored, and the columns its file lacked (existing rows kept
-- their stored values there). Uploads committed before these tables existed have no entries.
create table if not exists upload_unchanged (
    upload_id integer not null,
    row_key uuid not null
);

create table if not exists upload_kept (
    upload_id integer not null,
    "column" varchar not null
);

create table if not exists trade (
    reporter varchar not null,
    year integer not null,
    month integer,                     -- 1..12, null for an annual figure
    flow varchar not null,             -- us_to_serbia | serbia_to_us | total | balance
    value double not null,             -- whole currency units
    currency varchar not null,         -- USD | EUR | RSD
    product_code varchar,
    product varchar,
    flow_as_reported varchar,          -- the source's own wording, e.g. us_exports_to_serbia
    source varchar,
    note varchar,
    publishable boolean not null default true,
    synthetic boolean not null default false,
    row_key uuid not null,             -- md5 of the natural key, as 16 bytes
    valid_from integer not null,
    valid_to integer
);

create table if not exists exercises (
    name varchar not null,
    start_date date not null,
    end_date date,
    date_precision varchar not null default 'day',   -- day | month | year
    location varchar,
    host_country varchar,
    format varchar not null,           -- bilateral | multinational | training | cyber | police_training | unspecified
    us_participation varchar not null, -- yes | no | unclear
    status varchar not null,           -- held | planned | cancelled
    participants varchar,
    source varchar,
    note varchar,
    publishable boolean not null default true,
    synthetic boolean not null default false,
    row_key uuid not null,             -- md5 of the natural key, as 16 bytes
    valid_from integer not null,
    valid_to integer
);

create table if not exists agreements (
    title varchar not null,
    date_signed date not null,
    date_precision varchar not null default 'day',
    us_party varchar,
    serbian_party varchar,
    category varchar not null,         -- defence | economic | energy | tax | finance | education | culture | political | other
    area varchar not null,             -- economic | security | regional | energy | european | political | people
    value double,
    currency varchar,
    status varchar not null,           -- signed | in_force | planned | terminated
    target_id varchar,                 -- a target this agreement is evidence for (optional)
    source varchar,
    note varchar,
    publishable boolean not null default true,
    synthetic boolean not null default false,
    row_key uuid not null,             -- md5 of the natural key, as 16 bytes
    valid_from integer not null,
    valid_to integer
);

create table if not exists events (
    date date not null,
    date_precision varchar not null default 'day',
    kind varchar not null,             -- see dialogue/datasets.py EVENT_KINDS
    target_id varchar,
    title varchar not null,
    quantity double,
    area varchar,
    parties varchar,
    source varchar,
    note varchar,
    publishable boolean not null default true,
    synthetic boolean not null default false,
    row_key uuid not null,             -- md5 of the natural key, as 16 bytes
    valid_from integer not null,
    valid_to integer
);

-- The delivery datasets (issue 14): working groups, their action plans, and commitments made at meetings.
create table if not exists working_groups (
    group_id varchar not null,
    name varchar not null,
    name_sr varchar,
    area varchar not null,             -- economic | security | regional | energy | european | political | people
    us_cochair varchar,
    serbian_cochair varchar,
    established date,
    state varchar not null,            -- active | paused | closed
    source varchar,
    note varchar,
    publishable boolean not null default true,
    synthetic boolean not null default false,
    row_key uuid not null,             -- md5 of the natural key, as 16 bytes
    valid_from integer not null,
    valid_to integer
);

create table if not exists actions (
    action_id varchar not null,
    group_id varchar not null,         -- working_groups.group_id
    target_id varchar,
    title varchar not null,
    lead_side varchar not null,        -- us | serbia | joint
    owner varchar,
    start_date date,
    due_date date,
    state varchar not null,            -- planned | in_progress | done | delayed | dropped
    progress double,                   -- percent, 0..100
    last_update date,
    source varchar,
    note varchar,
    publishable boolean not null default true,
    synthetic boolean not null default false,
    row_key uuid not null,             -- md5 of the natural key, as 16 bytes
    valid_from integer not null,
    valid_to integer
);

create table if not exists commitments (
    commitment_id varchar not null,
    made_at date not null,             -- date of the meeting or statement
    meeting varchar not null,          -- its title
    "text" varchar not null,
    side varchar not null,             -- us | serbia | joint
    owner varchar,
    due_date date,
    state varchar not null,            -- open | kept | partly_kept | not_kept | dropped
    action_ids varchar,                -- linked action ids, separated by semicolons
    target_id varchar,
    source varchar,
    note varchar,
    publishable boolean not null default true,
    synthetic boolean not null default false,
    row_key uuid not null,             -- md5 of the natural key, as 16 bytes
    valid_from integer not null,
    valid_to integer
);

create table if not exists notes (
    note_id integer primary key,
    target_id varchar not null,
    author varchar not null,
    created_at timestamp not null,     -- UTC
    note_date date not null,           -- the date the note speaks of
    text varchar not null,
    deleted_at timestamp
);

-- Quarterly delivery assessments (issue 14, dialogue/assessments.py): a new version of the same target and
-- quarter sets superseded_at on the old one, which stays; approval by another analyst or an admin.
create table if not exists assessments (
    assessment_id integer primary key,
    target_id varchar not null,
    quarter varchar not null,          -- 2026-Q3
    confidence varchar not null,       -- high | medium | low
    narrative varchar not null,
    next_steps varchar,
    author varchar not null,
    created_at timestamp not null,     -- UTC
    approved_by varchar,
    approved_at timestamp,             -- UTC
    superseded_at timestamp            -- UTC, when a later version replaced it
);

create table if not exists audit_log (
    audit_id integer primary key,
    time timestamp not null,           -- UTC
    "user" varchar,
    role varchar,
    action varchar not null,           -- upload | rollback | note | target_change | user_change | sign_in | sign_in_failed | ...
    detail varchar,                    -- JSON
    ok boolean not null
);

-- Every version of data/targets.toml the dashboard or a command has seen (saved on the Administration
-- page, or found changed on disk at start), so statuses "as known at" a moment use the targets of then.
-- Created here "if not exists", so an existing database gains it in place on its next open.
create table if not exists target_versions (
    version_id integer primary key,
    time timestamp not null,           -- UTC, when the version was recorded
    author varchar not null,           -- the admin who saved it, or "file changed"
    sha256 varchar not null,           -- of the text, to notice a change
    text varchar not null              -- the whole file
);

-- Dataset rows as known at a moment: the versions valid at the last upload committed by then.
create or replace macro known_cutoff(known_at) as
    (select coalesce(max(upload_id), 0) from uploads where time <= known_at);
create or replace macro known_trade(known_at) as table
    select * from trade
    where valid_from <= known_cutoff(known_at) and (valid_to is null or valid_to > known_cutoff(known_at));
create or replace macro known_exercises(known_at) as table
    select * from exercises
    where valid_from <= known_cutoff(known_at) and (valid_to is null or valid_to > known_cutoff(known_at));
create or replace macro known_agreements(known_at) as table
    select * from agreements
    where valid_from <= known_cutoff(known_at) and (valid_to is null or valid_to > known_cutoff(known_at));
create or replace macro known_events(known_at) as table
    select * from events
    where valid_from <= known_cutoff(known_at) and (valid_to is null or valid_to > known_cutoff(known_at));
create or replace macro known_working_groups(known_at) as table
    select * from working_groups
    where valid_from <= known_cutoff(known_at) and (valid_to is null or valid_to > known_cutoff(known_at));
create or replace macro known_actions(known_at) as table
    select * from actions
    where valid_from <= known_cutoff(known_at) and (valid_to is null or valid_to > known_cutoff(known_at));
create or replace macro known_commitments(known_at) as table
    select * from commitments
    where valid_from <= known_cutoff(known_at) and (valid_to is null or valid_to > known_cutoff(known_at));

-- US goods trade with Serbia and its neighbours (issue 17): for comparison only, never a target's series.
create table if not exists peer_trade (
    reporter varchar not null,
    partner varchar not null,          -- AL | BA | XK | ME | MK | RS | HR
    year integer not null,
    month integer,                     -- 1..12, null for an annual figure
    flow varchar not null,             -- us_exports | us_imports | partner_exports | partner_imports
    value double not null,             -- whole currency units
    currency varchar not null,         -- USD | EUR | RSD
    source varchar,
    note varchar,
    publishable boolean not null default true,
    synthetic boolean not null default false,
    row_key uuid not null,             -- md5 of the natural key, as 16 bytes
    valid_from integer not null,
    valid_to integer
);
create or replace macro known_peer_trade(known_at) as table
    select * from peer_trade
    where valid_from <= known_cutoff(known_at) and (valid_to is null or valid_to > known_cutoff(known_at));
