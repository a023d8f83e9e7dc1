-- Road-map step V, per framework area: when it first had a working group with an action plan (at least
-- one action), as known at $known_at and dated on or before $as_of. A group's plan dates from the later of
-- its established date and its first action's start, whichever are known; a plan with neither date has
-- plan_on null (the area has a plan, but not a dated one).
with groups as (
    select
        group_id,
        name,
        area,
        established,
    from known_working_groups($known_at)
),
plans_of_groups as (
    select
        group_id,
        min(start_date) as first_start,
    from known_actions($known_at)
    group by group_id
),
plans as (
    select
        groups.area,
        groups.name,
        case
            when groups.established is null then plans_of_groups.first_start
            when plans_of_groups.first_start is null then groups.established
            else greatest(groups.established, plans_of_groups.first_start)
        end as plan_on,
    from groups
    join plans_of_groups using (group_id)
),
dated as (
    select
        area,
        name,
        plan_on,
    from plans
    where plan_on is null or plan_on <= $as_of::date
)
select
    area,
    min(plan_on) as plan_on,
    coalesce(arg_min(name, plan_on), min(name)) as group_name,
from dated
group by area
order by area
