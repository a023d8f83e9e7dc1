-- Current rows marked synthetic (demo figures, not real statistics), per dataset: any at all and
-- figures computed from this database must say they include demo data.
with flagged as (
    select 'trade' as dataset, count(*) filter (where synthetic) as rows from trade where valid_to is null
    union all
    select 'exercises', count(*) filter (where synthetic) from exercises where valid_to is null
    union all
    select 'agreements', count(*) filter (where synthetic) from agreements where valid_to is null
    union all
    select 'events', count(*) filter (where synthetic) from events where valid_to is null
    union all
    select 'working_groups', count(*) filter (where synthetic) from working_groups where valid_to is null
    union all
    select 'actions', count(*) filter (where synthetic) from actions where valid_to is null
    union all
    select 'commitments', count(*) filter (where synthetic) from commitments where valid_to is null
)
select
    dataset,
    rows,
from flagged
order by dataset
