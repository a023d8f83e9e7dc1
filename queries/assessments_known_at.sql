-- Quarterly assessments as known at $known_at: the version of each target and quarter current then (recorded
-- by then, not yet superseded), its approval (approved_by, approved_at) shown only if it was approved by then.
with current_then as (
    select
        * exclude (superseded_at),
    from assessments
    where created_at <= $known_at
        and (superseded_at is null or superseded_at > $known_at)
)
select
    * exclude (approved_by, approved_at),
    case when approved_at <= $known_at then columns('^approved_(by|at)$') end,
from current_then
order by quarter, target_id
