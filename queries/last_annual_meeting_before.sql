-- The date of the last annual high-level meeting recorded before $as_of, as known at $known_at.
with meetings as (
    select
        date,
    from known_events($known_at)
    where kind = 'annual_meeting'
      and date < $as_of
)
select max(date) as date from meetings
