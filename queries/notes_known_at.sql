-- Analysts' notes as they stood at $known_at, for one target ($target_id) or all (null).
with known as (
    select
        note_id,
        target_id,
        author,
        created_at,
        note_date,
        text,
    from notes
    where created_at <= $known_at
      and (deleted_at is null or deleted_at > $known_at)
      and ($target_id is null or target_id = $target_id)
)
select * from known
order by note_date desc, created_at desc, note_id desc
