-- Per milestone target (and per part of a multi-part target): the first achieving evidence and the
-- latest progress evidence dated on or before $as_of, as known at $known_at, with how many of each.
-- Targets come as parallel lists: $target_ids, $achieved_kinds (event kinds tagged with the target
-- that prove it), $any_kinds (event kinds that prove it whatever their tag); parts as $part_targets,
-- $part_names, $part_words (a part is proven by achieving evidence whose title contains one of its
-- lowercase words). Evidence: tagged events, events of any target's $any_kinds, and tagged
-- agreements (signed or in force = achieving on date_signed; planned = progress). One row per
-- target and one per part (part null for the whole target); dataset_rows counts events plus
-- agreements, so an empty store can be told from a store without evidence.
with targets as (
    select
        unnest($target_ids::varchar[]) as target_id,
        unnest($achieved_kinds::varchar[][]) as achieved_kinds,
        unnest($any_kinds::varchar[][]) as any_kinds,
),
parts as (
    select
        unnest($part_targets::varchar[]) as target_id,
        unnest($part_names::varchar[]) as part,
        unnest($part_words::varchar[][]) as words,
),
all_any_kinds as (
    select
        coalesce(flatten(list(any_kinds)), []) as kinds,
    from targets
),
tagged_events as (
    select
        target_id,
        date,
        kind,
        title,
    from known_events($known_at)
    where (target_id is not null or list_contains((select kinds from all_any_kinds), kind))
        and date <= $as_of::date
),
tagged_agreements as (
    select
        target_id,
        date_signed as date,
        case when status in ('signed', 'in_force') then 'agreement_signed' else 'progress' end as kind,
        title,
    from known_agreements($known_at)
    where target_id is not null
        and status in ('signed', 'in_force', 'planned')
        and date_signed <= $as_of::date
),
evidence as (
    select * from tagged_events
    union all
    select * from tagged_agreements
),
classified as (
    select
        targets.target_id,
        evidence.date,
        evidence.title,
        (evidence.target_id = targets.target_id
            and (list_contains(targets.achieved_kinds, evidence.kind) or evidence.kind = 'agreement_signed'))
            or list_contains(targets.any_kinds, evidence.kind) as achieving,
        evidence.target_id = targets.target_id and evidence.kind = 'progress' as progress,
    from targets
    join evidence
        on evidence.target_id = targets.target_id
        or list_contains(targets.any_kinds, evidence.kind)
),
whole as (
    select
        target_id,
        null::varchar as part,
        first(date order by date, title) filter (where achieving) as achieved_on,
        first(title order by date, title) filter (where achieving) as achieved_title,
        count(*) filter (where achieving) as achieving_count,
        first(date order by date desc, title desc) filter (where progress and not achieving) as progress_on,
        first(title order by date desc, title desc) filter (where progress and not achieving) as progress_title,
        count(*) filter (where progress and not achieving) as progress_count,
    from classified
    group by target_id
),
per_part as (
    select
        parts.target_id,
        parts.part,
        first(classified.date order by classified.date, classified.title) as achieved_on,
        first(classified.title order by classified.date, classified.title) as achieved_title,
        count(*) as achieving_count,
        null::date as progress_on,
        null::varchar as progress_title,
        0 as progress_count,
    from parts
    join classified
        on classified.target_id = parts.target_id
        and classified.achieving
        and len(list_filter(parts.words, lambda w: contains(lower(classified.title), w))) > 0
    group by parts.target_id, parts.part
),
dataset as (
    select
        (select count(*) from known_events($known_at))
        + (select count(*) from known_agreements($known_at)) as dataset_rows,
)
select
    found.target_id,
    found.part,
    found.achieved_on,
    found.achieved_title,
    found.achieving_count,
    found.progress_on,
    found.progress_title,
    found.progress_count,
    dataset.dataset_rows,
from dataset
left join (
    select * from whole
    union all
    select * from per_part
) as found on true
order by found.target_id nulls first, found.part nulls first
