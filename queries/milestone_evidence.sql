-- Dated evidence for milestone targets up to $as_of, as known at $known_at: events tagged with a
-- target id, events of the kinds in $any_kinds whatever their tag, and tagged agreements (signed
-- or in force = achieved on date_signed; planned = progress). dataset_rows counts events plus
-- agreements, so an empty store can be told from a store without evidence.
with tagged_events as (
    select
        target_id,
        date,
        kind,
        title,
        'events' as origin,
    from known_events($known_at)
    where (target_id is not null or list_contains($any_kinds, kind))
        and date <= $as_of::date
),
tagged_agreements as (
    select
        target_id,
        date_signed as date,
        case when status in ('signed', 'in_force') then 'agreement_signed' else 'progress' end as kind,
        title,
        'agreements' as origin,
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
dataset as (
    select
        (select count(*) from known_events($known_at))
        + (select count(*) from known_agreements($known_at)) as dataset_rows,
)
select
    evidence.target_id,
    evidence.date,
    evidence.kind,
    evidence.title,
    evidence.origin,
    dataset.dataset_rows,
from dataset
left join evidence on true
order by evidence.date nulls first, evidence.title
