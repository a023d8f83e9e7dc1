-- Each working group's meetings as known at $known_at: events of kind working_group_meeting dated on
-- or before $as_of name their group in target_id. One row per group id that has met.
with meetings as (
    select
        target_id as group_id,
        date,
    from known_events($known_at)
    where kind = 'working_group_meeting'
        and target_id is not null
        and date <= $as_of::date
)
select
    group_id,
    max(date) as last_meeting,
    count(*) as meetings,
from meetings
group by group_id
order by group_id
