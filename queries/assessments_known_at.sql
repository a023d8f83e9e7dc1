-- Quarterly assessments as known at $known_at: the version of each target and quarter current then (recorded
-- by then, not yet superseded), with its approval only if it was approved by then.
with current_then as (
    select
        assessment_id,
        target_id,
        quarter,
        confidence,
        narrative,
        next_steps,
        author,
        created_at,
        case when approved_at <= $known_at then approved_by end as approved_by,
        case when approved_at <= $known_at then approved_at end as approved_at,
    from assessments
    where created_at <= $known_at
        and (superseded_at is null or superseded_at > $known_at)
)
select
    assessment_id,
    target_id,
    quarter,
    confidence,
    narrative,
    next_steps,
    author,
    created_at,
    approved_by,
    approved_at,
from current_then
order by quarter, target_id
