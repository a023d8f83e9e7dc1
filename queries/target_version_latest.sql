-- The newest recorded version of the targets file (no row when none is recorded yet).
with versions as (
    select
        version_id,
        time,
        author,
        sha256,
        text,
    from target_versions
)
select * from versions
order by version_id desc
limit 1
