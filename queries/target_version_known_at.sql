-- The text of the targets file as known at $known_at: the newest version recorded by then, or the first
-- version ever recorded when $known_at is earlier than all of them (no row when none is recorded).
with versions as (
    select
        version_id,
        text,
        time <= $known_at as known,
    from target_versions
)
select
    version_id,
    text,
from versions
order by known desc, case when known then version_id else -version_id end desc
limit 1
